import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PaperSearch, matchesFilters, paperId, parseQuery, toSearchDoc, type Paper, type SearchDoc } from '../../src/core';
import { searchDoc } from './search-doc';

const FIXTURES = join(__dirname, '..', 'fixtures');
const DAY = 86_400_000;

/** Title + abstract pairs of the seed digests, split crudely: a short block followed by a long one. */
function seedPapers(): { title: string; abstract: string; file: string }[] {
  const papers: { title: string; abstract: string; file: string }[] = [];
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort()) {
    const blocks = readFileSync(join(FIXTURES, file), 'utf8').replace(/\r/g, '').split(/\n\s*\n/).map((b) => b.trim());
    for (let i = 0; i + 1 < blocks.length; i++) {
      if (blocks[i].length < 250 && !blocks[i].includes('\n') && blocks[i + 1].length > 300) {
        papers.push({ title: blocks[i], abstract: blocks[i + 1].replace(/\s*\n\s*/g, ' '), file });
      }
    }
  }
  return papers;
}

function doc(over: Partial<SearchDoc> & { title: string }): SearchDoc {
  return searchDoc(over);
}

const SEEDS = seedPapers();
const AUTHORS = ['Ada Lovelace', 'Grace Hopper', 'Bernhard Schölkopf', 'Yann LeCun'];

/** The seed papers, each in its digest (dated by file order), with a little reader data sprinkled deterministically. */
function seedDocs(): SearchDoc[] {
  const files = [...new Set(SEEDS.map((p) => p.file))];
  return SEEDS.map((p, i) => doc({
    title: p.title,
    abstract: p.abstract,
    upvotes: i % 5 === 0 ? undefined : (i * 7) % 40,
    authorCount: (i % 9) + 1,
    org: i % 4 === 0 ? 'Google DeepMind' : i % 4 === 1 ? 'zai-org Z.ai' : undefined,
    tags: i % 3 === 0 ? ['rl'] : i % 3 === 1 ? ['ml/vision', 'survey'] : [],
    status: (['unread', 'reading', 'read'] as const)[i % 3],
    starred: i % 4 === 0,
    isNew: i % 6 === 0,
    annotations: i % 5 === 1 ? 'quoted passage: worth a second read' : '',
    authors: i % 3 === 2 ? undefined : [AUTHORS[i % 4], AUTHORS[(i + 1) % 4]],
    arxivId: i % 4 === 3 ? undefined : `2501.${String(i).padStart(5, '0')}`,
    code: i % 5 === 2 ? `https://github.com/lab/p${i}` : undefined,
    digests: [{ uri: `file:///w/${p.file}`, name: p.file, date: ['Nov 6', 'Dec 11', 'Oct 27'][files.indexOf(p.file)], time: Date.UTC(2025, 0, 10) + files.indexOf(p.file) * DAY }],
  }));
}

function built(docs: SearchDoc[]): PaperSearch {
  const search = new PaperSearch();
  search.upsertMany(docs);
  return search;
}

const titles = (results: { doc: SearchDoc }[]) => results.map((r) => r.doc.title);
const MAMBA = 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces';

