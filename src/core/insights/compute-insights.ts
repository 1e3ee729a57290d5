import { librarySpan } from './library-figures';
import { libraryPass } from './library-pass';
import { DEFAULT_TOP, mostUpvoted, topKeywords, topOrganisations, upvoteHistogram } from './period-figures';
import type { InsightPaper, InsightsFigures, NoteLookup, Period } from './types';

export interface InsightsOptions {
  /** The period of the organisations, keywords and upvotes; the whole library when absent. */
  period?: Period;
  /** Length of the top lists. */
  top?: number;
  /** librarySpan(papers), when the caller has it already. */
  span?: Period;
}

/**
 * Every figure of the insights page but a query's trend (see queryTrend): the
 * same as papersPerWeek, readingProgress and the period figures over the
 * papers inPeriod, in two passes over the library (its span, then the rest)
 * and one over the period's papers.
 */
export function computeInsights(papers: readonly InsightPaper[], noteOf: NoteLookup, options: InsightsOptions = {}): InsightsFigures {
  const { period } = options;
  const top = options.top ?? DEFAULT_TOP;
  const span = 'span' in options ? options.span : librarySpan(papers);
  const { weeks, progress, ofPeriod } = libraryPass(papers, noteOf, span, period);
  const figures: InsightsFigures = {
    papers: papers.length,
    inPeriod: ofPeriod.length,
    weeks,
    // The period's papers are picked once; the figures below look at them alone.
    organisations: topOrganisations(ofPeriod, undefined, top),
    keywords: topKeywords(ofPeriod, undefined, top),
    upvotes: upvoteHistogram(ofPeriod),
    topPapers: mostUpvoted(ofPeriod, undefined, top),
    progress,
  };
  if (period) figures.period = period;
  if (span) figures.span = span;
  return figures;
}
