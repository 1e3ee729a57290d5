/**
 * The passes of a restore that run in steps, so a reopened library never holds the
 * extension host for long: entering a snapshot's state into an index, and dropping
 * the papers that changed from it. However finely they are sliced, what they return
 * answers exactly as the one-piece pass.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvertedIndex, type IndexState } from '../../src/core/search/inverted-index';
import { keepPapers, keepPapersSteps } from '../../src/core/search/search-snapshot';

const VOCABULARY = ['alpha', 'alphabet', 'beta', 'betas', 'gamma', 'delta', 'deltas', 'eps', 'zeta', 'eta', 'theta', 'iota', 'kappa'];
const EXPAND = { prefix: true, fuzzy: 1, prefixWeight: 0.6, fuzzyWeight: 0.35 };
const FIELDS = [0, 1];

const textArb = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 8 }).map((w) => w.join(' '));
const papersArb = fc.array(fc.tuple(textArb, textArb), { maxLength: 40 });
const queryArb = fc.array(fc.constantFrom(...VOCABULARY, 'alph', 'bet', 'gama', 'kapa'), { minLength: 1, maxLength: 3 });

/** Runs a generator to its end, counting its steps. */
function drain<T>(steps: Generator<void, T>): { value: T; steps: number } {
  let count = 0;
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return { value: step.value, steps: count };
    count++;
  }
}

/** The state of an index of these papers, some of them removed after. */
function stateOf(papers: readonly (readonly [string, string])[], removed: readonly number[]): IndexState {
  const index = new InvertedIndex(2);
  papers.forEach((texts, i) => index.add(`p${i}`, texts));
  for (const r of new Set(removed)) if (r < papers.length) index.remove(`p${r}`, papers[r]);
  return drain(index.exportState()).value;
}

/** Everything a query can see: every hit with its score and the words it matched, in order. */
function answers(index: InvertedIndex, queries: readonly (readonly string[])[]) {
  return queries.map((query) => {
    const words = query.map((word) => index.expand(word, EXPAND));
    return ['and', 'or'].map((mode) => index.run(words, { fields: FIELDS, mode: mode as 'and' | 'or', limit: Infinity })
      .map((hit) => ({ id: hit.id, score: hit.score, words: hit.words, matches: [...index.matches(hit.paper, words, FIELDS)] })));
  });
}

describe('the restore in steps', () => {
  it('enters a state into an index in steps of any size, answering exactly as in one piece (property)', () => {
    fc.assert(fc.property(papersArb, fc.array(fc.nat(45), { maxLength: 10 }), fc.integer({ min: 1, max: 50 }), fc.array(queryArb, { minLength: 1, maxLength: 5 }),
      (papers, removed, step, queries) => {
        const state = stateOf(papers, removed);
        const whole = InvertedIndex.fromState(2, state);
        const stepped = drain(InvertedIndex.fromStateSteps(2, state, step));
        // Every word or paper past a step's worth means more than one step.
        if (Math.max(state.words.length, state.ids.length) >= step) expect(stepped.steps).toBeGreaterThan(1);
        expect(answers(stepped.value, queries)).toEqual(answers(whole, queries));
        expect(drain(stepped.value.exportState()).value).toEqual(drain(whole.exportState()).value);
        // Both take papers added after as an index built so would.
        whole.add('late', ['alpha theta', 'iota']);
        stepped.value.add('late', ['alpha theta', 'iota']);
        expect(answers(stepped.value, queries)).toEqual(answers(whole, queries));
      }), { numRuns: 200 });
  });

  it('drops papers from a state in steps of any size, leaving what the one-piece pass leaves (property)', () => {
    fc.assert(fc.property(papersArb, fc.array(fc.boolean(), { maxLength: 40 }), fc.integer({ min: 1, max: 30 }),
      (papers, kept, step) => {
        const state = stateOf(papers, []);
        const keep = Uint8Array.from(state.ids, (_, i) => (kept[i] ?? true ? 1 : 0));
        const stepped = drain(keepPapersSteps(state, keep, step));
        if (keep.includes(0) && state.postings.length > 2 * step) expect(stepped.steps).toBeGreaterThan(0);
        expect(stepped.value).toEqual(keepPapers(state, keep));
        // And it is the state of an index of only the kept papers.
        const survivors = papers.filter((_, i) => keep[i]);
        const direct = stateOf(papers, papers.map((_, i) => i).filter((i) => !keep[i]));
        expect(stepped.value.ids).toEqual(direct.ids);
        expect(stepped.value.ids.length).toBe(survivors.length);
        expect(answers(InvertedIndex.fromState(2, stepped.value), [['alpha'], ['beta', 'gamma']])).toEqual(answers(InvertedIndex.fromState(2, direct), [['alpha'], ['beta', 'gamma']]));
      }), { numRuns: 200 });
  });
});
