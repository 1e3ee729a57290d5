/**
 * The Hugging Face "Daily Papers" plain-text digest: what a reader gets by selecting
 * the page and pasting it into a file (or an e-mail that hard-wraps it).
 *
 *   new                                    <- optional page header, one line per block
 *   Get trending papers in your email inbox!
 *   ...
 *   Nov 6                                  <- the digest date
 *
 *   Title of the paper                     <- one line (or a few, when hard-wrapped)
 *
 *   The abstract, one long line or         <- one paragraph (rarely several)
 *   hard-wrapped over several lines.
 *
 *   zai-org Z.ai                           <- optional metadata block, any of:
 *     • 8 authors                             organisation, author count, "·",
 *   ·                                         date with an optional upvote count
 *   Oct 13 2
 *
 * The parser works on blocks (runs of non-blank lines) rather than on lines, because
 * the block structure is what tells the parts apart: a title is a short block followed
 * by a prose block; an abstract's continuation lines live in the same block as its
 * first line; a metadata block is recognised by its first line (or by the "·"/"•" line
 * right after an organisation line). Three passes, each linear:
 *   1. scan lines with indexOf and record each block's extent and first two lines
 *      (nothing is stored per line and no string is made per line);
 *   2. classify each block as metadata or prose, looking at its first two lines only;
 *   3. walk the blocks with one block of look-ahead and assemble papers.
 *
 * An abstract that links to exactly one paper (huggingface.co/papers/<id>, arxiv.org/abs
 * or /pdf) gives the paper its arXiv id and its Hugging Face page as url (arxiv-id.ts).
 */
import { arxivIdOfLinks, hfPaperUrl } from './arxiv-id';
import { extractLinks } from './links';
import { ownJoinedLines, ownText, paperId } from '../model';
import type { Diagnostic, Digest, Paper } from '../model';
import type { WorkCounter } from '../model';

export interface ParseOptions {
  /** Incremented with the lines, characters and blocks visited. */
  work?: WorkCounter;
}

/** The lines of the page header, as the page shows them. */
export const HF_HEADER_LINES: readonly string[] = [
  'new',
  'Get trending papers in your email inbox!',
  'Subscribe',
  'Daily Papers',
  'byAK and the research community',
];
const HEADER_LINES = new Set(HF_HEADER_LINES);

// ---------------------------------------------------------------------------
// Metadata vocabulary (shared with the Markdown digest parser)
// ---------------------------------------------------------------------------

export interface PaperMetadata {
  org?: string;
  authorCount?: number;
  published?: string;
  upvotes?: number;
}

const MONTHS = new Set([
  'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  'January', 'February', 'March', 'April', 'June', 'July', 'August', 'September', 'October',
  'November', 'December',
]);

export function isMonthName(word: string): boolean {
  return MONTHS.has(word);
}

/** Metadata lines are short; longer lines are never compared against the patterns below. */
const MAX_METADATA_LINE = 200;

// Anchored, with bounded repetitions only: no backtracking blow-up, and they only ever
// run on short lines.
const DATE = /^(([A-Z][a-z]{2,8})\.?[ \t]+(\d{1,2})(?:,[ \t]*\d{4})?)(?:[ \t]+(\d{1,9}))?$/;
const AUTHORS = /^(\d{1,6})[ \t]+authors?$/i;
const AUTHORS_WORD = /(?:^|[ \t])authors?$/i;
const UPVOTES = /^(?:[▲△⬆↑][\uFE0F]?[ \t]*(\d{1,9})|(\d{1,9})[ \t]+upvotes?)$/i;

export interface DateParts {
  /** The date as written, without the upvote count: "Mar 5, 2024". */
  published: string;
  upvotes?: number;
}

/** "Oct 13", "Mar 5, 2024", and either with an upvote count after it: "Oct 13 2". */
export function readDate(text: string): DateParts | undefined {
  if (text.length > 40) return undefined;
  const match = DATE.exec(text);
  if (!match || !MONTHS.has(match[2])) return undefined;
  const day = Number(match[3]);
  if (day < 1 || day > 31) return undefined;
  return match[4] === undefined ? { published: match[1] } : { published: match[1], upvotes: Number(match[4]) };
}

