/**
 * The built search index as bytes and back, so a window reopening a library
 * restores it instead of splitting every abstract again.
 *
 * The format is the index's own arrays, little-endian as typed arrays lay
 * them out, behind a header of 32-bit words:
 *
 *   magic, version, rules, fields, papers, words, postings, id bytes,
 *   word bytes, byte length, checksum, head bytes
 *
 * then: two hash words per paper (the text it was indexed with), each paper's
 * place in display order and the length of its folded title, the papers'
 * field lengths, each word's paper count, each word's list size per field,
 * the postings, the ids', words' and heads' lengths (UTF-16 units), and the
 * ids, words and heads themselves as UTF-8. A head is the paper's title and
 * tags folded, which the restore would otherwise fold again for every paper;
 * it is taken only with a paper whose text hash matches, so it is the fold of
 * the same title and tags. `rules` fingerprints what splitting and folding
 * text depends on (stop words, longest term, fields, how a probe folds), so a
 * snapshot made by other rules is never taken for this one's; the checksum
 * over everything past the header tells a whole snapshot from a truncated or
 * damaged one.
 *
 * Bump SNAPSHOT_VERSION whenever the layout or the way text becomes terms
 * (terms.ts, term-table.ts) changes.
 */
import { TF_BITS, type IndexState } from './inverted-index';
import { MAX_TERM_LENGTH, STOP_WORDS, foldTerm } from './terms';

const MAGIC = 0x49534450; // "PDSI" read as a little-endian word
export const SNAPSHOT_VERSION = 3;
const HEADER_WORDS = 12;

/** A snapshot's papers, the hash of the text each was indexed with, and the order they were shown in. */
export interface SnapshotPapers {
  ids: string[];
  /** Two words per paper, as `writeTextHash` gives them. */
  hashes: Uint32Array;
  /** Per paper, its place in display order when the snapshot was taken: a hint for sorting, never trusted. */
  ranks: Uint32Array;
  /** Per paper, its title and tags folded as the search narrows by them... */
  heads: string[];
  /** ...of which the first this many units are the folded title. */
  titleLengths: Uint32Array;
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
  return fnv(`${[...STOP_WORDS].join(' ')}|${MAX_TERM_LENGTH}|${TF_BITS}|${fieldCount}|${FOLD_PROBE}`, 0x811c9dc5);
}

/** How folding treats case, accents, ligatures and wide letters: heads folded otherwise are other heads. */
const FOLD_PROBE = foldTerm('Schrödinger ÉCOLE ﬁne Ǆ Ｗide İ ß');

/**
 * MurmurHash3 (32 bits) over every word past the header: each word is mixed
 * across all 32 bits, so any change to one word changes the sum, and the
 * rotation between words makes it depend on their order.
 */
