/**
 * Where a paper's title and abstract are in the document they were parsed from.
 *
 * A parser builds a field's text from the document's lines: the HF text parser
 * trims each line and joins a hard-wrapped paragraph's lines with single spaces
 * and paragraphs with blank lines; the Markdown parser drops inline markup
 * (`**`, `[text](url)`, escapes, entities). Annotations are anchored to offsets
 * in that text, and the editor needs them as (line, character) positions.
 *
 * The map is found by aligning the field's text with the document's characters
 * from the title line on. A field character is matched with an equal document
 * character; a run of field white space (a join) stands for any run of
 * document white space, line breaks included; document characters the field
 * does not hold must be white space or Markdown markup to be skipped. Letters
 * and digits are never skipped outside a link destination or an HTML tag, so an
 * alignment cannot wander into a metadata line: if the field cannot be aligned
 * from one line, the next is tried; if it cannot be aligned at all the field has
 * no map (undefined), and its annotations are not shown rather than misplaced.
 *
 * Work is linear in the paper's lines for the title, and bounded by lines ×
 * characters-until-mismatch for the abstract (mismatches end an attempt early).
 */
import type { Paper } from '../model';
import { isSpace } from '../digest';

export type FieldName = 'title' | 'abstract';

/** A 0-based position in the document, in UTF-16 code units like the editor's. */
export interface DocPosition {
  line: number;
  character: number;
}

/**
 * Which side of a field offset a position is for: a range's start maps to the
 * character at the offset, its end to just after the character before it, so a
 * range never starts or ends on a line break the field joined away.
 */
export type Bias = 'start' | 'end';

export interface FieldMap {
  field: FieldName;
  /** The field's text as the parser builds it (equal to paper.title or paper.abstract). */
  text: string;
  /** Where the field's first character starts and its last one ends in the document. */
  start: DocPosition;
  end: DocPosition;
  /** Document position of a field offset in [0, text.length]; out-of-range offsets are clamped. */
  toPosition(offset: number, bias: Bias): DocPosition;
  /**
   * Field offset of a document position, or undefined when the position is
   * outside [start, end]. A position between characters the field joined
   * (line breaks, indentation, markup) goes to the next field character for
   * 'start' and to just after the previous one for 'end'.
   */
  toOffset(position: DocPosition, bias: Bias): number | undefined;
}

export interface PaperFields {
  title?: FieldMap;
  /** Undefined when the paper has no abstract or it could not be aligned. */
  abstract?: FieldMap;
}

/** A document's lines: an array (e.g. `text.split(/\r\n|\r|\n/)`) or a reader returning undefined past the end. */
export type LineSource = readonly string[] | ((line: number) => string | undefined);

/** The title and abstract of `paper` located in the lines it was parsed from. Never throws. */
export function paperFields(lines: LineSource, paper: Paper): PaperFields {
  const read = typeof lines === 'function' ? lines : (line: number) => lines[line];
  const result: PaperFields = {};
  if (!paper || !paper.source) return result;
  const { titleLine, endLine } = paper.source;
  if (!Number.isSafeInteger(titleLine) || titleLine < 0) return result;
  const lastLine = Number.isSafeInteger(endLine) && endLine >= titleLine ? endLine : titleLine;
  const doc = new LineWindow(read, lastLine);

  let abstractFrom: DocPosition = { line: titleLine, character: 0 };
  if (typeof paper.title === 'string' && paper.title.length > 0) {
    const aligned = alignFrom(paper.title, 0, paper.title.length, doc, abstractFrom);
    if (aligned) {
      result.title = new RunMap('title', paper.title, aligned.runs);
      abstractFrom = result.title.end;
    }
  }
  if (typeof paper.abstract === 'string' && paper.abstract.length > 0) {
    const runs = alignParagraphs(paper.abstract, doc, abstractFrom);
    if (runs) result.abstract = new RunMap('abstract', paper.abstract, runs);
  }
  return result;
}

/** The field of `fields` holding both positions, with their offsets; undefined when no single field does. */
export function fieldOfRange(
  fields: PaperFields,
  start: DocPosition,
  end: DocPosition,
): { field: FieldName; start: number; end: number } | undefined {
  for (const map of [fields.title, fields.abstract]) {
    if (!map) continue;
    const s = map.toOffset(start, 'start');
    const e = map.toOffset(end, 'end');
    if (s !== undefined && e !== undefined) return { field: map.field, start: Math.min(s, e), end: Math.max(s, e) };
  }
  return undefined;
}

export function comparePositions(a: DocPosition, b: DocPosition): number {
  return a.line - b.line || a.character - b.character;
}

// ---------------------------------------------------------------------------

/** Field characters [offset, offset + length) sit at [character, character + docLength) of one line. */
interface Run {
  offset: number;
  length: number;
  line: number;
  character: number;
  /** Equal to length, except for an entity (`&amp;`): one field character, several document ones. */
  docLength: number;
}

