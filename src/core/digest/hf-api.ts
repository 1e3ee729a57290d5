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

/**
 * The lines of each element of the top-level array, in one pass over a text that
 * JSON.parse has accepted. Strings are skipped with indexOf (valid JSON has no raw
 * line break inside one), so only the characters between them are visited.
 */
function locateEntries(text: string, from: number): EntryLines {
  const lines: EntryLines = { start: [], end: [], title: [], paperTitle: [] };
  let line = 0;
  let depth = 0;
  let expectElement = false;
  let entry = -1;
  let lastString = -1; // where the last string started, to tell a key once its ":" comes
  let lastStringEnd = -1;
  let lastStringLine = 0;
  let paperNext = false; // the "paper" key of an entry was just read: its value is the paper
  let inPaper = false;
  const length = text.length;
  for (let i = from; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      continue;
    }
    if (c === 0x0d) {
      if (text.charCodeAt(i + 1) !== 0x0a) line++;
      continue;
    }
    if (c === 0x20 || c === 0x09) continue;
    if (depth === 1 && expectElement && c !== 0x2c && c !== 0x5d) {
      entry++;
      lines.start.push(line);
      lines.end.push(line);
      lines.title.push(-1);
      lines.paperTitle.push(-1);
      expectElement = false;
    }
    switch (c) {
      case 0x22: { // "
        let end = text.indexOf('"', i + 1);
        for (;;) {
          let backslashes = 0;
          while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
          if (backslashes % 2 === 0) break;
          end = text.indexOf('"', end + 1);
        }
        lastString = i;
        lastStringEnd = end + 1;
        lastStringLine = line;
        i = end;
        break;
      }
      case 0x3a: // :
        if (depth === 2 && entry >= 0) {
          if (isKey(text, lastString, lastStringEnd, 'title')) lines.title[entry] = lastStringLine;
          paperNext = isKey(text, lastString, lastStringEnd, 'paper');
        } else if (depth === 3 && inPaper && isKey(text, lastString, lastStringEnd, 'title')) {
          lines.paperTitle[entry] = lastStringLine;
        }
        break;
      case 0x7b: // {
      case 0x5b: // [
        depth++;
        if (depth === 1) expectElement = true;
        if (depth === 3) inPaper = paperNext && c === 0x7b;
        paperNext = false;
        break;
      case 0x7d: // }
      case 0x5d: // ]
        depth--;
        if (depth === 1 && entry >= 0) lines.end[entry] = line;
        if (depth === 2) inPaper = false;
        break;
      case 0x2c: // ,
        if (depth === 1) expectElement = true;
        if (depth === 2) paperNext = false;
        break;
      default:
        break;
    }
    if (depth === 1 && entry >= 0 && c !== 0x2c && c !== 0x5d && c !== 0x7d) lines.end[entry] = line;
  }
  return lines;
}

/** The 0-based line of a character offset, counting "\n", "\r\n" and a lone "\r" as one break. */
function lineOf(text: string, offset: number): number {
  let line = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) line++;
  }
  return line;
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

/** White space collapsed to single spaces and trimmed; control characters count as white space. */
export function collapseSpace(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
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
