import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PaperSearch, type SearchDoc } from '../../src/core';
import { InvertedIndex, type ExpandOptions } from '../../src/core/search/inverted-index';
import { TermTable } from '../../src/core/search/term-table';
import { WORD_SEPARATOR, indexTerm } from '../../src/core/search/terms';
import { searchDoc } from './search-doc';

/** Few words, so that papers share them; case, accents, stop words and punctuation, so both ways of reading a text are taken. */
const WORDS = ['kestrel', 'Kestrels', 'falcon', 'hover', 'hovering', 'the', 'of', 'Schrödinger', 'schrodinger', 'model', 'models', 'modal', 'x'.repeat(41), 'résumé', '7b'];
const text = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(' ', ', ', '. ', '-', '\n')), { maxLength: 12 })
  .map((parts) => parts.map(([word, gap]) => word + gap).join(''));
const FIELDS = 3;
const paper = fc.array(text, { minLength: FIELDS, maxLength: FIELDS });
const query = fc.array(fc.constantFrom('kestrel', 'kest', 'falcon', 'hover', 'schrodinger', 'model', 'mode', 'resume', '7b', 'absent'), { minLength: 1, maxLength: 3 });
const expandOptions = fc.record({ prefix: fc.boolean(), fuzzy: fc.constantFrom(0, 1, 2), prefixWeight: fc.constant(0.6), fuzzyWeight: fc.constant(0.35) });

/** Everything a query tells of an index: the hits with their scores and numbers, what matched where, and prefix lookups. */
function answers(index: InvertedIndex, words: readonly string[], options: ExpandOptions, mode: 'and' | 'or', fields: number[]) {
  const variants = words.map((word) => index.expand(word, options));
  const hits = index.run(variants, { fields, mode, limit: Infinity, boosts: [3, 1, 2] });
  return {
    variants: variants.map((vs) => vs.map((v) => [v.word, v.weight, v.term.papers])),
    hits: hits.map((hit) => ({ ...hit, matches: [...index.matches(hit.paper, variants, fields)] })),
    prefixed: index.papersWithPrefix(words[0].slice(0, 3), fields).sort(),
    all: index.papersWithAll(words).sort(),
  };
}

describe('InvertedIndex.addMany', () => {
  it('answers every query exactly as an index built paper by paper (property)', () => {
    fc.assert(fc.property(
      fc.array(paper, { maxLength: 30 }), fc.nat({ max: 30 }), fc.array(fc.nat({ max: 30 }), { maxLength: 6 }), paper,
      query, expandOptions, fc.constantFrom<'and' | 'or'>('and', 'or'), fc.subarray([0, 1, 2], { minLength: 1 }),
      (papers, before, removals, later, words, options, mode, fields) => {
        const one = new InvertedIndex(FIELDS);
        const bulk = new InvertedIndex(FIELDS);
        // Some papers already in, added singly to both; some of those removed; then the rest in one batch.
        const first = Math.min(before, papers.length);
        papers.slice(0, first).forEach((texts, i) => {
          one.add(`p${i}`, texts);
          bulk.add(`p${i}`, texts);
        });
        for (const r of new Set(removals.filter((r) => r < first))) {
          one.remove(`p${r}`, papers[r]);
          bulk.remove(`p${r}`, papers[r]);
        }
        papers.slice(first).forEach((texts, i) => one.add(`p${first + i}`, texts));
        bulk.addMany(papers.slice(first).map((texts, i) => ({ id: `p${first + i}`, texts })));
        expect(bulk.size).toBe(one.size);
        expect(answers(bulk, words, options, mode, fields)).toEqual(answers(one, words, options, mode, fields));
        // Single changes after a bulk build keep both the same.
        for (const index of [one, bulk]) {
          index.add('later', later);
          if (papers.length > 0) index.remove(`p${papers.length - 1}`, papers[papers.length - 1]);
          index.settle();
        }
        expect(answers(bulk, words, options, mode, fields)).toEqual(answers(one, words, options, mode, fields));
      }), { numRuns: 300 });
  });

  it('refuses a paper already indexed', () => {
    const index = new InvertedIndex(1);
    index.add('a', ['kestrel']);
    expect(() => index.addMany([{ id: 'a', texts: ['falcon'] }])).toThrow(/already indexed/);
  });
});

describe('TermTable over plain ASCII texts', () => {
  it('splits as splitting on WORD_SEPARATOR does, and gives a word met in a text past ASCII the same number (property)', () => {
    const ascii = fc.string({ unit: fc.constantFrom('a', 'B', 'z', '7', ' ', '.', '-', '_', '\n', '$', "'", 'x'.repeat(41)), maxLength: 60 });
    fc.assert(fc.property(ascii, (plain) => {
      const table = new TermTable();
      const terms = (t: string) => {
        const found: number[] = [];
        table.scan(t, true, (n) => found.push(n));
        return found;
      };
      // The same words met first in a text that is read character by character.
      const first = terms(`é ${plain}`);
      expect(terms(plain)).toEqual(first.slice(1));
      expect(terms(plain).map((n) => table.word(n))).toEqual(plain.split(WORD_SEPARATOR).map(indexTerm).filter((t) => t !== null));
    }), { numRuns: 1000 });
  });

  it('finds a folded word again from plain text', () => {
    const table = new TermTable();
    const numbers: number[] = [];
    table.scan('Schrödinger', true, (n) => numbers.push(n));
    table.scan('SCHRODINGER schrodinger', false, (n) => numbers.push(n));
    expect(numbers).toHaveLength(3);
    expect(new Set(numbers).size).toBe(1);
  });
});

describe('PaperSearch bulk build', () => {
  const titles = ['Kestrel hovering', 'Falcon models', 'Schrödinger bridges', 'Modal models of hovering', 'The 7B kestrel', 'Résumé parsing'];
  const doc = (i: number, words: string): SearchDoc => searchDoc({
    id: `p${i}`,
    title: `${titles[i % titles.length]} ${i}`,
    abstract: words,
    tags: i % 5 === 0 ? ['rl'] : [],
    authors: [`Ada Kestrel ${i % 7}`],
    upvotes: i % 11,
  });

  it('answers queries exactly as a search built paper by paper: ids, scores and matches (property)', () => {
    // Past the batch size where PaperSearch takes the bulk path.
    fc.assert(fc.property(fc.array(text, { minLength: 300, maxLength: 320 }), query, fc.boolean(), (abstracts, words, typo) => {
      const docs = abstracts.map((words, i) => doc(i, words));
      const bulk = new PaperSearch();
      bulk.upsertMany(docs);
      const single = new PaperSearch();
      for (const d of docs) single.upsert(d);
      const input = typo ? `${words.join(' ')}x` : words.join(' ');
      for (const q of [input, `${input} tag:rl`, words[0]]) {
        const seen = (search: PaperSearch) => search.search(q, 40).map((r) => ({ id: r.doc.id, score: r.score, matches: r.matches }));
        expect(seen(bulk)).toEqual(seen(single));
      }
    }), { numRuns: 25 });
  });
});
