/**
 * arXiv identifiers and the links that name them.
 *
 * A paper's arXiv id ("2405.15738") is what ties it to the Hugging Face API, its
 * Hugging Face page and arXiv, whatever title a digest gives it. It comes from the
 * API's JSON, and in any format from a link to the paper:
 *
 *   https://huggingface.co/papers/2405.15738       (also www.huggingface.co, hf.co)
 *   https://arxiv.org/abs/2405.15738v2             (also www. and export.arxiv.org)
 *   https://arxiv.org/pdf/2405.15738v2.pdf         (the version is dropped)
 *   https://arxiv.org/abs/hep-th/9901001           (old-style ids, on arXiv only)
 *
 * Anything else on those sites (listings, search, datasets) names no paper.
 */

/**
 * A new-style id: YYMM.NNNN from 0704 to 1412, YYMM.NNNNN from 1501 on. The pattern
 * checks the month; `isInNumbering` the first month and the digits for the month.
 */
const NEW_STYLE = String.raw`\d{2}(?:0[1-9]|1[0-2])\.\d{4,5}`;
/** An old-style id: archive (with an optional subject class) and YYMMNNN. */
const OLD_STYLE = String.raw`[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{7}`;
/** What may follow an id in a link: its end, a path, a query or a fragment. */
const END = String.raw`(?:$|[/?#])`;

const ARXIV_LINK = new RegExp(
  String.raw`^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(${NEW_STYLE}|${OLD_STYLE})(?:v\d{1,3})?(?:\.pdf)?${END}`,
  'i',
);
const HF_LINK = new RegExp(String.raw`^https?://(?:www\.)?(?:huggingface\.co|hf\.co)/papers/(${NEW_STYLE})(?:v\d{1,3})?${END}`, 'i');
const ID = new RegExp(String.raw`^(?:${NEW_STYLE}|${OLD_STYLE})$`);

/** From April 2007 on, with five digits after the dot from January 2015 on and four before. */
function isInNumbering(id: string): boolean {
  const dot = id.indexOf('.');
  if (dot !== 4 || id.indexOf('/') !== -1) return true; // old style: nothing to count
  const yymm = Number(id.slice(0, 4));
  return id.length - dot - 1 === (yymm >= 1501 ? 5 : 4) && yymm >= 704;
}

/** True for "2405.15738", "0704.0001", "hep-th/9901001"; false for anything else, versions included. */
export function isArxivId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && ID.test(value) && isInNumbering(value);
}

/** The arXiv id a link names, or undefined when it names none. */
export function arxivIdFromUrl(url: string): string | undefined {
  // Every URL of the two sites is short; a long one is never looked at.
  if (url.length > 300) return undefined;
  const match = ARXIV_LINK.exec(url) ?? HF_LINK.exec(url);
  if (!match) return undefined;
  // Case-insensitive for the host; an id is written in lower case, but an old-style
  // subject class ("math.GT") keeps its capitals.
  const id = match[1].includes('/') ? match[1] : match[1].toLowerCase();
  return isArxivId(id) ? id : undefined;
}

/**
 * The one arXiv id among links, or undefined when they name none, or several (an
 * abstract that links to other papers does not say which one is its own).
 */
export function arxivIdOfLinks(links: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const link of links) {
    const id = arxivIdFromUrl(link);
    if (id === undefined || id === found) continue;
    if (found !== undefined) return undefined;
    found = id;
  }
  return found;
}

/** The paper's page on Hugging Face. */
export function hfPaperUrl(arxivId: string): string {
  return `https://huggingface.co/papers/${arxivId}`;
}

/** The paper's abstract page on arXiv. */
export function arxivAbsUrl(arxivId: string): string {
  return `https://arxiv.org/abs/${arxivId}`;
}
