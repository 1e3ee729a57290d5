/**
 * A paper's date for a citation, from the date as the digest wrote it, the
 * digests it appeared in and its arXiv id. Kept apart from the Markdown
 * export so that BibTeX and CSL-JSON do not load remark.
 */
import type { Paper } from '../model';
import { parseArxivId } from './arxiv';

export type CslDateParts = [number] | [number, number] | [number, number, number];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function month(name: string): number | undefined {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i >= 0 && /^[a-z]+$/i.test(name) ? i + 1 : undefined;
}

function validDay(m: number | undefined, d: number): boolean {
  return m !== undefined && d >= 1 && d <= 31;
}

/** Day of the year, near enough to compare two dates of one year. */
const dayOfYear = (m: number, d: number): number => (m - 1) * 31 + d;

/**
 * A digest's year, and its month and day when its name holds a whole date
 * (`hf-2025-11-06.txt`): the first 19xx/20xx year found in the digests.
 */
function digestDate(digests: readonly string[]): { year: number; month?: number; day?: number } | undefined {
  for (const d of digests) {
    if (typeof d !== 'string') continue;
    const full = /(?:^|\D)((?:19|20)\d{2})-(\d{2})-(\d{2})(?:\D|$)/.exec(d);
    if (full) {
      const [m, day] = [Number(full[2]), Number(full[3])];
      if (m >= 1 && m <= 12 && validDay(m, day)) return { year: Number(full[1]), month: m, day };
    }
    const year = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(d);
    if (year) return { year: Number(year[1]) };
  }
  return undefined;
}

/**
 * Reads `Mar 5, 2024`, `5 March 2024`, `2024-03-05` (also with a time, as
 * APIs write it), `March 2024`, `2024` and, without a year, `Oct 13`, taking
 * the year from the paper's digests: the first 19xx/20xx year found in them.
 * A paper is listed after it is published, so a date more than a month
 * after the digest's own (`Dec 30` in the digest of 2025-01-02) is of the
 * year before. Returns undefined when it cannot.
 */
export function parsePublished(published: string, digests: readonly string[] = []): CslDateParts | undefined {
  if (typeof published !== 'string') return undefined;
  const s = published.trim().replace(/\s+/g, ' ');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return mo >= 1 && mo <= 12 && validDay(mo, d) ? [y, mo, d] : undefined;
  }
  m = /^([A-Za-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$/.exec(s) ?? null;
  const dayFirst = m ? null : /^(\d{1,2}) ([A-Za-z]+)\.?(?:,? (\d{4}))?$/.exec(s);
  if (m || dayFirst) {
    const [monthName, day, year] = m ? [m[1], m[2], m[3]] : [dayFirst![2], dayFirst![1], dayFirst![3]];
    const mo = month(monthName);
    const d = Number(day);
    if (!validDay(mo, d)) return undefined;
    if (year !== undefined) return [Number(year), mo!, d];
    const digest = digestDate(digests);
    if (!digest) return undefined;
    const later = digest.month !== undefined && digest.day !== undefined && dayOfYear(mo!, d) - dayOfYear(digest.month, digest.day) > 31;
    return [later ? digest.year - 1 : digest.year, mo!, d];
  }
  m = /^([A-Za-z]+)\.?,? (\d{4})$/.exec(s);
  if (m) {
    const mo = month(m[1]);
    return mo === undefined ? undefined : [Number(m[2]), mo];
  }
  m = /^(\d{4})$/.exec(s);
  return m ? [Number(m[1])] : undefined;
}

/**
 * The paper's date as far as it is known: the published date (its year from
 * the digests, else from the arXiv id, when it has none), else the year and
 * month of its arXiv id.
 */
export function paperDate(paper: Paper, digests: readonly string[] = []): CslDateParts | undefined {
  const arxiv = parseArxivId(paper.arxivId);
  if (typeof paper.published === 'string' && paper.published.trim()) {
    const parts = parsePublished(paper.published, arxiv ? [...digests, String(arxiv.year)] : digests);
    if (parts) return parts;
  }
  return arxiv ? [arxiv.year, arxiv.month] : undefined;
}
