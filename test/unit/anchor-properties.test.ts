/**
 * Property tests of re-anchoring on the seed abstracts and on random text.
 * Each property states how much an edit may damage a quote or its context and
 * still be found, and when it must be orphaned instead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import approxSearch from 'approx-string-match';
import { describe, expect, it } from 'vitest';
import { ANCHOR_CONFIDENCE_THRESHOLD, ANCHOR_CONTEXT_LENGTH, createAnchor, reanchor } from '../../src/core/anchor/anchor';

const RUNS = Number(process.env.ANCHOR_PROPERTY_RUNS ?? 200);
const C = ANCHOR_CONTEXT_LENGTH;

const fixtureDir = path.join(__dirname, '..', 'fixtures');
const ABSTRACTS = fs
  .readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.txt'))
  .flatMap((name) => fs.readFileSync(path.join(fixtureDir, name), 'utf8').split(/\r?\n/))
  .map((line) => line.trim())
  .filter((line) => line.length >= 400);

const ALPHABET = [...'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789%.,()-'];

/**
 * Random text from a seed: letters in words of 1-10, with digits and
 * punctuation now and then. Built from a seed rather than shrunk character by
 * character, so it stays random-looking instead of collapsing to "aaaa...",
 * where every span has identical copies and no anchor is unambiguous.
 */
function seededText(seed: number, length: number): string {
  let state = seed >>> 0 || 1;
  const next = (n: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  const letters = 'abcdefghijklmnopqrstuvwxyzeeaaiioonnttss';
  let out = '';
  while (out.length < length) {
    const word = 1 + next(10);
    for (let i = 0; i < word; i++) out += next(25) === 0 ? String(next(10)) : letters[next(letters.length)];
    out += next(12) === 0 ? '. ' : next(15) === 0 ? ', ' : ' ';
  }
  return out.slice(0, length);
}

const randomText = fc.tuple(fc.integer(), fc.integer({ min: 300, max: 1500 })).map(([seed, length]) => seededText(seed, length));
const anyText = fc.oneof(fc.constantFrom(...ABSTRACTS), randomText);
const snippet = (maxLength: number) => fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 1, maxLength });

interface Edit {
  at: number;
  remove: number;
  insert: string;
}

/** Applies non-overlapping edits given in the original text's offsets. */
function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.at - a.at)) {
    out = out.slice(0, edit.at) + edit.insert + out.slice(edit.at + edit.remove);
  }
  return out;
}

/** Where original offset `x` lands; an insertion exactly at `x` goes before it. */
function mapOffset(x: number, edits: readonly Edit[]): number {
  let shift = 0;
  for (const edit of edits) if (edit.at + edit.remove <= x) shift += edit.insert.length - edit.remove;
  return x + shift;
}

/** Keeps edits that do not overlap an earlier kept one (an insertion occupies its point). */
function disjoint(edits: readonly Edit[]): Edit[] {
  const kept: Edit[] = [];
  for (const edit of edits) {
    const clash = kept.some((k) => edit.at <= k.at + k.remove && k.at <= edit.at + edit.remove);
    if (!clash) kept.push(edit);
  }
  return kept;
}

/** Raw edit material: a position fraction, a removal length, an insertion. */
const rawEdit = (maxRemove: number, maxInsert: number) =>
  fc.record({ where: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), remove: fc.nat(maxRemove), insert: fc.oneof(fc.constant(''), snippet(maxInsert)) });

type RawEdit = { where: number; remove: number; insert: string };

/** Places a raw edit inside [lo, hi] (positions), removing nothing beyond hi. */
function place(raw: RawEdit, lo: number, hi: number): Edit | undefined {
  if (hi < lo) return undefined;
  const at = lo + Math.floor(raw.where * (hi - lo + 1));
  const remove = Math.min(raw.remove, hi - at);
  if (remove === 0 && raw.insert === '') return undefined;
  return { at, remove, insert: raw.insert };
}

/** A text and a quote span in it, the quote `minLength`..`maxLength` long. */
const quoted = (text: fc.Arbitrary<string>, minLength: number, maxLength: number) =>
  fc.tuple(text, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: minLength, max: maxLength }))
    .filter(([t]) => t.length >= minLength + 1)
    .map(([t, where, length]) => {
      const start = Math.floor(where * (t.length - length + 1));
      const clippedStart = Math.max(0, Math.min(start, t.length - length));
      return { text: t, start: clippedStart, end: clippedStart + length };
    });