/** "8 authors", "1 authors", "1 author". */
export function readAuthorCount(text: string): number | undefined {
  const match = AUTHORS.exec(text);
  return match ? Number(match[1]) : undefined;
}

/**
 * A cheap test that rules out nearly every title and line of prose before any pattern
 * runs: a metadata line has a separator, or its one part starts with a digit (author or
 * upvote count), an arrow (upvotes) or a capital letter in a short line (a date).
 */
function mayBeMetadata(line: string): boolean {
  if (line.indexOf('·') !== -1 || line.indexOf('•') !== -1) return true;
  let i = 0;
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  const code = line.charCodeAt(i);
  if (code >= 0x30 && code <= 0x39) return true;
  if (code >= 0x41 && code <= 0x5a) return line.length - i <= 40;
  return code === 0x25b2 || code === 0x25b3 || code === 0x2b06 || code === 0x2191;
}

export interface MetadataLine {
  fields: PaperMetadata;
  /** What could not be read, when the line is clearly metadata but part of it is not. */
  problem?: string;
}

/** `text.split(/[·•]/)`, without a regular expression: this runs on every short line. */
function splitAtSeparators(text: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xb7 || code === 0x2022) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/**
 * One line of metadata: "  • 8 authors", "·", "Oct 13 2", or several parts on one line
 * separated by "·" or "•" ("zai-org Z.ai · 3 authors · Oct 13 · ▲ 2"). Every part must
 * be an author count, a date or an upvote count, except that the first part may be the
 * organisation when a separator follows it. Anything else is not a metadata line (undefined), so prose
 * that happens to contain a "·" stays prose.
 */
export function readMetadataLine(line: string): MetadataLine | undefined {
  if (line === '·') return { fields: {} }; // the separator line, in nearly every metadata block
  if (line.length > MAX_METADATA_LINE || !mayBeMetadata(line)) return undefined;
  let body = line.trim();
  const bulleted = body.startsWith('•');
  if (bulleted) body = body.slice(1);
  const parts = splitAtSeparators(body);
  const fields: PaperMetadata = {};
  let known = 0;
  let problem: string | undefined;
  let org: string | undefined;
  let seen = 0;
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') continue;
    const index = seen++;
    const authors = readAuthorCount(part);
    if (authors !== undefined) {
      fields.authorCount ??= authors;
      known++;
      continue;
    }
    const date = readDate(part);
    if (date) {
      fields.published ??= date.published;
      if (date.upvotes !== undefined) fields.upvotes ??= date.upvotes;
      known++;
      continue;
    }
    const upvotes = UPVOTES.exec(part);
    if (upvotes) {
      fields.upvotes ??= Number(upvotes[1] ?? upvotes[2]);
      known++;
      continue;
    }
    if (AUTHORS_WORD.test(part)) {
      // "• many authors": clearly an author count, just not a readable one.
      problem = `Unreadable author count: "${part}".`;
      continue;
    }
    if (index > 0 || org !== undefined) return undefined;
    org = part;
  }
  if (seen === 0) return { fields }; // a lone "·" or "•": the separator line
  // An organisation alone is a metadata line only when a separator says so ("Acme Labs ·").
  const orgAlone = org !== undefined && seen === 1 && parts.length > 1;
  if (known === 0 && !orgAlone && !(problem && (bulleted || seen > 1))) return undefined;
  if (org !== undefined) {
    if (seen < 2 && !orgAlone) return undefined;
    fields.org = org;
  }
  return problem ? { fields, problem } : { fields };
}

// ---------------------------------------------------------------------------
// The parser
// ---------------------------------------------------------------------------

