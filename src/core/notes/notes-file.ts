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
 *
 * Both directions are total and linear. Reading gives the note or an error naming
 * the file and the line; a file whose frontmatter cannot be rewritten faithfully
 * (aliases, merge keys, tags: notes-yaml-check.ts) is read but marked
 * `notRewritable`. Saving gives the text to write or a refusal: it refuses to
 * rewrite such a frontmatter, to write a note the file would not read back as the
 * same note, and to write a file over MAX_NOTES_FILE_LENGTH. A refused save writes
 * nothing, so the caller keeps the edit.
 */

import {
  CST,
  Document,
  Lexer,
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
  canonicalKey,
  deepEqual,
  isPlainObject,
  linkValue,
  readAnnotation,
  readLink,
  readStarred,
  readStatus,
  readTag,
  readTags,
  readTitle,
  uniqueTags,
} from './notes-fields';
import { notesFileName } from './notes-file-name';
import { scanYaml } from './notes-yaml-check';
import { readPlainYaml, type PlainEntry, type PlainYaml } from './plain-yaml-read';
import { PlainWriteError, writePlainEntry } from './plain-yaml-write';
import type { PaperNote, WorkCounter } from '../model';

/**
 * The longest notes file read or written: 4 MiB. On disk it bounds the file's bytes, so
 * a larger file is refused from its size without being read; in memory it bounds the
 * characters (UTF-16 code units, never more than the file's UTF-8 bytes). A longer file
 * gets an error instead of a parse that could stall the editor; 40,000 tags and 10,000
 * annotations (about 2.1 MB) fit with room to spare.
 */
export const MAX_NOTES_FILE_LENGTH = 4 * 1024 * 1024;

/** The most YAML aliases a frontmatter may use and still be read. */
export const MAX_YAML_ALIASES = 100;

/** Why a file's frontmatter is never rewritten, and the file line (0-based) of the cause. */
export interface NoteRewriteRefusal {
  readonly line: number;
  readonly reason: string;
}

/** A notes file that cannot be read, or a save that was refused; `file` is the notes file's name. */
export interface NoteFileError {
  ok: false;
  file: string;
  /** 0-based line of the file to show. */
  line: number;
  /** One sentence for the user, without a line break. */
  message: string;
}

export interface NoteFileOptions {
  /** Counts the steps taken, to check that the work grows linearly with the file. */
  work?: WorkCounter;
}

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
  /** The frontmatter's YAML text, with "\n" line endings ('' without frontmatter). */
  readonly yamlText: string;
  /** The frontmatter as the plain reader read it, when it is in that subset (then `yaml` is unset). */
  readonly plain?: PlainYaml;
  /** Set when the frontmatter must not be rewritten (a save may still change the body). */
  readonly notRewritable?: NoteRewriteRefusal;
}

export type NoteParseResult =
  | { ok: true; note: PaperNote; doc: NoteDocument; notRewritable?: NoteRewriteRefusal }
  | NoteFileError;

/**
 * A save: the text to write, with the note and document the written file reads back
 * as (use them as the new base instead of parsing the text again), or a refusal.
 */
export type NoteSerializeResult =
  | { ok: true; text: string; note: PaperNote; doc: NoteDocument }
  | NoteFileError;

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

/** The lines of `text` (a last line without "\n" counts; an empty text is one line). */
function lineCount(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return text.length === 0 || !text.endsWith('\n') ? count + 1 : count;
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
  if (/Maximum call stack/.test(message)) return 'The frontmatter nests too deeply to be read.';
  const first = message.split('\n')[0].replace(/\s+at line \d+, column \d+:?\s*$/, '').trim();
  return `The frontmatter is not valid YAML: ${first.replace(/\.$/, '')}.`;
}

/** The notes file's name for messages, even for an id that is not a paper id. */
function fileLabel(id: string): string {
  return notesFileName(id) ?? `the notes file of ${JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id)}`;
}

function sizeText(length: number): string {
  return `${(length / (1024 * 1024)).toFixed(1)} MiB`;
}

/** An error the code did not see coming (the yaml library overflowing the stack on deep nesting, say). */
function unexpected(file: string, error: unknown, what: string): NoteFileError {
  const message =
    error instanceof RangeError
      ? `The frontmatter nests too deeply to be ${what}.`
      : `The notes file could not be ${what}: ${String(error instanceof Error ? error.message : error).split('\n')[0]}`;
  return { ok: false, file, line: 0, message };
}

