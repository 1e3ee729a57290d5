/** Insights: figures over the library (papers per week, organisations, keywords, upvotes, a query's trend, reading progress). */
export type {
  InsightPaper, InsightNote, NoteLookup, Period, WeekCount, RankedCount, KeywordSource, KeywordFigure, UpvoteBucket,
  UpvoteFigure, TopPaper, TrendPoint, ProgressWeek, ProgressFigure, InsightsFigures,
} from './types';
export { computeInsights } from './compute-insights';
export type { InsightsOptions } from './compute-insights';
export { papersPerWeek, readingProgress, queryTrend, librarySpan, recentPeriod, firstTime, lastTime } from './library-figures';
export { topOrganisations, topKeywords, upvoteHistogram, mostUpvoted, inPeriod, UPVOTE_EDGES, DEFAULT_TOP, MAX_LABEL_LENGTH } from './period-figures';
export { orgQuery, digestQuery, wordsQuery, upvotesQuery, statusQuery } from './filter-queries';
export { weekStart, monthStart, weeksBetween, monthsBetween, isTime, DAY_MS, WEEK_MS, MAX_WEEKS, MAX_MONTHS } from './time-buckets';
export { insightPapersOf, InsightPapers } from './from-library';
export type { InsightSource } from './from-library';
export { insightsPageHtml } from './page-html';
export type { InsightsPageOptions } from './page-html';
