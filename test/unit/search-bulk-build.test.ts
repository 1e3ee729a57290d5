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

  it('answers author: queries exactly as a search built paper by paper, alone and with words (property)', () => {
    const author = fc.oneof(fc.constantFrom('kestrel', 'ada kestrel', 'kestrel 3', 'a k', 'nobody'), fc.integer({ min: 0, max: 6 }).map((n) => `"ada kestrel ${n}"`));
    fc.assert(fc.property(fc.array(text, { minLength: 300, maxLength: 320 }), query, author, fc.integer({ min: 1, max: 60 }), (abstracts, words, name, limit) => {
      const docs = abstracts.map((words, i) => doc(i, words));
      const bulk = new PaperSearch();
      bulk.upsertMany(docs);
      const single = new PaperSearch();
      for (const d of docs) single.upsert(d);
      for (const q of [`author:${name}`, `-author:${name}`, `author:${name} tag:rl`, `${words.join(' ')} author:${name}`]) {
        const seen = (search: PaperSearch) => search.search(q, limit).map((r) => ({ id: r.doc.id, score: r.score, matches: r.matches }));
        expect(seen(bulk)).toEqual(seen(single));
      }
    }), { numRuns: 25 });
  });
});

describe('InvertedIndex.stage across batches', () => {
  it('gives the index add() one by one gives, with queries and removals between the batches (property)', () => {
    fc.assert(fc.property(
      fc.array(paper, { maxLength: 30 }), fc.array(fc.nat({ max: 30 }), { maxLength: 5 }), fc.array(fc.nat({ max: 30 }), { maxLength: 4 }),
      query, expandOptions, fc.constantFrom<'and' | 'or'>('and', 'or'), fc.subarray([0, 1, 2], { minLength: 1 }),
      (papers, cuts, removals, words, options, mode, fields) => {
        const one = new InvertedIndex(FIELDS);
        const staged = new InvertedIndex(FIELDS);
        const bounds = [...new Set([0, ...cuts.map((c) => Math.min(c, papers.length)), papers.length])].sort((a, b) => a - b);
        for (let b = 0; b + 1 < bounds.length; b++) {
          const batch = papers.slice(bounds[b], bounds[b + 1]).map((texts, i) => ({ id: `p${bounds[b] + i}`, texts }));
          for (const { id, texts } of batch) one.add(id, texts);
          staged.stage(batch);
          // Every other batch, the index is used before the next one: it answers with what is staged.
          if (b % 2 === 1) expect(answers(staged, words, options, mode, fields)).toEqual(answers(one, words, options, mode, fields));
          const gone = removals[b];
          if (gone !== undefined && gone < bounds[b + 1] && one.has(`p${gone}`)) {
            one.remove(`p${gone}`, papers[gone]);
            staged.remove(`p${gone}`, papers[gone]);
          }
        }
        staged.flush();
        expect(staged.size).toBe(one.size);
        expect(answers(staged, words, options, mode, fields)).toEqual(answers(one, words, options, mode, fields));
        const state = (index: InvertedIndex) => {
          const steps = index.exportState();
          for (;;) {
            const step = steps.next();
            if (step.done) return step.value;
          }
        };
        expect(state(staged)).toEqual(state(one));
      }), { numRuns: 300 });
  });
});

describe('PaperSearch.upsertManyAsync', () => {
  const doc = (i: number, words: string): SearchDoc => searchDoc({
    id: `p${i % 40}`,
    title: `${words.slice(0, 20)} ${i % 7}`,
    abstract: words,
    tags: i % 5 === 0 ? ['rl'] : [],
    authors: [`Ada Kestrel ${i % 7}`],
    upvotes: i % 11,
  });
  // The order of a word's variants follows the vocabulary, which a bulk build settles and single upserts leave pending:
  // it orders the matched words and the sum of a score (to its last bits).
  const seen = (search: PaperSearch, q: string) => search.search(q, 40)
    .map((r) => ({ id: r.doc.id, score: r.score.toPrecision(12), matches: r.matches.map((m) => ({ field: m.field, terms: [...m.terms].sort() })) }));

  it('builds in slices the search upsert() one by one builds: the same snapshot and answers, a query between slices included (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(text, { maxLength: 80 }), query, async (abstracts, words) => {
      // Ids repeat, so some slices replace papers staged by earlier ones.
      const docs = abstracts.map((words, i) => doc(i, words));
      const single = new PaperSearch();
      for (const d of docs) single.upsert(d);
      const sliced = new PaperSearch();
      let checks = 0;
      let midway: unknown;
      // The signal is read before each slice; the first slice is 16 papers: a query before the second sees those.
      const signal = { get aborted() {
        if (checks++ === 1) midway = [seen(sliced, words.join(' ')), seen(sliced, '')];
        return false;
      } };
      expect(await sliced.upsertManyAsync(docs, { sliceMs: 1, signal })).toBe(docs.length);
      if (docs.length > 16) {
        const first = new PaperSearch();
        for (const d of docs.slice(0, 16)) first.upsert(d);
        expect(midway).toEqual([seen(first, words.join(' ')), seen(first, '')]);
      }
      expect(sliced.size).toBe(single.size);
      for (const q of [words.join(' '), `${words.join(' ')} tag:rl`, '']) expect(seen(sliced, q)).toEqual(seen(single, q));
      expect(await sliced.snapshot()).toEqual(await single.snapshot());
    }), { numRuns: 60 });
  });
});
