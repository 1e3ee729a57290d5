import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PaperSearch } from '../../src/core';
import { foldTerm } from '../../src/core/search/terms';
import { searchDoc } from './search-doc';

/** Titles that differ by case, accents, a final sigma, ligatures and prefixes, so ties on date and upvotes come down to the title. */
const title = fc.array(fc.constantFrom('Kestrel', 'kestrel', 'Késtrel', 'ΟΔΟΣ', 'οδος', 'ﬁne', 'fine', 'K', 'Ǆ', '\u0301', ' ', 'ß', 'İ', '\ud83d\ude00'), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(''));
const tags = fc.array(fc.constantFrom('rl', 'Σ', '\u0301x', 'Ösa'), { maxLength: 2 });

describe('PaperSearch display order', () => {
  it('folds a title and its tags with the folded title at the start (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (text, more) => {
      expect(foldTerm(`${text} ${more}`).startsWith(foldTerm(text))).toBe(true);
    }), { numRuns: 2000 });
  });

  it('orders by newest digest, upvotes, folded title and id, whatever the tags, built in bulk or one by one (property)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(title, tags, fc.nat({ max: 2 }), fc.nat({ max: 1 })), { maxLength: 40 }), (papers) => {
      const docs = papers.map(([t, paperTags, day, upvotes], i) => searchDoc({
        id: `p${i}`, title: t, tags: paperTags, upvotes, digests: [{ uri: `u${day}`, name: `d${day}.txt`, time: (day + 1) * 86_400_000 }],
      }));
      const key = (i: number) => ({ day: papers[i][2], upvotes: papers[i][3], title: foldTerm(papers[i][0]), id: `p${i}` });
      const expected = docs.map((_, i) => key(i)).sort((a, b) =>
        b.day - a.day || b.upvotes - a.upvotes || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((k) => k.id);
      const single = new PaperSearch();
      for (const doc of docs) single.upsert(doc);
      const bulk = new PaperSearch();
      bulk.upsertMany([...docs, ...Array.from({ length: 300 }, (_, i) => searchDoc({ id: `old${i}`, title: 'Old', digests: [] }))]);
      const ids = (search: PaperSearch) => search.search('', Infinity).map((r) => r.doc.id).filter((id) => id.startsWith('p'));
      expect(ids(single)).toEqual(expected);
      expect(ids(bulk)).toEqual(expected);
    }), { numRuns: 200 });
  });
});
