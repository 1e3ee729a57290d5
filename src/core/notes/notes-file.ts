/**
 * One notes file: `.papers/notes/<paper-id>.md`, YAML frontmatter for the
 * structured fields and the Markdown body for free notes.
 *
 * The files are committed, diffed, merged and edited by hand, so:
 *   - saving a note that did not change writes the file back byte for byte;
 *   - saving a note whose body alone changed keeps the frontmatter as read;
 *   - otherwise only the fields that changed are rewritten in the YAML
 *     document, so comments, unknown keys, quoting and list style survive;
 *     keys come in a fixed order (title, status, starred, tags, links,
 *     annotations, then unknown keys in their original order);
 *   - a new file writes `title` and only the fields that differ from their
 *     defaults; a key that was in the file is never dropped, even when its
 *     value goes back to the default;
 *   - line endings and a byte-order mark are kept as the file had them;
 *   - a blank line separates the closing fence from the body, and the file
 *     ends with a newline (both as the file had them, when it had a body).
 *
 * The body in a PaperNote uses "\n" line endings whatever the file has.
 * See notes-fields.ts for how lenient the reading of each field is.
 */

import {
  Document,
  LineCounter,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Node as YamlNode,
  type Pair,
  type YAMLMap,
} from 'yaml';
import {
  FieldError,
  annotationValue,
  deepEqual,
  isPlainObject,
  linkValue,
  readAnnotation,
  readLink,
  readStarred,
  readStatus,
  readTags,
  readTitle,
} from './notes-fields';
import type { PaperNote } from '../model';

/** What a save needs to know about the file it replaces. Treat as opaque. */
export interface NoteDocument {
  /** The file exactly as read. */
  readonly text: string;
  /** The note the file held when read. */
  readonly note: PaperNote;
  /** The frontmatter, when the file had one. */
  readonly yaml?: Document;
  readonly eol: '\n' | '\r\n';
  readonly bom: boolean;
  /** The file as read up to and including the closing fence line ('' without frontmatter). */
  readonly head: string;
  readonly headEndsWithEol: boolean;
  readonly closingFence: '---' | '...';
  /** A blank line between the closing fence and the body. */
  readonly blankBeforeBody: boolean;
  readonly finalNewline: boolean;
  /** Block lists written at the indentation of their key (`- a` under `tags:`). */
  readonly indentSeq: boolean;
  /** Spaces per nesting level, as the file had them. */
  readonly indent: number;
}

export type NoteParseResult =
  | { ok: true; note: PaperNote; doc: NoteDocument }
  | { ok: false; line: number; message: string };

const FIELDS = ['title', 'status', 'starred', 'tags', 'links', 'annotations'] as const;
type Field = (typeof FIELDS)[number];

// No folding of long lines (quotes and notes stay one line each); `[a, b]` as people write it.
const STRINGIFY = { lineWidth: 0, flowCollectionPadding: false } as const;

export function emptyNote(id: string, title: string): PaperNote {
  return { id, title, status: 'unread', starred: false, tags: [], links: [], annotations: [], body: '' };
}

/** True when the note holds nothing the user wrote, so it needs no file. */
export function isEmptyNote(note: PaperNote): boolean {
  return (
    note.status === 'unread' &&
    !note.starred &&
    note.tags.length === 0 &&
    note.links.length === 0 &&
    note.annotations.length === 0 &&
    note.body.trim() === ''
  );
}

function stripEol(line: string): string {
  return line.endsWith('\r\n') ? line.slice(0, -2) : line.endsWith('\n') ? line.slice(0, -1) : line;
}

