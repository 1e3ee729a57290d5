/**
 * The Hugging Face Daily Papers API: `GET https://huggingface.co/api/daily_papers?date=YYYY-MM-DD`
 * answers with a JSON array of entries, one per paper on that day's list:
 *
 *   [
 *     {
 *       "paper": {
 *         "id": "2405.15738",                       <- the arXiv id
 *         "authors": [{ "name": "Chunjiang Ge", ... }, ...],
 *         "publishedAt": "2024-05-24T17:34:15.000Z", <- on arXiv
 *         "submittedOnDailyAt": "2026-08-14T...",    <- on the list (newer responses)
 *         "title": "...", "summary": "...",          <- hard-wrapped as on arXiv
 *         "upvotes": 32,
 *         "githubRepo": "https://github.com/...", "projectPage": "https://...",
 *         "ai_keywords": ["...", ...],
 *         "organization": { "name": "zai-org", "fullname": "Z.ai", ... },
 *         ...
 *       },
 *       "publishedAt": "...", "title": "...", "organization": { ... }, ...
 *     },
 *     ...
 *   ]
 *
 * A response is read whole or not at all: anything that is not such an array (an
 * error object, a list of strings, JSON cut short, a field of the wrong type) gives
 * one error that says what is wrong and where, so a fetch can refuse a bad body and
 * a digest file of another shape reads as no papers with one diagnostic. Fields the
 * reader does not use are not looked at, so their size, type or depth never matter.
 *
 * JSON.parse reads the values (it is native, linear and iterative, so deep nesting
 * does not overflow the stack); one linear scan of the text finds the lines of each
 * entry, for the editor to place its papers.
 */
import { isArxivId } from './arxiv-id';
import { isHttpUrl } from '../model';
import type { WorkCounter } from '../model';

/** One entry of a response, checked and normalised: what a digest needs of it. */
export interface HfEntry {
  arxivId: string;
  /** The entry's title (the paper's when it has none), white space collapsed. */
  title: string;
  /** The paper's summary, white space collapsed (the API keeps arXiv's hard wraps). */
  abstract: string;
  /** Authors' names in order, white space collapsed, blank names left out. */
  authors: string[];
  /** 0 when the API gives none. */
  upvotes: number;
  /** The day the paper appeared on arXiv, "YYYY-MM-DD" in UTC. */
  publishedDay?: string;
  /** The day the paper was on the Daily Papers list, "YYYY-MM-DD" in UTC. */
  listedDay?: string;
  /** As the page writes it: "<name> <fullname>", e.g. "zai-org Z.ai". */
  org?: string;
  /** http(s) URLs only; anything else the API gives is left out. */
  code?: string;
  projectPage?: string;
  /** The API's ai_keywords, white space collapsed, blank ones left out. */
  keywords: string[];
  /** 0-based lines of the entry's object in the text, and of the key of its title. */
  lines: { start: number; end: number; title: number };
}

export type HfApiResponse = { entries: HfEntry[] } | { error: string; line: number };

export interface HfApiOptions {
  /** Incremented with the characters and entries visited. */
  work?: WorkCounter;
}

/** How far into a file `looksLikeHfApiJson` reads. */
const SNIFF_LENGTH = 4096;

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * A cheap test of a text's first few kilobytes: an array of objects that speaks of
 * papers. It looks at no more than that, so any file can be asked; whether the whole
 * text is a response is for `parseHfApiResponse` to say.
 */
export function looksLikeHfApiJson(text: string): boolean {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 0x5b) return false; // [
  i++;
  while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 0x7b) return false; // {
  const head = text.length > SNIFF_LENGTH ? text.slice(0, SNIFF_LENGTH) : text;
  // "authors" comes right after the id: it is there even when a long author list
  // pushes "publishedAt" and "summary" past the first kilobytes.
  return head.includes('"paper"') && (head.includes('"publishedAt"') || head.includes('"summary"') || head.includes('"authors"'));
}

// ---------------------------------------------------------------------------
// Where the entries are
// ---------------------------------------------------------------------------

interface EntryLines {
  /** Work done finding them, for the work counter. */
  steps: number;
  start: number[];
  end: number[];
  /** The line of the entry's own "title" key, or -1. */
  title: number[];
  /** The line of the "title" key in its "paper" object, or -1. */
  paperTitle: number[];
}

