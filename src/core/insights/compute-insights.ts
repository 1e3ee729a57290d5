import { librarySpan, papersPerWeek, readingProgress } from './library-figures';
import { DEFAULT_TOP, mostUpvoted, topKeywords, topOrganisations, upvoteHistogram } from './period-figures';
import type { InsightPaper, InsightsFigures, NoteLookup, Period } from './types';
import { inPeriod } from './period-figures';

export interface InsightsOptions {
  /** The period of the organisations, keywords and upvotes; the whole library when absent. */
  period?: Period;
  /** Length of the top lists. */
  top?: number;
}

/** Every figure of the insights page but a query's trend (see queryTrend), in a few passes over the papers. */
export function computeInsights(papers: readonly InsightPaper[], noteOf: NoteLookup, options: InsightsOptions = {}): InsightsFigures {
  const { period } = options;
  const top = options.top ?? DEFAULT_TOP;
  const span = librarySpan(papers);
  const ofPeriod = period ? papers.filter((p) => inPeriod(p, period)) : papers;
  const figures: InsightsFigures = {
    papers: papers.length,
    inPeriod: ofPeriod.length,
    weeks: papersPerWeek(papers, span),
    // The period's papers are picked once; the figures below look at them alone.
    organisations: topOrganisations(ofPeriod, undefined, top),
    keywords: topKeywords(ofPeriod, undefined, top),
    upvotes: upvoteHistogram(ofPeriod),
    topPapers: mostUpvoted(ofPeriod, undefined, top),
    progress: readingProgress(papers, noteOf, span),
  };
  if (period) figures.period = period;
  if (span) figures.span = span;
  return figures;
}
