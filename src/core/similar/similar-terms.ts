/**
 * Words of a paper as the similarity model compares them: the search's
 * case folding, a fuller list of English stop words than the
 * search keeps (similarity gains nothing from "our" or "both", while a search
 * must still find a title that is all stop words), and plurals folded so that
 * "models" meets "model".
 */
import { foldTerm } from '../search';

/**
 * The search's separators, and symbols and control characters too: markup
 * ("<b>word</b>") and formulas ("a+b") split into words.
 */
const SEPARATOR = /[\s\p{Z}\p{P}\p{S}\p{Cc}]+/u;
/** The same split for text of ASCII alone (nearly every title and abstract), which a plain class does several times faster. */
const ASCII_SEPARATOR = /[^A-Za-z0-9]+/;

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * Function words of English prose, and the verbs every abstract uses ("we propose", "shows",
 * "based on"): shown as shared words they say nothing, and a small library gives them a high
 * IDF. Common words of the field ("model", "method") are left to IDF.
 */
const STOP_WORDS = new Set(`
a about above after again against all also although am among an and any are as at be because been before
being below between both but by can could did do does doing done down during each either else etc even ever
every few for from further had has have having he her here hers herself him himself his how however i if in
into is it its itself just least less let like may me might more most much must my myself neither no nor
not now of off often on once one only onto or other others our ours ourselves out over own per rather same
shall she should since so some still such than that the their theirs them themselves then there thereby
therefore these they this those though three through thus to too two under until up upon us very via was
we were what when where whether which while who whom whose why will with within without would yet you your
yours yourself
able achieve achieved achieves across allow allows based become becomes demonstrate demonstrated demonstrates
enable enables existing given including introduce introduced introduces make made makes present presented
presents propose proposed proposes show showed shown shows significantly toward towards use used uses using
various well
`.split(/\s+/).filter((w) => w !== ''));

/** Tokens longer than this are hashes, URLs or base64: never a shared topic. */
const MAX_TERM_LENGTH = 40;

/** A plural to its singular, conservatively (Harman's S-stemmer; "analysis" and "focus" are kept). */
function singular(term: string): string {
  const n = term.length;
  if (n <= 3 || term.charCodeAt(n - 1) !== 115 /* s */) return term;
  if (term.endsWith('ies') && !term.endsWith('eies') && !term.endsWith('aies')) return `${term.slice(0, -3)}y`;
  if (term.endsWith('es') && !term.endsWith('aes') && !term.endsWith('ees') && !term.endsWith('oes')) return term.slice(0, -1);
  if (term.endsWith('ss') || term.endsWith('us') || term.endsWith('is')) return term;
  return term.slice(0, -1);
}

function isDigits(term: string): boolean {
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The term of a word already folded (lower case, no diacritics), or undefined. */
function termOfFolded(folded: string): string | undefined {
  if (folded.length < 2 || folded.length > MAX_TERM_LENGTH || STOP_WORDS.has(folded) || isDigits(folded)) return undefined;
  return singular(folded);
}

/** The term a word counts as, or undefined for a word that says nothing about the topic. */
export function similarTerm(word: string): string | undefined {
  if (word.length < 2 || word.length > MAX_TERM_LENGTH) return undefined;
  return termOfFolded(foldTerm(word));
}

/** Calls `visit` with each term of the text, in text order. */
export function forEachTerm(text: string, visit: (term: string) => void): void {
  if (isAscii(text)) {
    // Folding ASCII is lower-casing: done once for the whole text, not word by word.
    for (const word of text.toLowerCase().split(ASCII_SEPARATOR)) {
      const term = termOfFolded(word);
      if (term !== undefined) visit(term);
    }
    return;
  }
  for (const word of text.split(SEPARATOR)) {
    const term = similarTerm(word);
    if (term !== undefined) visit(term);
  }
}

/** Calls `visit` with each term of the text and the word as written, in text order. */
export function forEachWord(text: string, visit: (term: string, word: string) => void): void {
  for (const word of text.split(isAscii(text) ? ASCII_SEPARATOR : SEPARATOR)) {
    const term = similarTerm(word);
    if (term !== undefined) visit(term, word);
  }
}
