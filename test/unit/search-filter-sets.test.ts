import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PaperSearch, filterView, matchesFilters, paperId, parseQuery, type SearchDoc } from '../../src/core';
import { FilterSets } from '../../src/core/search/filter-sets';

const DAY = 86_400_000;
const WORDS = ['kestrel', 'falcon', 'owl', 'heron', 'swift', 'crane'];
const TAGS = ['rl', 'ml/vision', 'ml/theory', 'survey'];
const ORGS = ['Google DeepMind', 'zai-org Z.ai', 'Meta AI'];
const NAMES = ['Ada Lovelace', 'Kaiming He', 'Bernhard Schölkopf', 'Yann LeCun', 'DreamX Team'];

/** 600 papers over 60 digests: enough that a selective filter leaves a small share. */
function corpus(): SearchDoc[] {
  return Array.from({ length: 600 }, (_, i) => {
    const day = i % 60;
    const title = `Paper ${i} on ${WORDS[i % 6]} and ${WORDS[(i * 7) % 6]}`;
    return {
      id: paperId(title),
      title,
      abstract: `We study the ${WORDS[(i * 5) % 6]} problem.`,
      tags: i % 9 === 0 ? [TAGS[i % 4]] : [],
      notes: '',
      annotations: i % 31 === 0 ? 'a quote' : '',
      org: i % 5 === 0 ? ORGS[i % 3] : undefined,
      upvotes: i % 40,
      authorCount: (i % 8) + 1,
      authors: i % 4 === 0 ? undefined : i === 7 ? ['Grace Hopper'] : [NAMES[i % 5], NAMES[(i * 3) % 5]],
      arxivId: i % 3 === 0 ? undefined : `2401.${String(i).padStart(5, '0')}${i % 2 ? 'v2' : ''}`,
      code: i % 7 === 0 ? `https://github.com/x/p${i}` : undefined,
      digests: [{ uri: `file:///w/2024-${day}.txt`, name: `2024-${String(day).padStart(2, '0')}.txt`, date: `Mar ${day + 1}`, time: (20_000 + day) * DAY }],
      status: (['unread', 'reading', 'read'] as const)[i % 3],
      starred: i % 17 === 0,
      isNew: day === 59,
    };
  });
}

const FILTERS = ['is:new', 'is:starred', 'is:annotated', 'status:read', 'status:reading', 'tag:ml', 'tag:rl', 'org:google', 'org:meta',
  'digest:"Mar 3"', 'digest:mar1', 'digest:2024-05', 'upvotes>30', 'authors<3',
  'author:scholkopf', 'author:"kaiming he"', '-author:lecun', 'author:hopper', 'author:"grace h"', 'author:zz', 'arxiv:2401.00004', 'arxiv:2401.00005v1', 'has:code', '-has:arxiv', 'has:pdf'];

describe('FilterSets', () => {
  it('gives the smallest group a positive filter allows, and nothing for filters that do not narrow', () => {
    const sets = new FilterSets<SearchDoc>();
    const docs = corpus();
    for (const doc of docs) sets.add(doc, filterView(doc));
    const all = (query: string) => {
      const found = sets.candidates(parseQuery(query));
      return found && new Set(found.groups.flatMap((g) => [...g]));
    };
    expect(all('upvotes>3 -is:new status:unread')).toBeUndefined();
    // An arXiv id and a rare name narrow to their papers; a name on many papers or has: does not.
    expect(all('author:lecun has:code -arxiv:2401.00004')).toBeUndefined();
    expect([...all('arxiv:2401.00004')!].map((d) => d.arxivId)).toEqual(['2401.00004']);
    expect([...all('arxiv:2401.00005v1')!].map((d) => d.arxivId)).toEqual(['2401.00005v2']);
    expect(all('arxiv:2401.00003')!.size).toBe(0);
    expect([...all('author:hopper has:code')!].map((d) => d.authors)).toEqual([['Grace Hopper']]);
    expect(all('author:nobody')!.size).toBe(0);
    expect(all('is:new')!.size).toBe(docs.filter((d) => d.isNew).length);
    expect(all('tag:ml')!.size).toBe(docs.filter((d) => d.tags.some((t) => t.startsWith('ml/'))).length);
    expect([...all('digest:"Mar 3"')!].every((d) => d.digests[0].date === 'Mar 3')).toBe(true);
    // The smaller of two filters' groups.
    expect(all('is:starred is:new')!.size).toBe(Math.min(docs.filter((d) => d.starred).length, docs.filter((d) => d.isNew).length));
    for (const doc of docs.filter((d) => d.isNew)) sets.remove(doc, filterView(doc));
    expect(all('is:new')!.size).toBe(0);
    const hopper = docs[7];
    sets.remove(hopper, filterView(hopper));
    expect(all('author:hopper')!.size).toBe(0);
    sets.add(hopper, filterView(hopper));
    expect(all('author:hopper')!.size).toBe(1);
  });

  it('never changes what a search finds (property)', () => {
    const docs = corpus();
    const search = new PaperSearch();
    search.upsertMany(docs);
    const query = fc.tuple(fc.subarray(WORDS, { maxLength: 2 }), fc.subarray(FILTERS, { minLength: 1, maxLength: 2 }), fc.boolean())
      .map(([words, filters, exclude]) => [...words, ...filters, exclude ? '-heron' : ''].join(' ').trim());
    fc.assert(fc.property(query, (input) => {
      const parsed = parseQuery(input);
      // A trailing space: the words are complete, as they are when filters follow them.
      const words = `${[...parsed.words, ...parsed.excluded.map((w) => `-${w}`)].join(' ')} `;
      const expected = search.search(words, Infinity).map((r) => r.doc).filter((d) => matchesFilters(d, parsed)).map((d) => d.id).sort();
      expect(search.search(input, Infinity).map((r) => r.doc.id).sort()).toEqual(expected);
      const page = search.search(input, 10).map((r) => r.doc.id);
      expect(page.length).toBe(Math.min(10, expected.length));
      for (const id of page) expect(expected).toContain(id);
    }), { numRuns: 300 });
  });
});
