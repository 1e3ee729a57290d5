import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchesFilters, parseQuery, type SearchDoc } from '../../src/core';
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
    const keys = fc.constantFrom('tag', 'status', 'is', 'org', 'digest', 'upvotes', 'authors', 'foo', '-tag', '-is');
    const ops = fc.constantFrom(':', '>', '>=', '<', '<=', '=', '');
    const token = fc.tuple(keys, ops, fc.string({ maxLength: 8 })).map(([k, o, v]) => `${k}${o}${v}`);
    fc.assert(fc.property(fc.array(token, { maxLength: 6 }), (tokens) => {
      expect(() => parseQuery(tokens.join(' '))).not.toThrow();
    }), { numRuns: 400 });
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
