import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PaperSearch, highlightRanges, paperId, type SearchDoc } from '../../src/core';

const pieces = (text: string, ranges: Array<[number, number]>) => ranges.map(([s, e]) => text.slice(s, e));

describe('highlightRanges', () => {
  const title = "LongMamba: Enhancing Mamba's Long Context Capabilities via Training-Free Receptive Field Enlargement";

  it('lights up whole words equal to a term, case-insensitively, in text order', () => {
    const ranges = highlightRanges(title, ['long', 'mamba']);
    // "LongMamba" starts with "long": its first part lights up as a completion.
    expect(pieces(title, ranges)).toEqual(['Long', 'Mamba', 'Long']);
    expect(ranges).toEqual([[0, 4], [21, 26], [29, 33]]);
  });

  it('lights up the typed part of a word that starts with a term', () => {
    const ranges = highlightRanges(title, ['recep', 'train']);
    expect(pieces(title, ranges)).toEqual(['Train', 'Recep']);
  });

  it('prefers the longest term and merges overlaps', () => {
    expect(pieces(title, highlightRanges(title, ['enl', 'enlargement', 'en']))).toEqual(['En', 'Enlargement']);
    expect(highlightRanges('state-space', ['state', 'space'])).toEqual([[0, 5], [6, 11]]);
  });

  it('splits hyphenated and quoted words as the index does, and folds diacritics', () => {
    expect(pieces('Training-Free', highlightRanges('Training-Free', ['free']))).toEqual(['Free']);
    expect(pieces('Schrödinger bridges', highlightRanges('Schrödinger bridges', ['schrodinger']))).toEqual(['Schrödinger']);
  });

  it('returns nothing for no terms or no text', () => {
    expect(highlightRanges('', ['x'])).toEqual([]);
    expect(highlightRanges('abc', [])).toEqual([]);
    expect(highlightRanges('abc', ['', '  '])).toEqual([]);
    expect(highlightRanges(undefined as unknown as string, ['x'])).toEqual([]);
  });

  it('gives sorted, disjoint ranges inside the text for any input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 4 }), (text, terms) => {
      const ranges = highlightRanges(text, terms);
      let last = -1;
      for (const [start, end] of ranges) {
        expect(start).toBeGreaterThan(last);
        expect(end).toBeGreaterThan(start);
        expect(end).toBeLessThanOrEqual(text.length);
        last = end;
      }
    }), { numRuns: 300 });
  });

  it('highlights what a search matched', () => {
    const doc: SearchDoc = {
      id: paperId(title), title, abstract: '', tags: [], notes: '', annotations: '', digests: [],
      status: 'unread', starred: false, isNew: false,
    };
    const search = new PaperSearch();
    search.upsert(doc);
    const [result] = search.search('mamaba recept');
    const terms = result.matches.find((m) => m.field === 'title')!.terms;
    expect(pieces(title, highlightRanges(title, terms))).toEqual(['Mamba', 'Receptive']);
  });
});
