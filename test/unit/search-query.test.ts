import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchesFilters, parseQuery, type SearchDoc } from '../../src/core';
import { arxivKey, authorName } from '../../src/core/search/query';
import { searchDoc } from './search-doc';

const doc = searchDoc;

const matches = (input: string, over: Partial<SearchDoc>) => matchesFilters(doc(over), parseQuery(input));

describe('parseQuery', () => {
  it('separates free words from filters, in any order', () => {
    const q = parseQuery('status:unread mamba tag:rl  state is:starred space');
    expect(q.words).toEqual(['mamba', 'state', 'space']);
    expect(q.filters).toEqual([
      { kind: 'status', value: 'unread', negated: false },
      { kind: 'tag', value: 'rl', negated: false },
      { kind: 'is', value: 'starred', negated: false },
    ]);
    expect(q.warnings).toEqual([]);
  });

  it('reads every filter kind', () => {
    const q = parseQuery('tag:RL tag:#vision status:reading is:new is:annotated org:Google digest:"Nov 6" upvotes>10 upvotes>=2 upvotes<3 authors<=5 authors=4 authors:7');
    expect(q.words).toEqual([]);
    expect(q.warnings).toEqual([]);
    expect(q.filters).toEqual([
      { kind: 'tag', value: 'rl', negated: false },
      { kind: 'tag', value: 'vision', negated: false },
      { kind: 'status', value: 'reading', negated: false },
      { kind: 'is', value: 'new', negated: false },
      { kind: 'is', value: 'annotated', negated: false },
      { kind: 'org', value: 'google', negated: false },
      { kind: 'digest', value: 'nov 6', negated: false },
      { kind: 'count', field: 'upvotes', op: '>', value: 10, negated: false },
      { kind: 'count', field: 'upvotes', op: '>=', value: 2, negated: false },
      { kind: 'count', field: 'upvotes', op: '<', value: 3, negated: false },
      { kind: 'count', field: 'authors', op: '<=', value: 5, negated: false },
      { kind: 'count', field: 'authors', op: '=', value: 4, negated: false },
      { kind: 'count', field: 'authors', op: '=', value: 7, negated: false },
    ]);
  });

  it('negates filters and excludes words with a leading minus', () => {
    const q = parseQuery('diffusion -tag:survey -is:starred -upvotes>5 -mamba -"linear attention"');
    expect(q.words).toEqual(['diffusion']);
    expect(q.excluded).toEqual(['mamba', 'linear attention']);
    expect(q.filters.map((f) => f.negated)).toEqual([true, true, true]);
  });

  it('treats a lone or doubled minus as text', () => {
    expect(parseQuery('a - b').words).toEqual(['a', '-', 'b']);
    expect(parseQuery('--tag:x').excluded).toEqual([]);
  });

  it('keeps unknown and malformed filters as words, with a warning each', () => {
    const q = parseQuery('foo:bar upvotes>many status:later is:cool authors>=-1 tag: org<3 mamba');
    expect(q.filters).toEqual([]);
    expect(q.words).toEqual(['foo:bar', 'upvotes>many', 'status:later', 'is:cool', 'authors>=-1', 'tag:', 'org<3', 'mamba']);
    expect(q.warnings.map((w) => w.token)).toEqual(['foo:bar', 'upvotes>many', 'status:later', 'is:cool', 'authors>=-1', 'tag:', 'org<3']);
    const first = q.warnings[0];
    expect('foo:bar upvotes'.slice(first.start, first.end)).toBe('foo:bar');
    for (const w of q.warnings) expect(w.message.length).toBeGreaterThan(10);
  });

  it('does not warn about text that only looks like a filter', () => {
    const q = parseQuery('Mamba: https://github.com/state-spaces/mamba');
    expect(q.warnings).toEqual([]);
    expect(q.words).toEqual(['Mamba:', 'https://github.com/state-spaces/mamba']);
  });

  it('reads an unclosed quote to the end and knows when the last word is being typed', () => {
    expect(parseQuery('digest:"Nov').filters).toEqual([{ kind: 'digest', value: 'nov', negated: false }]);
    expect(parseQuery('mamba sel').open).toBe(true);
    expect(parseQuery('mamba sel ').open).toBe(false);
    expect(parseQuery('mamba is:new').open).toBe(false);
    expect(parseQuery('"state space"').open).toBe(false);
    expect(parseQuery('').open).toBe(false);
  });

  it('never throws and accounts for every token', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (input) => {
        const q = parseQuery(input);
        expect(Array.isArray(q.words) && Array.isArray(q.filters) && Array.isArray(q.warnings)).toBe(true);
        for (const w of q.warnings) expect(input.slice(w.start, w.end)).toBe(w.token);
      }),
      { numRuns: 400 },
    );
    const keys = fc.constantFrom('tag', 'status', 'is', 'org', 'digest', 'upvotes', 'authors', 'author', 'arxiv', 'has', 'foo', '-tag', '-is', '-author', '-has');
    const ops = fc.constantFrom(':', '>', '>=', '<', '<=', '=', '');
    const token = fc.tuple(keys, ops, fc.string({ maxLength: 8 })).map(([k, o, v]) => `${k}${o}${v}`);
    fc.assert(fc.property(fc.array(token, { maxLength: 6 }), (tokens) => {
      expect(() => parseQuery(tokens.join(' '))).not.toThrow();
    }), { numRuns: 400 });
  });

  it('reads author:, arxiv: and has:', () => {
    const q = parseQuery('author:"Yann  LeCun" author:Schölkopf -author:smith arxiv:2405.15738 arxiv:2405.15738v2 arxiv:hep-th/9901001v1 arxiv:https://arxiv.org/abs/2401.00001 arxiv:arXiv:2401.00002 has:code -has:arxiv has:PDF');
    expect(q.warnings).toEqual([]);
    expect(q.words).toEqual([]);
    expect(q.filters).toEqual([
      { kind: 'author', value: 'yann lecun', negated: false },
      { kind: 'author', value: 'scholkopf', negated: false },
      { kind: 'author', value: 'smith', negated: true },
      { kind: 'arxiv', value: '2405.15738', negated: false },
      { kind: 'arxiv', value: '2405.15738', negated: false },
      { kind: 'arxiv', value: 'hep-th/9901001', negated: false },
      { kind: 'arxiv', value: '2401.00001', negated: false },
      { kind: 'arxiv', value: '2401.00002', negated: false },
      { kind: 'has', value: 'code', negated: false },
      { kind: 'has', value: 'arxiv', negated: true },
      { kind: 'has', value: 'pdf', negated: false },
    ]);
  });

  it('keeps malformed author:, arxiv: and has: as words, with a warning each', () => {
    const q = parseQuery('author: author:"" author>3 arxiv:2405 arxiv:foo arxiv:2405.15738x has:money authors:lecun mamba');
    expect(q.filters).toEqual([]);
    expect(q.warnings.map((w) => w.token)).toEqual(['author:', 'author:""', 'author>3', 'arxiv:2405', 'arxiv:foo', 'arxiv:2405.15738x', 'has:money', 'authors:lecun']);
    expect(q.words).toEqual(['author:', 'author:', 'author>3', 'arxiv:2405', 'arxiv:foo', 'arxiv:2405.15738x', 'has:money', 'authors:lecun', 'mamba']);
    expect(q.warnings.find((w) => w.token === 'has:money')!.message).toContain('has:code');
    // The author count is not the author's name: say which filter finds names.
    expect(q.warnings.find((w) => w.token === 'authors:lecun')!.message).toContain('author:"Name"');
  });

  it('survives input that is not a string', () => {
    expect(parseQuery(undefined as unknown as string).filters).toEqual([]);
  });
});

