/**
 * The built search index as bytes and back, so a window reopening a library
 * restores it instead of splitting every abstract again.
 *
 * The format is the index's own arrays, little-endian as typed arrays lay
 * them out, behind a header of 32-bit words:
 *
 *   magic, version, rules, fields, papers, words, postings, id bytes,
 *   word bytes, byte length, checksum, 0
 *
 * then: two hash words per paper (the text it was indexed with), the papers'
 * field lengths, each word's paper count, each word's list size per field,
 * the postings, the ids' and words' lengths (UTF-16 units), and the ids and
 * words themselves as UTF-8. `rules` fingerprints what splitting text into
 * terms depends on (stop words, longest term, fields), so a snapshot made by
 * other rules is never taken for this one's; the checksum over everything
 * past the header tells a whole snapshot from a truncated or damaged one.
 *
 * Bump SNAPSHOT_VERSION whenever the layout or the way text becomes terms
 * (terms.ts, term-table.ts) changes.
 */
import { TF_BITS, type IndexState } from './inverted-index';
import { MAX_TERM_LENGTH, STOP_WORDS } from './terms';

const MAGIC = 0x49534450; // "PDSI" read as a little-endian word
export const SNAPSHOT_VERSION = 1;
const HEADER_WORDS = 12;

/** A snapshot's papers and the hash of the text each was indexed with. */
export interface SnapshotPapers {
  ids: string[];
  /** Two words per paper, as `textHash` gives them. */
  hashes: Uint32Array;
}

export type DecodedSnapshot =
  | { ok: true; state: IndexState; papers: SnapshotPapers }
  | { ok: false; problem: string };

