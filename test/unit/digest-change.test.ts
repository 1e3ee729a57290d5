import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestChange, parseDigest, samePaper, type Digest, type Paper, type SourceSpan } from '../../src/core';

const URI = 'file:///ws/000_9ccde1c60d8efdfe.txt';
const SEED = readFileSync(join(__dirname, '..', 'fixtures', '000_9ccde1c60d8efdfe.txt'), 'utf8');
const parse = (text: string): Digest => parseDigest(text, URI);

/** The seed's text with the given papers' abstracts changed: a word added at the end of each. */
function withAbstractsEdited(digest: Digest, positions: readonly number[]): string {
  let text = SEED;
  for (const i of positions) {
    const abstract = digest.papers[i].abstract;
    text = text.replace(abstract, `${abstract} Edited`);
  }
  return text;
}

describe('digestChange', () => {
  it('finds nothing in a digest parsed again from the same text, and keeps every paper object', () => {
    const before = parse(SEED);
    const change = digestChange(before, parse(SEED));
    expect(change.changed).toBe(false);
    expect(change.ids.size).toBe(0);
    change.digest.papers.forEach((paper, i) => expect(paper).toBe(before.papers[i]));
  });

  it('names exactly the papers whose text changed, and keeps the others (property)', () => {
    const before = parse(SEED);
    const count = before.papers.length;
    expect(count).toBeGreaterThan(3);
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: count - 1 }), { minLength: 1, maxLength: count }), (positions) => {
      const change = digestChange(before, parse(withAbstractsEdited(before, positions)));
      expect(change.changed).toBe(true);
      expect([...change.ids].sort()).toEqual(positions.map((i) => before.papers[i].id).sort());
      change.digest.papers.forEach((paper, i) => {
        if (positions.includes(i)) expect(paper).not.toBe(before.papers[i]);
        else expect(paper).toBe(before.papers[i]);
      });
    }), { numRuns: 30 });
  });

  it('names a paper that is gone, and every paper of a digest seen for the first time', () => {
    const before = parse(SEED);
    const shorter: Digest = { ...parse(SEED), papers: parse(SEED).papers.slice(1) };
    const change = digestChange(before, shorter);
    expect(change.changed).toBe(true);
    expect([...change.ids]).toEqual([before.papers[0].id]);
    expect(digestChange(undefined, before).ids.size).toBe(before.papers.length);
  });
});

/** A generator for every field of T: a field added to the model and missing here fails the type check. */
type Arbitraries<T> = { [K in keyof T]-?: fc.Arbitrary<Exclude<T[K], undefined>> };

// Few values, so that two papers drawn apart often agree on a field, or on all of them.
const word = fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 2 });
const small = fc.nat(2);
const words = fc.array(word, { maxLength: 3 });
const SOURCE_FIELDS: Arbitraries<SourceSpan> = { uri: word, titleLine: small, startLine: small, endLine: small };
const PAPER_FIELDS: Arbitraries<Paper> = {
  id: word, title: word, abstract: word, authorCount: small, org: word, published: word, upvotes: small, url: word,
  arxivId: word, authors: words, code: word, projectPage: word, keywords: words, links: words, source: fc.record(SOURCE_FIELDS, { noNullPrototype: true }),
};
/**
 * Optional fields are left out now and then, never set to undefined, and objects are plain,
 * as a parser makes them: a deep equality tells either apart.
 */
const paper: fc.Arbitrary<Paper> = fc.record(PAPER_FIELDS, { requiredKeys: ['id', 'title', 'abstract', 'links', 'source'], noNullPrototype: true });
const PAPER_KEYS = Object.keys(PAPER_FIELDS) as (keyof Paper)[];
const SOURCE_KEYS = Object.keys(SOURCE_FIELDS) as (keyof SourceSpan)[];

/** A copy of `a` (no array or object shared with it) with the fields named taken from `other`: a field `other` lacks is left out. */
function mixed(a: Paper, other: Paper, keys: readonly (keyof Paper)[], sourceKeys: readonly (keyof SourceSpan)[]): Paper {
  const copy = structuredClone(a);
  const fields: Partial<Record<keyof Paper, unknown>> = copy;
  for (const key of keys) {
    if (key in other) fields[key] = structuredClone(other[key]);
    else delete fields[key];
  }
  const source: Record<keyof SourceSpan, unknown> = copy.source;
  for (const key of sourceKeys) source[key] = other.source[key];
  return copy;
}

describe('samePaper', () => {
  it('agrees with a deep equality of the two papers (property)', () => {
    fc.assert(fc.property(paper, paper, fc.subarray(PAPER_KEYS), fc.subarray(SOURCE_KEYS), (a, other, keys, sourceKeys) => {
      const b = mixed(a, other, keys, sourceKeys);
      expect(samePaper(a, b)).toBe(isDeepStrictEqual(a, b));
      expect(samePaper(b, a)).toBe(isDeepStrictEqual(a, b));
    }), { numRuns: 500 });
  });

  it('sees a change of any one field, of the paper or of its source span (property)', () => {
    fc.assert(fc.property(paper, paper, (a, other) => {
      expect(samePaper(a, mixed(a, other, [], []))).toBe(true);
      for (const key of PAPER_KEYS) {
        if (key === 'source') continue;
        const b = mixed(a, other, [key], []);
        if (!isDeepStrictEqual(a[key], b[key])) expect(samePaper(a, b), key).toBe(false);
      }
      for (const key of SOURCE_KEYS) {
        if (a.source[key] !== other.source[key]) expect(samePaper(a, mixed(a, other, [], [key])), `source.${key}`).toBe(false);
      }
    }), { numRuns: 300 });
  });

  it('takes a field set to undefined for one left out, as a parser may write either', () => {
    const before = parse(SEED).papers[0];
    const { org: _org, ...withoutOrg } = before;
    expect(samePaper({ ...withoutOrg, org: undefined }, withoutOrg)).toBe(true);
    expect(samePaper({ ...withoutOrg, org: 'zai-org' }, withoutOrg)).toBe(false);
  });
});

describe('digestChange of what a digest says besides its papers', () => {
  it('sees a diagnostic or a date changed, with every paper kept', () => {
    const before: Digest = { ...parse(SEED), diagnostics: [{ line: 3, severity: 'warning', message: 'No abstract.' }] };
    const edits: Digest[] = [
      { ...parse(SEED), diagnostics: [{ line: 3, severity: 'warning', message: 'No abstract!' }] },
      { ...parse(SEED), diagnostics: [{ line: 4, severity: 'warning', message: 'No abstract.' }] },
      { ...parse(SEED), diagnostics: [{ line: 3, severity: 'info', message: 'No abstract.' }] },
      { ...parse(SEED), diagnostics: [] },
      { ...parse(SEED), diagnostics: [...before.diagnostics], digestDate: 'Jan 1' },
    ];
    for (const next of edits) {
      const change = digestChange(before, next);
      expect(change.changed).toBe(true);
      expect(change.ids.size).toBe(0);
      change.digest.papers.forEach((p, i) => expect(p).toBe(before.papers[i]));
    }
    const copy: Digest = { ...parse(SEED), digestDate: before.digestDate, diagnostics: [{ line: 3, severity: 'warning', message: 'No abstract.' }] };
    expect(digestChange(before, copy).changed).toBe(false);
  });
});