function checksum(words: Uint32Array, from: number): number {
  const steps = checksumSteps(words, from, words.length);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** checksum() yielding after every `chunk` words: a snapshot of tens of megabytes is summed in slices. */
function* checksumSteps(words: Uint32Array, from: number, chunk: number): Generator<void, number> {
  let h = 0x9747b28c;
  for (let start = from; start < words.length; start += chunk) {
    if (start > from) yield;
    h = mixWords(h, words, start, Math.min(words.length, start + chunk));
  }
  h ^= (words.length - from) * 4;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** MurmurHash3's body over words[start, end), from state `h`: a plain function, which V8 optimises better than a generator's loop. */
function mixWords(h: number, words: Uint32Array, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    let k = Math.imul(words[i], 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return h;
}

const TF_MASK = (1 << TF_BITS) - 1;
const pad4 = (n: number) => (n + 3) & ~3;

/** The snapshot's bytes, from an index's state and what it keeps of each paper (in the state's paper order). */
export function encodeSnapshot(state: IndexState, { hashes, ranks, heads, titleLengths }: Omit<SnapshotPapers, 'ids'>): Uint8Array {
  const fieldCount = state.lengths.length;
  const papers = state.ids.length;
  const wordCount = state.words.length;
  const encoder = new TextEncoder();
  const idBytes = encoder.encode(state.ids.join(''));
  const wordBytes = encoder.encode(state.words.join(''));
  const headBytes = encoder.encode(heads.slice(0, papers).join(''));
  const numberWords = HEADER_WORDS + 4 * papers + fieldCount * papers + wordCount + wordCount * fieldCount + state.postings.length + 2 * papers + wordCount;
  const byteLength = numberWords * 4 + pad4(idBytes.length) + pad4(wordBytes.length) + pad4(headBytes.length);
  const bytes = new Uint8Array(byteLength);
  const words = new Uint32Array(bytes.buffer, 0, byteLength / 4);
  let at = HEADER_WORDS;
  const put = (values: ArrayLike<number>) => {
    words.set(values, at);
    at += values.length;
  };
  put(hashes.subarray(0, 2 * papers));
  put(ranks.subarray(0, papers));
  put(titleLengths.subarray(0, papers));
  for (const lengths of state.lengths) put(new Uint32Array(lengths.buffer, lengths.byteOffset, lengths.length));
  put(new Uint32Array(state.papers.buffer, state.papers.byteOffset, state.papers.length));
  put(new Uint32Array(state.sizes.buffer, state.sizes.byteOffset, state.sizes.length));
  put(new Uint32Array(state.postings.buffer, state.postings.byteOffset, state.postings.length));
  put(state.ids.map((id) => id.length));
  put(state.words.map((word) => word.length));
  put(heads.slice(0, papers).map((head) => head.length));
  bytes.set(idBytes, at * 4);
  bytes.set(wordBytes, at * 4 + pad4(idBytes.length));
  bytes.set(headBytes, at * 4 + pad4(idBytes.length) + pad4(wordBytes.length));
  words.set([MAGIC, SNAPSHOT_VERSION, rulesFingerprint(fieldCount), fieldCount, papers, wordCount, state.postings.length, idBytes.length, wordBytes.length, byteLength, 0, headBytes.length]);
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

/** Words summed between two steps of decodeSnapshotSteps: a millisecond or two. */
const CHECKSUM_STEP = 1 << 19;

/** The index state and papers of a snapshot, or why it cannot be used (another version, cut short, damaged). */
export function decodeSnapshot(input: Uint8Array, fieldCount: number): DecodedSnapshot {
  const steps = decodeSnapshotSteps(input, fieldCount);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** decodeSnapshot in steps: it yields while the checksum is summed and between its other passes. */
export function* decodeSnapshotSteps(input: Uint8Array, fieldCount: number): Generator<void, DecodedSnapshot> {
  if (input.length < HEADER_WORDS * 4 || input.length % 4 !== 0) return { ok: false, problem: 'cut short' };
  // Typed-array views need an aligned start; a buffer read from disk may not have one.
  const bytes = input.byteOffset % 4 === 0 ? input : input.slice();
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  if (words[0] !== MAGIC) return { ok: false, problem: 'not a search snapshot' };
  if (words[1] !== SNAPSHOT_VERSION || words[2] !== rulesFingerprint(fieldCount) || words[3] !== fieldCount) return { ok: false, problem: 'another version' };
  const [papers, wordCount, postingCount, idLength, wordLength, byteLength] = words.subarray(4, 10);
  const headLength = words[11];
  const numberWords = HEADER_WORDS + 4 * papers + fieldCount * papers + wordCount + wordCount * fieldCount + postingCount + 2 * papers + wordCount;
  if (byteLength !== bytes.length || numberWords * 4 + pad4(idLength) + pad4(wordLength) + pad4(headLength) !== byteLength) return { ok: false, problem: 'cut short' };
  if ((yield* checksumSteps(words, HEADER_WORDS, CHECKSUM_STEP)) !== words[10]) return { ok: false, problem: 'damaged' };
  yield;
  let at = HEADER_WORDS;
  const take = (count: number) => {
    const view = words.subarray(at, at + count);
    at += count;
    return view;
  };
  const asInt = (view: Uint32Array) => new Int32Array(view.buffer, view.byteOffset, view.length);
  const hashes = take(2 * papers);
  const ranks = take(papers);
  const titleLengths = take(papers);
  const lengths = Array.from({ length: fieldCount }, () => asInt(take(papers)));
  const paperCounts = asInt(take(wordCount));
  const sizes = asInt(take(wordCount * fieldCount));
  const postings = asInt(take(postingCount));
  const idLengths = take(papers);
  const wordLengths = take(wordCount);
  const headLengths = take(papers);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let ids: string[] | undefined;
  let terms: string[] | undefined;
  let heads: string[] | undefined;
  const wordsAt = at * 4 + pad4(idLength);
  const headsAt = wordsAt + pad4(wordLength);
  try {
    ids = split(decoder.decode(bytes.subarray(at * 4, at * 4 + idLength)), idLengths);
    yield;
    terms = split(decoder.decode(bytes.subarray(wordsAt, wordsAt + wordLength)), wordLengths);
    yield;
    heads = split(decoder.decode(bytes.subarray(headsAt, headsAt + headLength)), headLengths);
  } catch {
    return { ok: false, problem: 'damaged' };
  }
  yield;
  let listed = 0;
  for (const size of sizes) listed += size;
  if (!ids || !terms || !heads || listed !== postingCount) return { ok: false, problem: 'damaged' };
  for (let paper = 0; paper < papers; paper++) if (titleLengths[paper] > heads[paper].length) return { ok: false, problem: 'damaged' };
  return { ok: true, state: { ids, lengths, words: terms, papers: paperCounts, sizes, postings }, papers: { ids, hashes, ranks, heads, titleLengths } };
}

/**
 * The state without the papers `keep` says no to (renumbered in order) and
 * without the words only they held: what removing them and compacting would
 * leave, in one pass over the postings.
 */
export function keepPapers(state: IndexState, keep: Uint8Array): IndexState {
  const steps = keepPapersSteps(state, keep);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Postings keepPapersSteps reads between two steps: a millisecond or two. */
const KEEP_STEP = 1 << 17;

/** keepPapers() in steps: it yields after about every `step` postings read, so dropping papers from a large snapshot gives the event loop back. */
export function* keepPapersSteps(state: IndexState, keep: Uint8Array, step = KEEP_STEP): Generator<void, IndexState> {
  const every = Math.max(1, Math.floor(step));
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
  yield;
  const postings = new Int32Array(state.postings.length);
  const sizes = new Int32Array(state.sizes.length);
  const papers = new Int32Array(state.words.length);
  yield;
  // The last word that counted each paper: a paper holding a word in several fields counts once.
  const counted = new Int32Array(ids.length).fill(-1);
  const words: string[] = [];
  let from = 0;
  let to = 0;
  let read = 0;
  for (let t = 0; t < state.words.length; t++) {
    if (from - read >= every) {
      read = from;
      yield;
    }
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
  // Views, not copies: copying tens of megabytes of postings again was one long last step.
  return { ids, lengths, words, papers: papers.subarray(0, words.length), sizes: sizes.subarray(0, words.length * fieldCount), postings: postings.subarray(0, to) };
}