describe('PaperSearch over the seed digests', () => {
  const docs = seedDocs();
  const search = built(docs);

  it('indexes every seed paper', () => {
    expect(SEEDS.length).toBe(52);
    expect(search.size).toBe(docs.length);
    expect(search.get(paperId(MAMBA))?.title).toBe(MAMBA);
  });

  it('finds Mamba among the first three for "mamba"', () => {
    const found = titles(search.search('mamba')).slice(0, 3);
    expect(found).toContain(MAMBA);
    expect(found[0]).toBe(MAMBA);
  });

  it('completes the word being typed and forgives typos', () => {
    expect(titles(search.search('mamb')).slice(0, 3)).toContain(MAMBA);
    expect(titles(search.search('mambaa')).slice(0, 3)).toContain(MAMBA);
    expect(titles(search.search('selectve state spaces')).slice(0, 3)).toContain(MAMBA);
    const diffusion = search.search('difusion');
    expect(diffusion.length).toBeGreaterThan(0);
    for (const r of diffusion.slice(0, 3)) expect(`${r.doc.title} ${r.doc.abstract}`.toLowerCase()).toContain('diffusion');
  });

  it('does not correct short words: "rk" is not "rl"', () => {
    const q = new PaperSearch();
    q.upsertMany([doc({ title: 'RL for robots' }), doc({ title: 'Ranking' })]);
    expect(titles(q.search('rk '))).toEqual([]);
  });

  it('requires every word, and says which fields matched', () => {
    const results = search.search('selective state spaces');
    expect(results[0].doc.title).toBe(MAMBA);
    for (const r of results) {
      const text = `${r.doc.title} ${r.doc.abstract}`.toLowerCase();
      expect(text).toMatch(/selectiv/);
      expect(text).toMatch(/state/);
    }
    const title = results[0].matches.find((m) => m.field === 'title');
    expect(title?.terms).toEqual(expect.arrayContaining(['selective', 'state', 'spaces']));
    expect(results[0].matches[0].field).toBe('title');
  });

  it('falls back to any word, full matches first, when no paper has them all', () => {
    const results = search.search('mamba xyzzyplugh');
    expect(results.length).toBeGreaterThan(0);
    expect(titles(results).slice(0, 3)).toContain(MAMBA);
  });

  it('applies filters to full-text results', () => {
    const results = search.search('language tag:rl');
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.doc.tags).toContain('rl');
    const unfiltered = search.search('language', 1000);
    expect(unfiltered.length).toBeGreaterThan(results.length);
    expect(search.search('mamba -is:starred').every((r) => !r.doc.starred)).toBe(true);
    expect(search.search('mamba org:"z.ai"').every((r) => r.doc.org === 'zai-org Z.ai')).toBe(true);
  });

  it('excludes words with a leading minus', () => {
    const withMamba = search.search('state space', 1000);
    const without = search.search('state space -mamba', 1000);
    expect(withMamba.some((r) => /mamba/i.test(r.doc.title + r.doc.abstract))).toBe(true);
    expect(without.length).toBeGreaterThan(0);
    for (const r of without) expect(`${r.doc.title} ${r.doc.abstract} ${r.doc.notes}`.toLowerCase()).not.toMatch(/\bmamba\b/);
  });

  it('lists filter-only queries newest digest first, then by upvotes', () => {
    const results = search.search('is:starred', 1000);
    expect(results.map((r) => r.doc.id).sort()).toEqual(docs.filter((d) => d.starred).map((d) => d.id).sort());
    for (let i = 1; i < results.length; i++) {
      const [a, b] = [results[i - 1].doc, results[i].doc];
      const [ta, tb] = [a.digests[0].time!, b.digests[0].time!];
      expect(ta).toBeGreaterThanOrEqual(tb);
      if (ta === tb) expect(a.upvotes ?? -1).toBeGreaterThanOrEqual(b.upvotes ?? -1);
    }
    expect(results.every((r) => r.score === 0)).toBe(true);
  });

  it('lists everything for an empty query, up to the limit', () => {
    expect(search.search('').length).toBe(50);
    expect(search.search('', 5).length).toBe(5);
    expect(search.search('', Infinity).length).toBe(docs.length);
    expect(search.search('mamba', 0)).toEqual([]);
  });

  it('narrows by the start of a title word while up to three letters are typed', () => {
    const results = search.search('m', 1000);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(`${r.doc.title} ${r.doc.tags.join(' ')}`).toMatch(/(^|[^\p{L}\p{N}])m/iu);
    for (const r of search.search('sel', 1000)) expect(`${r.doc.title} ${r.doc.tags.join(' ')}`).toMatch(/(^|[^\p{L}\p{N}])sel/iu);
    expect(titles(search.search('sel'))).toContain(MAMBA);
    expect(titles(search.search('mamba s', 5))).toContain(MAMBA);
    const first = search.search('mamba s', 5).find((r) => r.doc.title === MAMBA)!;
    expect(first.matches.find((m) => m.field === 'title')?.terms).toEqual(expect.arrayContaining(['mamba', 's']));
  });

  it('ignores words too common to search by, unless one may be the start of a longer word', () => {
    const edge = 'Edge-MoE: Memory-Efficient Multi-Task Vision Transformer Architecture with Task-level Sparsity via Mixture-of-Experts';
    expect(titles(search.search('mixture of experts', 3))).toContain(edge);
    expect(titles(search.search('The Markovian Thinker', 1))).toEqual(['The Markovian Thinker']);
    for (const r of search.search('markovian the')) expect(r.doc.title).toMatch(/\bth/i);
  });

  it('keeps malformed filters as words and still returns results', () => {
    expect(titles(search.search('mamba foo:bar', 3))).toContain(MAMBA);
  });

  it('treats hostile text as text', () => {
    const q = new PaperSearch();
    q.upsertMany([
      doc({ title: '<script>alert("x")</script> Attention', abstract: '<img src=x onerror=alert(1)>' }),
      doc({ title: '__proto__ constructor toString', abstract: 'hasOwnProperty valueOf' }),
    ]);
    expect(titles(q.search('script'))).toEqual(['<script>alert("x")</script> Attention']);
    expect(titles(q.search('constructor'))).toEqual(['__proto__ constructor toString']);
    expect(titles(q.search('proto'))).toEqual(['__proto__ constructor toString']);
    // An escape written out, a noncharacter, a lone surrogate and a filter inside quotes are all
    // words to look for: neither paper holds them, so nothing matches (and nothing throws).
    const hostileQuery = '"\\u0000 \uFFFF \uD800 tag:"';
    expect(q.search(hostileQuery)).toEqual([]);
    // Quoted, "tag:" is a word and not a filter: a paper holding these words is found by them.
    q.upsertMany([doc({ title: 'Tag u0000 \uFFFF \uD800 escapes' })]);
    expect(titles(q.search(hostileQuery))).toEqual(['Tag u0000 \uFFFF \uD800 escapes']);
  });
});

