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
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'has', 'have', 'in', 'into', 'is', 'it',
  'its', 'of', 'on', 'or', 's', 'such', 't', 'than', 'that', 'the', 'their', 'these', 'this', 'to', 'via',
  'was', 'we', 'were', 'which', 'while', 'with',
]);

/** Tokens longer than this are hashes, URLs or base64 pasted into notes: nobody types them. */
export const MAX_TERM_LENGTH = 40;

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
export const ASCII_SEPARATORS = Uint8Array.from({ length: 128 }, (_, code) => (WORD_SEPARATOR.test(String.fromCharCode(code)) ? 1 : 0));
const ONE_SEPARATOR = new RegExp(`^(?:${WORD_SEPARATOR.source})$`, 'u');
/** Verdicts on the other code points met so far: few distinct ones occur. */
const otherSeparators = new Map<number, boolean>();

/** Is this code point (past ASCII) a separator? */
export function isSeparatorPoint(point: number): boolean {
  let known = otherSeparators.get(point);
  if (known === undefined) {
    known = ONE_SEPARATOR.test(String.fromCodePoint(point));
    otherSeparators.set(point, known);
  }
  return known;
}

/**
 * The words of a query as the index holds them. A stop word survives only in
 * last place while it is still being typed (`open`).
 */
export function queryTerms(text: string, open = false): string[] {
  const words = text.split(WORD_SEPARATOR).filter((w) => w.length > 0 && w.length <= MAX_TERM_LENGTH).map(foldTerm);
  return words.filter((term, i) => (open && i === words.length - 1) || !STOP_WORDS.has(term));
}
