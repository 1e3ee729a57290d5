/** The figures over the whole library: papers per week, the reader's progress, and a query's trend. */
import type { InsightPaper, NoteLookup, Period, ProgressFigure, TrendPoint, WeekCount } from './types';
import { isTime, monthIndex, monthsBetween, weekIndex, weeksBetween } from './time-buckets';

/** The paper's first and newest digest times, or undefined when no digest of it is dated. */
export function firstAndLast(paper: InsightPaper): { first: number; last: number } | undefined {
  const times = Array.isArray(paper.digestTimes) ? paper.digestTimes : [];
  let first = Infinity;
  let last = -Infinity;
  for (const t of times) {
    if (!isTime(t)) continue;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return first <= last ? { first, last } : undefined;
}

/** The first and last digest day of the library. */
export function librarySpan(papers: readonly InsightPaper[]): Period | undefined {
  let from = Infinity;
  let to = -Infinity;
  for (const paper of papers) {
    const range = firstAndLast(paper);
    if (!range) continue;
    if (range.first < from) from = range.first;
    if (range.last > to) to = range.last;
  }
  return from <= to ? { from, to } : undefined;
}

/** Papers in each week's digests, every week from the library's first to its last. */
export function papersPerWeek(papers: readonly InsightPaper[], span = librarySpan(papers)): WeekCount[] {
  if (!span) return [];
  const weeks = weeksBetween(span.from, span.to);
  const counts: WeekCount[] = weeks.map((week) => ({ week, papers: 0, new: 0 }));
  const seenIn = new Set<number>();
  for (const paper of papers) {
    const times = Array.isArray(paper.digestTimes) ? paper.digestTimes : [];
    const range = firstAndLast(paper);
    if (!range) continue;
    seenIn.clear();
    for (const t of times) {
      if (!isTime(t)) continue;
      const at = weekIndex(weeks, t);
      // A paper in two digests of one week is one paper of that week.
      if (at >= 0 && !seenIn.has(at)) {
        seenIn.add(at);
        counts[at].papers++;
      }
    }
    const first = weekIndex(weeks, range.first);
    if (first >= 0) counts[first].new++;
  }
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
    const range = firstAndLast(paper);
    const at = range ? weekIndex(weeks, range.last) : -1;
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
  for (const paper of papers) {
    const range = firstAndLast(paper);
    const at = range ? monthIndex(months, range.first) : -1;
    if (at < 0) continue;
    points[at].total++;
    if (matching.has(paper.id)) points[at].count++;
  }
  return points;
}