describe('PaperSearch ranking', () => {
  it('ranks title above tags above notes above annotations above abstract', () => {
    const search = built([
      doc({ title: 'Paper A', abstract: 'We study the kestrel problem in depth.' }),
      doc({ title: 'Paper B', annotations: 'kestrel' }),
      doc({ title: 'Paper C', notes: 'Read this for kestrel.' }),
      doc({ title: 'Paper D', tags: ['kestrel'] }),
      doc({ title: 'Kestrel: Paper E' }),
    ]);
    expect(titles(search.search('kestrel'))).toEqual(['Kestrel: Paper E', 'Paper D', 'Paper C', 'Paper B', 'Paper A']);
  });

  it('ranks keywords after notes, and authors after annotations and before the abstract', () => {
    const search = built([
      doc({ title: 'Paper A', abstract: 'We study the kestrel problem in depth.' }),
      doc({ title: 'Paper F', authors: ['Kestrel Smith'] }),
      doc({ title: 'Paper B', annotations: 'kestrel' }),
      doc({ title: 'Paper G', keywords: ['kestrel'] }),
      doc({ title: 'Paper C', notes: 'kestrel' }),
      doc({ title: 'Paper D', tags: ['kestrel'] }),
      doc({ title: 'Kestrel: Paper E' }),
    ]);
    const results = search.search('kestrel');
    expect(titles(results)).toEqual(['Kestrel: Paper E', 'Paper D', 'Paper C', 'Paper G', 'Paper B', 'Paper F', 'Paper A']);
    expect(results.find((r) => r.doc.title === 'Paper F')!.matches).toEqual([{ field: 'authors', terms: ['kestrel'] }]);
    expect(results.find((r) => r.doc.title === 'Paper G')!.matches).toEqual([{ field: 'keywords', terms: ['kestrel'] }]);
  });

  it('finds papers by their authors\' names as free words, accents or not', () => {
    const search = built([
      doc({ title: 'Kernel methods', authors: ['Bernhard Schölkopf', 'Alex Smola'] }),
      doc({ title: 'Convolutional networks', authors: ['Yann LeCun'], abstract: 'Compared with kernel methods.' }),
      doc({ title: 'On Schölkopf', abstract: 'A history.' }),
    ]);
    expect(titles(search.search('lecun'))).toEqual(['Convolutional networks']);
    expect(titles(search.search('scholkopf'))).toEqual(['On Schölkopf', 'Kernel methods']);
    // Words of a name and of the paper together.
    expect(titles(search.search('smola kernel'))).toEqual(['Kernel methods']);
    expect(titles(search.search('lecun kernel'))).toEqual(['Convolutional networks']);
    expect(titles(search.search('kernel -smola'))).toEqual(['Convolutional networks']);
  });

  it('searches keywords with the titles, before the abstracts', () => {
    const keyworded = Array.from({ length: 25 }, (_, i) => doc({ title: `Study ${i}`, keywords: ['world models', 'kestrel tracking'] }));
    const search = built([...keyworded, doc({ title: 'Birds of prey', abstract: 'On the kestrel.' })]);
    const page = search.search('kestrel');
    expect(page).toHaveLength(25);
    expect(page.every((r) => r.doc.title.startsWith('Study'))).toBe(true);
    expect(titles(search.search('kestrel', Infinity))).toContain('Birds of prey');
  });

  it('a word in a title outranks the same word repeated in an abstract', () => {
    const search = built([
      doc({ title: 'Scaling laws revisited', abstract: 'Mamba mamba mamba. We compare Mamba with Transformers; Mamba wins on long inputs.' }),
      doc({ title: 'Mamba for vision', abstract: 'A vision backbone.' }),
    ]);
    expect(titles(search.search('mamba'))).toEqual(['Mamba for vision', 'Scaling laws revisited']);
  });

  it('ranks an exact word above a completion and a completion above a typo', () => {
    const search = built([
      doc({ title: 'Diffusers everywhere' }),
      doc({ title: 'Diffusion models' }),
      doc({ title: 'Difusion of innovation' }),
    ]);
    expect(titles(search.search('diffusion'))[0]).toBe('Diffusion models');
    expect(titles(search.search('diffus'))).toEqual(expect.arrayContaining(['Diffusion models', 'Diffusers everywhere']));
  });

  it('searches abstracts when titles, tags and notes do not fill a page, and always for a long list', () => {
    const inTitles = Array.from({ length: 25 }, (_, i) => doc({ title: `Kestrel study ${i}` }));
    const search = built([...inTitles, doc({ title: 'Birds of prey', abstract: 'On the kestrel.' })]);
    const page = search.search('kestrel');
    expect(page.length).toBe(25);
    expect(page.every((r) => r.doc.title.startsWith('Kestrel'))).toBe(true);
    expect(titles(search.search('kestrel', Infinity))).toContain('Birds of prey');
    expect(titles(search.search('kestrel prey'))).toEqual(['Birds of prey']);
  });

  it('tolerates typos only for words held by (nearly) no paper as typed', () => {
    const exact = Array.from({ length: 25 }, (_, i) => doc({ title: `Diffusion study ${i}` }));
    const search = built([...exact, doc({ title: 'Difusion with a typo' }), doc({ title: 'Mambo', starred: true }), doc({ title: 'Mamba', tags: ['ssm'] })]);
    expect(titles(search.search('diffusion'))).not.toContain('Difusion with a typo');
    expect(titles(search.search('diffusion', Infinity))).not.toContain('Difusion with a typo');
    // Nothing with the word passes the filter: then near words are tried.
    expect(titles(search.search('mamba is:starred'))).toEqual(['Mambo']);
    expect(titles(search.search('difusion'))).toContain('Difusion with a typo');
    expect(search.search('difusion').length).toBe(26);
  });

  it('finds a rare start of a title word among many papers through the index', () => {
    const many = Array.from({ length: 3100 }, (_, i) =>
      doc({ title: `Paper number ${i}`, digests: [{ uri: 'u', name: 'n.txt', time: (10_000 + i) * DAY }] }));
    const rare = ['Xquartz one', 'Xquartz two', 'Old xqueue'].map((title, i) =>
      doc({ title, starred: i !== 1, digests: [{ uri: 'v', name: 'o.txt', time: (i + 1) * DAY }] }));
    const search = built([...many, ...rare]);
    expect(titles(search.search('xq'))).toEqual(['Old xqueue', 'Xquartz two', 'Xquartz one']);
    expect(titles(search.search('is:starred xq'))).toEqual(['Old xqueue', 'Xquartz one']);
    expect(titles(search.search('xq', Infinity))).toEqual(['Old xqueue', 'Xquartz two', 'Xquartz one']);
    expect(search.search('pap').length).toBe(50);
  });

  it('narrows to the papers of a rare word without changing the answer', () => {
    const common = Array.from({ length: 40 }, (_, i) => doc({ title: `Model study ${i}`, abstract: 'A model of models.' }));
    const search = built([
      ...common,
      doc({ title: 'Reward model tuning' }),
      doc({ title: 'Reward shaping', abstract: 'No word about the other thing.' }),
      doc({ title: 'Models of reward' }),
      doc({ title: 'Shaping', abstract: 'Rewards for a modeling agent.' }),
    ]);
    const expected = ['Models of reward', 'Reward model tuning', 'Shaping'];
    expect(titles(search.search('reward model', Infinity)).sort()).toEqual(expected);
    expect(titles(search.search('model reward')).sort()).toEqual(expected);
    expect(titles(search.search('model reward')).slice(0, 2).sort()).toEqual(['Models of reward', 'Reward model tuning']);
    // A typo in the rare word: corrected, then narrowed the same way.
    expect(titles(search.search('rewrd model')).sort()).toEqual(['Models of reward', 'Reward model tuning']);
    expect(titles(search.search('rewards model')).sort()).toEqual(expected);
    expect(titles(search.search('reward modl'))[0]).toBe('Reward model tuning');
    // A swap of two letters is two edits: "modle" is not corrected, and any word will do.
    expect(titles(search.search('reward modle')).sort()).toEqual(['Models of reward', 'Reward model tuning', 'Reward shaping', 'Shaping']);
  });

  it('keeps its word counts in step with updates and removals', () => {
    const search = built([doc({ title: 'Kestrel flight', abstract: 'Hovering.' }), doc({ title: 'Other' })]);
    search.upsert(doc({ title: 'Kestrel flight', abstract: 'Gliding.' }));
    expect(titles(search.search('hovering kestrel'))).toEqual(['Kestrel flight']); // OR fallback: hovering is gone
    expect(titles(search.search('gliding kestrel'))).toEqual(['Kestrel flight']);
    search.remove(paperId('Kestrel flight'));
    expect(search.search('gliding')).toEqual([]);
    search.upsert(doc({ title: 'Gliding again' }));
    expect(titles(search.search('gliding'))).toEqual(['Gliding again']);
    search.clear();
    expect(search.size).toBe(0);
    expect(search.search('gliding')).toEqual([]);
  });

  it('finds words with or without diacritics', () => {
    const search = built([doc({ title: 'Schrödinger bridges for generative modelling' })]);
    expect(search.search('schrodinger').length).toBe(1);
    expect(search.search('Schrödinger').length).toBe(1);
  });
});