/** True when text[from, to) is the JSON string `"word"` written without escapes. */
function isKey(text: string, from: number, to: number, word: string): boolean {
  return to - from === word.length + 2 && text.startsWith(word, from + 1);
}

/** Where a string or a container starts or ends: all the scan below stops at. */
const TOKEN = /["{}[\]]/g;

/** True when the string that ends before `at` is a key: a ":" follows it. */
function isKeyEnd(text: string, at: number): boolean {
  let i = at;
  while (isJsonSpace(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === 0x3a;
}

/**
 * Turns increasing character offsets into 0-based lines, counting "\n", "\r\n" and a
 * lone "\r" as one break: one forward pass over the text, each break found once.
 */
class LineCounter {
  private line = 0;
  private at = 0;
  /** The next "\n" at or after `at` (-1 when there is none), when the text has no "\r". */
  private nextBreak: number;
  private readonly hasCR: boolean;
  /** Characters looked at, for the work counter. */
  scanned = 0;

  constructor(private readonly text: string) {
    this.hasCR = text.indexOf('\r') !== -1;
    this.nextBreak = this.hasCR ? -1 : this.find(0);
  }

  private find(from: number): number {
    const at = this.text.indexOf('\n', from);
    this.scanned += (at === -1 ? this.text.length : at) - from + 1;
    return at;
  }

  lineOf(offset: number): number {
    if (offset <= this.at) return this.line;
    const { text } = this;
    if (!this.hasCR) {
      while (this.nextBreak !== -1 && this.nextBreak < offset) {
        this.line++;
        this.nextBreak = this.find(this.nextBreak + 1);
      }
    } else {
      const end = Math.min(offset, text.length);
      for (let i = this.at; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) this.line++;
      }
      this.scanned += end - this.at;
    }
    this.at = offset;
    return this.line;
  }
}

/**
 * The lines of each element of the top-level array, in one pass over a text that
 * JSON.parse has accepted. A regular expression jumps from one string or bracket to the
 * next, strings are skipped with indexOf, and a string is told to be a key by the ":"
 * after it, so white space, punctuation and the long text of summaries are never
 * visited one character at a time. Only between the elements of the top-level array,
 * where commas and bare numbers or literals matter, are characters read one by one.
 */
function locateEntries(text: string, from: number): EntryLines {
  const lines: EntryLines = { steps: 0, start: [], end: [], title: [], paperTitle: [] };
  const counter = new LineCounter(text);
  let depth = 0;
  let expectElement = false;
  let entry = -1;
  let paperNext = false; // the "paper" key of an entry was just read: its value is the paper
  let inPaper = false;
  let steps = 0;
  const startElement = (at: number): void => {
    expectElement = false;
    entry++;
    const line = counter.lineOf(at);
    lines.start.push(line);
    lines.end.push(line);
    lines.title.push(-1);
    lines.paperTitle.push(-1);
  };
  /** Commas and scalar elements (numbers, true, false, null) between two tokens of the top-level array. */
  const readGap = (start: number, end: number): void => {
    steps += end - start;
    let inScalar = false;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x2c) {
        expectElement = true;
        inScalar = false;
      } else if (!isJsonSpace(c)) {
        if (expectElement) {
          startElement(i);
          inScalar = true;
        }
        if (inScalar) lines.end[entry] = counter.lineOf(i);
      }
    }
  };
  TOKEN.lastIndex = from;
  let previous = from;
  // test() rather than exec(): no match object per token, lastIndex says where it is.
  while (TOKEN.test(text)) {
    const i = TOKEN.lastIndex - 1;
    const c = text.charCodeAt(i);
    steps++;
    if (depth === 1) {
      readGap(previous, i);
      if (expectElement && c !== 0x5d) startElement(i);
    }
    if (c === 0x22) { // "
      let end = text.indexOf('"', i + 1);
      for (;;) {
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      steps += end - i;
      TOKEN.lastIndex = end + 1;
      if (depth === 1) {
        lines.end[entry] = counter.lineOf(i);
      } else if ((depth === 2 || (depth === 3 && inPaper)) && entry >= 0 && isKeyEnd(text, end + 1)) {
        if (isKey(text, i, end + 1, 'title')) {
          if (depth === 2) lines.title[entry] = counter.lineOf(i);
          else lines.paperTitle[entry] = counter.lineOf(i);
        }
        if (depth === 2) paperNext = isKey(text, i, end + 1, 'paper');
      }
    } else if (c === 0x7b || c === 0x5b) { // { [
      depth++;
      if (depth === 1) expectElement = true;
      if (depth === 3) inPaper = paperNext && c === 0x7b;
      paperNext = false;
    } else { // } ]
      depth--;
      if (depth === 1 && entry >= 0) lines.end[entry] = counter.lineOf(i);
      if (depth === 2) inPaper = false;
    }
    previous = TOKEN.lastIndex;
  }
  lines.steps = steps + counter.scanned;
  return lines;
}

/** The 0-based line of a character offset. */
function lineOf(text: string, offset: number): number {
  return new LineCounter(text).lineOf(Math.min(offset, text.length));
}

// ---------------------------------------------------------------------------
// What the entries hold
// ---------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value is, for a message: never the value itself, which may be huge. */
function kindOf(value: Json | undefined): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'object': return 'an object';
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return value ? 'true' : 'false';
    default: return 'missing';
  }
}

