/**
 * Cuts a Markdown digest into independent sections, so that a changed digest can be
 * re-parsed one section at a time (see MarkdownDigestParser in parse-markdown.ts).
 *
 * A cut is made before a line that starts, with no indent at all, with "##" followed
 * by a space, a tab or the end of the line, when nothing before it can still be open
 * at the root of the document. CommonMark then guarantees that the line is an ATX
 * heading that closes every container (lists and block quotes need indentation or a
 * ">" to continue, and an ATX heading interrupts a paragraph or a table) and that the
 * text after it is read exactly as if it began the document. What could still be open
 * is a leaf block that swallows such a line:
 *
 *   - a fenced code block (``` or ~~~, closed by a fence of the same character at
 *     least as long, indented at most three spaces, with nothing after it);
 *   - an HTML block: kinds 1-5 (<script, <pre, <style, <textarea; <!--; <?; <!X;
 *     <![CDATA[) run until their end marker, kinds 6 and 7 (<div>, <any-tag>) until
 *     a blank line;
 *   - front matter (--- or +++ on the first line, until the same fence).
 *
 * Where a line's role is not certain (a fence or an HTML tag indented one to three
 * spaces may belong to a list item; an HTML tag may be no HTML block at all; front
 * matter may never be closed), the scan follows every reading at once: it keeps the
 * set of states the root may be in, and cuts only where every reading says "nothing
 * open". A wrong guess can only cost a cut, never split a block.
 *
 * What makes sections depend on each other refuses the split altogether: link
 * reference definitions and footnote definitions ("[label]: ..." and "[^1]: ...",
 * anywhere, even in a block quote or a list) are looked up from the whole document,
 * so any "]:" in the text means "not splittable".
 */

/** One piece of the text: the preamble (before the first cut) or a section starting at a cut. */
export interface MarkdownSection {
  /** 0-based line of the section's first line in the whole text. */
  line: number;
  /** Character offset of the section's first character in the whole text. */
  offset: number;
  /** The section's text, with its line endings; the sections joined give back the whole text. */
  text: string;
}

/**
 * The root may be in any of these; a string so a set of them dedupes. "none" and
 * "container:K" both mean nothing is open at the root.
 */
type State = string;

const NONE: State = 'none';
const BLANK_HTML: State = 'html:blank';

const RAW_START = /^<(?:script|pre|style|textarea)(?:[ \t>]|$)/i;
const RAW_END = /<\/(?:script|pre|style|textarea)>/i;
const TAG_START = /^<\/?[A-Za-z]/;

function fenceState(char: string, length: number): State {
  return `fence:${char}:${length}`;
}

function htmlState(end: string): State {
  return `html:${end}`;
}

