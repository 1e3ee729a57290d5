import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bestNumbers, smallest } from '../../src/core/search/smallest';

interface Item {
  key: number;
  id: number;
}

/** A total order with many ties on the key, as papers of one digest tie on their date. */
const compare = (a: Item, b: Item) => a.key - b.key || a.id - b.id;

describe('smallest', () => {
  it('gives what filtering, sorting and slicing give (property)', () => {
    const items = fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }).map((keys) => keys.map((key, id) => ({ key, id })));
    const limit = fc.oneof(fc.integer({ min: 0, max: 320 }), fc.constant(Infinity));
    fc.assert(fc.property(items, limit, fc.integer({ min: 1, max: 5 }), (list, n, every) => {
      const accept = (item: Item) => item.id % every === 0;
      const expected = list.filter(accept).sort(compare).slice(0, n);
      expect(smallest(list, n, compare, accept)).toEqual(expected);
      expect(smallest(new Set(list), n, compare)).toEqual([...list].sort(compare).slice(0, n));
    }), { numRuns: 500 });
  });

  it('asks the filter only about the page when every item passes, in any order', () => {
    const list = Array.from({ length: 1000 }, (_, id) => ({ key: 999 - id, id }));
    for (const items of [list, [...list].reverse()]) {
      let asked = 0;
      const page = smallest(items, 10, compare, () => {
        asked++;
        return true;
      });
      expect(page.map((item) => item.key)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(asked).toBe(10);
    }
  });

  it('picks the best numbers that pass, each asked about once, as filtering, sorting and slicing do (property)', () => {
    const items = fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }).map((keys) => keys.map((key, id) => key * 1000 + id));
    const limit = fc.oneof(fc.integer({ min: 0, max: 320 }), fc.constant(Infinity));
    fc.assert(fc.property(items, limit, fc.integer({ min: 1, max: 5 }), (list, n, every) => {
      const asked: number[] = [];
      const accept = (item: number) => {
        asked.push(item);
        return item % every === 0;
      };
      const byKey = (a: number, b: number) => Math.floor(a / 1000) - Math.floor(b / 1000) || a - b;
      expect(bestNumbers(list, n, byKey, accept)).toEqual(list.filter((item) => item % every === 0).sort(byKey).slice(0, n));
      expect(new Set(asked).size).toBe(asked.length);
      expect(bestNumbers(list, n, byKey)).toEqual([...list].sort(byKey).slice(0, n));
    }), { numRuns: 500 });
  });
});
