/** The figures over the whole library: papers per week, the reader's progress, and a query's trend. */
import type { InsightPaper, NoteLookup, Period, ProgressFigure, TrendPoint, WeekCount } from './types';
import { DAY_MS, isTime, monthIndex, monthsBetween, weekIndex, weeksBetween } from './time-buckets';
import { countPaperWeeks } from './week-counts';

const NO_TIMES: readonly number[] = [];

function timesOf(paper: InsightPaper): readonly number[] {
  return Array.isArray(paper.digestTimes) ? paper.digestTimes : NO_TIMES;
}

/** The paper's first digest time, NaN when no digest of it is dated. */
export function firstTime(paper: InsightPaper): number {
  let first = NaN;
  for (const t of timesOf(paper)) if (isTime(t) && !(t >= first)) first = t;
  return first;
}

/** The paper's newest digest time, NaN when no digest of it is dated. */
export function lastTime(paper: InsightPaper): number {
  let last = NaN;
  for (const t of timesOf(paper)) if (isTime(t) && !(t <= last)) last = t;
  return last;
}

/** The first and last digest day of the library. */
export function librarySpan(papers: readonly InsightPaper[]): Period | undefined {
  let from = Infinity;
  let to = -Infinity;
  for (const paper of papers) {
    for (const t of timesOf(paper)) {
      if (!isTime(t)) continue;
      if (t < from) from = t;
      if (t > to) to = t;
    }
  }
  return from <= to ? { from, to } : undefined;
}

/**
 * The last `days` digest days of the library (the newest included): the
 * period the insights page opens on, since what is new is what a reader asks
 * about first; the whole library is one choice away.
 */
export function recentPeriod(span: Period, days = 28): Period {
  const whole = Math.max(1, Math.floor(days));
  return { from: span.to - (whole - 1) * DAY_MS, to: span.to + DAY_MS };
}

/** Papers in each week's digests, every week from the library's first to its last. */
export function papersPerWeek(papers: readonly InsightPaper[], span = librarySpan(papers)): WeekCount[] {
  if (!span) return [];
  const weeks = weeksBetween(span.from, span.to);
  const counts: WeekCount[] = weeks.map((week) => ({ week, papers: 0, new: 0 }));
  const seenIn = new Set<number>();
  for (const paper of papers) countPaperWeeks(timesOf(paper), weeks, counts, seenIn);
  return counts;
}

/**
 * Read, reading and unread papers by the week of each paper's newest digest
 * (what the reader has caught up with), and how many papers they annotated
 * or wrote notes on.
 */
export function readingProgress(papers: readonly InsightPaper[], noteOf: NoteLookup, span = librarySpan(papers)): ProgressFigure {
  const weeks = span ? weeksBetween(span.from, span.to) : [];
  const figure: ProgressFigure = {
    weeks: weeks.map((week) => ({ week, read: 0, reading: 0, unread: 0 })),
    read: 0,
    reading: 0,
    unread: 0,
    annotated: 0,
    withNotes: 0,
  };
  for (const paper of papers) {
    const note = noteOf(paper.id);
    const status = note?.status === 'read' || note?.status === 'reading' ? note.status : 'unread';
    figure[status]++;
    if (note && Array.isArray(note.annotations) && note.annotations.length > 0) figure.annotated++;
    if (note && typeof note.body === 'string' && note.body.trim() !== '') figure.withNotes++;
    const last = lastTime(paper);
    const at = Number.isNaN(last) ? -1 : weekIndex(weeks, last);
    if (at >= 0) figure.weeks[at][status]++;
  }
  return figure;
}

/**
 * How many of the papers first seen each month match a query, given the ids
 * the search found for it, every month from the library's first to its last.
 */
export function queryTrend(matchingIds: Iterable<string>, papers: readonly InsightPaper[], span = librarySpan(papers)): TrendPoint[] {
  if (!span) return [];
  const matching = matchingIds instanceof Set ? (matchingIds as Set<string>) : new Set(matchingIds);
  const months = monthsBetween(span.from, span.to);
  const points: TrendPoint[] = months.map((month) => ({ month, count: 0, total: 0 }));
  // A library has a few digest days for thousands of papers: each day's month is worked out once,
  // and the papers of one digest come together, so the last day looked up is the likeliest.
  const monthOf = new Map<number, number>();
  let lastFirst = NaN;
  let lastAt = -1;
  for (const paper of papers) {
    const first = firstTime(paper);
    if (Number.isNaN(first)) continue;
    let at = first === lastFirst ? lastAt : monthOf.get(first);
    if (at === undefined) monthOf.set(first, (at = monthIndex(months, first)));
    lastFirst = first;
    lastAt = at;
    if (at < 0) continue;
    points[at].total++;
    if (matching.has(paper.id)) points[at].count++;
  }
  return points;
}