/** Leading spaces, or 4 when a tab or four spaces make the line indented code or list content. */
function indentOf(line: string): number {
  let i = 0;
  while (i < 4 && line.charCodeAt(i) === 0x20) i++;
  return i < 4 && line.charCodeAt(i) === 0x09 ? 4 : i;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

function runLength(line: string, from: number, char: string): number {
  let i = from;
  while (i < line.length && line[i] === char) i++;
  return i - from;
}

/**
 * The leaf states after an HTML block of kinds 1-5 opens on this line: "nothing open"
 * when its end marker follows the opener on the same line, both when the marker only
 * overlaps the opener ("<!-->", which micromark closes at once), else still open.
 */
function openHtml(rest: string, opener: number, end: string, out: State[]): void {
  const found = end === 'raw' ? RAW_END.test(rest.slice(opener)) : rest.indexOf(end, opener) !== -1;
  if (found) {
    out.push(NONE);
    return;
  }
  if (end !== 'raw' && rest.indexOf(end, 1) !== -1) out.push(NONE);
  out.push(htmlState(end));
}

/**
 * The states after `text`, read with nothing open at the root.
 *
 * A line indented one to three spaces that opens a fence or an HTML block may instead
 * continue a list item, leaving the root as it was: that reading is the state
 * "container:K" (K the indent), in which lines indented at least K (or blank) stay in
 * the list item, and a line indented less may end it and be read at the root.
 */
function fromNone(text: string, first: boolean, out: State[]): void {
  // The parser drops a byte-order mark at the start of the text.
  const line = first && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (first && (line.startsWith('---') || line.startsWith('+++'))) {
    // Front matter if a closing fence follows, else a thematic break or a paragraph.
    out.push(`front:${line.slice(0, 3)}`);
  }
  const indent = indentOf(line);
  if (indent >= 4) {
    out.push(NONE);
    return;
  }
  const before = out.length;
  const c = line[indent];
  if (c === '`' || c === '~') {
    const length = runLength(line, indent, c);
    if (length >= 3) {
      // A backtick fence's info string has no backtick; when it has one, follow both readings.
      if (c === '`' && line.indexOf('`', indent + length) !== -1) out.push(NONE);
      out.push(fenceState(c, length));
    }
  } else if (c === '<') {
    const rest = indent === 0 ? line : line.slice(indent);
    if (rest.startsWith('<!--')) openHtml(rest, 4, '-->', out);
    else if (rest.startsWith('<?')) openHtml(rest, 2, '?>', out);
    else if (rest.startsWith('<![CDATA[')) openHtml(rest, 9, ']]>', out);
    else if (rest.startsWith('<!') && /^[A-Za-z]/.test(rest.slice(2, 3))) openHtml(rest, 2, '>', out);
    else if (RAW_START.test(rest)) openHtml(rest, 1, 'raw', out);
    else if (TAG_START.test(rest)) {
      // Kinds 6 and 7 end at a blank line; kind 7 cannot interrupt a paragraph, so the
      // line may be no HTML block at all.
      out.push(NONE, BLANK_HTML);
    }
  }
  if (out.length === before) out.push(NONE);
  else if (indent > 0) out.push(`container:${indent}`);
}

/** The states after `line`, read in `state`. */
function step(state: State, line: string, first: boolean, out: State[]): void {
  if (state === NONE) {
    fromNone(line, first, out);
    return;
  }
  if (state.startsWith('container:')) {
    if (isBlank(line)) {
      out.push(state);
      return;
    }
    const indent = indentOf(line);
    const container = Number(state.slice(10));
    if (indent >= container) out.push(state);
    else {
      // May end the list item; at no indent it does, unless the line is lazy paragraph
      // text, which the root reading below also takes as opening nothing.
      if (indent > 0) out.push(state);
      fromNone(line, false, out);
    }
    return;
  }
  if (state === BLANK_HTML) {
    out.push(isBlank(line) ? NONE : state);
    return;
  }
  if (state.startsWith('fence:')) {
    const char = state[6];
    const length = Number(state.slice(8));
    const indent = indentOf(line);
    if (indent < 4 && line[indent] === char) {
      const run = runLength(line, indent, char);
      if (run >= length && isBlank(line.slice(indent + run))) {
        out.push(NONE);
        return;
      }
    }
    out.push(state);
    return;
  }
  if (state.startsWith('front:')) {
    const fence = state.slice(6);
    if (line.startsWith(fence)) {
      // "---" and trailing white space closes; anything else after the fence may or may not.
      if (isBlank(line.slice(3))) out.push(NONE);
      else out.push(NONE, state);
      return;
    }
    out.push(state);
    return;
  }
  // An HTML block of kinds 1-5, until its end marker.
  const end = state.slice(5);
  const found = end === 'raw' ? RAW_END.test(line) : line.includes(end);
  out.push(found ? NONE : state);
}

/** True for a line "##", "## ..." or "##\t...". */
function isCutLine(text: string, at: number, lineEnd: number): boolean {
  if (text.charCodeAt(at) !== 0x23 || text.charCodeAt(at + 1) !== 0x23) return false;
  if (at + 2 === lineEnd) return true;
  const next = text.charCodeAt(at + 2);
  return next === 0x20 || next === 0x09;
}

/**
 * The preamble and one section per cut, in order, or undefined when the text has
 * definitions that make its sections depend on each other. The first element is
 * always the preamble (possibly empty, at line 0).
 */
export function splitMarkdownSections(text: string): MarkdownSection[] | undefined {
  if (text.includes(']:')) return undefined;
  const cuts: Array<{ line: number; offset: number }> = [];
  let states: State[] = [NONE];
  let line = 0;
  let at = 0;
  const next: State[] = [];
  while (at <= text.length) {
    // The line is text[at, lineEnd); a line ending is \r\n, \r or \n, as in CommonMark.
    let lineEnd = at;
    while (lineEnd < text.length) {
      const c = text.charCodeAt(lineEnd);
      if (c === 0x0a || c === 0x0d) break;
      lineEnd++;
    }
    const only = states.length === 1 && states[0] === NONE;
    if (line > 0 && isCutLine(text, at, lineEnd) && states.every((s) => s === NONE || s.startsWith('container:'))) {
      cuts.push({ line, offset: at });
    }
    const first = text.charCodeAt(at);
    if (only && line > 0 && first !== 0x20 && first !== 0x60 && first !== 0x7e && first !== 0x3c && first !== 0x09) {
      // Fast path: nothing open, and the line cannot open anything.
    } else {
      const content = text.slice(at, lineEnd);
      next.length = 0;
      for (const state of states) step(state, content, line === 0, next);
      states = [...new Set(next)];
    }
    if (lineEnd >= text.length) break;
    at = lineEnd + (text.charCodeAt(lineEnd) === 0x0d && text.charCodeAt(lineEnd + 1) === 0x0a ? 2 : 1);
    line++;
  }
  const sections: MarkdownSection[] = [];
  let previous = { line: 0, offset: 0 };
  for (const cut of cuts) {
    sections.push({ ...previous, text: text.slice(previous.offset, cut.offset) });
    previous = cut;
  }
  sections.push({ ...previous, text: text.slice(previous.offset) });
  return sections;
}