describe('matchesFilters', () => {
  it('tag: every tag filter must match, whole and case-insensitively, parents match children', () => {
    expect(matches('tag:rl', { tags: ['RL', 'agents'] })).toBe(true);
    expect(matches('tag:rl tag:agents', { tags: ['RL', 'agents'] })).toBe(true);
    expect(matches('tag:rl tag:vision', { tags: ['RL', 'agents'] })).toBe(false);
    expect(matches('tag:r', { tags: ['rl'] })).toBe(false);
    expect(matches('tag:ml', { tags: ['ml/vision'] })).toBe(true);
    expect(matches('tag:ml', { tags: ['mlops'] })).toBe(false);
    expect(matches('tag:"machine learning"', { tags: ['Machine Learning'] })).toBe(true);
    expect(matches('-tag:rl', { tags: ['rl'] })).toBe(false);
    expect(matches('-tag:rl', { tags: [] })).toBe(true);
  });

  it('status and is: flags', () => {
    expect(matches('status:read', { status: 'read' })).toBe(true);
    expect(matches('status:read', { status: 'reading' })).toBe(false);
    expect(matches('is:unread', { status: 'unread' })).toBe(true);
    expect(matches('is:starred', { starred: true })).toBe(true);
    expect(matches('is:starred', { starred: false })).toBe(false);
    expect(matches('-is:starred', { starred: false })).toBe(true);
    expect(matches('is:new', { isNew: true })).toBe(true);
    expect(matches('is:new', { isNew: false })).toBe(false);
    expect(matches('is:annotated', { annotations: 'a quote and a remark' })).toBe(true);
    expect(matches('is:annotated', { annotations: '  ' })).toBe(false);
  });

  it('org: substring, case-insensitive; papers without an org do not match', () => {
    expect(matches('org:z.ai', { org: 'zai-org Z.ai' })).toBe(true);
    expect(matches('org:"zai-org z"', { org: 'zai-org Z.ai' })).toBe(true);
    expect(matches('org:google', { org: 'zai-org Z.ai' })).toBe(false);
    expect(matches('org:google', {})).toBe(false);
    expect(matches('-org:google', {})).toBe(true);
  });

  it('digest: date ignoring spaces without cutting numbers, or file name substring', () => {
    const digests = [{ uri: 'file:///w/daily/2025-11-06.txt', name: '2025-11-06.txt', date: 'Nov 6' }];
    expect(matches('digest:nov6', { digests })).toBe(true);
    expect(matches('digest:"Nov 6"', { digests })).toBe(true);
    expect(matches('digest:NOV', { digests })).toBe(true);
    expect(matches('digest:2025-11', { digests })).toBe(true);
    expect(matches('digest:nov1', { digests: [{ uri: 'u', name: 'a.txt', date: 'Nov 16' }] })).toBe(false);
    expect(matches('digest:nov16', { digests: [{ uri: 'u', name: 'a.txt', date: 'Nov 16' }] })).toBe(true);
    expect(matches('digest:dec', { digests })).toBe(false);
    expect(matches('digest:nov6', { digests: [] })).toBe(false);
    // Any of the paper's digests will do.
    expect(matches('digest:dec11', { digests: [...digests, { uri: 'v', name: 'b.txt', date: 'Dec 11' }] })).toBe(true);
  });

  it('numeric comparisons; papers without the number match no comparison', () => {
    expect(matches('upvotes>10', { upvotes: 11 })).toBe(true);
    expect(matches('upvotes>10', { upvotes: 10 })).toBe(false);
    expect(matches('upvotes>=10', { upvotes: 10 })).toBe(true);
    expect(matches('upvotes<3', { upvotes: 2 })).toBe(true);
    expect(matches('upvotes<3', { upvotes: 3 })).toBe(false);
    expect(matches('upvotes<=3', { upvotes: 3 })).toBe(true);
    expect(matches('upvotes=3', { upvotes: 3 })).toBe(true);
    expect(matches('upvotes<3', {})).toBe(false);
    expect(matches('-upvotes<3', {})).toBe(true);
    expect(matches('authors>5', { authorCount: 6 })).toBe(true);
    expect(matches('authors>5', { authorCount: 5 })).toBe(false);
    expect(matches('authors=5', { authorCount: 5 })).toBe(true);
    expect(matches('authors<=5', { authorCount: 5 })).toBe(true);
  });

  it('combines every filter with AND', () => {
    const paper = { tags: ['rl'], status: 'unread' as const, starred: true, org: 'Google DeepMind', upvotes: 30, authorCount: 4 };
    expect(matches('tag:rl status:unread is:starred org:deepmind upvotes>=30 authors<5', paper)).toBe(true);
    expect(matches('tag:rl status:unread is:starred org:deepmind upvotes>30 authors<5', paper)).toBe(false);
    expect(matches('tag:rl -is:starred', paper)).toBe(false);
    expect(matches('', paper)).toBe(true);
  });
});