class LineWindow {
  private readonly cache = new Map<number, string>();
  constructor(private readonly read: (line: number) => string | undefined, readonly lastLine: number) {}
  line(n: number): string | undefined {
    if (n > this.lastLine) return undefined;
    let text = this.cache.get(n);
    if (text === undefined) {
      const value = this.read(n);
      if (typeof value !== 'string') return undefined;
      text = value;
      this.cache.set(n, text);
    }
    return text;
  }
}

/**
 * Aligns a text whose paragraphs are separated by blank lines ("\n\n", as both
 * parsers join them). Each paragraph is aligned on its own, starting on the
 * first line from which it aligns: whatever the parser left out between
 * paragraphs (metadata lines, code blocks, tables) is passed over.
 */
function alignParagraphs(text: string, doc: LineWindow, from: DocPosition): Run[] | undefined {
  const runs: Run[] = [];
  let at = from;
  let begin = 0;
  while (begin < text.length) {
    const separator = text.indexOf('\n\n', begin);
    const stop = separator === -1 ? text.length : separator;
    if (stop > begin) {
      let aligned: Aligned | undefined;
      for (let line = at.line; line <= doc.lastLine && !aligned; line++) {
        aligned = alignFrom(text, begin, stop, doc, line === at.line ? at : { line, character: 0 });
      }
      if (!aligned) return undefined;
      for (const run of aligned.runs) runs.push(run);
      at = aligned.end;
    }
    begin = separator === -1 ? text.length : separator + 2;
  }
  return runs.length > 0 ? runs : undefined;
}

interface Aligned {
  runs: Run[];
  /** Just after the last document character matched. */
  end: DocPosition;
}

/**
 * Aligns text[begin, stop) with the document from `from`, or undefined when a document
 * character that is neither white space nor markup stands where the field has
 * another one.
 */
function alignFrom(text: string, begin: number, stop: number, doc: LineWindow, from: DocPosition): Aligned | undefined {
  const runs: Run[] = [];
  let line = from.line;
  let lineText = doc.line(line);
  if (lineText === undefined) return undefined;
  let ch = from.character;
  let i = begin;
  /** Inside a link destination or an HTML tag: skip to this closing character. */
  let skipUntil: string | undefined;

  const push = (length: number, docLength: number) => {
    const last = runs[runs.length - 1];
    if (last && last.line === line && last.docLength === last.length && docLength === length &&
        last.offset + last.length === i && last.character + last.docLength === ch) {
      last.length += length;
      last.docLength += docLength;
    } else {
      runs.push({ offset: i, length, line, character: ch, docLength });
    }
    i += length;
    ch += docLength;
  };

  while (i < stop) {
    if (ch >= lineText.length) {
      // A line break: the field joined it into white space, or into nothing.
      if (skipUntil !== undefined && skipUntil !== '>') return undefined; // a link destination never spans lines
      while (i < stop && isSpace(text.charCodeAt(i))) i++;
      if (i >= stop) break;
      const next = doc.line(++line);
      if (next === undefined) return undefined;
      lineText = next;
      ch = 0;
      continue;
    }
    if (skipUntil !== undefined) {
      if (lineText[ch] === skipUntil) skipUntil = undefined;
      ch++;
      continue;
    }
    const c = text.charCodeAt(i);
    const d = lineText.charCodeAt(ch);
    if (d === 0x26 /* & */) {
      // An entity the parser decoded (unless the field holds it as written).
      const entity = readEntity(lineText, ch);
      if (entity && !text.startsWith(lineText.slice(ch, ch + entity.length), i) && i + entity.value.length <= stop && text.startsWith(entity.value, i)) {
        push(entity.value.length, entity.length);
        continue;
      }
    }
    if (c === d) {
      push(1, 1);
      continue;
    }
    if (isSpace(d)) {
      if (isSpace(c)) {
        // A join: a run of the field's white space stands for a run of the document's.
        while (i < stop && isSpace(text.charCodeAt(i))) i++;
      }
      while (ch < lineText.length && isSpace(lineText.charCodeAt(ch))) ch++;
      continue;
    }
    const markup = markupAt(lineText, ch);
    if (markup === undefined) return undefined;
    if (markup.skipUntil !== undefined) skipUntil = markup.skipUntil;
    ch += markup.length;
  }
  if (runs.length === 0) return undefined;
  const last = runs[runs.length - 1];
  return { runs, end: { line: last.line, character: last.character + last.docLength } };
}

/**
 * Markdown syntax at `ch` that a parser drops from the text: emphasis and code
 * marks, heading and quote marks, link brackets (a destination `(...)` after
 * `]` is skipped whole), autolink brackets, list markers, escapes, HTML tags.
 */