function lfOnly(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

/** Splits what follows the frontmatter into the body and the layout around it. */
function splitBody(rest: string): { body: string; blankBeforeBody: boolean; finalNewline: boolean } {
  let body = rest;
  const blankBeforeBody = body === '' || body.startsWith('\n');
  if (body.startsWith('\n')) body = body.slice(1);
  const finalNewline = body === '' || body.endsWith('\n');
  if (body.endsWith('\n')) body = body.slice(0, -1);
  return { body, blankBeforeBody, finalNewline };
}

function yamlMessage(message: string): string {
  const first = message.split('\n')[0].replace(/\s+at line \d+, column \d+:?\s*$/, '').trim();
  return `The frontmatter is not valid YAML: ${first.replace(/\.$/, '')}.`;
}

export function parseNoteFile(text: string, id: string): NoteParseResult {
  const bom = text.startsWith('\uFEFF');
  const src = bom ? text.slice(1) : text;
  const eol = /^[^\n]*\r\n/.test(src) ? '\r\n' : '\n';
  const lines = src.split(/(?<=\n)/);
  const fenced = stripEol(lines[0]).trimEnd() === '---';

  if (!fenced) {
    const { body, finalNewline } = splitBody('\n' + lfOnly(src));
    const note = { ...emptyNote(id, ''), body };
    const doc: NoteDocument = {
      text, note, eol, bom, head: '', headEndsWithEol: true, closingFence: '---',
      blankBeforeBody: true, finalNewline, indentSeq: true, indent: 2,
    };
    return { ok: true, note, doc };
  }

  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    const l = stripEol(lines[i]).trimEnd();
    if (l === '---' || l === '...') {
      close = i;
      break;
    }
  }
  if (close < 0) {
    return {
      ok: false,
      line: 0,
      message: 'The frontmatter opened by the "---" on the first line is never closed: add a line "---" after it.',
    };
  }

  for (let i = 1; i < close; i++) {
    if (/^(<{7}|={7}|>{7})(\s|$)/.test(stripEol(lines[i]))) {
      return {
        ok: false,
        line: i,
        message: 'The frontmatter holds unresolved merge conflict markers (<<<<<<<, =======, >>>>>>>): resolve the conflict first.',
      };
    }
  }
  const yamlText = lfOnly(lines.slice(1, close).join(''));
  const lineCounter = new LineCounter();
  const yaml = parseDocument(yamlText, { lineCounter, uniqueKeys: true, prettyErrors: true });
  // Line L (1-based) of the frontmatter is line L (0-based) of the file: the fence is line 0.
  // An error found at the end of the YAML (an unclosed bracket or quote) is shown on its last line.
  const fileLine = (offset: number): number => Math.max(1, Math.min(lineCounter.linePos(offset).line, close - 1));
  if (yaml.errors.length > 0) {
    const error = yaml.errors[0];
    return { ok: false, line: fileLine(error.pos[0]), message: yamlMessage(error.message) };
  }
  const contents = yaml.contents;
  if (contents !== null && !isMap(contents)) {
    const start = isNode(contents) && contents.range ? contents.range[0] : 0;
    const found = isSeq(contents) ? 'a list' : 'a single value';
    return {
      ok: false,
      line: fileLine(start),
      message: `The frontmatter must be "key: value" lines (title, status, tags, ...), not ${found}.`,
    };
  }

  const note = emptyNote(id, '');
  try {
    for (const pair of contents?.items ?? []) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (typeof key !== 'string' || !(FIELDS as readonly string[]).includes(key)) continue;
      readField(note, key as Field, pair, yaml);
    }
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    return { ok: false, line: fileLine(rangeStart(e.at)), message: e.message };
  }

  const rest = lfOnly(lines.slice(close + 1).join(''));
  const { body, blankBeforeBody, finalNewline } = splitBody(rest);
  note.body = body;
  const doc: NoteDocument = {
    text,
    note,
    yaml,
    eol,
    bom,
    head: (bom ? '\uFEFF' : '') + lines.slice(0, close + 1).join(''),
    headEndsWithEol: lines[close].endsWith('\n'),
    closingFence: stripEol(lines[close]).trimEnd() as '---' | '...',
    blankBeforeBody,
    finalNewline,
    indentSeq: !/^-(\s|$)/m.test(yamlText),
    indent: indentOf(yamlText),
  };
  return { ok: true, note: cloneNote(note), doc };
}

