/**
 * Fetching a day again, into the digest already written for it: the counts of the
 * papers it has are brought up to date and the papers it lacks are appended, while
 * everything else in the file (titles, abstracts and notes the reader edited, papers
 * the reader added or reordered) stays byte for byte as it is.
 *
 * A fetched paper is the digest's paper with the same arXiv id, else with the same
 * title identity (paperId). Only the digits of an Upvotes field (render-fetched.ts)
 * are rewritten, and only where the source holds them as plain digits; new papers are
 * rendered as the fetched layout and appended after a blank line, in the line endings
 * of the file.
 */
import { parseMarkdownPiece } from './parse-markdown';
import { renderFetchedDigest, renderFetchedPapers } from './render-fetched';
import type { PaperFields } from './render-digest';
import { paperId } from '../model';

export type FetchedMerge =
  /** Nothing to change: every fetched paper is there with its count. */
  | { status: 'up-to-date' }
  | { status: 'merged'; text: string; updated: number; added: number }
  /** The digest could not be merged into, and is left as it is. */
  | { status: 'unreadable'; message: string };

const COUNT_VALUE = /^([ \t]*)(\d{1,9})([ \t]*)$/;

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** The text with `suffix` appended after a blank line, in the text's line endings. */
function append(text: string, suffix: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let gap = '';
  if (!text.endsWith('\n') && !text.endsWith('\r')) gap = eol + eol;
  else if (!/(?:\r?\n|\r)[ \t]*(?:\r?\n|\r)$/.test(text)) gap = eol;
  return text + gap + (eol === '\n' ? suffix : suffix.replace(/\n/g, eol));
}

/**
 * `existing` (a digest of the list of `day`, "YYYY-MM-DD") with `fetched` merged in.
 * An empty text gets the whole digest.
 */
export function mergeFetchedDigest(existing: string, fetched: ReadonlyArray<PaperFields>, day: string): FetchedMerge {
  if (existing.trim() === '') return { status: 'merged', text: renderFetchedDigest(day, fetched), updated: 0, added: fetched.length };
  const piece = parseMarkdownPiece(existing, 'untitled:merge');
  if (piece === undefined) return { status: 'unreadable', message: 'This digest nests block quotes, lists or links too deeply to be read.' };

  const byArxivId = new Map<string, number>();
  const byId = new Map<string, number>();
  piece.papers.forEach((paper, i) => {
    if (paper.arxivId !== undefined && !byArxivId.has(paper.arxivId)) byArxivId.set(paper.arxivId, i);
    if (!byId.has(paper.id)) byId.set(paper.id, i);
  });
  const spans = new Map(piece.upvotes.map(({ paper, span }) => [paper, span]));

  const replacements: Replacement[] = [];
  const added: PaperFields[] = [];
  const seen = new Set<number>();
  for (const paper of fetched) {
    const id = paperId(paper.title);
    const at = (paper.arxivId === undefined ? undefined : byArxivId.get(paper.arxivId)) ?? byId.get(id);
    if (at === undefined) {
      added.push(paper);
      // The same paper twice in a response is appended once.
      if (paper.arxivId !== undefined) byArxivId.set(paper.arxivId, -1);
      byId.set(id, -1);
      continue;
    }
    if (at < 0 || seen.has(at)) continue;
    seen.add(at);
    const count = paper.upvotes ?? 0;
    if ((piece.papers[at].upvotes ?? 0) === count) continue;
    const span = spans.get(at);
    const match = span === undefined ? null : COUNT_VALUE.exec(span.value);
    // Escapes or entities in the source: its characters are not the value's, leave them be.
    if (span === undefined || match === null || existing.slice(span.start, span.end) !== span.value) continue;
    const start = span.start + match[1].length;
    replacements.push({ start, end: start + match[2].length, text: String(count) });
  }
  if (replacements.length === 0 && added.length === 0) return { status: 'up-to-date' };

  replacements.sort((a, b) => a.start - b.start);
  let text = '';
  let from = 0;
  for (const r of replacements) {
    text += existing.slice(from, r.start) + r.text;
    from = r.end;
  }
  text += existing.slice(from);
  if (added.length > 0) {
    text = append(text, renderFetchedPapers(added));
    // A code block or HTML block left open at the end of the file would swallow them.
    const after = parseMarkdownPiece(text, 'untitled:merge');
    if (after === undefined || after.papers.length !== piece.papers.length + added.length) {
      return { status: 'unreadable', message: 'The end of this digest is inside a code block or an HTML block: new papers cannot be added after it.' };
    }
  }
  return { status: 'merged', text, updated: replacements.length, added: added.length };
}
