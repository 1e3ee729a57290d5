import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANCHOR_CONTEXT_LENGTH, boundaryDistance, boundaryRun, compileContext } from '../../src/core/anchor/anchor-context';

/** Textbook dynamic programming: the pattern read from the boundary, the window's far end free. */
function referenceDistance(pattern: string, text: string, at: number, direction: 1 | -1): number {
  // UTF-16 code units, like every offset in the model.
  const p = (direction < 0 ? pattern.slice(-ANCHOR_CONTEXT_LENGTH) : pattern.slice(0, ANCHOR_CONTEXT_LENGTH)).split('');
  const reading = direction < 0 ? p.reverse() : p;
  const m = reading.length;
  const available = direction < 0 ? at : text.length - at;
  const w = Math.min(available, m + 16);
  const window: string[] = [];
  for (let j = 0; j < w; j++) window.push(direction < 0 ? text[at - 1 - j] : text[at + j]);
  let row = Array.from({ length: w + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const next = [i];
    for (let j = 1; j <= w; j++) {
      next[j] = Math.min(row[j - 1] + (reading[i - 1] === window[j - 1] ? 0 : 1), row[j] + 1, next[j - 1] + 1);
    }
    row = next;
  }
  return m === 0 ? 0 : Math.min(...row);
}

describe('boundaryDistance', () => {
  it('agrees with the textbook edit distance on random contexts and texts', () => {
    const unit = fc.constantFrom(...'abcab é😀 ');
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 40 }),
        fc.string({ unit, maxLength: 80 }),
        fc.nat(),
        fc.boolean(),
        (context, text, where, before) => {
          const at = where % (text.length + 1);
          const direction = before ? -1 : 1;
          expect(boundaryDistance(compileContext(context, direction), text, at)).toBe(referenceDistance(context, text, at, direction));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('pins the alignment at the quote and frees the far end', () => {
    const prefix = compileContext('the model reaches ', -1);
    expect(boundaryDistance(prefix, 'so the model reaches 42%', 21)).toBe(0);
    expect(boundaryDistance(prefix, 'model reaches 42%', 14)).toBe(4);
    expect(boundaryDistance(prefix, 'the model reaches  42%', 19)).toBe(1);
    const suffix = compileContext(' accuracy on MMLU', 1);
    expect(boundaryDistance(suffix, '42% accuracy on MMLU, up', 3)).toBe(0);
    expect(boundaryDistance(suffix, '42% accuracy', 3)).toBe(8);
    expect(boundaryDistance(compileContext('', 1), 'anything', 0)).toBe(0);
  });

  it('counts the exact run of context at the boundary', () => {
    expect(boundaryRun(compileContext('xx reaches ', -1), 'it reaches 42%', 11)).toBe(9);
    expect(boundaryRun(compileContext(' accuracy', 1), '42% accurate', 3)).toBe(7);
    expect(boundaryRun(compileContext('abc', 1), 'ab', 0)).toBe(2);
  });
});
