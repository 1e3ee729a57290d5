import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diff3, lcsMatches, mergeText } from '../../src/core/notes/notes-diff3';

function lcsLength(a: readonly string[], b: readonly string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
    }
  }
  return dp[a.length][b.length];
}

const smallLines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', '', 'x y'), { maxLength: 14 });

describe('lcsMatches', () => {
  it('finds a longest common subsequence (checked against dynamic programming)', () => {
    fc.assert(
      fc.property(smallLines, smallLines, (a, b) => {
        const matches = lcsMatches(a, b);
        expect(matches.length).toBe(lcsLength(a, b));
        matches.forEach(([i, j], n) => {
          expect(a[i]).toBe(b[j]);
          if (n > 0) {
            expect(i).toBeGreaterThan(matches[n - 1][0]);
            expect(j).toBeGreaterThan(matches[n - 1][1]);
          }
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('handles empty inputs', () => {
    expect(lcsMatches([], [])).toEqual([]);
    expect(lcsMatches(['a'], [])).toEqual([]);
    expect(lcsMatches([], ['a'])).toEqual([]);
  });

  it('handles a long text with a few edits', () => {
    // 20,000 lines with three edits: a quadratic table would need 4e8 cells.
    const a = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    const b = [...a];
    b[100] = 'changed';
    b.splice(10_000, 1);
    b.splice(15_000, 0, 'inserted');
    expect(lcsMatches(a, b)).toHaveLength(19_998);
  });
});

describe('diff3', () => {
  const lines = (s: string) => (s === '' ? [] : s.split(' '));

  it('takes a change from whichever side made it', () => {
    expect(diff3(lines('a b c'), lines('a B c'), lines('a b c'))).toEqual([{ kind: 'ok', lines: lines('a B c') }]);
    expect(diff3(lines('a b c'), lines('a b c'), lines('a b C'))).toEqual([{ kind: 'ok', lines: lines('a b C') }]);
  });

  it('combines changes to different places', () => {
    expect(diff3(lines('a b c d e'), lines('A b c d e'), lines('a b c d E'))).toEqual([
      { kind: 'ok', lines: lines('A b c d E') },
    ]);
  });

  it('takes an identical change once', () => {
    expect(diff3(lines('a b c'), lines('a X c'), lines('a X c'))).toEqual([{ kind: 'ok', lines: lines('a X c') }]);
  });

  it('reports overlapping changes as a conflict with both versions, without the lines both agree on', () => {
    expect(diff3(lines('a b c'), lines('a same M c'), lines('a same T c'))).toEqual([
      { kind: 'ok', lines: lines('a same') },
      { kind: 'conflict', base: ['b'], mine: ['M'], theirs: ['T'] },
      { kind: 'ok', lines: ['c'] },
    ]);
  });

  it('reports a deletion against an edit as a conflict', () => {
    expect(diff3(lines('a b c'), lines('a c'), lines('a B c'))).toEqual([
      { kind: 'ok', lines: ['a'] },
      { kind: 'conflict', base: ['b'], mine: [], theirs: ['B'] },
      { kind: 'ok', lines: ['c'] },
    ]);
  });
});

describe('mergeText', () => {
  it('merges clean changes', () => {
    const base = 'intro\n\nmiddle\n\nend\n';
    expect(mergeText(base, 'intro!\n\nmiddle\n\nend\n', 'intro\n\nmiddle\n\nend, revised\n')).toEqual({
      text: 'intro!\n\nmiddle\n\nend, revised\n',
      conflicts: [],
    });
  });

  it('keeps both versions of an overlapping change between markers, disk first', () => {
    const result = mergeText('one\ntwo\nthree', 'one\ntwo (mine)\nthree', 'one\ntwo (disk)\nthree');
    expect(result.text).toBe(
      'one\n<<<<<<< on disk\ntwo (disk)\n=======\ntwo (mine)\n>>>>>>> unsaved edit\nthree',
    );
    expect(result.conflicts).toEqual([{ startLine: 2, endLine: 6 }]);
  });

  it('conflicts when both sides append different lines', () => {
    const result = mergeText('a\n', 'a\nmine\n', 'a\ntheirs\n');
    expect(result.text).toBe('a\n<<<<<<< on disk\ntheirs\n=======\nmine\n>>>>>>> unsaved edit\n');
  });

  const text = fc.array(fc.constantFrom('alpha', 'beta', 'gamma', '', '- item', '# head'), { maxLength: 10 }).map((l) => l.join('\n'));

  it('never loses a line that either side added (property)', () => {
    fc.assert(
      fc.property(text, text, text, (base, mine, theirs) => {
        const merged = mergeText(base, mine, theirs).text.split('\n');
        const baseLines = new Set(base.split('\n'));
        for (const line of [...mine.split('\n'), ...theirs.split('\n')]) {
          if (!baseLines.has(line)) expect(merged).toContain(line);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is exact when only one side changed, and marker-free without conflicts (property)', () => {
    fc.assert(
      fc.property(text, text, text, (base, mine, theirs) => {
        expect(mergeText(base, mine, base).text).toBe(mine);
        expect(mergeText(base, base, theirs).text).toBe(theirs);
        expect(mergeText(base, mine, mine).text).toBe(mine);
        const result = mergeText(base, mine, theirs);
        if (result.conflicts.length === 0) expect(result.text).not.toContain('<<<<<<<');
        else expect(result.text.split('\n').filter((l) => l.startsWith('<<<<<<< '))).toHaveLength(result.conflicts.length);
      }),
      { numRuns: 500 },
    );
  });
});
