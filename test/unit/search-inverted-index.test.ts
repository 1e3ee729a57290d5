import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvertedIndex, type QueryWord } from '../../src/core/search/inverted-index';

const EXPAND = { prefix: false, fuzzy: 0, prefixWeight: 0.6, fuzzyWeight: 0.35 };
const BOTH = [0, 1];

/** Papers holding the word (or, with `prefix`, a word it starts), as the search plans with it. */
function papersWith(index: InvertedIndex, word: string, prefix: boolean): number {
  return index.expand(word, { ...EXPAND, prefix }).reduce((n, variant) => n + variant.term.papers, 0);
}

function words(index: InvertedIndex, text: string, options = EXPAND): QueryWord[] {
  return text.split(' ').map((word) => index.expand(word, options));
}

function ids(index: InvertedIndex, text: string, mode: 'and' | 'or' = 'and', extra: Partial<Parameters<InvertedIndex['run']>[1]> = {}): string[] {
  return index.run(words(index, text), { fields: BOTH, mode, limit: Infinity, ...extra }).map((hit) => hit.id).sort();
}

describe('InvertedIndex', () => {
  it('finds papers holding every word, in any of the searched fields', () => {
    const index = new InvertedIndex(2);
    index.add('a', ['kestrel flight', 'hovering over fields']);
    index.add('b', ['kestrel', 'gliding']);
    index.add('c', ['falcon', 'kestrel hovering']);
    expect(ids(index, 'kestrel')).toEqual(['a', 'b', 'c']);
    expect(ids(index, 'kestrel hovering')).toEqual(['a', 'c']);
    expect(ids(index, 'hovering gliding')).toEqual([]);
    expect(ids(index, 'hovering gliding', 'or')).toEqual(['a', 'b', 'c']);
    expect(index.run(words(index, 'kestrel'), { fields: [0], mode: 'and', limit: Infinity }).map((h) => h.id).sort()).toEqual(['a', 'b']);
  });

  it('ranks by BM25: a boosted field, more occurrences, a shorter field, more words in an OR query', () => {
    const index = new InvertedIndex(2);
    index.add('title', ['kestrel', '']);
    index.add('abstract', ['other', 'kestrel kestrel and a long text about birds of prey']);
    index.add('once', ['other', 'kestrel and a long text about birds of prey and more']);
    const hits = index.run(words(index, 'kestrel'), { fields: BOTH, mode: 'and', limit: 10, boosts: [6, 1] });
    expect(hits.map((h) => h.id)).toEqual(['title', 'abstract', 'once']);
    expect(hits[0].score).toBeGreaterThan(hits[1].score);
    const or = index.run(words(index, 'birds kestrel prey'), { fields: BOTH, mode: 'or', limit: 10, boosts: [6, 1] });
    expect(or.map((h) => [h.id, h.words])).toEqual([['abstract', 3], ['once', 3], ['title', 1]]);
  });

  it('expands completions and near spellings with lower weights', () => {
    const index = new InvertedIndex(1);
    index.add('exact', ['diffusion']);
    index.add('longer', ['diffusions']);
    index.add('typo', ['difusion']);
    const options = { ...EXPAND, prefix: true, fuzzy: 1 };
    const variants = index.expand('diffusion', options);
    expect(variants.map((v) => v.word)).toEqual(['diffusion', 'diffusions', 'difusion']);
    expect(variants[0].weight).toBeGreaterThan(variants[1].weight);
    expect(variants[1].weight).toBeGreaterThan(variants[2].weight);
    const hits = index.run([variants], { fields: [0], mode: 'and', limit: 10 });
    expect(hits.map((h) => h.id)).toEqual(['exact', 'longer', 'typo']);
    expect(papersWith(index, 'diff', true)).toBe(2);
    expect(papersWith(index, 'diffusion', false)).toBe(1);
  });

  it('says which words matched in which field', () => {
    const index = new InvertedIndex(2);
    index.add('a', ['selective state', 'state spaces']);
    const query = words(index, 'state spaces');
    const [hit] = index.run(query, { fields: BOTH, mode: 'and', limit: 1 });
    expect(Object.fromEntries(index.matches(hit.paper, query, BOTH))).toEqual({ 0: ['state'], 1: ['state', 'spaces'] });
  });

  it('honours limit, accept, only and exclude, asking accept only for papers that could make the page', () => {
    const index = new InvertedIndex(1);
    for (let i = 0; i < 100; i++) index.add(`p${i}`, [`word ${'word '.repeat(i % 7)} ${i % 2 ? 'odd' : 'even'}`]);
    expect(index.run(words(index, 'word'), { fields: [0], mode: 'and', limit: 5 })).toHaveLength(5);
    const asked: string[] = [];
    const accepted = index.run(words(index, 'word'), {
      fields: [0], mode: 'and', limit: 5, accept: (id) => {
        asked.push(id);
        return Number(id.slice(1)) % 10 === 0;
      },
    });
    expect(accepted.map((h) => h.id).every((id) => Number(id.slice(1)) % 10 === 0)).toBe(true);
    expect(accepted).toHaveLength(5);
    expect(asked.length).toBeLessThan(100);
    expect(ids(index, 'word', 'and', { only: ['p1', 'p2', 'p3', 'nope'] })).toEqual(['p1', 'p2', 'p3']);
    expect(ids(index, 'word', 'and', { exclude: [['odd']] })).toHaveLength(50);
    expect(ids(index, 'word', 'and', { exclude: [['odd', 'even']] })).toHaveLength(100);
    expect(index.papersWithAll(['even']).length).toBe(50);
    expect(index.papersWithAll(['even', 'odd'])).toEqual([]);
  });

  it('asks accept about the best papers first, whatever order they were added in', () => {
    // Each paper holds the word once more than the one before: they are touched worst first.
    const index = new InvertedIndex(1);
    for (let i = 0; i < 200; i++) index.add(`p${i}`, [`${'word '.repeat(1 + (i % 100))}${i < 100 ? 'low' : 'high'}`]);
    const expected = index.run(words(index, 'word'), { fields: [0], mode: 'and', limit: Infinity })
      .filter((hit) => Number(hit.id.slice(1)) % 3 === 0).slice(0, 10).map((hit) => hit.id);
    for (const pass of [() => true, (id: string) => Number(id.slice(1)) % 3 === 0]) {
      const asked = new Set<string>();
      const page = index.run(words(index, 'word'), {
        fields: [0], mode: 'and', limit: 10, accept: (id) => {
          asked.add(id);
          return pass(id);
        },
      });
      expect(page).toHaveLength(10);
      if (pass(`p1`)) {
        // Every paper passes: only the page is asked about.
        expect(asked.size).toBe(10);
      } else {
        expect(page.map((hit) => hit.id)).toEqual(expected);
        // A third pass: a few pages' worth are asked about, not all 200.
        expect(asked.size).toBeLessThanOrEqual(80);
      }
    }
  });

  it('asks accept about each paper at most once, and about few when a third pass', () => {
    // 300 papers touched in an order unrelated to their rank.
    const index = new InvertedIndex(1);
    for (let i = 0; i < 300; i++) index.add(`p${i}`, [`${'word '.repeat(1 + ((i * 7) % 150))}end`]);
    const all = index.run(words(index, 'word'), { fields: [0], mode: 'and', limit: Infinity });
    expect(all).toHaveLength(300);
    for (const share of [3, 100]) {
      const pass = (id: string) => Number(id.slice(1)) % share === 0;
      const asked: string[] = [];
      const page = index.run(words(index, 'word'), {
        fields: [0], mode: 'and', limit: 10, accept: (id) => {
          asked.push(id);
          return pass(id);
        },
      });
      expect(page).toEqual(all.filter((hit) => pass(hit.id)).slice(0, 10));
      expect(new Set(asked).size).toBe(asked.length);
      // A third passes: the best 80 hold the page. One in a hundred: every paper is asked, once.
      expect(asked.length).toBeLessThanOrEqual(share === 3 ? 80 : all.length);
    }
  });

  it('gives the best page of the papers a filter passes, as scoring all of them and sorting would (property)', () => {
    const vocabulary = ['alpha', 'beta', 'gamma'];
    // Few words, repeated: many papers score alike, so ties are broken by the order papers were added in.
    const text = fc.array(fc.constantFrom(...vocabulary), { maxLength: 6 }).map((list) => list.join(' '));
    const papers = fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 400 });
    // From nothing passing to everything: one in a hundred, a third, a random share.
    const filter = fc.oneof(fc.constant(0), fc.constant(0.01), fc.constant(0.33), fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(1));
    const limit = fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 500 }));
    const query = fc.subarray(vocabulary, { minLength: 1, maxLength: 2 });
    fc.assert(fc.property(papers, query, fc.constantFrom<'and' | 'or'>('and', 'or'), filter, limit, fc.integer(), (list, q, mode, share, n, salt) => {
      const index = new InvertedIndex(2);
      list.forEach(([a, b], i) => index.add(`p${i}`, [a, b]));
      const pass = (id: string) => ((Number(id.slice(1)) * 2654435761 + salt) >>> 0) / 2 ** 32 < share;
      const asked: string[] = [];
      const options = { fields: BOTH, mode, boosts: [2, 1] };
      const page = index.run(words(index, q.join(' ')), { ...options, limit: n, accept: (id) => {
        asked.push(id);
        return pass(id);
      } });
      const scored = index.run(words(index, q.join(' ')), { ...options, limit: Infinity });
      const expected = scored.filter((hit) => pass(hit.id))
        .sort((a, b) => b.words - a.words || b.score - a.score || a.paper - b.paper).slice(0, n);
      expect(page).toEqual(expected);
      expect(new Set(asked).size).toBe(asked.length);
    }), { numRuns: 300 });
  });

  it('forgets removed papers at once and keeps answering the same after compaction', () => {
    const index = new InvertedIndex(1);
    const text = (i: number) => `common w${i % 13} v${i % 5}`;
    for (let i = 0; i < 30_000; i++) index.add(`p${i}`, [text(i)]);
    for (let i = 0; i < 29_000; i++) index.remove(`p${i}`, [text(i)]);
    expect(index.size).toBe(1_000);
    expect(ids(index, 'common')).toHaveLength(1_000);
    expect(ids(index, 'w3 v2')).toEqual(
      Array.from({ length: 1_000 }, (_, k) => 29_000 + k).filter((i) => i % 13 === 3 && i % 5 === 2).map((i) => `p${i}`).sort());
    expect(papersWith(index, 'w3', false)).toBe(ids(index, 'w3').length);
    index.add('p0', ['common again']);
    expect(ids(index, 'again')).toEqual(['p0']);
    expect(() => index.add('p0', ['twice'])).toThrow();
  });

  it('drops a word from the vocabulary with its last paper', () => {
    const index = new InvertedIndex(1);
    index.add('a', ['kestrel']);
    index.remove('a', ['kestrel']);
    expect(index.expand('kes', { ...EXPAND, prefix: true })).toEqual([]);
    expect(papersWith(index, 'kestrel', false)).toBe(0);
    index.clear();
    expect(index.size).toBe(0);
  });

  it('finds a word again by its start once a paper brings it back after compaction dropped it', () => {
    const index = new InvertedIndex(1);
    for (let i = 0; i < 60_000; i++) index.add(`p${i}`, [i < 50_000 ? `kestrel k${i}` : `falcon`]);
    for (let i = 0; i < 50_000; i++) index.remove(`p${i}`, [`kestrel k${i}`]);
    expect(index.expand('kest', { ...EXPAND, prefix: true })).toEqual([]);
    index.add('back', ['kestrels kestrel']);
    expect(index.expand('kest', { ...EXPAND, prefix: true }).map((v) => v.word).sort()).toEqual(['kestrel', 'kestrels']);
    expect(ids(index, 'kestrel')).toEqual(['back']);
    expect(papersWith(index, 'falcon', false)).toBe(10_000);
  });

  it('matches a plain filter over every paper (property)', () => {
    const vocabulary = ['alpha', 'beta', 'gamma', 'delta', 'eps'];
    const paper = fc.tuple(fc.subarray(vocabulary), fc.subarray(vocabulary));
    fc.assert(fc.property(fc.array(paper, { maxLength: 40 }), fc.subarray(vocabulary, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { maxLength: 10 }),
      (papers, query, removals) => {
        const index = new InvertedIndex(2);
        papers.forEach(([a, b], i) => index.add(`p${i}`, [a.join(' '), b.join(' ')]));
        const gone = new Set(removals.filter((r) => r < papers.length));
        for (const r of gone) index.remove(`p${r}`, [papers[r][0].join(' '), papers[r][1].join(' ')]);
        const expected = papers.map((p, i) => ({ i, all: new Set([...p[0], ...p[1]]) }))
          .filter(({ i, all }) => !gone.has(i) && query.every((w) => all.has(w))).map(({ i }) => `p${i}`).sort();
        expect(ids(index, query.join(' '))).toEqual(expected);
        expect(index.papersWithAll(query).sort()).toEqual(expected);
      }), { numRuns: 200 });
  });
});
