/**
 * The pure half of the library kept between sessions: what the index knew of every
 * candidate file (its size and modification time, and the digest parsed from it, or that
 * it is no digest), so the next window shows an unchanged library without reading or
 * parsing any digest. Every format is kept: a record costs one JSON.parse, and reading
 * the file it stands for costs a round trip to the disk besides.
 *
 * The file is JSON Lines, one file a line, so loading finds where the lines are and
 * decodes them one at a time (the caller yields between them), and so a damaged line
 * costs only its own file:
 *
 *   paper-digest-library <LIBRARY_FORMAT> <DIGEST_PARSER_VERSION> <id>\n
 *   {"uri":…,"size":…,"mtime":…,"hash":…,"digest":{…}}\n      <- a digest
 *   {"uri":…,"size":…,"mtime":…}\n                            <- a file that is no digest
 *   end <number of records>\n
 *
 * The last line tells a whole file from a truncated one: a file without it is discarded
 * whole, as is one of another format or parser version.
 *
 * A library of years is a hundred megabytes, and one digest changes at a time, so what
 * changed since the library was written goes to a second, small file of the same layout
 * (its header names the library it amends by `id`), with a line for each removed file:
 *
 *   paper-digest-library-changes <LIBRARY_FORMAT> <DIGEST_PARSER_VERSION> <id>\n
 *   {"uri":…,"size":…,"mtime":…,…}\n                          <- a record, new or changed
 *   {"uri":…,"removed":true}\n                                <- a file no longer kept
 *   end <number of lines>\n
 *
 * Changes that name another library (written since by another window) are ignored: the
 * files they stand for are read again.
 */
import { fnv1a } from '../model';
import type { Digest, Paper } from '../model';

/** Bump whenever parsing or recognising digests changes what a record would hold: every file is then read again. */
export const DIGEST_PARSER_VERSION = 3;
/** Bump when the layout of the file changes. */
const LIBRARY_FORMAT = 2;
const KINDS = { library: 'paper-digest-library', changes: 'paper-digest-library-changes' } as const;
/** Which of the two files: the whole library, or the changes since it was written. */
export type LibraryFileKind = keyof typeof KINDS;
const ID = /^[0-9a-z-]{1,64}$/;
const TRAILER = /^end (\d{1,9})$/;
const NEWLINE = 0x0a;

/** What the index knew of one candidate file. */
export interface LibraryRecord {
  uri: string;
  /** Bytes, as the file system reported them when the file was read. */
  size: number;
  /** Milliseconds since the epoch, as the file system reported them. */
  mtime: number;
  /**
   * The file changed so close to when it was read that a later change in the same tick of
   * a coarse clock would leave size and time as they are: its text must be compared again.
   */
  racy?: boolean;
  /** textHash of the text `digest` was parsed from; absent when the file is no digest. */
  hash?: string;
  digest?: Digest;
}

/** Identifies a text: its length and FNV-1a hash (what a re-read compares to skip parsing). */
export function textHash(text: string): string {
  return `${text.length}:${fnv1a(text)}`;
}

/** True when a file with this size and time is, as far as the file system says, the one recorded. */
export function recordMatches(record: LibraryRecord, size: number, mtime: number): boolean {
  return record.racy !== true && record.size === size && record.mtime === mtime;
}

/** The first line of a file of this kind; `id` names the library (letters, digits and dashes). */
export function libraryHeader(id: string, kind: LibraryFileKind = 'library'): string {
  if (!ID.test(id)) throw new Error(`not a library id: ${id}`);
  return `${KINDS[kind]} ${LIBRARY_FORMAT} ${DIGEST_PARSER_VERSION} ${id}`;
}

/** One line of the file, newline included. */
export function libraryLine(record: LibraryRecord): string {
  const line: LibraryRecord = { uri: record.uri, size: record.size, mtime: record.mtime };
  if (record.racy) line.racy = true;
  if (record.digest && record.hash !== undefined) {
    line.hash = record.hash;
    line.digest = record.digest;
  }
  return `${JSON.stringify(line)}\n`;
}

/** The line of the changes file that says a file is no longer kept, newline included. */
export function libraryRemovalLine(uri: string): string {
  return `${JSON.stringify({ uri, removed: true })}\n`;
}

export function libraryTrailer(count: number): string {
  return `end ${count}\n`;
}

