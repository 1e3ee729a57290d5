/**
 * Search-language queries (see search/query.ts) that list the papers behind
 * a bar of a chart, for the Papers tree filter. A value is quoted; the
 * language has no escape for a quote inside one, so such a value is cut to
 * its longest piece without quotes, which still matches (`org:` and free
 * words match by containment).
 */

function quotable(value: string): string {
  const pieces = value.split('"').map((piece) => piece.replace(/\s+/g, ' ').trim());
  return pieces.reduce((longest, piece) => (piece.length > longest.length ? piece : longest), '');
}

function quoted(value: string): string {
  return `"${quotable(value)}"`;
}

/** `org:"Z.ai"`: papers whose organisation line contains the text. */
export function orgQuery(org: string): string {
  return `org:${quoted(org)}`;
}

/** `digest:"Nov 6"`: papers of the digests of that date or file name. */
export function digestQuery(digest: string): string {
  return `digest:${quoted(digest)}`;
}

/** A keyword searched as words of the title and abstract. */
export function wordsQuery(words: string): string {
  return quoted(words);
}

/** Papers with from (included) to `to` (excluded) upvotes; no `to` for an open range. */
export function upvotesQuery(from: number, to?: number): string {
  if (to === undefined) return `upvotes>=${from}`;
  if (to === from + 1) return `upvotes=${from}`;
  return `upvotes>=${from} upvotes<${to}`;
}

/** Papers by reading status. */
export function statusQuery(status: 'read' | 'reading' | 'unread'): string {
  return `status:${status}`;
}
