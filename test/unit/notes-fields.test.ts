/**
 * Reading a notes file's tags: trimmed, without empty ones, each once in the order first
 * seen, whether the list is short or long enough for uniqueStrings to partition it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTags, uniqueTags } from '../../src/core/notes/notes-fields';

/** What a list of tags reads as, spelled out. */
function expectedTags(items: readonly unknown[]): string[] {
  const tags = items.filter((item) => item !== null && item !== undefined).map((item) => String(item).trim());
  return [...new Set(tags.filter((tag) => tag !== ''))];
}

const tagArb = fc.oneof(
  fc.constantFrom('rl', 'nlp', 'tag-1', 'Tag-1', 'é', 'a b'),
  fc.constantFrom(' rl', 'rl ', '\trl', 'rl\u00a0', '', ' ', '\u2028'),
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '-'), maxLength: 4 }),
);
const itemArb = fc.oneof({ weight: 8, arbitrary: tagArb }, fc.constantFrom(null, undefined, 0, 12, true, false));
/** Mostly trimmed tags, with now and then one that is not: the common case and its neighbours. */
const listArb = (minLength: number, maxLength: number) =>
  fc.oneof(
    fc.array(itemArb, { minLength, maxLength }),
    fc.array(fc.constantFrom('rl', 'nlp', 'tag-1', 'Tag-1', 'é'), { minLength, maxLength }),
    fc.tuple(fc.array(fc.constantFrom('rl', 'nlp', 'tag-1'), { minLength, maxLength }), itemArb, fc.nat()).map(([tags, odd, at]) => {
      const list: unknown[] = [...tags];
      list.splice(at % (list.length + 1), 0, odd);
      return list;
    }),
  );

describe('reading tags', () => {
  it('trims them, drops empty ones and repeats, keeping the order first seen', () => {
    fc.assert(
      fc.property(listArb(0, 30), (items) => {
        expect(readTags(items, undefined)).toEqual(expectedTags(items));
      }),
    );
  });

  it('does the same past the size where repeats are found by partitions', () => {
    // Thousands of items: compared as one string and not shrunk, so that a failure is reported at once.
    fc.assert(
      fc.property(listArb(4000, 9000), (items) => {
        expect(JSON.stringify(readTags(items, undefined))).toBe(JSON.stringify(expectedTags(items)));
      }),
      { numRuns: 20, endOnFailure: true },
    );
  });

  it('gives a list of its own, never the one read', () => {
    const items = ['rl', 'nlp'];
    const tags = readTags(items, undefined);
    expect(tags).toEqual(items);
    expect(tags).not.toBe(items);
    expect(uniqueTags(items)).not.toBe(items);
  });

  it('reads text tags through uniqueTags the same way', () => {
    fc.assert(
      fc.property(fc.array(tagArb, { maxLength: 30 }), (tags) => {
        expect(uniqueTags(tags)).toEqual(expectedTags(tags));
      }),
    );
  });
});