function fnv(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const encoder = new TextEncoder();
/** Scratch for writeTextHash: a text's UTF-8 bytes, read four at a time. */
let scratch = new Uint8Array(1 << 16);
let scratchWords = new Uint32Array(scratch.buffer);

/**
 * Two 32-bit hashes of a paper's indexed text (its fields, in order), written
 * into `into` at `at`: a changed paper passing for unchanged would need both
 * to collide. Every paper of a reopened library is hashed, so the text is
 * encoded natively and mixed a 32-bit word at a time, not a character at a time.
 */
export function writeTextHash(texts: readonly string[], into: Uint32Array, at: number): void {
  let a = 0x9747b28c;
  let b = 0x2545f491;
  for (const text of texts) {
    if (scratch.length < text.length * 3 + 4) {
      scratch = new Uint8Array(text.length * 3 + 4);
      scratchWords = new Uint32Array(scratch.buffer);
    }
    const { written } = encoder.encodeInto(text, scratch);
    scratch[written] = scratch[written + 1] = scratch[written + 2] = 0;
    const words = scratchWords;
    // The length ends each field, so text moved from one field to the next changes both hashes.
    for (let i = 0, n = (written + 3) >>> 2; i <= n; i++) {
      const word = i < n ? words[i] : written;
      let k = Math.imul(word, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      a ^= Math.imul(k, 0x1b873593);
      a = (a << 13) | (a >>> 19);
      a = (Math.imul(a, 5) + 0xe6546b64) | 0;
      b = Math.imul(b ^ word, 0x5bd1e995);
      b ^= b >>> 15;
    }
  }
  into[at] = a >>> 0;
  into[at + 1] = b >>> 0;
}

/** What splitting text into terms depends on besides the code: a snapshot from other rules is another index. */
function rulesFingerprint(fieldCount: number): number {
  return fnv(`${[...STOP_WORDS].join(' ')}|${MAX_TERM_LENGTH}|${TF_BITS}|${fieldCount}`, 0x811c9dc5);
}

/**
 * MurmurHash3 (32 bits) over every word past the header: each word is mixed
 * across all 32 bits, so any change to one word changes the sum, and the
 * rotation between words makes it depend on their order.
 */
function checksum(words: Uint32Array, from: number): number {
  let h = 0x9747b28c;
  for (let i = from; i < words.length; i++) {
    let k = Math.imul(words[i], 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= (words.length - from) * 4;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const TF_MASK = (1 << TF_BITS) - 1;
const pad4 = (n: number) => (n + 3) & ~3;

/** The snapshot's bytes, from an index's state and its papers' text hashes (in the state's paper order). */
export function encodeSnapshot(state: IndexState, hashes: Uint32Array): Uint8Array {
  const fieldCount = state.lengths.length;
  const papers = state.ids.length;
  const wordCount = state.words.length;
  const encoder = new TextEncoder();
  const idBytes = encoder.encode(state.ids.join(''));
  const wordBytes = encoder.encode(state.words.join(''));
  const numberWords = HEADER_WORDS + 2 * papers + fieldCount * papers + wordCount + wordCount * fieldCount + state.postings.length + papers + wordCount;
  const byteLength = numberWords * 4 + pad4(idBytes.length) + pad4(wordBytes.length);
  const bytes = new Uint8Array(byteLength);
  const words = new Uint32Array(bytes.buffer, 0, byteLength / 4);
  let at = HEADER_WORDS;
  const put = (values: ArrayLike<number>) => {
    words.set(values, at);
    at += values.length;
  };
  put(hashes.subarray(0, 2 * papers));
  for (const lengths of state.lengths) put(new Uint32Array(lengths.buffer, lengths.byteOffset, lengths.length));
  put(new Uint32Array(state.papers.buffer, state.papers.byteOffset, state.papers.length));
  put(new Uint32Array(state.sizes.buffer, state.sizes.byteOffset, state.sizes.length));
  put(new Uint32Array(state.postings.buffer, state.postings.byteOffset, state.postings.length));
  put(state.ids.map((id) => id.length));
  put(state.words.map((word) => word.length));
  bytes.set(idBytes, at * 4);
  bytes.set(wordBytes, at * 4 + pad4(idBytes.length));
  words.set([MAGIC, SNAPSHOT_VERSION, rulesFingerprint(fieldCount), fieldCount, papers, wordCount, state.postings.length, idBytes.length, wordBytes.length, byteLength, 0, 0]);
  words[10] = checksum(words, HEADER_WORDS);
  return bytes;
}

/** Splits `joined` into pieces of these lengths; undefined when they do not add up. */
function split(joined: string, lengths: Uint32Array): string[] | undefined {
  const pieces = new Array<string>(lengths.length);
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    pieces[i] = joined.slice(at, at + lengths[i]);
    at += lengths[i];
  }
  return at === joined.length ? pieces : undefined;
}

/** The index state and papers of a snapshot, or why it cannot be used (another version, cut short, damaged). */
export function decodeSnapshot(input: Uint8Array, fieldCount: number): DecodedSnapshot {
  if (input.length < HEADER_WORDS * 4 || input.length % 4 !== 0) return { ok: false, problem: 'cut short' };
  // Typed-array views need an aligned start; a buffer read from disk may not have one.
  const bytes = input.byteOffset % 4 === 0 ? input : input.slice();
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  if (words[0] !== MAGIC) return { ok: false, problem: 'not a search snapshot' };
  if (words[1] !== SNAPSHOT_VERSION || words[2] !== rulesFingerprint(fieldCount) || words[3] !== fieldCount) return { ok: false, problem: 'another version' };
  const [papers, wordCount, postingCount, idLength, wordLength, byteLength] = words.subarray(4, 10);
  const numberWords = HEADER_WORDS + 2 * papers + fieldCount * papers + wordCount + wordCount * fieldCount + postingCount + papers + wordCount;
  if (byteLength !== bytes.length || numberWords * 4 + pad4(idLength) + pad4(wordLength) !== byteLength) return { ok: false, problem: 'cut short' };
  if (checksum(words, HEADER_WORDS) !== words[10]) return { ok: false, problem: 'damaged' };
  let at = HEADER_WORDS;
  const take = (count: number) => {
    const view = words.subarray(at, at + count);
    at += count;
    return view;
  };
  const asInt = (view: Uint32Array) => new Int32Array(view.buffer, view.byteOffset, view.length);
  const hashes = take(2 * papers);
  const lengths = Array.from({ length: fieldCount }, () => asInt(take(papers)));
  const paperCounts = asInt(take(wordCount));
  const sizes = asInt(take(wordCount * fieldCount));
  const postings = asInt(take(postingCount));
  const idLengths = take(papers);
  const wordLengths = take(wordCount);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let ids: string[] | undefined;
  let terms: string[] | undefined;
  try {
    ids = split(decoder.decode(bytes.subarray(at * 4, at * 4 + idLength)), idLengths);
    terms = split(decoder.decode(bytes.subarray(at * 4 + pad4(idLength), at * 4 + pad4(idLength) + wordLength)), wordLengths);
  } catch {
    return { ok: false, problem: 'damaged' };
  }
  let listed = 0;
  for (const size of sizes) listed += size;
  if (!ids || !terms || listed !== postingCount) return { ok: false, problem: 'damaged' };
  return { ok: true, state: { ids, lengths, words: terms, papers: paperCounts, sizes, postings }, papers: { ids, hashes } };
}

/**
 * The state without the papers `keep` says no to (renumbered in order) and
 * without the words only they held: what removing them and compacting would
 * leave, in one pass over the postings.
 */
export function keepPapers(state: IndexState, keep: Uint8Array): IndexState {
  const fieldCount = state.lengths.length;
  const renumber = new Int32Array(state.ids.length).fill(-1);
  const ids: string[] = [];
  for (let paper = 0; paper < state.ids.length; paper++) {
    if (!keep[paper]) continue;
    renumber[paper] = ids.length;
    ids.push(state.ids[paper]);
  }
  if (ids.length === state.ids.length) return state;
  const lengths = state.lengths.map((byPaper) => {
    const kept = new Int32Array(ids.length);
    for (let paper = 0; paper < byPaper.length; paper++) if (renumber[paper] >= 0) kept[renumber[paper]] = byPaper[paper];
    return kept;
  });
  const postings = new Int32Array(state.postings.length);
  const sizes = new Int32Array(state.sizes.length);
  const papers = new Int32Array(state.words.length);
  // The last word that counted each paper: a paper holding a word in several fields counts once.
  const counted = new Int32Array(ids.length).fill(-1);
  const words: string[] = [];
  let from = 0;
  let to = 0;
  for (let t = 0; t < state.words.length; t++) {
    const word = words.length;
    const start = to;
    for (let field = 0; field < fieldCount; field++) {
      const size = state.sizes[t * fieldCount + field];
      const listStart = to;
      for (let p = from; p < from + size; p++) {
        const paper = renumber[state.postings[p] >>> TF_BITS];
        if (paper < 0) continue;
        postings[to++] = (paper << TF_BITS) | (state.postings[p] & TF_MASK);
        if (counted[paper] !== word) {
          counted[paper] = word;
          papers[word]++;
        }
      }
      sizes[word * fieldCount + field] = to - listStart;
      from += size;
    }
    if (to > start) words.push(state.words[t]);
    else sizes.fill(0, word * fieldCount, (word + 1) * fieldCount);
  }
  return { ids, lengths, words, papers: papers.slice(0, words.length), sizes: sizes.slice(0, words.length * fieldCount), postings: postings.slice(0, to) };
}
