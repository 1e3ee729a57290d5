/**
 * Reading the structured fields of a notes file from its YAML values, and
 * turning them back into plain values for YAML.
 *
 * Lenient where a hand edit has one clear meaning, strict where a guess could
 * lose data:
 *   - a missing or empty key takes its default;
 *   - `status` ignores case and surrounding spaces; any other word is an error
 *     (mapping "done" to "read" would be a guess);
 *   - `starred` takes YAML booleans and also yes/no, on/off (any case) and 1/0,
 *     because people write those by hand and YAML 1.2 reads them as text;
 *   - `tags` takes a list or one line of comma-separated tags (`tags: rl` or
 *     `tags: rl, agents`); tags are trimmed and duplicates dropped;
 *   - `links` items are mappings (`kind` may be left out when `id`, `url` or
 *     `path` says which kind), a bare URL, or `[[paper-id]]`;
 *   - an annotation without `id` gets one derived from its content, so it
 *     stays the same from one read to the next;
 *   - numbers and booleans where text is expected are read as their text.
 */

import { fnv1a } from '../model';
import type { Annotation, AnnotationAnchor, AnnotationReply, NoteLink, ReadingStatus } from '../model';
import { uniqueStrings } from './unique-strings';

/** A field that cannot be read; `at` is the YAML node (or pair) to blame. */
export class FieldError extends Error {
  constructor(
    message: string,
    readonly at: unknown,
  ) {
    super(message);
  }
}

type Plain = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}

/** Text, or undefined when absent; numbers and booleans read as their text. */
function optionalText(value: unknown, what: string, at: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new FieldError(`${what} must be text, not ${describe(value)}.`, at);
}

function text(value: unknown, what: string, at: unknown): string {
  return optionalText(value, what, at) ?? '';
}

function integer(value: unknown, what: string, at: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
  throw new FieldError(`${what} must be a whole number, not ${describe(value)}.`, at);
}

export function readTitle(value: unknown, at: unknown): string {
  return text(value, 'title', at);
}

const STATUSES: readonly ReadingStatus[] = ['unread', 'reading', 'read'];

export function readStatus(value: unknown, at: unknown): ReadingStatus {
  if (value === null || value === undefined) return 'unread';
  const word = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  const status = STATUSES.find((s) => s === word);
  if (status) return status;
  throw new FieldError(`status must be unread, reading or read, not ${describe(value)}.`, at);
}

const TRUE_WORDS = new Set(['true', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'off']);

export function readStarred(value: unknown, at: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word) || word === '') return false;
  }
  throw new FieldError(`starred must be true or false, not ${describe(value)}.`, at);
}

/** Text that is a tag as it stands: not empty, nothing to trim. */
function isTrimmedTag(item: unknown): boolean {
  return typeof item === 'string' && item !== '' && item.trim() === item;
}

/** Tags trimmed, without empty ones, each once in the order first seen. */
export function uniqueTags(tags: readonly string[]): string[] {
  // Tags are nearly always written trimmed: they then need no copy before the repeats go.
  if (tags.every(isTrimmedTag)) return uniqueStrings(tags);
  const unique = new UniqueTags();
  for (const tag of tags) unique.add(tag);
  return unique.tags;
}

/** Collects tags trimmed, without empty ones, each once in the order first seen. */
class UniqueTags {
  private readonly all: string[] = [];

  add(tag: string): void {
    const t = tag.trim();
    if (t !== '') this.all.push(t);
  }

  get tags(): string[] {
    return uniqueStrings(this.all);
  }
}

/** One item of a tags list as read, or undefined for an empty one. */
export function readTag(item: unknown, at: unknown, index: number): string | undefined {
  if (item === null || item === undefined) return undefined;
  const tag = optionalText(item, `tag ${index + 1}`, at)?.trim();
  return tag === '' ? undefined : tag;
}

/** `items` are the YAML item nodes, parallel to `value`, used to point at a bad item. */
export function readTags(value: unknown, at: unknown, items?: readonly unknown[]): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return uniqueTags(value.split(','));
  if (typeof value === 'number' || typeof value === 'boolean') return uniqueTags([String(value)]);
  if (Array.isArray(value)) {
    if (value.every(isTrimmedTag)) return uniqueStrings(value);
    const unique = new UniqueTags();
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // Most items are text: the message naming an item is made only for one that is not.
      if (typeof item === 'string') unique.add(item);
      else if (item !== null && item !== undefined) unique.add(text(item, `tag ${i + 1}`, items?.[i] ?? at));
    }
    return unique.tags;
  }
  throw new FieldError(`tags must be a list or a comma-separated line, not ${describe(value)}.`, at);
}

function readPaperLinkTarget(text: string): string | undefined {
  const m = /^\s*\[\[([^[\]|]+)(?:\|[^[\]]*)?\]\]\s*$/.exec(text);
  return m ? m[1].trim() : undefined;
}