function anchoredSpan(anchor: ReturnType<typeof createAnchor>, text: string) {
  const result = reanchor(anchor, text);
  if (result.status !== 'anchored') throw new Error(`orphaned: ${JSON.stringify(result)}`);
  expect(result.confidence).toBeGreaterThanOrEqual(ANCHOR_CONFIDENCE_THRESHOLD);
  return result;
}

describe('re-anchoring properties', () => {
  it('an unchanged text re-anchors every span at its old offset', () => {
    fc.assert(
      fc.property(quoted(anyText, 1, 120), ({ text, start, end }) => {
        const anchor = createAnchor('abstract', text, start, end);
        expect(reanchor(anchor, text)).toEqual({ status: 'anchored', start, end, confidence: 1, method: 'position' });
      }),
      { numRuns: RUNS },
    );
  });

  it('edits outside the quote keep it anchored to the same text at its new offset', () => {
    // Any edits beyond the context windows, plus at most one small edit (<= 4
    // characters) inside each window: the context keeps most of its agreement.
    fc.assert(
      fc.property(
        quoted(anyText, 1, 80),
        fc.array(rawEdit(60, 60), { maxLength: 6 }),
        fc.option(rawEdit(4, 4)),
        fc.option(rawEdit(4, 4)),
        ({ text, start, end }, far, nearBefore, nearAfter) => {
          const anchor = createAnchor('abstract', text, start, end);
          const edits: Edit[] = [];
          const half = Math.ceil(far.length / 2);
          far.forEach((raw, i) => {
            const edit = i < half ? place(raw, 0, start - C - 2) : place(raw, end + C + 1, text.length);
            if (edit) edits.push(edit);
          });
          if (nearBefore) {
            const edit = place(nearBefore, Math.max(0, start - C), start);
            if (edit) edits.push(edit);
          }
          if (nearAfter) {
            const edit = place(nearAfter, end, Math.min(text.length, end + C));
            if (edit) edits.push(edit);
          }
          const kept = disjoint(edits);
          const edited = applyEdits(text, kept);
          const newStart = mapOffset(start, kept);
          expect(edited.slice(newStart, newStart + end - start)).toBe(anchor.exact);
          // A near edit that writes another copy of the quote beside it ("A key"
          // -> "AA key") makes two equally good spans: no right answer to test.
          for (const near of kept.filter((e) => e.at >= start - C && e.at <= end + C)) {
            const at = mapOffset(near.at, kept.filter((e) => e !== near));
            const lo = Math.max(0, at - anchor.exact.length);
            const region = edited.slice(lo, at + near.insert.length + anchor.exact.length);
            for (let p = region.indexOf(anchor.exact); p !== -1; p = region.indexOf(anchor.exact, p + 1)) {
              fc.pre(lo + p === newStart);
            }
          }
          const result = anchoredSpan(anchor, edited);
          expect(result.start).toBe(newStart);
          expect(result.end).toBe(newStart + end - start);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a quote of 32 characters or more survives any edits outside it', () => {
    fc.assert(
      fc.property(
        quoted(anyText, C, 160),
        fc.array(rawEdit(400, 80), { maxLength: 6 }),
        ({ text, start, end }, raws) => {
          const anchor = createAnchor('abstract', text, start, end);
          const half = Math.ceil(raws.length / 2);
          const kept = disjoint(
            raws.flatMap((raw, i) => place(raw, i < half ? 0 : end, i < half ? start : text.length) ?? []),
          );
          const edited = applyEdits(text, kept);
          const newStart = mapOffset(start, kept);
          // The quote's first exact copy is where it was; another copy would be ambiguous by design.
          fc.pre(edited.indexOf(anchor.exact) === edited.lastIndexOf(anchor.exact));
          const result = anchoredSpan(anchor, edited);
          expect(result).toMatchObject({ start: newStart, end: newStart + end - start });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a few edits inside a quote of 20+ characters anchor it to the edited span', () => {
    fc.assert(
      fc.property(
        quoted(anyText, 20, 120),
        fc.array(
          fc.record({ where: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), kind: fc.constantFrom('sub', 'ins', 'del'), char: fc.constantFrom(...ALPHABET) }),
          { minLength: 1, maxLength: 3 },
        ),
        ({ text, start, end }, changes) => {
          const anchor = createAnchor('abstract', text, start, end);
          let quote = anchor.exact;
          for (const change of changes) {
            const at = Math.floor(change.where * quote.length);
            if (change.kind === 'sub') quote = quote.slice(0, at) + change.char + quote.slice(at + 1);
            else if (change.kind === 'ins') quote = quote.slice(0, at) + change.char + quote.slice(at);
            else quote = quote.slice(0, at) + quote.slice(at + 1);
          }
          const edited = text.slice(0, start) + quote + text.slice(end);
          const newEnd = start + quote.length;
          const result = anchoredSpan(anchor, edited);
          // The same region, give or take the edited characters at its ends.
          expect(result.start).toBeLessThan(newEnd);
          expect(result.end).toBeGreaterThan(start);
          // An edit at an end can be read as more than one alignment
          // ("in a|pplying" -> "in na|pplying": insert "n" or substitute and
          // extend), so each edit may move a boundary by up to two characters.
          expect(Math.abs(result.start - start)).toBeLessThanOrEqual(2 * changes.length);
          expect(Math.abs(result.end - newEnd)).toBeLessThanOrEqual(2 * changes.length);
          // An exact match is right only where the edits left a copy of the quote in the region.
          if (result.method !== 'fuzzy') expect(edited.slice(result.start, result.end)).toBe(anchor.exact);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('moved sentences and blocks anchor to the moved copy', () => {
    // Split into blocks (sentences of an abstract, or arbitrary cuts of random
    // text), reorder them, and look for a quote taken from one block. The quote
    // has its full context inside its block, or is 32+ characters and unique.
    // (A short quote at a block's edge is ambiguous by nature: after a swap the
    // old offset may hold the same word with the same outer context.)
    const blocked = fc.oneof(
      fc.constantFrom(...ABSTRACTS).map((t) => t.split(/(?<=[.!?])\s+/)).filter((blocks) => blocks.length >= 3),
      fc.tuple(randomText, fc.uniqueArray(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { minLength: 2, maxLength: 5 }))
        .map(([t, cuts]) => {
          const at = [0, ...cuts.map((c) => Math.floor(c * t.length)).sort((a, b) => a - b), t.length];
          return at.slice(1).map((end, i) => t.slice(at[i], end)).filter((b) => b.length > 0);
        })
        .filter((blocks) => blocks.length >= 3),
    );
    fc.assert(
      fc.property(
        blocked,
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (blocks, pick, where, wantLength, keys) => {
          const index = pick % blocks.length;
          const block = blocks[index];
          const length = Math.min(wantLength, block.length);
          const offset = Math.floor(where * (block.length - length + 1));
          const joined = (order: number[]) => order.map((i) => blocks[i]).join(' ');
          const original = blocks.map((_, i) => i);
          const text = joined(original);
          const blockStart = blocks.slice(0, index).reduce((sum, b) => sum + b.length + 1, 0);
          const start = blockStart + offset;
          const end = start + length;
          const anchor = createAnchor('abstract', text, start, end);
          const prefixInside = offset >= C;
          const suffixInside = block.length - offset - length >= C;
          fc.pre(length >= C || (prefixInside && suffixInside));
          const order = [...original].sort((a, b) => (keys[a % 5] + a * 1e-6) - (keys[b % 5] + b * 1e-6));
          fc.pre(order.some((value, i) => value !== i));
          const moved = joined(order);
          const movedStart = order.slice(0, order.indexOf(index)).reduce((sum, i) => sum + blocks[i].length + 1, 0) + offset;
          expect(moved.slice(movedStart, movedStart + length)).toBe(anchor.exact);
          // Another exact copy of a context-less quote would be a true tie.
          if (!(prefixInside && suffixInside)) fc.pre(moved.indexOf(anchor.exact) === moved.lastIndexOf(anchor.exact));
          const result = anchoredSpan(anchor, moved);
          expect(result).toMatchObject({ start: movedStart, end: movedStart + length });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a duplicated quote resolves to the copy the annotation was made on', () => {
    fc.assert(
      fc.property(
        quoted(anyText, 1, 24),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.boolean(),
        fc.array(rawEdit(40, 40), { maxLength: 4 }),
        ({ text, start, end }, where, onCopy, raws) => {
          const quote = text.slice(start, end);
          // The copy goes well away from the original and its context.
          const gap = 2 * C + quote.length;
          const spots = [...Array(text.length + 1).keys()].filter((p) => p <= start - gap || p >= end + gap);
          fc.pre(spots.length > 0);
          const at = spots[Math.floor(where * spots.length)];
          const doubled = text.slice(0, at) + quote + text.slice(at);
          const originalStart = at <= start ? start + quote.length : start;
          const target = onCopy ? at : originalStart;
          const anchor = createAnchor('abstract', doubled, target, target + quote.length);
          const other = onCopy ? originalStart : at;
          // Edits stay clear of both copies' contexts.
          const busy = [target, other].map((s) => [s - C - 1, s + quote.length + C + 1]);
          const kept = disjoint(
            raws.flatMap((raw) => place(raw, 0, doubled.length) ?? []).filter((e) => busy.every(([lo, hi]) => e.at + e.remove < lo || e.at > hi)),
          );
          const edited = applyEdits(doubled, kept);
          const newTarget = mapOffset(target, kept);
          expect(edited.slice(newTarget, newTarget + quote.length)).toBe(quote);
          // A third copy whose context equals the target's would be a true tie.
          const full = anchor.prefix + quote + anchor.suffix;
          fc.pre(edited.indexOf(full) === edited.lastIndexOf(full));
          const result = anchoredSpan(anchor, edited);
          expect(result.start).toBe(newTarget);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a deleted short quote orphans, even with lookalikes elsewhere', () => {
    // Quotes up to 12 characters (a number, a word, an acronym) carry too little
    // evidence to be re-attached without their context.
    fc.assert(
      fc.property(
        quoted(anyText, 1, 12),
        fc.nat(40),
        fc.nat(40),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { maxLength: 3 }),
        ({ text, start, end }, widenBefore, widenAfter, lookalikes) => {
          const anchor = createAnchor('abstract', text, start, end);
          const quote = anchor.exact;
          const cutStart = Math.max(0, start - widenBefore);
          const cutEnd = Math.min(text.length, end + widenAfter);
          let edited = text.slice(0, cutStart) + text.slice(cutEnd);
          let cut = cutStart;
          // Lookalikes go at least two context lengths away from the cut.
          for (const where of lookalikes) {
            const spots = edited.length + 1;
            const at = Math.floor(where * spots);
            if (Math.abs(at - cut) < 2 * C + quote.length) continue;
            edited = edited.slice(0, at) + quote + edited.slice(at);
            if (at <= cut) cut += quote.length;
          }
          // Nothing like the quote may remain at the place it was deleted from:
          // that would be the same passage, not a lookalike.
          const lo = Math.max(0, cut - 2 * C - quote.length);
          const near = edited.slice(lo, cut + 2 * C + quote.length);
          fc.pre(approxSearch(near, quote, Math.floor(quote.length / 4)).length === 0);
          const result = reanchor(anchor, edited);
          expect(result.status).toBe('orphaned');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a quote never attaches to unrelated text', () => {
    fc.assert(
      fc.property(quoted(anyText, 1, 120), anyText, ({ text, start, end }, other) => {
        const anchor = createAnchor('abstract', text, start, end);
        fc.pre(other !== text);
        // A quote over 12 characters, or a quote with one side of its context,
        // that the other text contains (nearly) verbatim is stock phrasing
        // ("Large Language Models (LLMs) have"): the same passage, not unrelated.
        const nearly = (s: string) => approxSearch(other, s, Math.floor(s.length / 4)).length > 0;
        const quote = anchor.exact;
        if (quote.length > 12) fc.pre(!nearly(quote));
        fc.pre(!nearly(anchor.prefix + quote) && !nearly(quote + anchor.suffix));
        const result = reanchor(anchor, other);
        expect(result.status).toBe('orphaned');
      }),
      { numRuns: RUNS },
    );
  });
});
