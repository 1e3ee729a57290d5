/**
 * Digest dates are written without a year ("Nov 6"), so ordering digests needs a
 * year from somewhere: an ISO date in the file name wins, then a year in the
 * date itself, then the year that puts the date closest before the file's
 * modification time (a digest is saved on or after its day).
 */

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

const ISO_IN_NAME = /(\d{4})-(\d{2})-(\d{2})/;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WRITTEN_DATE = /^([A-Za-z]{3})[a-z]*\.? +(\d{1,2})(?:, *(\d{4}))?/;

/** Milliseconds since the epoch (UTC) for a digest, or undefined when nothing tells. */
export function digestTime(digestDate: string | undefined, fileName: string, mtime?: number): number | undefined {
  const iso = ISO_IN_NAME.exec(fileName);
  if (iso) {
    const t = Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
    if (!Number.isNaN(t)) return t;
  }
  const written = digestDate ? WRITTEN_DATE.exec(digestDate.trim()) : null;
  if (written) {
    const month = MONTHS[written[1].toLowerCase()];
    const day = Number(written[2]);
    if (month !== undefined && day >= 1 && day <= 31) {
      if (written[3]) return Date.UTC(Number(written[3]), month, day);
      const reference = mtime ?? Date.now();
      const year = new Date(reference).getUTCFullYear();
      const sameYear = Date.UTC(year, month, day);
      // A day more than two days after the file was saved belongs to the year before.
      return sameYear > reference + 2 * 86_400_000 ? Date.UTC(year - 1, month, day) : sameYear;
    }
  }
  return mtime;
}

/**
 * The day a digest is shown under: the date written in its text, else the `YYYY-MM-DD` in
 * its file name written the same way ("Mar 2, 2025"), else undefined (only the file name
 * tells it apart).
 */
export function digestDayLabel(digestDate: string | undefined, fileName: string): string | undefined {
  if (digestDate !== undefined && digestDate.trim() !== '') return digestDate;
  const iso = ISO_IN_NAME.exec(fileName);
  if (!iso) return undefined;
  const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // "2025-02-31" is no day: the name is then only a name.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${MONTH_NAMES[month - 1]} ${day}, ${year}`;
}
