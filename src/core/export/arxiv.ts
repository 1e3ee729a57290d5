/** arXiv identifiers as citations write them. */

export interface ArxivId {
  /** As given, without an "arXiv:" prefix: "2405.15738v2", "hep-th/9901001". */
  id: string;
  /** Without the version: what the DOI and the abstract page name. */
  base: string;
  /** The year and month of submission, from the id's yymm ("2405" -> 2024, 5). */
  year: number;
  month: number;
}

// New style since April 2007 (yymm.number); old style archive[.subject]/yymmnnn.
const NEW_STYLE = /^(\d{2})(\d{2})\.\d{4,5}(?:v\d+)?$/;
const OLD_STYLE = /^[a-z]+(?:-[a-z]+)*(?:\.[a-z]{2})?\/(\d{2})(\d{2})\d{3}(?:v\d+)?$/i;

/** The id when `raw` is a well-formed arXiv identifier, otherwise undefined. */
export function parseArxivId(raw: unknown): ArxivId | undefined {
  if (typeof raw !== 'string' || raw.length > 64) return undefined;
  const id = raw.trim().replace(/^arxiv:/i, '');
  const fresh = NEW_STYLE.exec(id);
  const match = fresh ?? OLD_STYLE.exec(id);
  if (!match) return undefined;
  const [yy, mm] = [Number(match[1]), Number(match[2])];
  if (mm < 1 || mm > 12) return undefined;
  // Old-style ids run from 1991 to 2007; new-style ones from 2007 on.
  const year = fresh || yy < 91 ? 2000 + yy : 1900 + yy;
  return { id, base: id.replace(/v\d+$/, ''), year, month: mm };
}

export const arxivAbsUrl = (id: ArxivId): string => `https://arxiv.org/abs/${id.base}`;
export const arxivDoi = (id: ArxivId): string => `10.48550/arXiv.${id.base}`;
