import type { WeekCount } from './types';
import { isTime, weekIndex } from './time-buckets';

/**
 * Counts one paper into `counts`: once in each week one of its digests falls in, and as new
 * in the week of its first digest. `seenIn` is scratch space, left empty. Returns the paper's
 * first digest time (NaN when it has none).
 */
export function countPaperWeeks(times: readonly number[], weeks: readonly number[], counts: WeekCount[], seenIn: Set<number>): number {
  let first = NaN;
  let previous = -1;
  for (const t of times) {
    if (!isTime(t)) continue;
    if (!(t >= first)) first = t;
    const at = weekIndex(weeks, t);
    // A paper in two digests of one week is one paper of that week.
    if (at < 0 || at === previous) continue;
    if (times.length > 2) {
      if (seenIn.has(at)) continue;
      seenIn.add(at);
    }
    previous = at;
    counts[at].papers++;
  }
  seenIn.clear();
  const firstAt = Number.isNaN(first) ? -1 : weekIndex(weeks, first);
  if (firstAt >= 0) counts[firstAt].new++;
  return first;
}
