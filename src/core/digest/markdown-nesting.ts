/**
 * Bounds the nesting remark is given, before it reads a Markdown digest.
 *
 * micromark (remark's tokenizer) is superlinear in nesting and in the number of
 * delimiters of one paragraph: containers are walked once per level on every line,
 * and emphasis, strikethrough and brackets are resolved by walking back over every
 * earlier event of the paragraph and splicing the event list for each match, so a
 * 10 KB line of "- - - …" takes seconds and a deep tree overflows remark's recursive
 * walks. This pre-pass, one linear scan, keeps every line and every character that
 * is not excess, and deletes only the excess:
 *
 *   - container markers: at most MAX_MARKDOWN_NESTING block quote and list markers
 *     (`>`, `-`, `+`, `*`, `1.`, `1)`) at the start of a line; the markers past
 *     that are dropped, so the line's text sits in the deepest level kept;
 *   - emphasis (`*`, `_`) and strikethrough (`~`, `~~`) delimiters: at most
 *     MAX_MARKDOWN_NESTING open at once per character, at most that many closers
 *     with nothing to close, and at most MAX_PARAGRAPH_DELIMITERS delimiter runs in
 *     one paragraph;
 *   - brackets (`[`, `![`, `]`): at most MAX_MARKDOWN_NESTING open at once, and at
 *     most that many `]` with nothing to close.
 *
 * Delimiters are classified as micromark classifies them (left- and right-flanking
 * runs, the stricter rule for `_` and `~`, backslash escapes). The scan knows no
 * block structure beyond lines: a paragraph here is a run of lines up to a blank
 * line, a heading line or a new list item, and code blocks and code spans are
 * counted like text. Counting too much can only cut a pathological paragraph a
 * little earlier; text below the limits is never changed, so a digest that nests
 * less than MAX_MARKDOWN_NESTING levels parses exactly as before.
 *
 * Decisions depend only on the paragraph a line is in, and a line starting with "#"
 * always starts a new one, so a section of a digest (markdown-sections.ts) is cut
 * exactly as the same lines are cut in the whole text.
 */

/** Deepest nesting remark is given: levels of containers, open emphasis delimiters per character, open brackets. */
export const MAX_MARKDOWN_NESTING = 32;

/** Most emphasis and strikethrough delimiter runs remark is given in one paragraph. */
export const MAX_PARAGRAPH_DELIMITERS = 256;

export interface NestingCut {
  /** 0-based line of the first cut in its paragraph. */
  line: number;
  message: string;
}

export interface CappedMarkdown {
  /** The text to parse: the input itself when nothing was cut. Same lines as the input. */
  text: string;
  /** One per paragraph where something was cut, in line order. */
  cuts: NestingCut[];
}

type Kind = 'containers' | 'emphasis' | 'brackets' | 'delimiters';

const MESSAGES: Record<Kind, string> = {
  containers: `block quotes or lists nested more than ${MAX_MARKDOWN_NESTING} levels deep`,
  emphasis: `emphasis nested more than ${MAX_MARKDOWN_NESTING} levels deep or left unclosed`,
  brackets: `brackets or links nested more than ${MAX_MARKDOWN_NESTING} levels deep or left unclosed`,
  delimiters: `more than ${MAX_PARAGRAPH_DELIMITERS} emphasis delimiters in one paragraph`,
};

function cutMessage(kinds: ReadonlySet<Kind>): string {
  const what = [...kinds].map((k) => MESSAGES[k]).join('; ');
  return `This Markdown is nested too deeply to read in full (${what}): the excess markers are dropped and their text read as plain text.`;
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const BACKSLASH = 0x5c;
const STAR = 0x2a;
const UNDERSCORE = 0x5f;
const TILDE = 0x7e;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const HASH = 0x23;
const GT = 0x3e;

function isAsciiPunctuation(c: number): boolean {
  return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

const UNICODE_PUNCTUATION = /^(?:\p{P}|\p{S})$/u;
const UNICODE_WHITESPACE = /^\s$/u;

const WHITESPACE = 1;
const PUNCTUATION = 2;
const OTHER = 0;

/** micromark's classifyCharacter for a code point; -1 is a line start or end. */
function classify(code: number): number {
  if (code === -1 || code === SPACE || code === TAB) return WHITESPACE;
  if (code < 0x80) return isAsciiPunctuation(code) ? PUNCTUATION : code === 0x0b || code === 0x0c ? WHITESPACE : OTHER;
  const char = String.fromCodePoint(code);
  if (UNICODE_WHITESPACE.test(char)) return WHITESPACE;
  return UNICODE_PUNCTUATION.test(char) ? PUNCTUATION : OTHER;
}

/** The code point that ends right before `at`, or -1 at `from`. */
function codeBefore(text: string, at: number, from: number): number {
  if (at <= from) return -1;
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at - 2 >= from) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(at - 2)!;
  }
  return low;
}