describe('PaperSearch updates', () => {
  it('upsert replaces, remove drops, and results follow', () => {
    const search = built([doc({ title: 'Alpha', notes: 'kestrel' }), doc({ title: 'Beta' })]);
    expect(titles(search.search('kestrel'))).toEqual(['Alpha']);
    search.upsert(doc({ title: 'Beta', notes: 'kestrel and more' }));
    search.upsert(doc({ title: 'Alpha', notes: 'nothing here' }));
    expect(titles(search.search('kestrel'))).toEqual(['Beta']);
    expect(titles(search.search('nothing'))).toEqual(['Alpha']);
    expect(search.size).toBe(2);
    expect(search.remove(paperId('Beta'))).toBe(true);
    expect(search.remove(paperId('Beta'))).toBe(false);
    expect(search.search('kestrel')).toEqual([]);
    expect(titles(search.search(''))).toEqual(['Alpha']);
    expect(search.size).toBe(1);
  });

  it('re-indexes a paper only when its words change', () => {
    const search = built([doc({ title: 'Alpha', abstract: 'kestrel', upvotes: 1 }), doc({ title: 'Beta', upvotes: 2 })]);
    expect(search.indexedCount).toBe(2);
    expect(titles(search.search(''))).toEqual(['Beta', 'Alpha']);
    search.upsert(doc({ title: 'Alpha', abstract: 'kestrel', upvotes: 9, starred: true, status: 'read' }));
    expect(search.indexedCount).toBe(2);
    expect(titles(search.search(''))).toEqual(['Alpha', 'Beta']);
    expect(titles(search.search('kestrel is:starred status:read'))).toEqual(['Alpha']);
    search.upsert(doc({ title: 'Alpha', abstract: 'kestrel', tags: ['birds'], upvotes: 9 }));
    expect(search.indexedCount).toBe(3);
    expect(titles(search.search('birds'))).toEqual(['Alpha']);
    search.upsert(doc({ title: 'Alpha', abstract: 'kestrel', tags: ['birds'], upvotes: 9, authors: ['Ada Lovelace'], keywords: ['engines'] }));
    expect(search.indexedCount).toBe(4);
    expect(titles(search.search('lovelace engines'))).toEqual(['Alpha']);
    // A code link or an arXiv id arriving changes no word.
    search.upsert(doc({ title: 'Alpha', abstract: 'kestrel', tags: ['birds'], upvotes: 9, authors: ['Ada Lovelace'], keywords: ['engines'], code: 'https://github.com/a/b', arxivId: '2401.00001' }));
    expect(search.indexedCount).toBe(4);
    expect(titles(search.search('has:code arxiv:2401.00001'))).toEqual(['Alpha']);
    search.upsert(doc({ title: 'Alpha', abstract: 'kestrel', tags: ['birds'], upvotes: 9, authors: ['Grace Hopper'] }));
    expect(search.indexedCount).toBe(5);
    expect(titles(search.search('lovelace'))).toEqual([]);
    expect(titles(search.search('engines'))).toEqual([]);
    expect(titles(search.search('hopper'))).toEqual(['Alpha']);
  });

  it('keeps the display order right through single and bulk updates', () => {
    const search = new PaperSearch();
    const at = (title: string, day: number, upvotes?: number) =>
      doc({ title, upvotes, digests: [{ uri: `u${day}`, name: `d${day}.txt`, time: day * DAY }] });
    search.upsertMany([at('Old', 1, 50), at('Mid', 5, 1), at('Mid popular', 5, 9), at('New', 9)]);
    expect(titles(search.search(''))).toEqual(['New', 'Mid popular', 'Mid', 'Old']);
    search.upsert(at('Old', 10, 50));
    expect(titles(search.search(''))).toEqual(['Old', 'New', 'Mid popular', 'Mid']);
    search.upsertMany(Array.from({ length: 300 }, (_, i) => at(`Bulk ${i}`, 0)));
    expect(titles(search.search('', 4))).toEqual(['Old', 'New', 'Mid popular', 'Mid']);
    search.remove(paperId('Old'));
    expect(titles(search.search('', 1))).toEqual(['New']);
    expect(search.size).toBe(303);
  });

  it('dates digests from name or date when the caller gives no time', () => {
    const search = built([
      doc({ title: 'From 2024', digests: [{ uri: 'a', name: '2024-03-01.txt' }] }),
      doc({ title: 'From 2025', digests: [{ uri: 'b', name: 'daily.txt', date: 'Feb 2, 2025' }] }),
      doc({ title: 'Undated', digests: [] }),
    ]);
    expect(titles(search.search(''))).toEqual(['From 2025', 'From 2024', 'Undated']);
  });

  it('skips papers without an id and keeps the last of duplicates', () => {
    const search = new PaperSearch();
    expect(search.upsert({ ...doc({ title: 'No id' }), id: '' })).toBe(false);
    expect(search.upsertMany([doc({ title: 'Twice', notes: 'first' }), doc({ title: 'Twice', notes: 'second' })])).toBe(1);
    expect(search.get(paperId('Twice'))?.notes).toBe('second');
    expect(titles(search.search('first'))).toEqual([]);
  });

  it('builds in slices without losing papers', async () => {
    const search = new PaperSearch();
    const docs = seedDocs();
    expect(await search.upsertManyAsync(docs, { sliceMs: 1 })).toBe(docs.length);
    expect(search.size).toBe(docs.length);
    expect(titles(search.search('mamba', 1))).toEqual([MAMBA]);
    const stopped = new PaperSearch();
    expect(await stopped.upsertManyAsync(docs, { signal: { aborted: true } })).toBe(0);
    let checks = 0;
    const midway = new PaperSearch();
    const taken = await midway.upsertManyAsync(docs, { signal: { get aborted() { return checks++ > 0; } } });
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThan(docs.length);
    expect(midway.size).toBe(taken);
  });
});