/** White space as far as blank lines and trimming go: control characters, BOM and no-break spaces included. */
export function isSpace(code: number): boolean {
  return (
    code <= 0x20 ||
    code === 0xa0 ||
    code === 0xfeff ||
    code === 0x85 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** A title wraps over a few lines at most; a longer block before an abstract is prose. */
const MAX_TITLE_LINES = 3;

/** How the lines of a block are separated, when they all are by a bare line break of one kind. */
const enum Joint {
  Mixed = 0, // some line has spaces around its break, or the breaks differ: join line by line
  LF = 1,
  CRLF = 2,
  CR = 3,
}
function lineBreakOf(joint: Joint.LF | Joint.CRLF | Joint.CR): '\n' | '\r\n' | '\r' {
  return joint === Joint.LF ? '\n' : joint === Joint.CRLF ? '\r\n' : '\r';
}

/**
 * The blocks of a text: runs of consecutive non-blank lines, as parallel arrays. Only
 * what classification needs is kept (the first two lines, the extent, the line
 * numbers); the lines between are read again only for the few blocks that need them.
 * Offsets are those of the trimmed line contents.
 */
interface Blocks {
  count: number;
  start: number[];
  firstEnd: number[];
  /** -1 when the block has one line. */
  secondStart: number[];
  secondEnd: number[];
  /** The start of the last line; the block's end is its end. */
  lastStart: number[];
  end: number[];
  firstLine: number[];
  lastLine: number[];
  joint: Joint[];
  /** Characters visited, for the work counter. */
  steps: number;
}

/** Pass 1: one scan with indexOf for line breaks ("\n", "\r\n" or a lone "\r", as in the editor). */
function scanBlocks(text: string): Blocks {
  const blocks: Blocks = {
    count: 0, start: [], firstEnd: [], secondStart: [], secondEnd: [], lastStart: [], end: [], firstLine: [], lastLine: [], joint: [],
    steps: 0,
  };
  const length = text.length;
  const hasCR = text.indexOf('\r') !== -1;
  let nextLF = text.indexOf('\n');
  let nextCR = hasCR ? text.indexOf('\r') : -1;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNumber = 0;
  let steps = 0;
  let current = -1; // the open block, or -1 after a blank line
  let lineCount = 0; // lines in the open block
  let previousBare = false; // the previous line had no trailing space
  let previousJoint = Joint.LF; // and ended with this break
  for (;;) {
    let eol: number;
    let next: number;
    if (!hasCR) {
      if (nextLF !== -1 && nextLF < pos) nextLF = text.indexOf('\n', pos);
      eol = nextLF === -1 ? length : nextLF;
      next = eol + 1;
    } else {
      if (nextLF !== -1 && nextLF < pos) nextLF = text.indexOf('\n', pos);
      if (nextCR !== -1 && nextCR < pos) nextCR = text.indexOf('\r', pos);
      const lf = nextLF === -1 ? length : nextLF;
      const cr = nextCR === -1 ? length : nextCR;
      eol = lf < cr ? lf : cr;
      next = eol === cr && nextLF === cr + 1 ? eol + 2 : eol + 1;
    }
    steps += eol - pos + 1;
    let start = pos;
    while (start < eol && isSpace(text.charCodeAt(start))) start++;
    if (start === eol) {
      current = -1;
    } else {
      let end = eol;
      while (isSpace(text.charCodeAt(end - 1))) end--;
      if (current === -1) {
        current = blocks.count++;
        lineCount = 1;
        blocks.start.push(start);
        blocks.firstEnd.push(end);
        blocks.secondStart.push(-1);
        blocks.secondEnd.push(-1);
        blocks.lastStart.push(start);
        blocks.end.push(end);
        blocks.firstLine.push(lineNumber);
        blocks.lastLine.push(lineNumber);
        blocks.joint.push(Joint.Mixed);
      } else {
        const bare = previousBare && start === pos;
        if (++lineCount === 2) {
          blocks.secondStart[current] = start;
          blocks.secondEnd[current] = end;
          blocks.joint[current] = bare ? previousJoint : Joint.Mixed;
        } else if (!bare || blocks.joint[current] !== previousJoint) {
          blocks.joint[current] = Joint.Mixed;
        }
        blocks.lastStart[current] = start;
        blocks.end[current] = end;
        blocks.lastLine[current] = lineNumber;
      }
      previousBare = end === eol;
    }
    if (eol >= length) break;
    previousJoint = next - eol === 2 ? Joint.CRLF : text.charCodeAt(eol) === 0x0d ? Joint.CR : Joint.LF;
    pos = next;
    lineNumber++;
  }
  blocks.steps = steps;
  return blocks;
}

/** The trimmed extents of every line of block `b`, as [start, end, start, end, ...]. */
function blockLines(text: string, blocks: Blocks, b: number): number[] {
  const extents: number[] = [];
  const from = blocks.start[b];
  // Searching a slice keeps every indexOf inside the block, however far the next break is.
  const block = text.slice(from, blocks.end[b]);
  let nextLF = block.indexOf('\n');
  let nextCR = block.indexOf('\r');
  let pos = 0;
  for (;;) {
    if (nextLF !== -1 && nextLF < pos) nextLF = block.indexOf('\n', pos);
    if (nextCR !== -1 && nextCR < pos) nextCR = block.indexOf('\r', pos);
    const lf = nextLF === -1 ? block.length : nextLF;
    const cr = nextCR === -1 ? block.length : nextCR;
    const eol = lf < cr ? lf : cr;
    let start = pos;
    while (start < eol && isSpace(block.charCodeAt(start))) start++;
    let end = eol;
    while (end > start && isSpace(block.charCodeAt(end - 1))) end--;
    extents.push(from + start, from + end);
    if (eol >= block.length) return extents;
    pos = eol === cr && nextLF === cr + 1 ? eol + 2 : eol + 1;
  }
}

/** A paper being read. Its title and paragraphs are copies (ownText), so that the library keeps its papers and not the files they came from. */
interface Draft {
  title: string;
  titleLine: number;
  endLine: number;
  paragraphs: string[];
  meta: PaperMetadata;
  hasMeta: boolean;
}

export function parseHfText(text: string, uri: string, options: ParseOptions = {}): Digest {
  const diagnostics: Diagnostic[] = [];
  const papers: Paper[] = [];
  const blocks = scanBlocks(text);
  let steps = blocks.steps;
  const { count } = blocks;

  /** The text from `start` to `end` when it is short enough to be metadata or a header; longer text is prose. */
  const short = (start: number, end: number): string | undefined =>
    end - start <= MAX_METADATA_LINE ? text.slice(start, end) : undefined;
  const firstLine = (b: number): string | undefined => short(blocks.start[b], blocks.firstEnd[b]);
  const lineCount = (b: number): number => blocks.lastLine[b] - blocks.firstLine[b] + 1;

  /** The trimmed extents of every line of block `b`, as blockLines gives them; blocks of up to three lines need no scan. */
  const lineExtents = (b: number): number[] => {
    switch (lineCount(b)) {
      case 1: return [blocks.start[b], blocks.end[b]];
      case 2: return [blocks.start[b], blocks.firstEnd[b], blocks.secondStart[b], blocks.end[b]];
      case 3: return [blocks.start[b], blocks.firstEnd[b], blocks.secondStart[b], blocks.secondEnd[b], blocks.lastStart[b], blocks.end[b]];
      default: return blockLines(text, blocks, b);
    }
  };

  /**
   * The lines of block `b` from its `from`-th line on (a hard-wrapped paragraph or title),
   * joined with single spaces, as a copy of its own (ownText). Usually the lines are
   * separated by nothing but line breaks of one kind: then the copy joins them, with no
   * string per line.
   */
  const joinBlock = (b: number, from: 0 | 1): string => {
    const start = from === 0 ? blocks.start[b] : blocks.secondStart[b];
    const joint = blocks.joint[b];
    if (joint !== Joint.Mixed) return ownJoinedLines(text.slice(start, blocks.end[b]), lineBreakOf(joint));
    if (blocks.secondStart[b] === -1) return ownText(text.slice(start, blocks.end[b]));
    const extents = blockLines(text, blocks, b);
    steps += blocks.end[b] - blocks.start[b];
    let joined = '';
    for (let i = 2 * from; i < extents.length; i += 2) {
      const line = text.slice(extents[i], extents[i + 1]);
      joined = joined === '' ? line : `${joined} ${line}`;
    }
    return ownText(joined);
  };

  // Pass 2: metadata or prose, from the first two lines of each block. What is read of a
  // metadata block's first line is kept for pass 3.
  // Arrays rather than typed arrays: a file has some hundred blocks, too few to repay allocating a buffer.
  const isMetaBlock: boolean[] = new Array<boolean>(count).fill(false);
  const firstMeta: (MetadataLine | undefined)[] = [];
  /** The first line of the block is an organisation: "·" or "• N authors" follows it. */
  const isOrgLine: boolean[] = new Array<boolean>(count).fill(false);
  /** "·" or "• N authors": what follows an organisation line. */
  const isSeparatorOrBullet = (line: string | undefined): boolean =>
    line !== undefined && (line === '·' || line.charCodeAt(0) === 0x2022) && readMetadataLine(line) !== undefined;
  for (let b = 0; b < count; b++) {
    steps++;
    const line = firstLine(b);
    if (line === undefined) continue;
    const meta = readMetadataLine(line);
    const orgLine = blocks.secondStart[b] !== -1 && isSeparatorOrBullet(short(blocks.secondStart[b], blocks.secondEnd[b]));
    if (meta !== undefined) firstMeta[b] = meta;
    if (orgLine) isOrgLine[b] = true;
    if (orgLine || meta !== undefined) isMetaBlock[b] = true;
  }
  const nextIsProse = (b: number): boolean => b + 1 < count && !isMetaBlock[b + 1];
  const endsSentence = (b: number): boolean => {
    const code = text.charCodeAt(blocks.end[b] - 1);
    return code === 0x2e || code === 0x3002; // "." or "。"
  };

  // Pass 3: papers.
  let digestDate: string | undefined;
  let draft: Draft | undefined;

  const finish = (d: Draft): void => {
    const title = d.title;
    const abstract = d.paragraphs.length === 1 ? d.paragraphs[0] : ownText(d.paragraphs.join('\n\n'));
    steps += title.length + abstract.length;
    if (abstract === '') {
      diagnostics.push({ line: d.titleLine, severity: 'warning', message: `"${title}" has no abstract.` });
    }
    const links = extractLinks(abstract);
    const paper: Paper = { id: paperId(title), title, abstract, links, source: {
      uri, titleLine: d.titleLine, startLine: d.titleLine, endLine: d.endLine,
    } };
    if (d.meta.authorCount !== undefined) paper.authorCount = d.meta.authorCount;
    if (d.meta.org !== undefined) paper.org = ownText(d.meta.org);
    if (d.meta.published !== undefined) paper.published = ownText(d.meta.published);
    if (d.meta.upvotes !== undefined) paper.upvotes = d.meta.upvotes;
    // The page has no links of its own: an abstract that links to exactly one paper names it.
    const arxivId = links.length === 0 ? undefined : arxivIdOfLinks(links);
    if (arxivId !== undefined) {
      paper.arxivId = arxivId;
      paper.url = hfPaperUrl(arxivId);
    }
    papers.push(paper);
  };

  /**
   * A block where a title is due. One line is the title. A few lines followed by prose
   * and not ending a sentence are a long title, hard-wrapped. Otherwise the title has
   * its abstract glued under it with no blank line between.
   */
  const start = (b: number): Draft => {
    const lines = lineCount(b);
    const wrappedTitle = lines > 1 && lines <= MAX_TITLE_LINES && nextIsProse(b) && !endsSentence(b);
    const d: Draft = {
      title: wrappedTitle ? joinBlock(b, 0) : ownText(text.slice(blocks.start[b], blocks.firstEnd[b])),
      titleLine: blocks.firstLine[b],
      endLine: blocks.lastLine[b],
      paragraphs: [],
      meta: {},
      hasMeta: false,
    };
    if (lines > 1 && !wrappedTitle) d.paragraphs.push(joinBlock(b, 1));
    return d;
  };

  /**
   * After a paper's abstract and before any metadata, a prose block is either the next
   * paper's title (the paper before had no metadata, like "The Markovian Thinker") or a
   * further paragraph of the abstract. A title is a short block that does not end a
   * sentence, or a single line followed by another prose block (its abstract).
   */
  const startsNewPaper = (b: number): boolean => {
    const lines = lineCount(b);
    if (nextIsProse(b)) return lines === 1 || (lines <= MAX_TITLE_LINES && !endsSentence(b));
    return lines === 1 && !endsSentence(b);
  };

  const addParagraph = (d: Draft, b: number): void => {
    d.paragraphs.push(joinBlock(b, 0));
    d.endLine = blocks.lastLine[b];
  };

  const setField = <K extends keyof PaperMetadata>(d: Draft, key: K, value: PaperMetadata[K], line: number): void => {
    if (value === undefined) return;
    if (d.meta[key] === undefined) d.meta[key] = value;
    else if (d.meta[key] !== value) {
      diagnostics.push({ line, severity: 'warning', message: `"${d.title}" has a second ${FIELD_NAMES[key]}; keeping the first.` });
    }
  };

  const applyMeta = (d: Draft, b: number): void => {
    const extents = lineExtents(b);
    steps += blocks.end[b] - blocks.start[b];
    for (let i = 0; i < extents.length; i += 2) {
      const lineNumber = blocks.firstLine[b] + i / 2;
      const line = short(extents[i], extents[i + 1]);
      const meta = i === 0 ? firstMeta[b] : line === undefined ? undefined : readMetadataLine(line);
      if (meta) {
        setField(d, 'org', meta.fields.org, lineNumber);
        setField(d, 'authorCount', meta.fields.authorCount, lineNumber);
        setField(d, 'published', meta.fields.published, lineNumber);
        setField(d, 'upvotes', meta.fields.upvotes, lineNumber);
        if (meta.problem) diagnostics.push({ line: lineNumber, severity: 'warning', message: meta.problem });
      } else if (i === 0 && line !== undefined && isOrgLine[b]) {
        setField(d, 'org', line, lineNumber);
      } else {
        diagnostics.push({ line: lineNumber, severity: 'warning', message: `Unrecognised line in the metadata of "${d.title}".` });
      }
    }
    d.hasMeta = true;
    d.endLine = blocks.lastLine[b];
  };

  /** Before the first paper: the page header and the digest date. True when the block was one of them. */
  const readPreamble = (b: number): boolean => {
    const line = firstLine(b);
    if (line === undefined) return false;
    if (HEADER_LINES.has(line)) {
      // Usually one header line per block, but a copy may have lost the blank lines between them.
      const extents = blockLines(text, blocks, b);
      steps += blocks.end[b] - blocks.start[b];
      for (let i = 0; i < extents.length; i += 2) {
        const part = short(extents[i], extents[i + 1]);
        const date = part === undefined ? undefined : readDate(part);
        if (date && digestDate === undefined) digestDate = date.published;
        else if (part === undefined || !HEADER_LINES.has(part)) {
          diagnostics.push({ line: blocks.firstLine[b] + i / 2, severity: 'info', message: 'Unrecognised line in the page header.' });
        }
      }
      return true;
    }
    if (lineCount(b) === 1) {
      const date = readDate(line);
      if (date && digestDate === undefined) {
        digestDate = date.published;
        return true;
      }
    }
    if (isMetaBlock[b]) {
      diagnostics.push({ line: blocks.firstLine[b], severity: 'warning', message: 'Metadata with no paper before it.' });
      return true;
    }
    return false;
  };

  for (let b = 0; b < count; b++) {
    steps++;
    if (draft === undefined) {
      if (!readPreamble(b)) draft = start(b);
    } else if (isMetaBlock[b]) {
      applyMeta(draft, b);
    } else if (!draft.hasMeta && draft.paragraphs.length === 0) {
      addParagraph(draft, b); // the abstract, right after its title
    } else if (draft.hasMeta || startsNewPaper(b)) {
      finish(draft);
      draft = start(b);
    } else {
      addParagraph(draft, b);
    }
  }
  if (draft) finish(draft);

  if (count === 0) {
    diagnostics.push({ line: 0, severity: 'info', message: 'The file is empty.' });
  } else if (papers.length === 0) {
    diagnostics.push({ line: blocks.firstLine[0], severity: 'warning', message: 'No papers found in this digest.' });
  }
  diagnostics.sort((a, b) => a.line - b.line);
  if (options.work) options.work.steps += steps;
  const digest: Digest = { uri, papers, diagnostics };
  if (digestDate !== undefined) digest.digestDate = digestDate;
  return digest;
}

const FIELD_NAMES: Record<keyof PaperMetadata, string> = {
  org: 'organisation',
  authorCount: 'author count',
  published: 'date',
  upvotes: 'upvote count',
};
