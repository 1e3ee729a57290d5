/**
 * Writes the note's fields as plain YAML, in one pass: the counterpart of
 * plain-yaml-read.ts, whose subset everything written here stays in. Strings are
 * plain when YAML would read them back as the same string, literal blocks (`|-`)
 * when they span lines, double-quoted with JSON's escapes otherwise.
 *
 * An entry rewritten over one read by plain-yaml-read.ts keeps the text of every
 * list item whose value did not change, and a `[a, b]` list stays on one line.
 * A value outside what this writer handles throws PlainWriteError, and the caller
 * writes the frontmatter through the yaml library instead.
 */
import { KEY, UNSAFE_TEXT, plainOk, resolvesAsNonString, type PlainEntry } from './plain-yaml-read';

export class PlainWriteError extends Error {}

export interface PlainLayout {
  /** Spaces per nesting level. */
  readonly indent: number;
  /** Block lists written at the indentation of their key. */
  readonly indentSeq: boolean;
}

/** The list an entry is rewritten over: its items' texts by item key, and its style. */
export interface PlainReuse {
  /** Texts of the old items, by the key of their value; each text is used once, in order. */
  readonly items: Map<string, { texts: string[]; next: number }>;
  readonly flow: boolean;
  readonly seqColumn?: number;
}

const spaces = (n: number): string => ' '.repeat(n);

function doubleQuoted(text: string): string {
  return JSON.stringify(text).replace(/[\x7f-\x9f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function scalar(value: unknown, flow: boolean): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== 'string') throw new PlainWriteError(`cannot write ${typeof value} as a plain scalar`);
  const plain = plainOk(value, flow) && !value.includes('\n') && !UNSAFE_TEXT.test(value) && !resolvesAsNonString(value);
  return plain ? value : doubleQuoted(value);
}

/** A `|` block for a multi-line string, when one reads back as exactly that string. */
function literal(value: string, column: number, layout: PlainLayout): string | undefined {
  if (!value.includes('\n') || UNSAFE_TEXT.test(value)) return undefined;
  const content = value.replace(/\n+$/, '');
  const trailing = value.length - content.length;
  const lines = content.split('\n');
  const firstText = lines.find((l) => l !== '');
  if (firstText === undefined || firstText.startsWith(' ') || lines.some((l) => l !== '' && l.trim() === '')) return undefined;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const pad = spaces(column + layout.indent);
  const body = lines.map((l) => (l === '' ? '' : pad + l)).join('\n');
  return `|${chomp}\n${body}\n${'\n'.repeat(Math.max(0, trailing - 1))}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The lines of a mapping whose keys are at `column`. */
function mapping(value: Record<string, unknown>, column: number, layout: PlainLayout): string {
  let text = '';
  for (const [key, v] of Object.entries(value)) if (v !== undefined) text += entryAt(key, v, column, layout);
  if (text === '') throw new PlainWriteError('cannot write an empty mapping');
  return text;
}

/** One block list item at `column`. */
function item(value: unknown, column: number, layout: PlainLayout): string {
  if (Array.isArray(value)) throw new PlainWriteError('cannot write a list in a list');
  if (isPlainObject(value)) {
    const text = mapping(value, column + 2, layout);
    return `${spaces(column)}- ${text.slice(column + 2)}`;
  }
  return `${spaces(column)}- ${scalar(value, false)}\n`;
}

function list(key: string, values: readonly unknown[], column: number, layout: PlainLayout, reuse?: PlainReuse, itemKey?: (value: unknown) => string): string {
  const head = `${spaces(column)}${key}:`;
  if (values.length === 0) return `${head} []\n`;
  const old = (value: unknown): string | undefined => {
    const bucket = reuse && itemKey ? reuse.items.get(itemKey(value)) : undefined;
    return bucket && bucket.next < bucket.texts.length ? bucket.texts[bucket.next++] : undefined;
  };
  if (reuse?.flow && values.every((v) => !isPlainObject(v) && !Array.isArray(v))) {
    return `${head} [${values.map((v) => old(v) ?? scalar(v, true)).join(', ')}]\n`;
  }
  const at = reuse?.seqColumn ?? column + (layout.indentSeq ? layout.indent : 0);
  const reusable = reuse?.flow === false && reuse.seqColumn !== undefined;
  let text = `${head}\n`;
  for (const v of values) text += (reusable ? old(v) : undefined) ?? item(v, at, layout);
  return text;
}

function entryAt(key: string, value: unknown, column: number, layout: PlainLayout, reuse?: PlainReuse, itemKey?: (value: unknown) => string): string {
  if (!KEY.test(`${key}:`)) throw new PlainWriteError(`cannot write the key ${key}`);
  if (Array.isArray(value)) return list(key, value, column, layout, reuse, itemKey);
  const head = `${spaces(column)}${key}:`;
  if (isPlainObject(value)) return `${head}\n${mapping(value, column + layout.indent, layout)}`;
  const block = typeof value === 'string' ? literal(value, column, layout) : undefined;
  return `${head} ${block ?? `${scalar(value, false)}\n`}`;
}

/**
 * A top-level entry. Over `old` (as read), list items whose `itemKey` matches an old
 * item's keep that item's text.
 */
export function writePlainEntry(key: string, value: unknown, layout: PlainLayout, old?: PlainEntry, itemKey?: (value: unknown) => string): string {
  // A hand-written `tags: rl, agents` stays on one line.
  const scalarList = old && Array.isArray(value) && typeof old.value === 'string' ? { items: new Map(), flow: true } : undefined;
  const reuse = (old && itemKey ? reuseOf(old, itemKey, layout) : undefined) ?? scalarList;
  return entryAt(key, value, 0, layout, reuse, itemKey);
}

function reuseOf(old: PlainEntry, itemKey: (value: unknown) => string, layout: PlainLayout): PlainReuse | undefined {
  const texts = old.items; // cut from the file once: a getter
  if (!Array.isArray(old.value) || !texts || texts.length !== old.value.length) return undefined;
  const items: PlainReuse['items'] = new Map();
  old.value.forEach((v, i) => {
    let k: string;
    try {
      k = itemKey(v);
    } catch {
      return;
    }
    // An item written as this writer writes its value needs no keeping: most tags are.
    if (typeof v === 'string' && k === v && texts[i] === (old.flow ? scalar(v, true) : old.seqColumn !== undefined ? item(v, old.seqColumn, layout) : undefined)) return;
    const bucket = items.get(k);
    if (bucket) bucket.texts.push(texts[i]);
    else items.set(k, { texts: [texts[i]], next: 0 });
  });
  return { items, flow: old.flow === true, ...(old.seqColumn !== undefined ? { seqColumn: old.seqColumn } : {}) };
}