function codeAt(text: string, at: number, end: number): number {
  return at >= end ? -1 : text.codePointAt(at)!;
}

function isBlank(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

/** The container markers at the start of a line. */
interface Prefix {
  /** Offset right after each marker. */
  markerEnds: number[];
  /** Where the line's text starts, after the markers and the white space after them. */
  content: number;
  /** A list item with text on this line starts a new paragraph. */
  listItem: boolean;
}

function isListMarkerAt(text: string, at: number, end: number): number {
  const c = text.charCodeAt(at);
  let next = at + 1;
  if (c === 0x2d || c === 0x2b || c === STAR) {
    // "-", "+" or "*": a bullet
  } else if (c >= 0x30 && c <= 0x39) {
    while (next < end && next - at < 9 && text.charCodeAt(next) >= 0x30 && text.charCodeAt(next) <= 0x39) next++;
    const d = text.charCodeAt(next);
    if (d !== 0x2e && d !== 0x29) return -1;
    next++;
  } else {
    return -1;
  }
  if (next < end) {
    const after = text.charCodeAt(next);
    if (after !== SPACE && after !== TAB) return -1;
  }
  return next;
}

function readPrefix(text: string, start: number, end: number): Prefix {
  const markerEnds: number[] = [];
  let listItem = false;
  let at = start;
  for (;;) {
    let i = at;
    while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
    if (i >= end) {
      at = i;
      break;
    }
    if (text.charCodeAt(i) === GT) {
      markerEnds.push(i + 1);
      at = i + 1;
      continue;
    }
    const next = isListMarkerAt(text, i, end);
    if (next < 0) {
      at = i;
      break;
    }
    markerEnds.push(next);
    listItem = true;
    at = next;
  }
  // A line of nothing but markers is not a list item with text (it may be a thematic break).
  return { markerEnds, content: at, listItem: listItem && at < end };
}

/** What is open in the current paragraph. */
class Paragraph {
  readonly open = new Map<number, number>();
  readonly unmatched = new Map<number, number>();
  brackets = 0;
  unmatchedBrackets = 0;
  runs = 0;

  reset(): void {
    this.open.clear();
    this.unmatched.clear();
    this.brackets = 0;
    this.unmatchedBrackets = 0;
    this.runs = 0;
  }
}

/** Collects deletions (in input offsets, in order) and the paragraphs they were made in. */
class Cutter {
  readonly deletions: number[] = [];
  readonly cuts: NestingCut[] = [];
  private kinds = new Set<Kind>();
  private firstLine = -1;

  delete(from: number, to: number, kind: Kind, line: number): void {
    if (to <= from) return;
    const last = this.deletions.length - 1;
    if (last > 0 && this.deletions[last] === from) this.deletions[last] = to;
    else this.deletions.push(from, to);
    if (this.firstLine < 0) this.firstLine = line;
    this.kinds.add(kind);
  }

  /** Ends a paragraph for the diagnostics: one per paragraph with cuts. */
  endBlock(): void {
    if (this.firstLine < 0) return;
    this.cuts.push({ line: this.firstLine, message: cutMessage(this.kinds) });
    this.firstLine = -1;
    this.kinds = new Set();
  }

  apply(text: string): string {
    if (this.deletions.length === 0) return text;
    const parts: string[] = [];
    let at = 0;
    for (let i = 0; i < this.deletions.length; i += 2) {
      parts.push(text.slice(at, this.deletions[i]));
      at = this.deletions[i + 1];
    }
    parts.push(text.slice(at));
    return parts.join('');
  }
}

/**
 * One run of `*`, `_` or `~`: whether it can open and close, as micromark's attention
 * and strikethrough tokenizers decide. `~` runs longer than two are plain text.
 */
function flanking(marker: number, before: number, after: number, beforeCode: number, afterCode: number): { open: boolean; close: boolean } {
  const isMarker = (c: number) => c === STAR || c === UNDERSCORE || c === TILDE;
  if (marker === TILDE) {
    return { open: after === OTHER || (after === PUNCTUATION && before !== OTHER), close: before === OTHER || (before === PUNCTUATION && after !== OTHER) };
  }
  const open = after === OTHER || (after === PUNCTUATION && before !== OTHER) || isMarker(afterCode);
  const close = before === OTHER || (before === PUNCTUATION && after !== OTHER) || isMarker(beforeCode);
  if (marker === STAR) return { open, close };
  return { open: open && (before !== OTHER || !close), close: close && (after !== OTHER || !open) };
}

function scanInline(text: string, from: number, end: number, line: number, paragraph: Paragraph, cutter: Cutter): void {
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      i += i + 1 < end && isAsciiPunctuation(text.charCodeAt(i + 1)) ? 2 : 1;
      continue;
    }
    if (c === STAR || c === UNDERSCORE || c === TILDE) {
      let runEnd = i + 1;
      while (runEnd < end && text.charCodeAt(runEnd) === c) runEnd++;
      const length = runEnd - i;
      if (c === TILDE && length > 2) {
        i = runEnd;
        continue;
      }
      const beforeCode = codeBefore(text, i, from);
      const afterCode = codeAt(text, runEnd, end);
      const { open, close } = flanking(c, classify(beforeCode), classify(afterCode), beforeCode, afterCode);
      if (open || close) emphasisRun(c, i, runEnd, open, close, line, paragraph, cutter);
      i = runEnd;
      continue;
    }
    if (c === OPEN_BRACKET) {
      if (paragraph.brackets >= MAX_MARKDOWN_NESTING) cutter.delete(i, i + 1, 'brackets', line);
      else paragraph.brackets++;
    } else if (c === CLOSE_BRACKET) {
      if (paragraph.brackets > 0) paragraph.brackets--;
      else if (++paragraph.unmatchedBrackets > MAX_MARKDOWN_NESTING) cutter.delete(i, i + 1, 'brackets', line);
    }
    i++;
  }
}

