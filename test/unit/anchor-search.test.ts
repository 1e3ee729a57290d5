import fc from 'fast-check';
import approxSearch from 'approx-string-match';
import { describe, expect, it } from 'vitest';
import { compilePattern, matchStart, reverseUnits, scanMatchEnds } from '../../src/core/anchor/anchor-search';

/** Textbook table: errors of the best match of `pattern` ending at each text offset (start free). */
function referenceEnds(text: string, pattern: string): number[] {
  const m = pattern.length;
  let column = Array.from({ length: m + 1 }, (_, i) => i);
  const ends = [m];
  for (let j = 1; j <= text.length; j++) {
    const next = [0];
    for (let i = 1; i <= m; i++) {
      next[i] = Math.min(column[i - 1] + (pattern[i - 1] === text[j - 1] ? 0 : 1), column[i] + 1, next[i - 1] + 1);
    }
    column = next;
    ends.push(column[m]);
  }
  return ends;
}

/** Edit distance of two whole strings. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), row[j] + 1, next[j - 1] + 1);
    row = next;
  }
  return row[b.length];
}

const unit = fc.constantFrom(...'abcab ab😀é');

describe('scanMatchEnds', () => {
  it('reports exactly the ends the textbook table puts within the error budget, patterns of one to three blocks', () => {
    fc.assert(
      fc.property(fc.string({ unit, minLength: 1, maxLength: 90 }), fc.string({ unit, maxLength: 160 }), fc.nat(40), (pattern, text, maxErrors) => {
        const seen: [number, number][] = [];
        scanMatchEnds(text, compilePattern(pattern), maxErrors, (end, errors) => seen.push([end, errors]));
        const expected = referenceEnds(text, pattern)
          .map((errors, end) => [end, errors] as [number, number])
          .filter(([end, errors]) => end > 0 && errors <= maxErrors);
        expect(seen).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  });

  it('finds the same lowest error count as approx-string-match', () => {
    fc.assert(
      fc.property(fc.string({ unit, minLength: 1, maxLength: 70 }), fc.string({ unit, maxLength: 200 }), (pattern, text) => {
        const maxErrors = Math.floor(pattern.length / 3);
        let lowest = Infinity;
        scanMatchEnds(text, compilePattern(pattern), maxErrors, (_end, errors) => { lowest = Math.min(lowest, errors); });
        const theirs = approxSearch(text, pattern, maxErrors);
        expect(lowest).toBe(theirs.length > 0 ? theirs[0].errors : Infinity);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('matchStart', () => {
  it('finds a start whose span is within the reported errors of the pattern', () => {
    fc.assert(
      fc.property(fc.string({ unit, minLength: 1, maxLength: 80 }), fc.string({ unit, maxLength: 160 }), (pattern, text) => {
        const maxErrors = Math.floor(pattern.length / 4);
        const reversed = compilePattern(reverseUnits(pattern));
        scanMatchEnds(text, compilePattern(pattern), maxErrors, (end, errors) => {
          const found = matchStart(text, end, reversed, maxErrors);
          expect(found.errors).toBe(errors);
          expect(distance(text.slice(found.start, end), pattern)).toBe(errors);
        });
      }),
      { numRuns: 800 },
    );
  });

  it('prefers the span closest to the pattern length among equally good starts', () => {
    const reversed = compilePattern(reverseUnits('abcdef'));
    // "xabcdef": "abcdef" (0 errors) beats "xabcdef" (1 error).
    expect(matchStart('xabcdef', 7, reversed, 2)).toEqual({ start: 1, errors: 0 });
    // "bcdef" is one deletion away; "abcdef" with the "a" substituted is one substitution.
    expect(matchStart('zbcdef', 6, reversed, 2)).toEqual({ start: 0, errors: 1 });
  });
});

describe('reverseUnits', () => {
  it('reverses by code units', () => {
    expect(reverseUnits('ab😀')).toBe('\ude00\ud83dba');
    expect(reverseUnits('')).toBe('');
  });
});
