import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import SearchableMap from 'minisearch/SearchableMap';
import { Vocabulary } from '../../src/core/search/vocabulary';
import { TermTable } from '../../src/core/search/term-table';
import { WORD_SEPARATOR, indexTerm } from '../../src/core/search/terms';

const sorted = <T>(values: Iterable<T>) => [...values].sort();

/** Words over a small alphabet, so that near spellings and shared prefixes abound. */
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'é', '\u{1F600}'), minLength: 1, maxLength: 9 });

describe('Vocabulary', () => {
  it('finds the same completions and near spellings, at the same distances, as a radix tree (property)', () => {
    fc.assert(fc.property(fc.uniqueArray(word, { maxLength: 400 }), fc.nat({ max: 400 }), word, fc.integer({ min: 1, max: 2 }),
      (words, settledAt, query, distance) => {
        const vocabulary = new Vocabulary();
        const tree = new SearchableMap<true>();
        words.forEach((w, i) => {
          vocabulary.add(w);
          tree.set(w, true);
          // Some words merged into the sorted array, the rest still waiting.
          if (i === settledAt) vocabulary.settle(true);
        });
        const completions: string[] = [];
        vocabulary.withPrefix(query, (w) => completions.push(w));
        expect(sorted(completions)).toEqual(sorted(tree.atPrefix(query).keys()));
        const near: string[] = [];
        vocabulary.near(query, distance, (w, d) => near.push(`${w} ${d}`));
        expect(sorted(near)).toEqual(sorted([...tree.fuzzyGet(query, distance)].map(([w, [, d]]) => `${w} ${d}`)));
      }), { numRuns: 300 });
  });

  it('forgets the words it is told to drop', () => {
    const vocabulary = new Vocabulary();
    for (const w of ['kestrel', 'kestrels', 'kite']) vocabulary.add(w);
    vocabulary.retain((w) => w !== 'kestrels');
    const found: string[] = [];
    vocabulary.withPrefix('kes', (w) => found.push(w));
    expect(found).toEqual(['kestrel']);
    expect(vocabulary.size).toBe(2);
  });
});

describe('TermTable', () => {
  const split = (text: string) => text.split(WORD_SEPARATOR).map(indexTerm).filter((t): t is string => t !== null);
  // One table for every case: words met before must be found again, in place.
  const table = new TermTable();
  const each = (text: string) => {
    const terms: string[] = [];
    table.scan(text, true, (t) => terms.push(table.word(t)));
    return terms;
  };

  it('splits as splitting on WORD_SEPARATOR does (property)', () => {
    const piece = fc.constantFrom('a', 'The', 'Model', 'é', 'İ', 'Σ', 'ß', ' ', '.', '-', '\u00a0', '\u2019', '\u{1F600}', '\ud800', 'x'.repeat(41), '\u0301', '«', '$', '_', '\n', '\u3000');
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')));
    fc.assert(fc.property(text, (t) => {
      expect(each(t)).toEqual(split(t));
    }), { numRuns: 3000 });
  });

  it('folds case and accents and leaves out stop words and overlong tokens', () => {
    expect(each('The Schrödinger-bridge of ' + 'x'.repeat(41) + ' Models')).toEqual(['schrodinger', 'bridge', 'models']);
  });

  it('numbers each word once, finds it by its string, and leaves unknown words out unless told to add them', () => {
    const fresh = new TermTable();
    const numbers = (text: string, create: boolean) => {
      const found: number[] = [];
      fresh.scan(text, create, (t) => found.push(t));
      return found;
    };
    const [kestrel, hovers] = numbers('Kestrel hovers', true);
    expect(numbers('kestrel KESTREL Késtrel hovers', false)).toEqual([kestrel, kestrel, kestrel, hovers]);
    expect(fresh.find('kestrel')).toBe(kestrel);
    expect(fresh.find('the')).toBe(-1);
    expect(numbers('falcon kestrel', false)).toEqual([kestrel]);
    // Enough words to grow the table several times over.
    const many = Array.from({ length: 20_000 }, (_, i) => `w${i}`);
    const first = numbers(many.join(' '), true);
    expect(numbers(many.join(' '), false)).toEqual(first);
    expect(new Set(first).size).toBe(many.length);
  });
});
