/**
 * The whole-library figures of the insights page (papers per week, reading
 * progress) and the papers of the period, in one pass over the papers: on
 * tens of thousands of papers the separate figures' passes over each paper's
 * digest days cost more than the counting itself.
 */
import type { InsightPaper, NoteLookup, Period, ProgressFigure, WeekCount } from './types';
import { isTime, weekIndex, weeksBetween } from './time-buckets';
import { countPaperWeeks } from './week-counts';

export interface LibraryPass {
  weeks: WeekCount[];
  progress: ProgressFigure;
  /** The papers with a digest in the period; all of them when there is no period. */
  ofPeriod: readonly InsightPaper[];
}

const NO_TIMES: readonly number[] = [];

/** What papersPerWeek, readingProgress and a filter by inPeriod give, counted at once. */
export function libraryPass(papers: readonly InsightPaper[], noteOf: NoteLookup, span: Period | undefined, period: Period | undefined): LibraryPass {
  const weeks = span ? weeksBetween(span.from, span.to) : [];
  const counts: WeekCount[] = weeks.map((week) => ({ week, papers: 0, new: 0 }));
  const progress: ProgressFigure = {
    weeks: weeks.map((week) => ({ week, read: 0, reading: 0, unread: 0 })),
    read: 0,
    reading: 0,
    unread: 0,
    annotated: 0,
    withNotes: 0,
  };
  const ofPeriod: InsightPaper[] = [];
  const seenIn = new Set<number>();
  for (const paper of papers) {
    const times = Array.isArray(paper.digestTimes) ? paper.digestTimes : NO_TIMES;
    countPaperWeeks(times, weeks, counts, seenIn);
    let last = NaN;
    let inside = period === undefined;
    for (const t of times) {
      if (!isTime(t)) continue;
      if (!(t <= last)) last = t;
      if (!inside && t >= period!.from && t < period!.to) inside = true;
    }
    if (inside) ofPeriod.push(paper);

    const note = noteOf(paper.id);
    const status = note?.status === 'read' || note?.status === 'reading' ? note.status : 'unread';
    progress[status]++;
    if (note && Array.isArray(note.annotations) && note.annotations.length > 0) progress.annotated++;
    if (note && typeof note.body === 'string' && note.body.trim() !== '') progress.withNotes++;
    const lastAt = Number.isNaN(last) ? -1 : weekIndex(weeks, last);
    if (lastAt >= 0) progress.weeks[lastAt][status]++;
  }
  return { weeks: counts, progress, ofPeriod };
}
