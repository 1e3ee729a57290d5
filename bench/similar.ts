/**
 * Similar papers on the generated corpus: how often a paper's mutated
 * duplicates (the other papers grown from the same seed paper, on other days)
 * are the ones it is shown, and how long a card waits for its five.
 *
 * Which seed a corpus paper grew from is read back from its abstract: the
 * generator edits 4 to 16 words of the seed's abstract, so most of the seed's
 * word pairs survive, while two different seeds share almost none. That is an
 * oracle independent of the model measured.
 */
import MiniSearch from 'minisearch';
import { paperId, similarInputOf, SimilarPapers, type IndexedPaperEntry, type PaperFields, type PaperIndex } from '../src/core';
import { median, paired, percentile, round, time } from './measure';
import { Prng } from './prng';
import { figure, type Figure } from './results';

export interface FigureOptions {
  quick: boolean;
  log: (message: string) => void;
}

/** Logs a figure the way the pure bench does, and returns it. */
export function reported(fields: Parameters<typeof figure>[0], log: (message: string) => void): Figure {
  const result = figure(fields);
  const goal = result.goal ? ` (goal ${result.goal.op} ${result.goal.value}: ${result.met ? 'met' : 'MISSED'})` : '';
  log(`  ${result.label}: ${result.value} ${result.unit}${goal}`);
  return result;
}

const words = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');

/** Seed papers by their word pairs; papers of one title (the same paper in two seed files) are one seed. */
function seedOracle(seeds: readonly PaperFields[]): (abstract: string) => number {
  const seedOf = new Map<string, number>();
  const pairs = new Map<string, Set<number>>();
  for (const seed of seeds) {
    const id = paperId(seed.title);
    let n = seedOf.get(id);
    if (n === undefined) seedOf.set(id, (n = seedOf.size));
    const w = words(seed.abstract);
    for (let i = 1; i < w.length; i++) {
      const key = `${w[i - 1]} ${w[i]}`;
      let set = pairs.get(key);
      if (!set) pairs.set(key, (set = new Set()));
      set.add(n);
    }
  }
  return (abstract) => {
    const votes = new Map<number, number>();
    const w = words(abstract);
    for (let i = 1; i < w.length; i++) {
      for (const n of pairs.get(`${w[i - 1]} ${w[i]}`) ?? []) votes.set(n, (votes.get(n) ?? 0) + 1);
    }
    let best = -1;
    let most = 0;
    for (const [n, count] of votes) if (count > most) [best, most] = [n, count];
    return best;
  };
}

/**
 * Every paper's words weighted by tf-idf (title words twice), and a search
 * that compares the paper with every other one by cosine: the exact answer a
 * similarity index approximates, at the cost of a pass over the library.
 */
function bruteForceCosine(entries: readonly IndexedPaperEntry[]): (at: number) => number {
  const numbers = new Map<string, number>();
  const df: number[] = [];
  const tfs = entries.map((e) => {
    const tf = new Map<number, number>();
    for (const w of words(`${e.paper.title} ${e.paper.title} ${e.paper.abstract}`)) {
      let n = numbers.get(w);
      if (n === undefined) {
        numbers.set(w, (n = numbers.size));
        df.push(0);
      }
      tf.set(n, (tf.get(n) ?? 0) + 1);
    }
    for (const n of tf.keys()) df[n]++;
    return tf;
  });
  const vectors = tfs.map((tf) => {
    const terms = Int32Array.from(tf.keys()).sort();
    const weights = Float64Array.from(terms, (n) => tf.get(n)! * Math.log(entries.length / df[n]));
    const norm = Math.sqrt(weights.reduce((sum, x) => sum + x * x, 0)) || 1;
    return { terms, weights, norm };
  });
  return (at) => {
    const q = vectors[at];
    let best = -1;
    let bestScore = -1;
    for (let i = 0; i < vectors.length; i++) {
      if (i === at) continue;
      const d = vectors[i];
      let dot = 0;
      for (let a = 0, b = 0; a < q.terms.length && b < d.terms.length; ) {
        if (q.terms[a] < d.terms[b]) a++;
        else if (q.terms[a] > d.terms[b]) b++;
        else dot += q.weights[a++] * d.weights[b++];
      }
      const score = dot / (q.norm * d.norm);
      if (score > bestScore) [best, bestScore] = [i, score];
    }
    return best;
  };
}