/** The error of a notes file over MAX_NOTES_FILE_LENGTH, from its size alone (bytes on disk, or characters). */
export function oversizedNoteFile(id: string, size: number): NoteFileError {
  return {
    ok: false,
    file: fileLabel(id),
    line: 0,
    message: `The notes file is ${sizeText(size)}, more than the ${sizeText(MAX_NOTES_FILE_LENGTH)} a notes file may hold, so it is not read: split or shorten it.`,
  };
}

export function parseNoteFile(text: string, id: string, options: NoteFileOptions = {}): NoteParseResult {
  if (text.length > MAX_NOTES_FILE_LENGTH) return oversizedNoteFile(id, text.length);
  const file = fileLabel(id);
  try {
    return readNoteFile(text, id, file, options.work);
  } catch (error) {
    return unexpected(file, error, 'read');
  }
}

function readNoteFile(text: string, id: string, file: string, work: WorkCounter | undefined): NoteParseResult {
  const bom = text.startsWith('\uFEFF');
  const src = bom ? text.slice(1) : text;
  const eol = /^[^\n]*\r\n/.test(src) ? '\r\n' : '\n';
  if (work) work.steps += lineCount(src);
  // The lines are walked by their offsets, not cut out: a large file makes no string per line.
  const lineEnd = (start: number) => {
    const nl = src.indexOf('\n', start);
    return nl < 0 ? src.length : nl + 1;
  };
  const line = (start: number) => stripEol(src.slice(start, lineEnd(start)));
  const fenced = line(0).trimEnd() === '---';

  if (!fenced) {
    const { body, finalNewline } = splitBody('\n' + lfOnly(src));
    const note = { ...emptyNote(id, ''), body };
    const doc: NoteDocument = {
      text, note, eol, bom, head: '', yamlText: '', headEndsWithEol: true, closingFence: '---',
      blankBeforeBody: true, finalNewline, indentSeq: true, indent: 2,
    };
    return { ok: true, note, doc };
  }

  const yamlStart = lineEnd(0);
  let yamlEnd = -1;
  let close = -1;
  let conflictLine = -1;
  let lineNo = 1;
  for (let start = yamlStart; start < src.length; start = lineEnd(start), lineNo++) {
    const first = src.charCodeAt(start);
    if (first === 45 || first === 46) {
      const l = line(start).trimEnd();
      if (l === '---' || l === '...') {
        yamlEnd = start;
        close = lineNo;
        break;
      }
    }
    if (conflictLine < 0 && first >= 60 && first <= 62 && /^(<{7}|={7}|>{7})(\s|$)/.test(line(start))) conflictLine = lineNo;
  }
  if (yamlEnd < 0) {
    return {
      ok: false,
      file,
      line: 0,
      message: 'The frontmatter opened by the "---" on the first line is never closed: add a line "---" after it.',
    };
  }
  if (conflictLine >= 0) {
    return {
      ok: false,
      file,
      line: conflictLine,
      message: 'The frontmatter holds unresolved merge conflict markers (<<<<<<<, =======, >>>>>>>): resolve the conflict first.',
    };
  }
  // Cut from the text rather than joined from the lines: a slice makes no copy.
  const headEnd = lineEnd(yamlEnd);
  const closeLine = src.slice(yamlEnd, headEnd);
  const yamlText = lfOnly(src.slice(yamlStart, yamlEnd));
  const frontmatter = readPlainFrontmatter(yamlText, id, work) ?? readYamlFrontmatter(yamlText, id, file, close, work);
  if (!frontmatter.ok) return frontmatter;
  const { note, yaml, plain, notRewritable } = frontmatter;

  const rest = lfOnly(src.slice(headEnd));
  const { body, blankBeforeBody, finalNewline } = splitBody(rest);
  note.body = body;
  const doc: NoteDocument = {
    text,
    note,
    ...(yaml ? { yaml } : {}),
    ...(plain ? { plain } : {}),
    eol,
    bom,
    head: text.slice(0, headEnd + (bom ? 1 : 0)),
    yamlText,
    headEndsWithEol: closeLine.endsWith('\n'),
    closingFence: stripEol(closeLine).trimEnd() as '---' | '...',
    blankBeforeBody,
    finalNewline,
    indentSeq: !/^-(\s|$)/m.test(yamlText),
    indent: indentOf(yamlText),
    ...(notRewritable ? { notRewritable } : {}),
  };
  return notRewritable ? { ok: true, note: cloneNote(note), doc, notRewritable } : { ok: true, note: cloneNote(note), doc };
}

