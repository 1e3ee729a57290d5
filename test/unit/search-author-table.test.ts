import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuthorTable } from '../../src/core/search/author-table';
import { authorName } from '../../src/core/search/query';

const joined = (names: string[]) => names.map(authorName).filter(Boolean).join('\n');

describe('AuthorTable', () => {
  it('finds the papers with a name holding the value, never across two names or two papers', () => {
    const table = new AuthorTable<string>();
    table.add('a', joined(['Yann LeCun', 'Léon Bottou']));
    table.add('b', joined(['Yoshua Bengio']));
    table.add('c', joined(['Bottou Jr']));
    expect([...table.find('bottou', 10)!].sort()).toEqual(['a', 'c']);
    expect([...table.find('leon', 10)!]).toEqual(['a']);
    expect([...table.find('lecun\nleon', 10)!]).toEqual([]);
    expect([...table.find('bottouyoshua', 10)!]).toEqual([]);
    expect([...table.find('o', 10)!].sort()).toEqual(['a', 'b', 'c']);
    // Past the limit it does not narrow.
    expect(table.find('o', 2)).toBeUndefined();
    table.remove('a');
    expect([...table.find('bottou', 10)!]).toEqual(['c']);
    table.add('c', joined(['Someone Else']));
    expect([...table.find('bottou', 10)!]).toEqual([]);
    // What it remembers of a value goes with the next change.
    table.add('d', joined(['Anne Bottou']));
    expect([...table.find('bottou', 10)!]).toEqual(['d']);
    expect(table.find('bottou', 0)).toBeUndefined();
    expect(table.size).toBe(3);
    table.add('b', '');
    expect(table.size).toBe(2);
  });

  it('stays right through many removals, when it rebuilds its text', () => {
    const table = new AuthorTable<number>();
    for (let i = 0; i < 3000; i++) table.add(i, joined([`Name ${i} Family${i % 7}`]));
    for (let i = 0; i < 3000; i++) if (i % 5 !== 0) table.remove(i);
    for (let i = 3000; i < 3100; i++) table.add(i, joined([`Name ${i} Family${i % 7}`]));
    const expected = [...Array(3100).keys()].filter((i) => (i >= 3000 || i % 5 === 0) && i % 7 === 3);
    expect([...table.find('family3', Infinity)!].sort((a, b) => a - b)).toEqual(expected);
    expect(table.size).toBe(700);
  });

  it('agrees with looking at every name (property)', () => {
    const name = fc.oneof(fc.constantFrom('Yann LeCun', 'Ahmet Üstün', 'Wei Zhang', 'Zhang Wei', 'DreamX Team'), fc.string({ unit: 'grapheme', maxLength: 8 }));
    const op = fc.oneof(
      fc.record({ add: fc.integer({ min: 0, max: 9 }), names: fc.array(name, { maxLength: 3 }) }),
      fc.record({ remove: fc.integer({ min: 0, max: 9 }) }),
    );
    const value = fc.oneof(name.map(authorName), fc.constantFrom('zhang', 'wei', 'n', 'ustun', 'g w'));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), value, (ops, wanted) => {
        const table = new AuthorTable<number>();
        const papers = new Map<number, string[]>();
        for (const o of ops) {
          if ('add' in o) {
            table.add(o.add, joined(o.names));
            papers.set(o.add, o.names);
          } else {
            table.remove(o.remove);
            papers.delete(o.remove);
          }
        }
        const expected = wanted === '' ? [] : [...papers].filter(([, names]) => names.some((n) => authorName(n).includes(wanted))).map(([id]) => id);
        expect([...table.find(wanted, Infinity)!].sort()).toEqual(expected.sort());
      }),
      { numRuns: 400 },
    );
  });
});