describe('PaperSearch words with a filter (property)', () => {
  it('gives the same page whether the filter narrows the papers scored or is only checked', () => {
    // The group of tag:g and upvotes>=1 are the same papers; only the tag has a group to narrow by.
    const words = ['model', 'reward', 'policy'];
    const paper = fc.tuple(fc.subarray(words), fc.subarray(words), fc.boolean());
    fc.assert(fc.property(fc.array(paper, { minLength: 1, maxLength: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...words),
      fc.integer({ min: 1, max: 60 }), (papers, share, word, limit) => {
        const search = built(papers.map(([title, abstract, odd], i) => {
          const inGroup = (i * 0.618) % 1 < share;
          return doc({ title: `${title.join(' ')} ${odd ? 'study' : 'note'} ${i}`, abstract: abstract.join(' '), tags: inGroup ? ['g'] : [], upvotes: inGroup ? 1 : 0 });
        }));
        const page = (filter: string) => search.search(`${word} ${filter}`, limit).map((r) => [r.doc.id, r.score]);
        expect(page('tag:g')).toEqual(page('upvotes>=1'));
      }), { numRuns: 200 });
  });
});

describe('PaperSearch filter-only queries (property)', () => {
  const docs = seedDocs();
  const search = built(docs);
  const filter = fc.oneof(
    fc.constantFrom('tag:rl', 'tag:ml', 'tag:survey', 'tag:vision', 'status:unread', 'status:reading', 'status:read',
      'is:starred', 'is:new', 'is:annotated', 'org:google', 'org:z.ai', 'digest:nov', 'digest:dec11', 'digest:"Oct 27"', 'digest:002',
      'author:lovelace', 'author:"grace hopper"', 'author:SCHOLKOPF', 'author:e', 'arxiv:2501.00004', 'arxiv:2501.00007v3', 'has:code', 'has:arxiv', 'has:pdf'),
    fc.tuple(fc.constantFrom('upvotes', 'authors'), fc.constantFrom('>', '>=', '<', '<=', '='), fc.integer({ min: 0, max: 40 }))
      .map(([k, op, n]) => `${k}${op}${n}`),
  );
  const query = fc.array(fc.tuple(fc.boolean(), filter).map(([neg, f]) => (neg ? `-${f}` : f)), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.join(' '));

  it('never throws on any input, and keeps to the limit', () => {
    const word = fc.constantFrom('mamba', 'diffusion', 'rl', 'state', 'xq', 'the', 'mod', '-llm', 'tag:', 'is:', '"', 'upvotes>');
    const input = fc.oneof(fc.string({ maxLength: 30 }), fc.array(fc.oneof(word, filter), { maxLength: 4 }).map((w) => w.join(' ')));
    fc.assert(fc.property(input, fc.integer({ min: 0, max: 60 }), (text, limit) => {
      const results = search.search(text, limit);
      expect(results.length).toBeLessThanOrEqual(limit);
      expect(new Set(results.map((r) => r.doc.id)).size).toBe(results.length);
    }), { numRuns: 300 });
  });

  it('returns exactly the papers matchesFilters accepts', () => {
    fc.assert(fc.property(query, (input) => {
      const parsed = parseQuery(input);
      expect(parsed.words).toEqual([]);
      const expected = docs.filter((d) => matchesFilters(d, parsed)).map((d) => d.id).sort();
      expect(search.search(input, Infinity).map((r) => r.doc.id).sort()).toEqual(expected);
    }), { numRuns: 300 });
  });
});

describe('toSearchDoc', () => {
  it('takes the authors, arXiv id, code link and keywords from the paper', () => {
    const paper: Paper = {
      id: 'dreamx-phi-00000000',
      title: 'DreamX-Phi 1.0',
      abstract: '',
      links: [],
      authors: ['DreamX Team', 'Rui Chen'],
      authorCount: 2,
      arxivId: '2608.13489',
      code: 'https://github.com/AMAP-ML/DreamX-Phi',
      keywords: ['world model'],
      source: { uri: 'file:///d/2026-08-14.json', titleLine: 0, startLine: 0, endLine: 0 },
    };
    const sdoc = toSearchDoc({ id: paper.id, paper, occurrences: [paper], isNew: true }, undefined, () => undefined);
    expect(sdoc).toMatchObject({ authors: ['DreamX Team', 'Rui Chen'], authorCount: 2, arxivId: '2608.13489', code: 'https://github.com/AMAP-ML/DreamX-Phi', keywords: ['world model'] });
    const search = built([sdoc]);
    expect(titles(search.search('author:dreamx has:code arxiv:2608.13489 world'))).toEqual(['DreamX-Phi 1.0']);
  });
});