/** The note's fields as a frontmatter gives them, and how it was read. */
type Frontmatter =
  | { ok: true; note: PaperNote; yaml?: Document; plain?: PlainYaml; notRewritable?: NoteRewriteRefusal }
  | NoteFileError;

/**
 * The fields of a frontmatter in the plain subset (plain-yaml-read.ts), read in one pass;
 * undefined for anything else (unknown keys, comments, a field in error, ...), which the
 * yaml library then reads and reports on.
 */
function readPlainFrontmatter(yamlText: string, id: string, work: WorkCounter | undefined): Frontmatter | undefined {
  const plain = readPlainYaml(yamlText);
  if (!plain) return undefined;
  if (work) work.steps += plain.steps;
  const note = emptyNote(id, '');
  try {
    for (const entry of plain.entries) {
      if (!(FIELDS as readonly string[]).includes(entry.key)) return undefined;
      applyField(note, entry.key as Field, entry.value, undefined, undefined);
    }
  } catch (e) {
    if (e instanceof FieldError) return undefined;
    throw e;
  }
  return { ok: true, note, plain };
}

function readYamlFrontmatter(yamlText: string, id: string, file: string, close: number, work: WorkCounter | undefined): Frontmatter {
  const lineCounter = new LineCounter();
  const yaml = parseDocument(yamlText, { lineCounter, uniqueKeys: true, prettyErrors: true });
  // Line L (1-based) of the frontmatter is line L (0-based) of the file: the fence is line 0.
  // An error found at the end of the YAML (an unclosed bracket or quote) is shown on its last line.
  const fileLine = (offset: number): number => Math.max(1, Math.min(lineCounter.linePos(offset).line, close - 1));
  if (yaml.errors.length > 0) {
    const error = yaml.errors[0];
    return { ok: false, file, line: fileLine(error.pos[0]), message: yamlMessage(error.message) };
  }
  const contents = yaml.contents;
  if (contents !== null && !isMap(contents)) {
    const start = isNode(contents) && contents.range ? contents.range[0] : 0;
    const found = isSeq(contents) ? 'a list' : 'a single value';
    return {
      ok: false,
      file,
      line: fileLine(start),
      message: `The frontmatter must be "key: value" lines (title, status, tags, ...), not ${found}.`,
    };
  }

  const scan = scanYaml(yaml);
  if (work) work.steps += scan.steps;
  if (scan.aliases > MAX_YAML_ALIASES) {
    return {
      ok: false,
      file,
      line: fileLine(scan.firstAlias ?? 0),
      message: `The frontmatter uses ${scan.aliases} YAML aliases; at most ${MAX_YAML_ALIASES} are read: write the values out instead.`,
    };
  }
  const notRewritable = scan.unwritable && { line: fileLine(scan.unwritable.offset), reason: scan.unwritable.reason };

  const note = emptyNote(id, '');
  try {
    for (const pair of contents?.items ?? []) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (typeof key !== 'string' || !(FIELDS as readonly string[]).includes(key)) continue;
      readField(note, key as Field, pair, yaml, work);
    }
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    return { ok: false, file, line: fileLine(rangeStart(e.at)), message: e.message };
  }
  return notRewritable ? { ok: true, note, yaml, notRewritable } : { ok: true, note, yaml };
}

