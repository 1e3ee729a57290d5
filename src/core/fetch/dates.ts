/** Days as the Daily Papers API names them: `YYYY-MM-DD`, in UTC like the page. */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date if `text` is a real calendar day written `YYYY-MM-DD` (2024-02-30 is not), else undefined. */
export function parseIsoDay(text: string): string | undefined {
  const match = ISO_DAY.exec(text.trim());
  if (!match) return undefined;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return undefined;
  return `${y}-${m}-${d}`;
}

export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The `count` days ending with the day of `now`, newest first. */
export function lastDays(now: number, count: number): string[] {
  const days: string[] = [];
  const start = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  for (let i = 0; i < count; i++) days.push(isoDay(start - i * 86_400_000));
  return days;
}

/** Why a typed date is refused, or undefined when it is a day that can be fetched. */
export function dateProblem(text: string, now: number): string | undefined {
  const day = parseIsoDay(text);
  if (!day) return 'Type a date as YYYY-MM-DD, for example 2026-08-14.';
  if (day > isoDay(now)) return 'That day has not come yet.';
  if (day < '2023-05-01') return 'The Daily Papers start in May 2023.';
  return undefined;
}
