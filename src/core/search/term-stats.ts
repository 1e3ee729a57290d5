/**
 * How many papers hold each indexed word: what the search needs to plan a
 * query ("reward model": find the few papers with "reward" first, then score
 * "model" only for those) and to know a word as typed is nowhere at all
 * ("selectve": go straight to typo tolerance). MiniSearch keeps the same
 * counts privately and offers no way to read them.
 */

import SearchableMap from 'minisearch/SearchableMap';

export class TermStats {
  /** Papers per word. */
  private readonly papers = new Map<string, number>();
  /** The same words in a radix tree, for completions; changes only when a word appears or disappears. */
  private readonly words = new SearchableMap<true>();

  add(terms: Iterable<string>): void {
    for (const term of terms) {
      const count = this.papers.get(term) ?? 0;
      if (count === 0) this.words.set(term, true);
      this.papers.set(term, count + 1);
    }
  }

  remove(terms: Iterable<string>): void {
    for (const term of terms) {
      const count = this.papers.get(term);
      if (count === undefined) continue;
      if (count <= 1) {
        this.papers.delete(term);
        this.words.delete(term);
      } else {
        this.papers.set(term, count - 1);
      }
    }
  }

  clear(): void {
    this.papers.clear();
    this.words.clear();
  }

  /**
   * Papers holding the word, or with `prefix` any word it starts: the sum over
   * those words, so an upper bound (one paper may hold several of them).
   */
  papersWith(term: string, prefix: boolean): number {
    if (!prefix) return this.papers.get(term) ?? 0;
    let total = 0;
    for (const word of this.words.atPrefix(term).keys()) total += this.papers.get(word) ?? 0;
    return total;
  }
}