// eslint-disable-next-line no-control-regex
const SPACE_RUN = /[\s\u0000-\u001f\u007f-\u009f]+/g;
/** White space other than " ", and control characters: JavaScript's \s less the space, and C0 and C1. */
// eslint-disable-next-line no-control-regex
const OTHER_SPACE = /[\u0000-\u001f\u007f-\u009f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** White space collapsed to single spaces and trimmed; control characters count as white space. */
export function collapseSpace(text: string): string {
  // Most names, keywords, titles and summaries need nothing: tests make no new string.
  const tidy = text.charCodeAt(0) !== 0x20 && text.charCodeAt(text.length - 1) !== 0x20 && !text.includes('  ') && !OTHER_SPACE.test(text);
  return tidy ? text : text.replace(SPACE_RUN, ' ').trim();
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/** "YYYY-MM-DD" (UTC) of an ISO date and time, or undefined when it is none. */
export function isoDay(value: string): string | undefined {
  if (value.length > 40 || !ISO_DAY.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

class ShapeError extends Error {}

/** Reads one entry; throws a ShapeError saying what is wrong, caught by `parseHfApiResponse`. */
class EntryReader {
  constructor(private readonly entry: JsonObject, private readonly paper: JsonObject) {}

  private fail(path: string, value: Json | undefined, wanted: string): never {
    throw new ShapeError(`"${path}" is ${kindOf(value)}, not ${wanted}`);
  }

  /** A string field of the paper or the entry, or undefined when absent or null. */
  string(of: 'paper' | 'entry', key: string): string | undefined {
    const value = (of === 'paper' ? this.paper : this.entry)[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') this.fail(of === 'paper' ? `paper.${key}` : key, value, 'a string');
    return value;
  }

  strings(key: string): string[] {
    const value = this.paper[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.fail(`paper.${key}`, value, 'a list of strings');
    const out: string[] = [];
    for (const item of value) {
      if (typeof item !== 'string') this.fail(`paper.${key}[]`, item, 'a string');
      const text = collapseSpace(item);
      if (text !== '') out.push(text);
    }
    return out;
  }

  authors(): string[] {
    const value = this.paper.authors;
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.fail('paper.authors', value, 'a list of authors');
    const names: string[] = [];
    for (const author of value) {
      if (!isObject(author)) this.fail('paper.authors[]', author, 'an author object');
      const name = author.name;
      if (name === undefined || name === null) continue;
      if (typeof name !== 'string') this.fail('paper.authors[].name', name, 'a string');
      const text = collapseSpace(name);
      if (text !== '') names.push(text);
    }
    return names;
  }

  upvotes(): number {
    const value = this.paper.upvotes;
    if (value === undefined || value === null) return 0;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      this.fail('paper.upvotes', value, 'a count');
    }
    return value;
  }

  day(of: 'paper' | 'entry', key: string): string | undefined {
    const value = this.string(of, key);
    return value === undefined ? undefined : isoDay(value);
  }

  /** The entry's organisation, else its paper's, as the page writes it. */
  org(): string | undefined {
    for (const [path, value] of [['organization', this.entry.organization], ['paper.organization', this.paper.organization]] as const) {
      if (value === undefined || value === null) continue;
      if (!isObject(value)) this.fail(path, value, 'an object');
      const parts: string[] = [];
      for (const key of ['name', 'fullname']) {
        const part = value[key];
        if (part === undefined || part === null) continue;
        if (typeof part !== 'string') this.fail(`${path}.${key}`, part, 'a string');
        const text = collapseSpace(part);
        if (text !== '') parts.push(text);
      }
      if (parts.length > 0) return parts.join(' ');
    }
    return undefined;
  }

  url(key: string): string | undefined {
    const value = this.string('paper', key);
    return isHttpUrl(value) ? value : undefined;
  }
}

function readEntry(value: Json, index: number, lines: EntryLines): HfEntry {
  if (!isObject(value)) throw new ShapeError(`it is ${kindOf(value)}, not an object`);
  const paper = value.paper;
  if (!isObject(paper)) throw new ShapeError(`"paper" is ${kindOf(paper)}, not an object`);
  const read = new EntryReader(value, paper);
  const id = read.string('paper', 'id');
  if (id === undefined) throw new ShapeError('"paper.id" is missing');
  if (!isArxivId(id)) throw new ShapeError(`"paper.id" is not an arXiv id`);
  const entryTitle = collapseSpace(read.string('entry', 'title') ?? '');
  const title = entryTitle !== '' ? entryTitle : collapseSpace(read.string('paper', 'title') ?? '');
  if (title === '') throw new ShapeError('it has no title');
  const titleLine = entryTitle !== '' ? lines.title[index] : lines.paperTitle[index];
  const entry: HfEntry = {
    arxivId: id,
    title,
    abstract: collapseSpace(read.string('paper', 'summary') ?? read.string('entry', 'summary') ?? ''),
    authors: read.authors(),
    upvotes: read.upvotes(),
    keywords: read.strings('ai_keywords'),
    lines: { start: lines.start[index], end: lines.end[index], title: titleLine >= 0 ? titleLine : lines.start[index] },
  };
  const publishedDay = read.day('paper', 'publishedAt');
  if (publishedDay !== undefined) entry.publishedDay = publishedDay;
  const listedDay = read.day('paper', 'submittedOnDailyAt') ?? read.day('entry', 'publishedAt');
  if (listedDay !== undefined) entry.listedDay = listedDay;
  const org = read.org();
  if (org !== undefined) entry.org = org;
  const code = read.url('githubRepo');
  if (code !== undefined) entry.code = code;
  const projectPage = read.url('projectPage');
  if (projectPage !== undefined) entry.projectPage = projectPage;
  return entry;
}

const NOT_A_RESPONSE = 'Not a Hugging Face daily papers response';

/**
 * Reads the body of a daily papers response (or a file holding one). Total: any text
 * gives either every entry or one error with the 0-based line it concerns.
 */
export function parseHfApiResponse(text: string, options: HfApiOptions = {}): HfApiResponse {
  if (typeof text !== 'string') return { error: `${NOT_A_RESPONSE}: no text.`, line: 0 };
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // JSON.parse reads every character once.
  if (options.work) options.work.steps += text.length + 1;
  let value: Json;
  try {
    value = JSON.parse(from === 0 ? text : text.slice(from)) as Json;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? lineOf(text, Number(position[1]) + from) : 0;
    return { error: `${NOT_A_RESPONSE}: the text is not valid JSON (${message.slice(0, 200)}).`, line };
  }
  if (!Array.isArray(value)) {
    return { error: `${NOT_A_RESPONSE}: it is ${kindOf(value)}, not a list of papers.`, line: lineOf(text, from) };
  }
  const lines = locateEntries(text, from);
  if (options.work) options.work.steps += lines.steps;
  const entries: HfEntry[] = [];
  for (let i = 0; i < value.length; i++) {
    if (options.work) options.work.steps++;
    try {
      entries.push(readEntry(value[i], i, lines));
    } catch (error) {
      if (!(error instanceof ShapeError)) throw error;
      return { error: `${NOT_A_RESPONSE}: entry ${i + 1}: ${error.message}.`, line: lines.start[i] ?? 0 };
    }
  }
  return { entries };
}