/** The whole file for these records (used by tests; the host encodes line by line). */
export function serializeLibrary(records: Iterable<LibraryRecord>, id = 'test'): string {
  let out = `${libraryHeader(id)}\n`;
  let count = 0;
  for (const record of records) {
    out += libraryLine(record);
    count++;
  }
  return out + libraryTrailer(count);
}

/** Where the lines of a library file are, found without decoding any record. */
export interface LibraryLines {
  bytes: Uint8Array;
  /** [start, end) of each record's JSON. */
  spans: Array<[number, number]>;
}

export type IndexedLibrary = { ok: true; lines: LibraryLines; id: string } | { ok: false; problem: string };

/**
 * Finds the lines of a library file, or of a changes file with `kind` 'changes'. Not ok
 * when the file is of another kind, format or parser version, or is cut short (no
 * closing line, or one that counts other lines).
 */
export function indexLibrary(bytes: Uint8Array, kind: LibraryFileKind = 'library'): IndexedLibrary {
  const decoder = new TextDecoder();
  const headerEnd = bytes.indexOf(NEWLINE);
  const header = headerEnd === -1 ? [] : decoder.decode(bytes.subarray(0, Math.min(headerEnd, 256))).split(' ');
  const id = header[3] ?? '';
  if (header.length !== 4 || `${header.slice(0, 3).join(' ')}` !== `${KINDS[kind]} ${LIBRARY_FORMAT} ${DIGEST_PARSER_VERSION}` || !ID.test(id)) {
    return { ok: false, problem: 'another version, or not a library file' };
  }
  const spans: Array<[number, number]> = [];
  let start = headerEnd + 1;
  let closed = false;
  while (start < bytes.length) {
    const end = bytes.indexOf(NEWLINE, start);
    if (end === -1) break;
    if (bytes[start] !== 0x7b /* { */) {
      const count = TRAILER.exec(decoder.decode(bytes.subarray(start, end)));
      closed = count !== null && Number(count[1]) === spans.length && end + 1 === bytes.length;
      break;
    }
    spans.push([start, end]);
    start = end + 1;
  }
  if (!closed) return { ok: false, problem: 'cut short' };
  return { ok: true, lines: { bytes, spans }, id };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isPaper(value: unknown, uri: string): value is Paper {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Paper;
  return typeof p.id === 'string' && typeof p.title === 'string' && typeof p.abstract === 'string' && Array.isArray(p.links)
    && typeof p.source === 'object' && p.source !== null && p.source.uri === uri && typeof p.source.titleLine === 'number'
    && typeof p.source.startLine === 'number' && typeof p.source.endLine === 'number';
}

function isDigestOf(value: unknown, uri: string): value is Digest {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Digest;
  return d.uri === uri && Array.isArray(d.papers) && Array.isArray(d.diagnostics) && d.papers.every((p) => isPaper(p, uri));
}

/**
 * Record `i` of an indexed file, or undefined when its line does not hold a record
 * (a damaged line is a miss: that file is read again, never an error).
 */
export function readLibraryRecord(lines: LibraryLines, i: number): LibraryRecord | undefined {
  return asRecord(lineValue(lines, i));
}

/** Line `i` of an indexed changes file: a record, a file removed, or undefined for a damaged line. */
export function readLibraryChange(lines: LibraryLines, i: number): LibraryRecord | { removed: string } | undefined {
  const value = lineValue(lines, i);
  if (typeof value === 'object' && value !== null && (value as { removed?: unknown }).removed === true) {
    const uri = (value as { uri?: unknown }).uri;
    return typeof uri === 'string' && uri !== '' ? { removed: uri } : undefined;
  }
  return asRecord(value);
}

function lineValue(lines: LibraryLines, i: number): unknown {
  const span = lines.spans[i];
  if (!span) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(lines.bytes.subarray(span[0], span[1])));
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): LibraryRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as LibraryRecord;
  if (typeof r.uri !== 'string' || r.uri === '' || !isCount(r.size) || !isCount(r.mtime)) return undefined;
  if (r.racy !== undefined && typeof r.racy !== 'boolean') return undefined;
  const record: LibraryRecord = { uri: r.uri, size: r.size, mtime: r.mtime };
  if (r.racy) record.racy = true;
  if (r.digest !== undefined || r.hash !== undefined) {
    if (typeof r.hash !== 'string' || !isDigestOf(r.digest, r.uri)) return undefined;
    record.hash = r.hash;
    record.digest = r.digest;
  }
  return record;
}
