import { describe, expect, it } from 'vitest';
import { READING_STATUSES, emptyNote, type PaperNote } from '../../src/core';
import { allTags, paperDescription, statusIcon } from '../../src/shared/papers';

describe('paperDescription', () => {
  it('joins authors, date and upvotes, leaving out what the digest does not say', () => {
    expect(paperDescription({ authorCount: 2, published: 'Dec 1, 2023', upvotes: 12 })).toBe('2 authors · Dec 1, 2023 · ▲ 12');
    expect(paperDescription({ authorCount: 1 })).toBe('1 author');
    expect(paperDescription({ published: 'Oct 13', upvotes: 0 })).toBe('Oct 13 · ▲ 0');
    expect(paperDescription({ authorCount: 0, upvotes: 3 })).toBe('0 authors · ▲ 3');
    expect(paperDescription({ published: '' })).toBe('');
    expect(paperDescription({})).toBe('');
  });
});

describe('statusIcon', () => {
  it('has a distinct codicon for each reading status', () => {
    expect(Object.keys(statusIcon).sort()).toEqual([...READING_STATUSES].sort());
    expect(new Set(Object.values(statusIcon)).size).toBe(READING_STATUSES.length);
  });
});

describe('allTags', () => {
  const notes = (...tagLists: string[][]): { store: { all(): PaperNote[] } } => ({
    store: { all: () => tagLists.map((tags, i) => ({ ...emptyNote(`paper-${i}`, `Paper ${i}`), tags })) },
  });

  it('lists every tag once, sorted, in the first spelling seen', () => {
    expect(allTags(notes(['rl', 'Vision'], ['RL', 'agents'], [], ['vision', 'agents']))).toEqual(['agents', 'rl', 'Vision']);
  });

  it('is empty without notes or tags', () => {
    expect(allTags(notes())).toEqual([]);
    expect(allTags(notes([], []))).toEqual([]);
  });

  it('keeps tags that look like object keys as tags', () => {
    expect(allTags(notes(['__proto__', 'constructor'], ['toString']))).toEqual(['__proto__', 'constructor', 'toString']);
  });
});