function markupAt(lineText: string, ch: number): { length: number; skipUntil?: string } | undefined {
  const d = lineText[ch];
  switch (d) {
    case '*': case '_': case '`': case '~': case '#': case '>': case '[': case '!': case '|': case '\\':
    case '-': case '+': case '=':
      return { length: 1 };
    case ']': {
      const next = lineText[ch + 1];
      if (next === '(') return { length: 2, skipUntil: ')' };
      if (next === '[') return { length: 2, skipUntil: ']' };
      return { length: 1 };
    }
    case '<': {
      const ahead = lineText.slice(ch, ch + 200);
      // An autolink's brackets are markup, its address is the text: skip only the "<" (its ">" is skipped as markup).
      if (AUTOLINK.test(ahead)) return { length: 1 };
      return /^<\/?[A-Za-z][^<>]*>/.test(ahead) ? { length: 1, skipUntil: '>' } : { length: 1 };
    }
    default: {
      // An ordered-list marker "12." or "3)" at the start of a line.
      const code = lineText.charCodeAt(ch);
      if (code >= 0x30 && code <= 0x39 && onlyWhiteBefore(lineText, ch)) {
        const match = /^\d{1,9}[.)](?=\s|$)/.exec(lineText.slice(ch, ch + 12));
        if (match) return { length: match[0].length };
      }
      return undefined;
    }
  }
}

/** A CommonMark autolink: "<scheme:address>" or "<name@domain>". */
const AUTOLINK = /^<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/;

function onlyWhiteBefore(lineText: string, ch: number): boolean {
  for (let at = 0; at < ch; at++) if (!isSpace(lineText.charCodeAt(at))) return false;
  return true;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function readEntity(lineText: string, ch: number): { value: string; length: number } | undefined {
  const match = /^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});/.exec(lineText.slice(ch, ch + 12));
  if (!match) return undefined;
  const name = match[1];
  let value: string | undefined;
  if (name[0] === '#') {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) value = String.fromCodePoint(code);
  } else {
    value = NAMED_ENTITIES[name];
  }
  return value === undefined ? undefined : { value, length: match[0].length };
}

class RunMap implements FieldMap {
  readonly start: DocPosition;
  readonly end: DocPosition;

  constructor(readonly field: FieldName, readonly text: string, private readonly runs: Run[]) {
    const first = runs[0];
    const last = runs[runs.length - 1];
    this.start = { line: first.line, character: first.character };
    this.end = { line: last.line, character: last.character + last.docLength };
  }

  toPosition(offset: number, bias: Bias): DocPosition {
    const at = Number.isFinite(offset) ? Math.min(this.text.length, Math.max(0, Math.trunc(offset))) : offset > 0 ? this.text.length : 0;
    if (bias === 'start') {
      // The first run ending after `at` holds it, or starts after it (a joined gap).
      const r = this.runs[this.firstRunEndingAfter(at)];
      if (!r) return this.end;
      if (at <= r.offset) return { line: r.line, character: r.character };
      return { line: r.line, character: r.character + this.docOffset(r, at - r.offset) };
    }
    if (at === 0) return this.start;
    // The run holding the character before `at`, or the last one before the gap.
    const index = this.lastRunStartingBefore(at);
    const r = this.runs[index];
    if (!r) return this.start;
    const inRun = Math.min(at - r.offset, r.length);
    return { line: r.line, character: r.character + this.docOffset(r, inRun) };
  }

  toOffset(position: DocPosition, bias: Bias): number | undefined {
    if (!position || !Number.isFinite(position.line) || !Number.isFinite(position.character)) return undefined;
    if (comparePositions(position, this.start) < 0 || comparePositions(position, this.end) > 0) return undefined;
    // The last run starting at or before the position.
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const r = this.runs[mid];
      if (comparePositions({ line: r.line, character: r.character }, position) <= 0) lo = mid;
      else hi = mid - 1;
    }
    const r = this.runs[lo];
    if (position.line === r.line) {
      const into = position.character - r.character;
      if (into < r.docLength) {
        if (r.docLength === r.length) return r.offset + into;
        // Inside an entity: its one field character is either wholly before or wholly after.
        return into === 0 ? r.offset : r.offset + r.length;
      }
      if (into === r.docLength) {
        if (bias === 'end') return r.offset + r.length;
      }
    }
    // Past the run's end: in the gap before the next one.
    const next = this.runs[lo + 1];
    if (bias === 'end' || !next) return r.offset + r.length;
    return next.offset;
  }

  /** Document characters from a run's start to its field character `inRun`. */
  private docOffset(r: Run, inRun: number): number {
    if (r.docLength === r.length) return inRun;
    return inRun <= 0 ? 0 : r.docLength;
  }

  private firstRunEndingAfter(offset: number): number {
    let lo = 0;
    let hi = this.runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = this.runs[mid];
      if (r.offset + r.length > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private lastRunStartingBefore(offset: number): number {
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runs[mid].offset < offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