export function similarFigures(index: PaperIndex, seeds: readonly PaperFields[], options: FigureOptions): Figure[] {
  const { quick, log } = options;
  const entries = index.papers();
  const position = new Map(entries.map((e, i) => [e.id, i]));
  const oracle = seedOracle(seeds);
  const seedCache = new Map<number, number>();
  const seedOf = (at: number) => {
    let n = seedCache.get(at);
    if (n === undefined) seedCache.set(at, (n = oracle(entries[at].paper.abstract)));
    return n;
  };

  const model = new SimilarPapers();
  const buildMs = time(() => model.upsertMany(entries.map(similarInputOf)));
  const rng = new Prng(7);
  const sample = Array.from({ length: Math.min(entries.length, quick ? 400 : 2000) }, () => rng.int(0, entries.length - 1));

  // Quality: the first of the five, and all five, grown from the paper's own seed.
  let firstRight = 0;
  let allRight = 0;
  for (const at of sample) {
    const found = model.similar(entries[at].id).map((r) => position.get(r.id)!);
    if (found.length > 0 && seedOf(found[0]) === seedOf(at)) firstRight++;
    if (found.length === 5 && found.every((f) => seedOf(f) === seedOf(at))) allRight++;
  }
  // Baseline: MiniSearch (a dependency already) searched with the paper's title.
  const mini = new MiniSearch<{ id: number; title: string; abstract: string }>({ fields: ['title', 'abstract'], idField: 'id' });
  mini.addAll(entries.map((e, i) => ({ id: i, title: e.paper.title, abstract: e.paper.abstract })));
  let miniRight = 0;
  const miniSample = sample.slice(0, quick ? 100 : 300);
  for (const at of miniSample) {
    const hit = mini.search(entries[at].paper.title, { combineWith: 'OR' }).find((r) => r.id !== at);
    if (hit && seedOf(hit.id as number) === seedOf(at)) miniRight++;
  }
  const share = (n: number) => round((100 * n) / sample.length, 1);
  const figures = [
    reported({
      id: 'similar.quality',
      label: `Similar papers: the five shown are all mutated duplicates of the paper (${entries.length.toLocaleString('en')} papers)`,
      value: share(allRight),
      unit: '% of papers',
      goal: { op: '>=', value: 95 },
      baseline: { label: "MiniSearch searched with the paper's title, first other result a duplicate", value: round((100 * miniRight) / miniSample.length, 1), unit: '% of papers' },
      runs: 1,
      detail: `${sample.length} papers drawn at random (${miniSample.length} for MiniSearch); the first shown is a duplicate for ${share(firstRight)}%; duplicates told by the seed abstract's word pairs`,
    }, log),

    reported({
      id: 'similar.first',
      label: `Similar papers: mutated duplicates rank first (${entries.length.toLocaleString('en')} papers)`,
      value: share(firstRight),
      unit: '% of papers',
      goal: { op: '>=', value: 95 },
      baseline: { label: "MiniSearch searched with the paper's title, first other result a duplicate", value: round((100 * miniRight) / miniSample.length, 1), unit: '% of papers' },
      runs: 1,
      detail: `${sample.length} papers drawn at random; the first of the five shown is grown from the same seed paper`,
    }, log),
  ];

  // Speed: one card's five, against comparing the paper with every other one.
  const brute = bruteForceCosine(entries);
  const timed = sample.slice(0, quick ? 100 : 500);
  for (const at of timed.slice(0, 20)) model.similar(entries[at].id);
  const perCard = timed.map((at) => time(() => model.similar(entries[at].id)));
  const bruteRuns = quick ? 5 : 30;
  const bruteTimes = paired(bruteRuns, () => model.similar(entries[timed[0]].id), () => brute(timed[0]), 1).baseline;
  let bruteRight = 0;
  const bruteSample = timed.slice(0, quick ? 10 : 40);
  for (const at of bruteSample) if (seedOf(brute(at)) === seedOf(at)) bruteRight++;
  figures.push(reported({
    id: 'similar.card',
    label: 'Similar papers for one card, p95',
    value: round(percentile(perCard, 95), 3),
    unit: 'ms',
    goal: { op: '<=', value: 20 },
    baseline: { label: 'brute-force tf-idf cosine against every paper', value: round(median(bruteTimes), 1), unit: 'ms' },
    runs: perCard.length,
    detail: `median ${round(median(perCard), 3)} ms over ${perCard.length} cards; model built in ${Math.round(buildMs)} ms; the brute force's nearest is a duplicate for ${bruteRight} of ${bruteSample.length}`,
  }, log));
  return figures;
}