export function readLink(value: unknown, at: unknown, index: number): NoteLink {
  const what = `link ${index + 1}`;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (/^(https?|mailto):/i.test(trimmed)) return { kind: 'url', url: trimmed };
    const id = readPaperLinkTarget(trimmed);
    if (id) return { kind: 'paper', id };
    throw new FieldError(`${what} must be a URL, a [[paper-id]] or a mapping with kind, not ${describe(value)}.`, at);
  }
  if (!isPlainObject(value)) {
    throw new FieldError(`${what} must be a URL, a [[paper-id]] or a mapping with kind, not ${describe(value)}.`, at);
  }
  const kindText = optionalText(value.kind, `${what}: kind`, at)?.trim().toLowerCase();
  const kind =
    kindText ?? ('id' in value ? 'paper' : 'url' in value ? 'url' : 'path' in value ? 'file' : undefined);
  const title = optionalText(value.title, `${what}: title`, at);
  const withTitle = <T extends NoteLink>(link: T): T => (title === undefined ? link : { ...link, title });
  switch (kind) {
    case 'paper': {
      const id = optionalText(value.id, `${what}: id`, at)?.trim();
      if (!id) throw new FieldError(`${what} is a paper link without an id.`, at);
      return withTitle({ kind: 'paper', id });
    }
    case 'url': {
      const url = optionalText(value.url, `${what}: url`, at)?.trim();
      if (!url) throw new FieldError(`${what} is a URL link without a url.`, at);
      return withTitle({ kind: 'url', url });
    }
    case 'file': {
      const path = optionalText(value.path, `${what}: path`, at);
      if (!path) throw new FieldError(`${what} is a file link without a path.`, at);
      const startLine = integer(value.startLine, `${what}: startLine`, at) ?? 0;
      const endLine = integer(value.endLine, `${what}: endLine`, at) ?? startLine;
      const quote = optionalText(value.quote, `${what}: quote`, at);
      const link: NoteLink = { kind: 'file', path, startLine, endLine };
      return quote === undefined ? link : { ...link, quote };
    }
    default:
      throw new FieldError(
        `${what} has kind ${describe(value.kind)}; use paper, url or file (or give id, url or path).`,
        at,
      );
  }
}

function readAnchor(value: unknown, what: string, at: unknown): AnnotationAnchor {
  if (!isPlainObject(value)) {
    throw new FieldError(`${what} needs an anchor: a mapping with the quoted text (exact).`, at);
  }
  const fieldText = optionalText(value.field, `${what}: anchor field`, at)?.trim().toLowerCase() ?? 'abstract';
  if (fieldText !== 'title' && fieldText !== 'abstract') {
    throw new FieldError(`${what}: anchor field must be title or abstract, not ${describe(value.field)}.`, at);
  }
  const exact = optionalText(value.exact, `${what}: anchor exact`, at);
  if (exact === undefined) throw new FieldError(`${what}: the anchor has no quoted text (exact).`, at);
  const start = integer(value.start, `${what}: anchor start`, at) ?? 0;
  const end = integer(value.end, `${what}: anchor end`, at) ?? start + exact.length;
  return {
    field: fieldText,
    exact,
    prefix: text(value.prefix, `${what}: anchor prefix`, at),
    suffix: text(value.suffix, `${what}: anchor suffix`, at),
    start,
    end,
  };
}

function readReplies(value: unknown, what: string, at: unknown): AnnotationReply[] | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Array.isArray(value)) throw new FieldError(`${what}: replies must be a list, not ${describe(value)}.`, at);
  return value.map((reply, i) => {
    const w = `${what}: reply ${i + 1}`;
    if (typeof reply === 'string') return { body: reply, created: '' };
    if (!isPlainObject(reply)) throw new FieldError(`${w} must be a mapping with body and created.`, at);
    return { body: text(reply.body, `${w}: body`, at), created: text(reply.created, `${w}: created`, at) };
  });
}

export function readAnnotation(value: unknown, at: unknown, index: number): Annotation {
  const what = `annotation ${index + 1}`;
  if (!isPlainObject(value)) {
    throw new FieldError(`${what} must be a mapping with id, anchor and body, not ${describe(value)}.`, at);
  }
  const anchor = readAnchor(value.anchor, what, at);
  const body = text(value.body, `${what}: body`, at);
  const created = text(value.created, `${what}: created`, at);
  const id =
    optionalText(value.id, `${what}: id`, at)?.trim() ||
    `a-${fnv1a(`${anchor.field}\u0000${anchor.exact}\u0000${anchor.start}\u0000${created}\u0000${body}`)}`;
  const annotation: Annotation = { id, anchor, body, created };
  const tag = optionalText(value.tag, `${what}: tag`, at);
  if (tag !== undefined) annotation.tag = tag;
  const replies = readReplies(value.replies, what, at);
  if (replies !== undefined) annotation.replies = replies;
  return annotation;
}

/** Drops undefined members so YAML never sees them. */
function defined(entries: Array<[string, unknown]>): Plain {
  const out: Plain = {};
  for (const [k, v] of entries) if (v !== undefined) out[k] = v;
  return out;
}

/** A link as written to YAML, keys in a fixed, readable order. */
export function linkValue(link: NoteLink): Plain {
  switch (link.kind) {
    case 'paper':
      return defined([['kind', 'paper'], ['id', link.id], ['title', link.title]]);
    case 'url':
      return defined([['kind', 'url'], ['url', link.url], ['title', link.title]]);
    case 'file':
      return defined([
        ['kind', 'file'],
        ['path', link.path],
        ['startLine', link.startLine],
        ['endLine', link.endLine],
        ['quote', link.quote],
      ]);
  }
}

export function annotationValue(a: Annotation): Plain {
  return defined([
    ['id', a.id],
    [
      'anchor',
      defined([
        ['field', a.anchor.field],
        ['exact', a.anchor.exact],
        ['prefix', a.anchor.prefix],
        ['suffix', a.anchor.suffix],
        ['start', a.anchor.start],
        ['end', a.anchor.end],
      ]),
    ],
    ['body', a.body],
    ['tag', a.tag],
    ['created', a.created],
    ['replies', a.replies?.map((r) => defined([['body', r.body], ['created', r.created]]))],
  ]);
}

/**
 * A string equal for two values exactly when deepEqual holds between them: members in
 * key order, undefined members dropped. Lets a Map find equal values in one step.
 */
export function canonicalKey(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!isPlainObject(v)) return v;
    const sorted: Plain = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) sorted[k] = v[k];
    return sorted;
  }) ?? 'undefined';
}

/** Structural equality of JSON-like values; a missing member equals an undefined one. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}