function emphasisRun(marker: number, start: number, end: number, canOpen: boolean, canClose: boolean, line: number, paragraph: Paragraph, cutter: Cutter): void {
  if (++paragraph.runs > MAX_PARAGRAPH_DELIMITERS) {
    cutter.delete(start, end, 'delimiters', line);
    return;
  }
  let left = end - start;
  const open = paragraph.open.get(marker) ?? 0;
  if (canClose && open > 0) {
    const used = Math.min(open, left);
    paragraph.open.set(marker, open - used);
    left -= used;
  } else if (canClose && !canOpen) {
    const unmatched = (paragraph.unmatched.get(marker) ?? 0) + 1;
    paragraph.unmatched.set(marker, unmatched);
    if (unmatched > MAX_MARKDOWN_NESTING) cutter.delete(start, end, 'emphasis', line);
    return;
  }
  if (left === 0 || !canOpen) return;
  const now = (paragraph.open.get(marker) ?? 0) + left;
  const excess = now - MAX_MARKDOWN_NESTING;
  paragraph.open.set(marker, Math.min(now, MAX_MARKDOWN_NESTING));
  // The innermost markers of the run go: the run's first ones still open (or close) what they did.
  if (excess > 0) cutter.delete(end - Math.min(excess, left), end, 'emphasis', line);
}

/** `text` with its excess nesting dropped (see the file comment), and where that happened. */
export function capMarkdownNesting(text: string): CappedMarkdown {
  const cutter = new Cutter();
  const paragraph = new Paragraph();
  let line = 0;
  let at = 0;
  for (;;) {
    let lineEnd = at;
    while (lineEnd < text.length) {
      const c = text.charCodeAt(lineEnd);
      if (c === LF || c === CR) break;
      lineEnd++;
    }
    if (isBlank(text, at, lineEnd)) {
      paragraph.reset();
      cutter.endBlock();
    } else if (text.charCodeAt(at) === HASH) {
      // A heading is a paragraph of its own, and a section of the digest may start here.
      paragraph.reset();
      cutter.endBlock();
      scanInline(text, at, lineEnd, line, paragraph, cutter);
      paragraph.reset();
    } else {
      const prefix = readPrefix(text, at, lineEnd);
      if (prefix.listItem) paragraph.reset();
      const ends = prefix.markerEnds;
      if (ends.length > MAX_MARKDOWN_NESTING) {
        cutter.delete(ends[MAX_MARKDOWN_NESTING - 1], ends[ends.length - 1], 'containers', line);
      }
      scanInline(text, prefix.content, lineEnd, line, paragraph, cutter);
    }
    if (lineEnd >= text.length) break;
    at = lineEnd + (text.charCodeAt(lineEnd) === CR && text.charCodeAt(lineEnd + 1) === LF ? 2 : 1);
    line++;
  }
  cutter.endBlock();
  return { text: cutter.apply(text), cuts: cutter.cuts };
}
