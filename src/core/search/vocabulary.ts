/**
 * The words of the index in sorted order, for completions (a binary search
 * for the range of words with a prefix) and near spellings (a walk of that
 * sorted array as if it were a trie: the words below a prefix are one
 * contiguous range, and its children are the runs of equal characters at the
 * next position).
 *
 * Why not a radix tree: building one node by node for every new word was a
 * large part of building the index, and a sorted array is one sort of the
 * vocabulary, a few bytes a word. Words added later wait in a short unsorted
 * list, searched by a plain scan, and are merged into the sorted array once
 * there are more than a few hundred of them.
 *
 * The vocabulary only grows: a word whose last paper went stays listed, and
 * the caller skips it (`live`), until `retain` drops the dead ones.
 */

/** Unsorted words searched by a scan before they are merged in. */
const PENDING_MAX = 256;

export class Vocabulary {
  private sorted: string[] = [];
  private pending: string[] = [];

  get size(): number {
    return this.sorted.length + this.pending.length;
  }

  /** Replaces every word with these, already sorted and distinct (a snapshot's): no sort. */
  resetSorted(words: string[]): void {
    this.sorted = words;
    this.pending = [];
  }

  /** Every listed word, sorted (the waiting ones merged in first). */
  words(): readonly string[] {
    this.settle(true);
    return this.sorted;
  }

  /** Adds a word not yet listed. */
  add(word: string): void {
    this.pending.push(word);
  }

  /** Merges the waiting words into the sorted array when there are enough of them to be worth it, or `always`. */
  settle(always = false): void {
    if (this.pending.length === 0 || (!always && this.pending.length <= PENDING_MAX)) return;
    const added = this.pending.sort();
    this.pending = [];
    if (this.sorted.length === 0) {
      this.sorted = added;
      return;
    }
    const old = this.sorted;
    const merged = new Array<string>(old.length + added.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < old.length && j < added.length) merged[k++] = old[i] < added[j] ? old[i++] : added[j++];
    while (i < old.length) merged[k++] = old[i++];
    while (j < added.length) merged[k++] = added[j++];
    this.sorted = merged;
  }

  /** Keeps only the words `keep` says yes to. */
  retain(keep: (word: string) => boolean): void {
    this.settle(true);
    this.sorted = this.sorted.filter(keep);
  }

  clear(): void {
    this.sorted = [];
    this.pending = [];
  }

  /** Every word starting with `prefix` (itself included). */
  withPrefix(prefix: string, visit: (word: string) => void): void {
    this.settle();
    const sorted = this.sorted;
    for (let at = lowerBound(sorted, prefix, 0, sorted.length); at < sorted.length && sorted[at].startsWith(prefix); at++) visit(sorted[at]);
    for (const word of this.pending) if (word.startsWith(prefix)) visit(word);
  }

  /**
   * Every word within `maxDistance` edits (Levenshtein: insert, delete,
   * substitute a UTF-16 unit) of `query`, with its distance: what
   * MiniSearch's radix tree finds, computed the same banded way.
   */
  near(query: string, maxDistance: number, visit: (word: string, distance: number) => void): void {
    this.settle();
    const n = query.length + 1;
    const m = n + maxDistance;
    // Row i: the distances after the first i characters of a word; one spare row past the longest word that can match.
    const matrix = new Uint8Array((m + 1) * n).fill(maxDistance + 1);
    for (let j = 0; j < n; j++) matrix[j] = j;
    for (let i = 1; i <= m; i++) matrix[i * n] = Math.min(i, 255);
    const sorted = this.sorted;
    if (sorted.length > 0) walk(sorted, 0, sorted.length, 0, query, maxDistance, matrix, visit);
    for (const word of this.pending) {
      const distance = rowsFor(word, query, maxDistance, matrix);
      if (distance <= maxDistance) visit(word, distance);
    }
  }
}

/** First position in sorted[lo, hi) whose word is not before `word`. */
function lowerBound(sorted: readonly string[], word: string, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position in sorted[lo, hi) whose character at `depth` comes after `code` (every word there is longer than `depth`). */
function runEnd(sorted: readonly string[], depth: number, code: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].charCodeAt(depth) <= code) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Fills row `row` of the matrix for the character `code` from the row above;
 * returns the smallest distance in it. MiniSearch's band: only the columns an
 * edit path within the limit can reach.
 */
function fillRow(matrix: Uint8Array, row: number, code: number, query: string, maxDistance: number): number {
  const n = query.length + 1;
  const here = row * n;
  const above = here - n;
  let min = matrix[here];
  const jmin = Math.max(0, row - maxDistance - 1);
  const jmax = Math.min(n - 1, row + maxDistance);
  for (let j = jmin; j < jmax; j++) {
    const replace = matrix[above + j] + (code === query.charCodeAt(j) ? 0 : 1);
    const remove = matrix[above + j + 1] + 1;
    const insert = matrix[here + j] + 1;
    const distance = Math.min(replace, remove, insert);
    matrix[here + j + 1] = distance;
    if (distance < min) min = distance;
  }
  return min;
}

/** The words of sorted[lo, hi), which share their first `depth` characters (rows 0..depth of the matrix are theirs). */
function walk(sorted: readonly string[], lo: number, hi: number, depth: number, query: string, maxDistance: number, matrix: Uint8Array, visit: (word: string, distance: number) => void): void {
  const n = query.length + 1;
  let at = lo;
  // The prefix itself, when it is a word, sorts first.
  if (sorted[at].length === depth) {
    const distance = matrix[depth * n + n - 1];
    if (distance <= maxDistance) visit(sorted[at], distance);
    at++;
  }
  if (depth + 1 > query.length + maxDistance) return;
  while (at < hi) {
    const code = sorted[at].charCodeAt(depth);
    const end = runEnd(sorted, depth, code, at + 1, hi);
    if (fillRow(matrix, depth + 1, code, query, maxDistance) <= maxDistance) walk(sorted, at, end, depth + 1, query, maxDistance, matrix, visit);
    at = end;
  }
}

/** The distance of one word, row by row, or more than `maxDistance` once it cannot be within it. */
function rowsFor(word: string, query: string, maxDistance: number, matrix: Uint8Array): number {
  const n = query.length + 1;
  if (word.length > query.length + maxDistance) return maxDistance + 1;
  for (let i = 0; i < word.length; i++) {
    if (fillRow(matrix, i + 1, word.charCodeAt(i), query, maxDistance) > maxDistance) return maxDistance + 1;
  }
  return matrix[word.length * n + n - 1];
}
