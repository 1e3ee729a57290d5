/**
 * The pure half of the cache of parsed Markdown digests kept between sessions.
 *
 * Only Markdown digests are cached: remark parses about 2 MB/s, so a 50 KB digest costs
 * tens of milliseconds, while the plain-text parser reads 300+ MB/s, as fast as JSON.parse
 * could read its result back, so caching plain-text digests would gain nothing.
 *
 * The file is JSON Lines, one digest a line, so loading it only finds where the lines are
 * and decodes the key at the start of each; a digest's JSON is decoded and parsed when its
 * text is met again (a hit), so no single step blocks for long:
 *
 *   paper-digest-cache <CACHE_FORMAT> <DIGEST_PARSER_VERSION>\n
 *   <key>\t<Digest as JSON>\n
 *   ...
 *
 * A key is `md:<parser version>:<text length>:<FNV-1a of the text>` (see textHash): the same text gives
 * the same digest wherever it is, so on a hit the uri fields are rewritten to the file's.
 */
import { fnv1a } from '../model';
import type { Digest, Paper } from '../model';

/** Bump whenever parsing changes what a digest holds: every cached digest is then parsed again. */
export const DIGEST_PARSER_VERSION = 2;
/** Bump when the layout of the cache file changes. */
const CACHE_FORMAT = 1;
const HEADER = `paper-digest-cache ${CACHE_FORMAT} ${DIGEST_PARSER_VERSION}`;
const NEWLINE = 0x0a;
const TAB = 0x09;
const KEY_PATTERN = /^md:\d+:\d+:[0-9a-f]{8}$/;

/** Identifies a text: its length and FNV-1a hash (what a rescan compares to skip unchanged files). */
export function textHash(text: string): string {
  return `${text.length}:${fnv1a(text)}`;
}

/** The cache key of a Markdown digest's text, from its textHash. */
export function digestCacheKey(hash: string): string {
  return `md:${DIGEST_PARSER_VERSION}:${hash}`;
}

export function cacheHeader(): string {
  return HEADER;
}

/** One line of the cache file, newline included. */
export function serializeCacheLine(key: string, digest: Digest): string {
  return `${key}\t${JSON.stringify(digest)}\n`;
}

/** The whole cache file for these entries (used by tests; the host encodes line by line). */
export function serializeCache(entries: Iterable<[string, Digest]>): string {
  let out = `${HEADER}\n`;
  for (const [key, digest] of entries) out += serializeCacheLine(key, digest);
  return out;
}

/** Where one cached digest's JSON is in the file's bytes. */
export interface CacheSpan {
  start: number;
  end: number;
}

export interface CacheIndex {
  bytes: Uint8Array;
  /** Key to the bytes of its digest's JSON. */
  spans: Map<string, CacheSpan>;
  /** Lines that were not `<key>\t<json>`, or cut short at the end of the file. */
  badLines: number;
}

/**
 * Finds the entries of a cache file without parsing any digest. Undefined when the file
 * is not a cache of this format and parser version (then it is ignored as a whole).
 */
export function indexCache(bytes: Uint8Array): CacheIndex | undefined {
  const decoder = new TextDecoder();
  const headerEnd = bytes.indexOf(NEWLINE);
  if (headerEnd === -1 || decoder.decode(bytes.subarray(0, headerEnd)) !== HEADER) return undefined;
  const spans = new Map<string, CacheSpan>();
  let badLines = 0;
  let start = headerEnd + 1;
  while (start < bytes.length) {
    const end = bytes.indexOf(NEWLINE, start);
    // A last line without its newline was cut short (a truncated file): never trust it.
    if (end === -1) {
      badLines++;
      break;
    }
    const tab = bytes.subarray(start, end).indexOf(TAB);
    const key = tab > 0 && tab <= 64 ? decoder.decode(bytes.subarray(start, start + tab)) : '';
    if (KEY_PATTERN.test(key) && end > start + tab + 1) spans.set(key, { start: start + tab + 1, end });
    else if (end > start) badLines++;
    start = end + 1;
  }
  return { bytes, spans, badLines };
}

function isPaper(value: unknown): value is Paper {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Paper;
  return typeof p.id === 'string' && typeof p.title === 'string' && typeof p.abstract === 'string' && Array.isArray(p.links)
    && typeof p.source === 'object' && p.source !== null && typeof p.source.titleLine === 'number'
    && typeof p.source.startLine === 'number' && typeof p.source.endLine === 'number';
}

/**
 * The cached digest of `key` for the file `uri`, or undefined when it is not cached or its
 * line does not hold a digest (a corrupt line is a miss, never an error).
 */
export function readCachedDigest(cache: CacheIndex, key: string, uri: string): Digest | undefined {
  const span = cache.spans.get(key);
  if (!span) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(cache.bytes.subarray(span.start, span.end)));
  } catch {
    cache.spans.delete(key);
    return undefined;
  }
  const digest = value as Digest;
  if (typeof value !== 'object' || value === null || !Array.isArray(digest.papers) || !Array.isArray(digest.diagnostics)
    || !digest.papers.every(isPaper)) {
    cache.spans.delete(key);
    return undefined;
  }
  // The same text may be in two files: the digest belongs to the file it is read for.
  digest.uri = uri;
  for (const paper of digest.papers) paper.source.uri = uri;
  return digest;
}
