/**
 * Where the matched words are in a piece of text, as [start, end) offsets for
 * QuickPickItem highlights. Words are split and folded exactly as the index
 * splits and folds them, so "Mamba's" lights up "Mamba" for the term "mamba",
 * and "Schrödinger" lights up for "schrodinger".
 */

import { foldTerm } from './terms';

/** A run of characters that are not separators (see WORD_SEPARATOR). */
const WORD = /[^\s\p{Z}\p{P}]+/gu;

/**
 * A word equal to a term lights up whole (terms from a search result are the
 * document's own words, after prefix and typo expansion). A word that merely
 * starts with a term, as a query word still being typed does, lights up over
 * the typed part. Ranges are sorted and do not overlap.
 */
export function highlightRanges(text: string, terms: readonly string[]): Array<[number, number]> {
  if (typeof text !== 'string' || text === '' || !Array.isArray(terms)) return [];
  const exact = new Set<string>();
  for (const term of terms) {
    if (typeof term !== 'string') continue;
    for (const part of term.split(/[\s\p{Z}\p{P}]+/u)) if (part) exact.add(foldTerm(part));
  }
  if (exact.size === 0) return [];
  // Longest first, so the widest prefix wins.
  const prefixes = [...exact].sort((a, b) => b.length - a.length);

  const ranges: Array<[number, number]> = [];
  for (const found of text.matchAll(WORD)) {
    const word = found[0];
    const start = found.index ?? 0;
    const folded = foldTerm(word);
    if (exact.has(folded)) {
      push(ranges, start, start + word.length);
      continue;
    }
    const prefix = prefixes.find((p) => folded.startsWith(p));
    if (!prefix) continue;
    // Folding can change the length ("ﬁ" -> "fi"): then offsets of the folded
    // form do not map back, and the whole word is the honest range.
    push(ranges, start, folded.length === word.length ? start + prefix.length : start + word.length);
  }
  return ranges;
}

/** Appends in text order, merging a range that touches or overlaps the previous one. */
function push(ranges: Array<[number, number]>, start: number, end: number): void {
  const last = ranges[ranges.length - 1];
  if (last && start <= last[1]) {
    last[1] = Math.max(last[1], end);
    return;
  }
  ranges.push([start, end]);
}