describe('author:, arxiv: and has:', () => {
  const paper = { authors: ['Yann LeCun', 'Bernhard Schölkopf', 'Ada Lovelace'], arxivId: '2405.15738v2', code: 'https://github.com/x/y' };

  it('author: any author whose name holds the value, case- and accent-insensitive', () => {
    expect(matches('author:lecun', paper)).toBe(true);
    expect(matches('author:"yann lecun"', paper)).toBe(true);
    expect(matches('author:"YANN   LeCun"', paper)).toBe(true);
    expect(matches('author:scholkopf', paper)).toBe(true);
    expect(matches('author:Schölkopf', { authors: ['Bernhard Scholkopf'] })).toBe(true);
    expect(matches('author:love', paper)).toBe(true);
    expect(matches('author:hinton', paper)).toBe(false);
    // Never across two names.
    expect(matches('author:"lecun bernhard"', paper)).toBe(false);
    expect(matches('author:lecun author:lovelace', paper)).toBe(true);
    expect(matches('author:lecun author:hinton', paper)).toBe(false);
    expect(matches('-author:hinton', paper)).toBe(true);
    expect(matches('-author:lecun', paper)).toBe(false);
    expect(matches('author:lecun', {})).toBe(false);
    expect(matches('-author:lecun', {})).toBe(true);
  });

  it('arxiv: the exact id, whichever version the query or the paper names', () => {
    expect(matches('arxiv:2405.15738', paper)).toBe(true);
    expect(matches('arxiv:2405.15738v1', paper)).toBe(true);
    expect(matches('arxiv:2405.1573', paper)).toBe(false);
    expect(matches('arxiv:2405.15739', paper)).toBe(false);
    expect(matches('-arxiv:2405.15738', paper)).toBe(false);
    expect(matches('arxiv:hep-th/9901001', { arxivId: 'hep-th/9901001' })).toBe(true);
    expect(matches('arxiv:2405.15738', {})).toBe(false);
  });

  it('has:code, has:arxiv and has:pdf', () => {
    expect(matches('has:code', paper)).toBe(true);
    expect(matches('has:code', { code: '  ' })).toBe(false);
    expect(matches('-has:code', {})).toBe(true);
    expect(matches('has:arxiv', paper)).toBe(true);
    expect(matches('has:pdf', paper)).toBe(true);
    expect(matches('has:arxiv', {})).toBe(false);
    expect(matches('-has:pdf', {})).toBe(true);
    expect(matches('has:code has:arxiv author:lecun', paper)).toBe(true);
  });

  const name = fc.oneof(
    fc.constantFrom('Yann LeCun', 'Bernhard Schölkopf', 'Ahmet Üstün', 'DreamX Team', 'José  María', 'Łukasz Kaiser', ''),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
  );

  it('author: matches exactly when a folded name holds the folded value (property)', () => {
    const value = fc.oneof(name, name.map((n) => n.slice(1, 6)), fc.constantFrom('lecun', 'UST', 'ü', 'o', 'team'));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 4 }), value, fc.boolean(), (authors, raw, negated) => {
        const typed = `${negated ? '-' : ''}author:"${raw.replace(/"/g, '')}"`;
        const q = parseQuery(typed);
        const wanted = authorName(raw.replace(/"/g, ''));
        if (wanted === '') {
          expect(q.filters).toEqual([]);
          return;
        }
        expect(q.filters).toEqual([{ kind: 'author', value: wanted, negated }]);
        const holds = authors.some((a) => authorName(a).includes(wanted));
        expect(matchesFilters(doc({ authors }), q)).toBe(negated ? !holds : holds);
      }),
      { numRuns: 400 },
    );
  });

  it('arxiv: finds the paper with or without a version on either side (property)', () => {
    const id = fc.oneof(
      fc.tuple(fc.integer({ min: 7, max: 30 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 99999 }))
        .map(([y, m, n]) => `${String(y).padStart(2, '0')}${String(m).padStart(2, '0')}.${String(n).padStart(5, '0')}`),
      fc.tuple(fc.constantFrom('hep-th', 'math.GT', 'cs'), fc.integer({ min: 0, max: 9_999_999 })).map(([a, n]) => `${a}/${String(n).padStart(7, '0')}`),
    );
    const version = fc.option(fc.integer({ min: 1, max: 12 }).map((v) => `v${v}`), { nil: '' });
    fc.assert(
      fc.property(id, version, version, id, (base, paperVersion, queryVersion, other) => {
        const q = parseQuery(`arxiv:${base}${queryVersion}`);
        expect(q.warnings).toEqual([]);
        expect(matchesFilters(doc({ arxivId: `${base}${paperVersion}` }), q)).toBe(true);
        expect(matchesFilters(doc({ arxivId: other }), q)).toBe(arxivKey(other) === arxivKey(base));
        expect(matchesFilters(doc({ arxivId: `${base}${paperVersion}` }), parseQuery(`-arxiv:${base}${queryVersion}`))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