/** The smallest indentation of the file's nested lines (2 to 8 spaces; 2 when nothing is nested). */
function indentOf(yamlText: string): number {
  let indent = Infinity;
  for (const m of yamlText.matchAll(/^( +)[^\s#]/gm)) {
    indent = Math.min(indent, m[1].length);
    if (indent <= 2) break; // the least there is: no need to look at every line
  }
  return Number.isFinite(indent) ? Math.max(2, Math.min(8, indent)) : 2;
}

function rangeStart(at: unknown): number {
  if (isPair(at)) return rangeStart(at.value ?? at.key);
  if (isNode(at) && at.range) return at.range[0];
  return 0;
}

/** The plain value of a node; a value the yaml library cannot build (aliases that expand too far) is a FieldError. */
function toJs(node: unknown, doc: Document, what = 'a value'): unknown {
  if (!isNode(node)) return node;
  try {
    return node.toJS(doc);
  } catch (error) {
    if (error instanceof RangeError) throw error;
    const message = error instanceof Error ? error.message.split('\n')[0].replace(/\.$/, '') : String(error);
    const reason = /Excessive alias count/.test(message) ? 'its YAML aliases expand to too much' : message;
    throw new FieldError(`${what} cannot be read (${reason}).`, node);
  }
}

function readField(note: PaperNote, field: Field, pair: Pair, doc: Document, work: WorkCounter | undefined): void {
  const node = pair.value;
  const at = node ?? pair;
  const value = toJs(node, doc, field);
  const items = isSeq(node) ? node.items : undefined;
  if (work) work.steps += 1 + (items?.length ?? 0) + (Array.isArray(value) ? value.length : 0);
  applyField(note, field, value, at, items);
}

/** Sets `field` of `note` from its YAML value; `at` and `items` are the nodes an error points at. */
function applyField(note: PaperNote, field: Field, value: unknown, at: unknown, items: readonly unknown[] | undefined): void {
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

/** A copy sharing nothing mutable with `note` (every member below these levels is a string or a number). */
function cloneNote(note: PaperNote): PaperNote {
  return {
    ...note,
    tags: [...note.tags],
    links: note.links.map((link) => ({ ...link })),
    annotations: note.annotations.map((a) => ({
      ...a,
      anchor: { ...a.anchor },
      ...(a.replies ? { replies: a.replies.map((r) => ({ ...r })) } : {}),
    })),
  };
}

function fieldValue(note: PaperNote, field: Field): unknown {
  switch (field) {
    case 'title':
      return note.title;
    case 'status':
      return note.status;
    case 'starred':
      return note.starred;
    case 'tags':
      return uniqueTags(note.tags);
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

/**
 * The field values of the notes one save looks at, each worked out once: a save compares
 * and writes the same 40,000 tags several times.
 */
class FieldValues {
  private readonly cache = new Map<PaperNote, Map<Field, unknown>>();

  /** `read` is the note of a document as read: its tags are already trimmed and unique. */
  constructor(private readonly read?: PaperNote) {}

  get(note: PaperNote, field: Field): unknown {
    if (note === this.read && field === 'tags') return note.tags;
    let values = this.cache.get(note);
    if (!values) this.cache.set(note, (values = new Map()));
    if (!values.has(field)) values.set(field, fieldValue(note, field));
    return values.get(field);
  }
}

function sameFields(a: PaperNote, b: PaperNote, values: FieldValues): boolean {
  return FIELDS.every((f) => deepEqual(values.get(a, f), values.get(b, f)));
}

export function serializeNoteFile(note: PaperNote, previous?: NoteDocument, options: NoteFileOptions = {}): NoteSerializeResult {
  const file = fileLabel(note.id);
  try {
    return writeNoteFile(note, previous, file, options.work);
  } catch (error) {
    return unexpected(file, error, 'written');
  }
}

function refuse(file: string, line: number, message: string): NoteFileError {
  return { ok: false, file, line, message };
}

function writeNoteFile(note: PaperNote, previous: NoteDocument | undefined, file: string, work: WorkCounter | undefined): NoteSerializeResult {
  const values = new FieldValues(previous?.note);
  const same = previous !== undefined && sameFields(note, previous.note, values);
  if (previous && same && note.body.replace(/\r\n/g, '\n') === previous.note.body) {
    return { ok: true, text: previous.text, note: cloneNote(previous.note), doc: previous };
  }
  let expected: PaperNote;
  try {
    expected = readBack(note, values);
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    return refuse(file, 0, `These notes cannot be saved: ${e.message}`);
  }
  const frontmatterChanges = !same;
  if (frontmatterChanges && previous?.notRewritable) {
    const { line, reason } = previous.notRewritable;
    return refuse(
      file,
      line,
      `The frontmatter of this notes file cannot be rewritten without changing what it says (${reason}, line ${line + 1}), so the change is not saved: write that part out in plain YAML to save it.`,
    );
  }
  const rewrite: Rewrite = { work, dropped: false, values, same };
  const text = renderNoteFile(note, previous, rewrite);
  if (text.length > MAX_NOTES_FILE_LENGTH) {
    return refuse(file, 0, `These notes would make a notes file of ${sizeText(text.length)}, more than the ${sizeText(MAX_NOTES_FILE_LENGTH)} a notes file may hold, so they are not saved.`);
  }
  // What is written must read back as the note, with every key the file had kept.
  const back = readNoteFile(text, note.id, file, work);
  if (!back.ok) return refuse(file, back.line, `These notes cannot be saved: the file written would not read back (${back.message})`);
  const rewritten = frontmatterChanges ? previous?.yaml : undefined;
  const lost =
    lostField(expected, back.note) ??
    (rewritten ? lostUnknownKey(rewritten, back.doc.yaml, work) : undefined) ??
    (rewritten && !rewrite.dropped ? lostComment(previous!.yamlText, back.doc.yamlText) : undefined);
  if (lost !== undefined) return refuse(file, 0, `These notes cannot be saved: the file written would not keep ${lost} as it is.`);
  return { ok: true, text, note: back.note, doc: back.doc };
}

/** The note as a file holding it reads back: the readers applied to what is written. */
function readBack(note: PaperNote, values: FieldValues): PaperNote {
  return {
    id: note.id,
    title: note.title,
    status: note.status,
    starred: note.starred,
    tags: [...(values.get(note, 'tags') as string[])],
    links: note.links.map((link, i) => readLink(linkValue(link), undefined, i)),
    annotations: note.annotations.map((a, i) => readAnnotation(annotationValue(a), undefined, i)),
    body: note.body.replace(/\r\n/g, '\n'),
  };
}

/** The first field of `expected` that `actual` does not hold, if any. */
function lostField(expected: PaperNote, actual: PaperNote): string | undefined {
  for (const key of [...FIELDS, 'body'] as const) {
    if (!deepEqual(expected[key], actual[key])) return key === 'body' ? 'the body' : `the field "${key}"`;
  }
  return undefined;
}

/**
 * The first key other than the note's fields whose value changed or went missing, if any;
 * `after` is undefined when the file written was read without the yaml library (so it holds none).
 */
function lostUnknownKey(before: Document, after: Document | undefined, work: WorkCounter | undefined): string | undefined {
  const unknown = (doc: Document | undefined): Map<string, Pair> => {
    const pairs = new Map<string, Pair>();
    const contents = doc?.contents;
    if (!doc || !isMap(contents)) return pairs;
    for (const pair of contents.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (typeof key === 'string' && (FIELDS as readonly string[]).includes(key)) continue;
      pairs.set(canonicalKey(toJs(pair.key, doc)), pair);
    }
    return pairs;
  };
  const now = unknown(after);
  for (const [key, pair] of unknown(before)) {
    if (work) work.steps++;
    const kept = now.get(key);
    if (!kept || !after) return `the key ${key}`;
    if (canonicalKey(toJs(kept.value, after)) !== canonicalKey(toJs(pair.value, before))) return `the key ${key}`;
  }
  return undefined;
}

/** The comments of a YAML text, trimmed, as the yaml library's lexer finds them. */
function commentsOf(yamlText: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of new Lexer().lex(yamlText)) {
    if (CST.tokenType(token) !== 'comment') continue;
    const comment = token.trim();
    counts.set(comment, (counts.get(comment) ?? 0) + 1);
  }
  return counts;
}

/**
 * The first comment of `before` that `after` does not hold, if any. Only asked when no
 * list item or key was dropped: a dropped item takes its comments with it.
 */
function lostComment(before: string, after: string): string | undefined {
  // Every comment starts with "#": a text without one has none to lose.
  if (!before.includes('#')) return undefined;
  const kept = commentsOf(after);
  for (const [comment, count] of commentsOf(before)) {
    if ((kept.get(comment) ?? 0) < count) return `the comment ${JSON.stringify(comment)}`;
  }
  return undefined;
}

/** What a rewrite of the frontmatter did: the steps it took, and whether it dropped an item or a key. */
interface Rewrite {
  work?: WorkCounter;
  dropped: boolean;
  values: FieldValues;
  /** The note's fields are the ones the file held. */
  same: boolean;
}

/** The file's text for `note`, written over `previous` (see the file comment). */
function renderNoteFile(note: PaperNote, previous: NoteDocument | undefined, rewrite: Rewrite): string {
  const eol = previous?.eol ?? '\n';
  const body = note.body.replace(/\r\n/g, '\n');
  const blank = previous?.blankBeforeBody ?? true;
  const final = previous?.finalNewline ?? true;
  const withEol = (s: string): string => (eol === '\n' ? s : s.replace(/\n/g, eol));
  const bodyText = body === '' ? '' : (blank ? eol : '') + withEol(body) + (final ? eol : '');

  if (previous && rewrite.same) {
    const fenced = previous.yaml !== undefined || previous.plain !== undefined;
    // A body that starts with a fence would be read as frontmatter: it gets one.
    if (!fenced && !/^---[ \t]*(\n|$)/.test(body)) {
      return (previous.bom ? '\uFEFF' : '') + (body === '' ? '' : withEol(body) + (final ? eol : ''));
    }
    if (fenced) return previous.head + (previous.headEndsWithEol ? '' : eol) + bodyText;
  }

  const yamlText = frontmatter(note, previous, rewrite);
  const fence = previous?.closingFence ?? '---';
  return (previous?.bom ? '\uFEFF' : '') + '---' + eol + withEol(yamlText) + fence + eol + bodyText;
}

function frontmatter(note: PaperNote, previous: NoteDocument | undefined, rewrite: Rewrite): string {
  if (!previous?.yaml) {
    try {
      return plainFrontmatter(note, previous, rewrite);
    } catch (e) {
      if (!(e instanceof PlainWriteError)) throw e;
    }
  }
  const old = previous?.yaml ? previous.note : undefined;
  const doc = previous?.yaml ? previous.yaml.clone() : new Document();
  const contents = doc.contents;
  const map: YAMLMap<unknown, unknown> = isMap(contents) ? contents : (doc.createNode({}) as YAMLMap<unknown, unknown>);
  doc.contents = map;
  const originalOrder = new Map(map.items.map((p, i) => [p, i]));
  for (const field of FIELDS) {
    const next = rewrite.values.get(note, field);
    const pair = findPair(map, field);
    if (pair) {
      const before = old ? rewrite.values.get(old, field) : undefined;
      if (!deepEqual(before, next)) pair.value = updateField(doc, field, pair.value, next, rewrite);
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

/**
 * The frontmatter written without the yaml library, for a new file or over one the plain
 * reader read: an unchanged field keeps its lines, a changed list keeps its unchanged items.
 */
function plainFrontmatter(note: PaperNote, previous: NoteDocument | undefined, rewrite: Rewrite): string {
  const layout = { indent: previous?.indent ?? 2, indentSeq: previous?.indentSeq ?? true };
  const entries = new Map<string, PlainEntry>((previous?.plain?.entries ?? []).map((e) => [e.key, e]));
  let text = '';
  for (const field of FIELDS) {
    const next = rewrite.values.get(note, field);
    if (rewrite.work) rewrite.work.steps += 1 + (Array.isArray(next) ? next.length : 0);
    const entry = entries.get(field);
    if (entry && previous && deepEqual(rewrite.values.get(previous.note, field), next)) text += entry.text;
    else if (entry || !isDefault(field, next)) text += writePlainEntry(field, next, layout, entry, plainItemKey(field));
  }
  return text;
}

/** What identifies a list item of `field` as read back: equal keys, equal items. Throws for an item that cannot be read. */
function plainItemKey(field: Field): ((value: unknown) => string) | undefined {
  switch (field) {
    case 'tags':
      return (v) => {
        const tag = readTag(v, undefined, 0);
        if (tag === undefined) throw new FieldError('an empty tag', undefined);
        return tag;
      };
    // linkValue and annotationValue write their keys in a fixed order: JSON is canonical for them.
    case 'links':
      return (v) => JSON.stringify(linkValue(readLink(v, undefined, 0)));
    case 'annotations':
      return (v) => JSON.stringify(annotationValue(readAnnotation(v, undefined, 0)));
    default:
      return undefined;
  }
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

function updateField(doc: Document, field: Field, node: unknown, next: unknown, rewrite: Rewrite): unknown {
  const read = itemReader(field, doc);
  if (!read || !Array.isArray(next)) return updateValue(doc, node, undefined, next, rewrite);
  if (!isSeq(node)) {
    // A hand-written `tags: rl, agents` stays on one line.
    const seq = doc.createNode(next);
    if (isScalar(node) && typeof node.value === 'string' && isSeq(seq)) seq.flow = true;
    keepComments(node, seq);
    return seq;
  }
  const identity = field === 'annotations' ? (v: unknown) => (isPlainObject(v) ? v.id : undefined) : undefined;
  return updateSeq(doc, node, next, rewrite, read, identity);
}

/** Indices of old items with the same key, in order, and the first one that may still be unused. */
interface Bucket {
  items: number[];
  next: number;
}

function takeUnused(buckets: Map<unknown, Bucket>, key: unknown, used: readonly boolean[]): number | undefined {
  const bucket = buckets.get(key);
  if (!bucket) return undefined;
  while (bucket.next < bucket.items.length && used[bucket.items[bucket.next]]) bucket.next++;
  return bucket.items[bucket.next];
}

function addTo(buckets: Map<unknown, Bucket>, key: unknown, index: number): void {
  const bucket = buckets.get(key);
  if (bucket) bucket.items.push(index);
  else buckets.set(key, { items: [index], next: 0 });
}

/**
 * The new items of a list: an item equal to an old one keeps the old node (its
 * comments and style), an annotation with the id of an old one is edited in place,
 * anything else is a new node. Old items are found through maps, in one pass.
 */
function updateSeq(
  doc: Document,
  seq: { items: unknown[] },
  next: unknown[],
  rewrite: Rewrite,
  read: (node: unknown) => unknown,
  identity?: (value: unknown) => unknown,
): unknown {
  if (rewrite.work) rewrite.work.steps += seq.items.length + next.length;
  const olds = seq.items.map((node) => ({ node, value: read(node) }));
  const used = olds.map(() => false);
  const byValue = new Map<unknown, Bucket>();
  const byId = new Map<unknown, Bucket>();
  olds.forEach((o, i) => {
    if (o.value === undefined) return;
    addTo(byValue, canonicalKey(o.value), i);
    const id = isMap(o.node) ? identity?.(o.value) : undefined;
    if (id !== undefined) addTo(byId, id, i);
  });
  seq.items = next.map((value) => {
    const same = takeUnused(byValue, canonicalKey(value), used);
    if (same !== undefined && deepEqual(olds[same].value, value)) {
      used[same] = true;
      return olds[same].node;
    }
    const id = identity?.(value);
    const edited = id === undefined ? undefined : takeUnused(byId, id, used);
    if (edited !== undefined) {
      used[edited] = true;
      return updateValue(doc, olds[edited].node, olds[edited].value, value, rewrite);
    }
    return doc.createNode(value);
  });
  if (used.includes(false)) rewrite.dropped = true;
  return seq;
}

/** Changes `node` to hold `next`, keeping whatever of it still applies (comments, style, unknown keys). */
function updateValue(doc: Document, node: unknown, before: unknown, next: unknown, rewrite: Rewrite): unknown {
  if (isPlainObject(next) && isMap(node) && isPlainObject(before)) {
    for (const [key, value] of Object.entries(next)) {
      const pair = findPair(node, key);
      if (pair) {
        if (!deepEqual(before[key], value)) pair.value = updateValue(doc, pair.value, before[key], value, rewrite);
      } else if (!deepEqual(before[key], value)) {
        node.items.push(doc.createPair(key, value));
      }
    }
    for (const key of Object.keys(before)) {
      if (next[key] !== undefined) continue;
      const pair = findPair(node, key);
      if (pair) {
        node.items.splice(node.items.indexOf(pair), 1);
        rewrite.dropped = true;
      }
    }
    return node;
  }
  if (Array.isArray(next) && isSeq(node)) {
    return updateSeq(doc, node, next, rewrite, (n) => toJs(n, doc));
  }
  const fresh = doc.createNode(next);
  keepComments(node, fresh);
  if (isScalar(node) && isScalar(fresh)) {
    const keepStyle =
      typeof node.value === 'string' &&
      typeof next === 'string' &&
      (next.includes('\n') || (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED'));
    if (keepStyle) fresh.type = node.type;
  }
  return fresh as YamlNode;
}

/** A node that replaces another keeps the comments around it. */
function keepComments(from: unknown, to: unknown): void {
  if (!isNode(from) || !isNode(to)) return;
  to.comment = from.comment;
  to.commentBefore = from.commentBefore;
  to.spaceBefore = from.spaceBefore;
}
