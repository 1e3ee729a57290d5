import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uniqueStrings } from '../../src/core/notes/unique-strings';

describe('uniqueStrings', () => {
  it('keeps each string once, in the order first seen, as a Set does, past the size where it partitions', () => {
    // Few distinct words over many items: lists of thousands with many repeats, some near-equal.
    const word = fc.constantFrom('a', 'b', 'tag-1', 'tag-10', 'tag-01', 'é', '', ' a', 'a ', 'Tag-1');
    const list = fc.array(fc.oneof(word, fc.string({ maxLength: 6 })), { minLength: 4000, maxLength: 12_000 });
    fc.assert(
      fc.property(list, (items) => {
        expect(uniqueStrings(items)).toEqual([...new Set(items)]);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps 40,000 distinct tags as they are, and drops a repeat of the first one at the end', () => {
    const tags = Array.from({ length: 40_000 }, (_, i) => `tag-${i.toString(36)}`);
    expect(uniqueStrings(tags)).toEqual(tags);
    expect(uniqueStrings([...tags, 'tag-0', tags[39_999]])).toEqual(tags);
  });
});
