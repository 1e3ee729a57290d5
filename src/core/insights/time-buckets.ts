/**
 * Weeks and months of digest times, in UTC as digest days are (see
 * digestTime). Dense runs of buckets, so a chart shows the empty weeks too,
 * but never more than a few decades of them: a digest named "9999-01-01.txt"
 * must not make a chart of half a million weeks.
 */

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** Thirty years of weeks; older weeks are left out of the weekly figures. */
export const MAX_WEEKS = 1566;
/** Fifty years of months. */
export const MAX_MONTHS = 600;
/** Date's own limit: times beyond it are no day at all. */
const MAX_TIME = 8.64e15;

/** Is this a time a Date can hold? */
export function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_TIME;
}

/** Monday 00:00 UTC of the week holding `time` (ISO weeks start on Monday). */
export function weekStart(time: number): number {
  const day = Math.floor(time / DAY_MS);
  // Day 0 (1 Jan 1970) was a Thursday: Monday is three days before.
  const sinceMonday = (((day + 3) % 7) + 7) % 7;
  return (day - sinceMonday) * DAY_MS;
}

/** The first day of the month holding `time`, 00:00 UTC. */
export function monthStart(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** Months since January 1970. */
function monthNumber(time: number): number {
  const date = new Date(time);
  return (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
}

/** Monday of every week from the one of `first` to the one of `last`, the latest MAX_WEEKS at most. */
export function weeksBetween(first: number, last: number): number[] {
  const end = weekStart(last);
  const start = Math.max(weekStart(first), end - (MAX_WEEKS - 1) * WEEK_MS);
  const weeks: number[] = [];
  for (let week = start; week <= end; week += WEEK_MS) weeks.push(week);
  return weeks;
}

/** The first day of every month from the one of `first` to the one of `last`, the latest MAX_MONTHS at most. */
export function monthsBetween(first: number, last: number): number[] {
  const end = monthNumber(last);
  const months: number[] = [];
  for (let n = Math.max(monthNumber(first), end - MAX_MONTHS + 1); n <= end; n++) months.push(Date.UTC(1970, n, 1));
  return months;
}

/** Number of the month in a run from monthsBetween, or -1 when outside it. */
export function monthIndex(months: readonly number[], time: number): number {
  if (months.length === 0) return -1;
  const at = monthNumber(time) - monthNumber(months[0]);
  return at >= 0 && at < months.length ? at : -1;
}

/** Number of the week in a run from weeksBetween, or -1 when outside it. */
export function weekIndex(weeks: readonly number[], time: number): number {
  if (weeks.length === 0) return -1;
  const at = (weekStart(time) - weeks[0]) / WEEK_MS;
  return at >= 0 && at < weeks.length ? at : -1;
}