/** The smallest indentation of the file's nested lines (2 to 8 spaces; 2 when nothing is nested). */
function indentOf(yamlText: string): number {
  let indent = Infinity;
  for (const m of yamlText.matchAll(/^( +)[^\s#]/gm)) indent = Math.min(indent, m[1].length);
  return Number.isFinite(indent) ? Math.max(2, Math.min(8, indent)) : 2;
}

function rangeStart(at: unknown): number {
  if (isPair(at)) return rangeStart(at.value ?? at.key);
  if (isNode(at) && at.range) return at.range[0];
  return 0;
}

function toJs(node: unknown, doc: Document): unknown {
  return isNode(node) ? node.toJS(doc) : node;
}

function readField(note: PaperNote, field: Field, pair: Pair, doc: Document): void {
  const node = pair.value;
  const at = node ?? pair;
  const value = toJs(node, doc);
  const items = isSeq(node) ? node.items : undefined;
  switch (field) {
    case 'title':
      note.title = readTitle(value, at);
      return;
    case 'status':
      note.status = readStatus(value, at);
      return;
    case 'starred':
      note.starred = readStarred(value, at);
      return;
    case 'tags':
      note.tags = readTags(value, at, items);
      return;
    case 'links':
      note.links = listOf(value, 'links', at).flatMap((v, i) => (v == null ? [] : [readLink(v, items?.[i] ?? at, i)]));
      return;
    case 'annotations':
      note.annotations = listOf(value, 'annotations', at).flatMap((v, i) =>
        v == null ? [] : [readAnnotation(v, items?.[i] ?? at, i)],
      );
      return;
  }
}

/** A list field written as a single item is read as a list of one; empty items are skipped by the caller. */
function listOf(value: unknown, what: string, at: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' || isPlainObject(value)) return [value];
  throw new FieldError(`${what} must be a list, not ${String(value)}.`, at);
}

function cloneNote(note: PaperNote): PaperNote {
  return structuredClone(note);
}

function fieldValue(note: PaperNote, field: Field): unknown {
  switch (field) {
    case 'title':
      return note.title;
    case 'status':
      return note.status;
    case 'starred':
      return note.starred;
    case 'tags': {
      const tags: string[] = [];
      for (const t of note.tags) {
        const tag = t.trim();
        if (tag !== '' && !tags.includes(tag)) tags.push(tag);
      }
      return tags;
    }
    case 'links':
      return note.links.map(linkValue);
    case 'annotations':
      return note.annotations.map(annotationValue);
  }
}

function isDefault(field: Field, value: unknown): boolean {
  switch (field) {
    case 'title':
      return false;
    case 'status':
      return value === 'unread';
    case 'starred':
      return value === false;
    default:
      return Array.isArray(value) && value.length === 0;
  }
}

function sameFields(a: PaperNote, b: PaperNote): boolean {
  return FIELDS.every((f) => deepEqual(fieldValue(a, f), fieldValue(b, f)));
}

export function serializeNoteFile(note: PaperNote, previous?: NoteDocument): string {
  const eol = previous?.eol ?? '\n';
  const body = note.body.replace(/\r\n/g, '\n');
  const blank = previous?.blankBeforeBody ?? true;
  const final = previous?.finalNewline ?? true;
  const withEol = (s: string): string => (eol === '\n' ? s : s.replace(/\n/g, eol));
  const bodyText = body === '' ? '' : (blank ? eol : '') + withEol(body) + (final ? eol : '');

  if (previous && sameFields(note, previous.note)) {
    if (body === previous.note.body) return previous.text;
    if (!previous.yaml) return (previous.bom ? '\uFEFF' : '') + (body === '' ? '' : withEol(body) + (final ? eol : ''));
    return previous.head + (previous.headEndsWithEol ? '' : eol) + bodyText;
  }

  const yamlText = frontmatter(note, previous);
  const fence = previous?.closingFence ?? '---';
  return (previous?.bom ? '\uFEFF' : '') + '---' + eol + withEol(yamlText) + fence + eol + bodyText;
}

function frontmatter(note: PaperNote, previous: NoteDocument | undefined): string {
  const old = previous?.yaml ? previous.note : undefined;
  const doc = previous?.yaml ? previous.yaml.clone() : new Document();
  const contents = doc.contents;
  const map: YAMLMap<unknown, unknown> = isMap(contents) ? contents : (doc.createNode({}) as YAMLMap<unknown, unknown>);
  doc.contents = map;
  const originalOrder = new Map(map.items.map((p, i) => [p, i]));
  for (const field of FIELDS) {
    const next = fieldValue(note, field);
    const pair = findPair(map, field);
    if (pair) {
      const before = old ? fieldValue(old, field) : undefined;
      if (!deepEqual(before, next)) pair.value = updateField(doc, field, pair.value, next);
    } else if (!isDefault(field, next)) {
      map.items.push(doc.createPair(field, next));
    }
  }
  const rank = (p: Pair): number => {
    const key = isScalar(p.key) ? p.key.value : undefined;
    const known = (FIELDS as readonly unknown[]).indexOf(key);
    return known >= 0 ? known : FIELDS.length + (originalOrder.get(p) ?? 0);
  };
  const first = map.items[0];
  map.items.sort((a, b) => rank(a) - rank(b));
  // Comments at the top of the frontmatter, up to the last blank line, are the file's header:
  // they stay on top when the first key moves. The lines right above the key move with it.
  const before = first && isScalar(first.key) ? first.key.commentBefore : undefined;
  if (first && before && map.items[0] !== first && isScalar(first.key)) {
    const cut = before.lastIndexOf('\n\n');
    if (cut >= 0) {
      doc.commentBefore = [doc.commentBefore, before.slice(0, cut)].filter(Boolean).join('\n');
      first.key.commentBefore = before.slice(cut + 2);
      map.spaceBefore = true;
    }
  }
  return doc.toString({ ...STRINGIFY, indentSeq: previous?.indentSeq ?? true, indent: previous?.indent ?? 2 });
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
}

/** Reads an item node back the way the parser would, or undefined if it cannot be read. */
function itemReader(field: Field, doc: Document): ((node: unknown) => unknown) | undefined {
  const guard = (read: (v: unknown) => unknown) => (node: unknown) => {
    try {
      return read(toJs(node, doc));
    } catch {
      return undefined;
    }
  };
  switch (field) {
    case 'tags':
      return guard((v) => readTags([v], undefined)[0]);
    case 'links':
      return guard((v) => linkValue(readLink(v, undefined, 0)));
    case 'annotations':
      return guard((v) => annotationValue(readAnnotation(v, undefined, 0)));
    default:
      return undefined;
  }
}

function updateField(doc: Document, field: Field, node: unknown, next: unknown): unknown {
  const read = itemReader(field, doc);
  if (!read || !Array.isArray(next)) return updateValue(doc, node, undefined, next);
  if (!isSeq(node)) {
    // A hand-written `tags: rl, agents` stays on one line.
    const seq = doc.createNode(next);
    if (isScalar(node) && typeof node.value === 'string' && isSeq(seq)) seq.flow = true;
    return seq;
  }
  const identity = field === 'annotations' ? (v: unknown) => (isPlainObject(v) ? v.id : undefined) : undefined;
  return updateSeq(doc, node, next, read, identity);
}

function updateSeq(
  doc: Document,
  seq: { items: unknown[] },
  next: unknown[],
  read: (node: unknown) => unknown,
  identity?: (value: unknown) => unknown,
): unknown {
  const olds = seq.items.map((node) => ({ node, value: read(node), used: false }));
  seq.items = next.map((value) => {
    const same = olds.find((o) => !o.used && o.value !== undefined && deepEqual(o.value, value));
    if (same) {
      same.used = true;
      return same.node;
    }
    const id = identity?.(value);
    const edited =
      id === undefined ? undefined : olds.find((o) => !o.used && isMap(o.node) && identity?.(o.value) === id);
    if (edited) {
      edited.used = true;
      return updateValue(doc, edited.node, edited.value, value);
    }
    return doc.createNode(value);
  });
  return seq;
}

/** Changes `node` to hold `next`, keeping whatever of it still applies (comments, style, unknown keys). */
function updateValue(doc: Document, node: unknown, before: unknown, next: unknown): unknown {
  if (isPlainObject(next) && isMap(node) && isPlainObject(before)) {
    for (const [key, value] of Object.entries(next)) {
      const pair = findPair(node, key);
      if (pair) {
        if (!deepEqual(before[key], value)) pair.value = updateValue(doc, pair.value, before[key], value);
      } else if (!deepEqual(before[key], value)) {
        node.items.push(doc.createPair(key, value));
      }
    }
    for (const key of Object.keys(before)) {
      if (next[key] !== undefined) continue;
      const pair = findPair(node, key);
      if (pair) node.items.splice(node.items.indexOf(pair), 1);
    }
    return node;
  }
  if (Array.isArray(next) && isSeq(node)) {
    return updateSeq(doc, node, next, (n) => toJs(n, doc));
  }
  const fresh = doc.createNode(next);
  if (isScalar(node) && isScalar(fresh)) {
    fresh.comment = node.comment;
    fresh.commentBefore = node.commentBefore;
    fresh.spaceBefore = node.spaceBefore;
    const keepStyle =
      typeof node.value === 'string' &&
      typeof next === 'string' &&
      (next.includes('\n') || (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED'));
    if (keepStyle) fresh.type = node.type;
  }
  return fresh as YamlNode;
}
