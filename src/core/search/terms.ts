/**
 * Text to index terms, the same way for indexing, querying and highlighting:
 * split on spaces and punctuation, lower case, diacritics dropped, the most
 * common English words left out.
 */

/**
 * Words so common in abstracts that they match nearly every paper: indexing
 * them costs memory and scoring them costs time, and no one finds a paper by
 * them. Kept when they are the last word of a query, which may be the start of
 * a longer word still being typed ("the" -> "theory").
 */
const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'has', 'have', 'in', 'into', 'is', 'it',
  'its', 'of', 'on', 'or', 's', 'such', 't', 'than', 'that', 'the', 'their', 'these', 'this', 'to', 'via',
  'was', 'we', 'were', 'which', 'while', 'with',
]);

/** Tokens longer than this are hashes, URLs or base64 pasted into notes: nobody types them. */
const MAX_TERM_LENGTH = 40;

/** Splits text into words the same way for indexing, querying and highlighting. */
export const WORD_SEPARATOR = /[\s\p{Z}\p{P}]+/u;

/** Lower case without diacritics, so "Schrödinger" is found by "schrodinger". */
export function foldTerm(word: string): string {
  const lower = word.toLowerCase();
  // Skip the costly normalisation for plain ASCII, which is nearly every word.
  return isAscii(lower) ? lower : lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** A word as the index holds it, or null for a word not indexed. */
export function indexTerm(word: string): string | null {
  if (!word || word.length > MAX_TERM_LENGTH) return null;
  const term = foldTerm(word);
  return STOP_WORDS.has(term) ? null : term;
}

/** Separators among the ASCII characters, by code: what WORD_SEPARATOR matches there. */
const ASCII_SEPARATORS = Uint8Array.from({ length: 128 }, (_, code) => (WORD_SEPARATOR.test(String.fromCharCode(code)) ? 1 : 0));
const ONE_SEPARATOR = new RegExp(`^(?:${WORD_SEPARATOR.source})$`, 'u');
/** Verdicts on the other code points met so far: few distinct ones occur. */
const otherSeparators = new Map<number, boolean>();

function isSeparatorPoint(point: number): boolean {
  let known = otherSeparators.get(point);
  if (known === undefined) {
    known = ONE_SEPARATOR.test(String.fromCodePoint(point));
    otherSeparators.set(point, known);
  }
  return known;
}

/**
 * Calls `visit` with each index term of `text`, in order: what splitting on
 * WORD_SEPARATOR and `indexTerm` give, without the regular expression and
 * the array of words. Building the index calls this for every field of every
 * paper, so it scans character codes; a text of plain ASCII (nearly every
 * one) is lower-cased once and its words sliced from that.
 */
export function eachIndexTerm(text: string, visit: (term: string) => void): void {
  const length = text.length;
  if (length === 0) return;
  const lower = isAscii(text) ? text.toLowerCase() : undefined;
  let start = 0;
  let at = 0;
  while (at < length) {
    const code = text.charCodeAt(at);
    let width = 1;
    let separator: boolean;
    if (code < 128) {
      separator = ASCII_SEPARATORS[code] === 1;
    } else {
      const point = text.codePointAt(at)!;
      width = point > 0xffff ? 2 : 1;
      separator = isSeparatorPoint(point);
    }
    if (separator) {
      if (at > start) emitTerm(text, lower, start, at, visit);
      start = at + width;
    }
    at += width;
  }
  if (length > start) emitTerm(text, lower, start, length, visit);
}

function emitTerm(text: string, lower: string | undefined, start: number, end: number, visit: (term: string) => void): void {
  if (end - start > MAX_TERM_LENGTH) return;
  const term = lower !== undefined ? lower.slice(start, end) : foldTerm(text.slice(start, end));
  if (!STOP_WORDS.has(term)) visit(term);
}

/**
 * The words of a query as the index holds them. A stop word survives only in
 * last place while it is still being typed (`open`).
 */
export function queryTerms(text: string, open = false): string[] {
  const words = text.split(WORD_SEPARATOR).filter((w) => w.length > 0 && w.length <= MAX_TERM_LENGTH).map(foldTerm);
  return words.filter((term, i) => (open && i === words.length - 1) || !STOP_WORDS.has(term));
}
