/** arXiv identifiers as citations write them. */
import { isArxivId } from '../digest';

export interface ArxivId {
  /** As given, without an "arXiv:" prefix: "2405.15738v2", "hep-th/9901001". */
  id: string;
  /** Without the version: what the DOI and the abstract page name. */
  base: string;
  /** The year and month of submission, from the id's yymm ("2405" -> 2024, 5). */
  year: number;
  month: number;
}

/** The id when `raw` is a well-formed arXiv identifier (a version and an "arXiv:" prefix allowed), otherwise undefined. */
export function parseArxivId(raw: unknown): ArxivId | undefined {
  if (typeof raw !== 'string' || raw.length > 64) return undefined;
  const id = raw.trim().replace(/^arxiv:/i, '');
  const base = id.replace(/v\d{1,3}$/, '');
  // The digest package holds the one rule for what an arXiv id is.
  if (!isArxivId(base)) return undefined;
  const yymm = base.includes('/') ? base.slice(base.indexOf('/') + 1, base.indexOf('/') + 5) : base.slice(0, 4);
  const [yy, mm] = [Number(yymm.slice(0, 2)), Number(yymm.slice(2))];
  if (mm < 1 || mm > 12) return undefined;
  // Old-style ids run from 1991 to 2007; new-style ones from 2007 on.
  const year = !base.includes('/') || yy < 91 ? 2000 + yy : 1900 + yy;
  return { id, base, year, month: mm };
}

export const arxivAbsUrl = (id: ArxivId): string => `https://arxiv.org/abs/${id.base}`;
export const arxivDoi = (id: ArxivId): string => `10.48550/arXiv.${id.base}`;
