/**
 * The insights page's fast paths against the straightforward figures: one pass
 * over the library gives what the separate figures give, and the kept library
 * papers are what reading the index afresh gives, through any sequence of
 * digests added, changed and removed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  computeInsights, DAY_MS, InsightPapers, inPeriod, insightPapersOf, librarySpan, mostUpvoted, papersPerWeek, readingProgress,
  topKeywords, topOrganisations, upvoteHistogram, type InsightNote, type InsightPaper, type Period,
} from '../../src/core/insights';
import { PaperIndex } from '../../src/core/library';
import type { Digest } from '../../src/core/model';

const NOV_2025 = Date.parse('2025-11-03T00:00:00Z');

/** Digest days near each other (several per week) and now and then one that is no day. */
const time = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: -40, max: 40 }).map((d) => NOV_2025 + d * DAY_MS) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, 1e17, NOV_2025 + 3_600_000) },
);

const insightPaper = (id: string) => fc.record({
  title: fc.constantFrom('Diffusion models for video', 'A survey of agents', 'Video agents', 'x'),
  org: fc.option(fc.constantFrom('Lab', ' lab ', 'Other Lab'), { nil: undefined }),
  keywords: fc.option(fc.array(fc.constantFrom('rl', 'RL', 'vision')), { nil: undefined }),
  upvotes: fc.option(fc.integer({ min: -2, max: 600 }), { nil: undefined }),
  digestTimes: fc.array(time, { maxLength: 5 }),
}).map((p): InsightPaper => {
  const out: InsightPaper = { id, title: p.title, digestTimes: p.digestTimes };
  if (p.org !== undefined) out.org = p.org;
  if (p.keywords !== undefined) out.keywords = p.keywords;
  if (p.upvotes !== undefined) out.upvotes = p.upvotes;
  return out;
});

const library = fc.integer({ min: 0, max: 30 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => insightPaper(`p${i}`))));

const noteOfStatus = (statuses: readonly (InsightNote['status'] | undefined)[]) => (id: string): InsightNote | undefined => {
  const status = statuses[Number(id.slice(1)) % Math.max(1, statuses.length)];
  return status === undefined ? undefined : { status, body: status === 'read' ? 'notes' : '', annotations: [] };
};

/** computeInsights as the separate figures give it. */
function straightforward(papers: readonly InsightPaper[], noteOf: (id: string) => InsightNote | undefined, period: Period | undefined) {
  const span = librarySpan(papers);
  const ofPeriod = papers.filter((p) => inPeriod(p, period));
  return {
    papers: papers.length,
    inPeriod: ofPeriod.length,
    weeks: papersPerWeek(papers, span),
    organisations: topOrganisations(papers, period, 4),
    keywords: topKeywords(papers, period, 4),
    upvotes: upvoteHistogram(papers, period),
    topPapers: mostUpvoted(papers, period, 4),
    progress: readingProgress(papers, noteOf, span),
    ...(period ? { period } : {}),
    ...(span ? { span } : {}),
  };
}

describe('computeInsights', () => {
  it('property: gives what the separate figures give, with or without a period', () => {
    const period = fc.option(fc.tuple(fc.integer({ min: -45, max: 45 }), fc.integer({ min: 0, max: 30 }))
      .map(([from, days]) => ({ from: NOV_2025 + from * DAY_MS, to: NOV_2025 + (from + days) * DAY_MS })), { nil: undefined });
    const statuses = fc.array(fc.constantFrom('read' as const, 'reading' as const, 'unread' as const, undefined), { maxLength: 5 });
    fc.assert(fc.property(library, period, statuses, (papers, chosen, notes) => {
      const noteOf = noteOfStatus(notes);
      const expected = straightforward(papers, noteOf, chosen);
      expect(computeInsights(papers, noteOf, { ...(chosen ? { period: chosen } : {}), top: 4 })).toEqual(expected);
      // The caller's span is the one librarySpan gives.
      expect(computeInsights(papers, noteOf, { ...(chosen ? { period: chosen } : {}), top: 4, span: librarySpan(papers) })).toEqual(expected);
    }));
  });
});

type Step = { kind: 'set'; file: number; date: number | undefined; papers: number[]; upvotes: number } | { kind: 'remove'; file: number } | { kind: 'read' };

function digestOf(step: Extract<Step, { kind: 'set' }>): Digest {
  const uri = `file:///d${step.file}.txt`;
  return {
    uri,
    digestDate: step.date === undefined ? undefined : new Date(NOV_2025 + step.date * DAY_MS).toUTCString().slice(5, 16),
    diagnostics: [],
    papers: [...new Set(step.papers)].map((n, i) => ({
      id: `p${n}`,
      title: `Paper ${n}`,
      abstract: '',
      links: [],
      upvotes: step.upvotes + n,
      ...(n % 3 === 0 ? { org: `Lab ${n % 2}` } : {}),
      ...(n % 4 === 0 ? { keywords: ['k'] } : {}),
      source: { uri, titleLine: i, startLine: i, endLine: i },
    })),
  };
}

const byId = (papers: readonly InsightPaper[]) => [...papers].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('InsightPapers', () => {
  it('property: is what insightPapersOf reads afresh after any digests added, changed and removed', () => {
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        file: fc.nat(5),
        date: fc.option(fc.integer({ min: -20, max: 20 }), { nil: undefined }),
        papers: fc.array(fc.nat(12), { maxLength: 6 }),
        upvotes: fc.nat(3),
      }),
      fc.record({ kind: fc.constant('remove' as const), file: fc.nat(5) }),
      fc.constant({ kind: 'read' as const }),
    );
    fc.assert(fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
      const index = new PaperIndex();
      const kept = new InsightPapers();
      let previous: readonly InsightPaper[] | undefined;
      for (const s of steps) {
        if (s.kind === 'set') index.setDigest(digestOf(s), `d${s.file}.txt`);
        else if (s.kind === 'remove') index.removeDigest(`file:///d${s.file}.txt`);
        const read = kept.of(index);
        // The figures count papers in any order: the same papers, each as the index gives it now.
        expect(byId(read)).toEqual(byId(insightPapersOf(index)));
        if (s.kind === 'read' && previous) expect(read).toBe(previous);
        previous = read;
      }
    }));
  });

  it('reads again only the papers of a changed digest, and gives a new array for it', () => {
    const index = new PaperIndex();
    const first = digestOf({ kind: 'set', file: 0, date: 0, papers: [1, 2], upvotes: 0 });
    index.setDigest(first, 'd0.txt');
    index.setDigest(digestOf({ kind: 'set', file: 1, date: 7, papers: [3], upvotes: 0 }), 'd1.txt');
    const kept = new InsightPapers();
    const before = kept.of(index);
    const three = before.find((p) => p.id === 'p3');
    index.setDigest({ ...first, papers: first.papers.map((p) => ({ ...p, upvotes: 40 })) }, 'd0.txt');
    const after = kept.of(index);
    expect(after).not.toBe(before);
    expect(after.find((p) => p.id === 'p3')).toBe(three);
    expect(after.filter((p) => p.id !== 'p3').map((p) => p.upvotes)).toEqual([40, 40]);
    expect(before.filter((p) => p.id !== 'p3').map((p) => p.upvotes)).toEqual([1, 2]);
  });
});
