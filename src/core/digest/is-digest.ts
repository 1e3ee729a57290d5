/**
 * Is this file a digest? Asked of every .txt and .md file in a workspace, so it reads
 * only the first few kilobytes and decides from structure, not from the extension:
 * READMEs, changelogs, meeting notes, licences and code are also .txt and .md files.
 *
 * The evidence is what ordinary prose does not have: the Daily Papers page header, or a
 * paper whose metadata names an author count, an organisation or an upvote count
 * ("  • 8 authors", "zai-org Z.ai · 3 authors · Oct 13 · ▲ 2"). A bare date is not
 * enough: notes and changelogs are full of dates. A saved response of the Hugging Face
 * API is told by its first bytes: an array of objects that speak of papers.
 */
import { looksLikeHfApiJson } from './hf-api';
import { digestFormat, type DigestFormat } from './parse-digest';
import { HF_HEADER_LINES, parseHfText } from './parse-hf-text';
import { parseMarkdownDigest } from './parse-markdown';
import type { Digest, Paper } from '../model';

/** How much of the file is read. A digest's first paper ends well within it. */
export const DIGEST_SNIFF_LENGTH = 4096;

/** The page header lines that no ordinary text file has on lines of their own. */
const DISTINCT_HEADER_LINES = HF_HEADER_LINES.filter((line) => line.length > 12);

/** The text up to `length`, cut at the last line break so no line is half read. */
function head(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.lastIndexOf('\n', length);
  return text.slice(0, cut > 0 ? cut : length);
}

function hasPageHeader(text: string): boolean {
  let found = 0;
  for (const line of DISTINCT_HEADER_LINES) {
    const at = text.indexOf(line);
    if (at === -1) continue;
    const before = at === 0 ? 0x0a : text.charCodeAt(at - 1);
    const after = at + line.length === text.length ? 0x0a : text.charCodeAt(at + line.length);
    const ownLine = (before === 0x0a || before === 0xfeff) && (after === 0x0a || after === 0x0d);
    if (ownLine) found++;
  }
  return found >= 2;
}

/**
 * An author or upvote count tells a paper from prose in both formats. In the plain-text
 * format an organisation does too: it needs a "·" or "• N authors" line right after it,
 * which prose never has. In Markdown "Jane Doe · Nov 19" reads as organisation and date,
 * and so does many a README line: there an organisation or a date tells only when the
 * paper's heading links to it or the level-1 heading carries the digest's date.
 */
function hasTellingMetadata(paper: Paper, digest: Digest, format: DigestFormat): boolean {
  if (paper.authorCount !== undefined || paper.upvotes !== undefined) return true;
  if (format === 'hf-text') return paper.org !== undefined;
  const some = paper.org !== undefined || paper.published !== undefined;
  return some && (paper.url !== undefined || digest.digestDate !== undefined);
}

function tells(digest: Digest, format: DigestFormat): boolean {
  return digest.papers.some((paper) => hasTellingMetadata(paper, digest, format));
}

export function isDigest(text: string, fileName: string): boolean {
  if (typeof text !== 'string' || text.length === 0) return false;
  const sample = head(text, DIGEST_SNIFF_LENGTH);
  const format = digestFormat(sample, fileName);
  if (format === 'hf-json') return looksLikeHfApiJson(sample);
  if (format === 'markdown') {
    return tells(parseMarkdownDigest(sample, fileName), 'markdown');
  }
  if (hasPageHeader(sample)) return true;
  return tells(parseHfText(sample, fileName), 'hf-text');
}
