/**
 * The first look at a candidate file, from the head of its text only: most of a
 * workspace's .md and .txt files (READMEs, docs, changelogs, notes) are turned away here,
 * before their text is decoded whole or handed to a parser.
 *
 * A plain-text file gets the whole digest check (isDigest reads only the head, and the
 * plain-text parser is fast). A Markdown file's check parses its head with remark, which
 * is slow and runs in the digest worker: here it only has to show one sign that a paper
 * of a digest could be in it, a necessary condition of that check, so no digest is ever
 * turned away. The check keeps a paper only for an author or upvote count, or for an
 * organisation or a date together with a heading link or a dated level-1 heading; each of
 * those needs, in the plain text of a line, "author", "upvote", an arrow, a "·" or "•",
 * or a month name followed by a day. Inline markup can split those from their digits
 * ("**Nov** 6"), so emphasis and escape characters are ignored and a few characters may
 * stand between a month and its day; a character reference could spell any of them,
 * so one that could is a sign too.
 */
import { DIGEST_SNIFF_LENGTH, digestFormat, isDigest } from '../digest';

export type DigestSniff = 'none' | 'plain-text' | 'markdown';

/**
 * Bytes whose decoding holds at least DIGEST_SNIFF_LENGTH + 1 characters (UTF-16 code
 * units) of any text: a code unit takes at most three bytes of UTF-8.
 */
export const SNIFF_BYTES = (DIGEST_SNIFF_LENGTH + 1) * 3;

const SIGNS = /author|upvote|[▲△⬆↑·•]/i;
const MONTH_THEN_DAY = /(?:^|[^A-Za-z])(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December)(?![a-z])[^\n\d]{0,64}\d/;
/** Numeric references, and the named ones that spell a separator or an arrow. */
const TELLING_REFERENCE = /&(?:#x?[0-9a-f]|(?:middot|centerdot|bull|bullet|uarr|uparrow|shortuparrow|blacktriangle|utrif|utri|bigtriangleup|xutri);)/i;
const MARKUP = /[*_~`\\]/g;

/** The head of a file's bytes as text: what the digest checks read. Trailing bytes of a cut character are dropped. */
export function headText(bytes: Uint8Array): string {
  const head = bytes.length > SNIFF_BYTES ? bytes.subarray(0, SNIFF_BYTES) : bytes;
  const text = new TextDecoder().decode(head, { stream: head !== bytes });
  return text.length > DIGEST_SNIFF_LENGTH + 1 ? text.slice(0, DIGEST_SNIFF_LENGTH + 1) : text;
}

/** True unless the head of a Markdown text surely holds no paper that the digest check would count. */
export function mayBeMarkdownDigest(head: string): boolean {
  if (TELLING_REFERENCE.test(head)) return true;
  const plain = head.replace(MARKUP, '');
  return SIGNS.test(plain) || MONTH_THEN_DAY.test(plain);
}

/**
 * What the head of a file says: 'none' (surely no digest), 'plain-text' (a plain-text
 * digest: checked in full), or 'markdown' (may be a Markdown digest: the worker decides).
 * `head` is the text's first DIGEST_SNIFF_LENGTH + 1 characters, or all of a shorter text.
 */
export function sniffDigest(head: string, fileName: string): DigestSniff {
  if (digestFormat(head, fileName) === 'markdown') return mayBeMarkdownDigest(head) ? 'markdown' : 'none';
  return isDigest(head, fileName) ? 'plain-text' : 'none';
}
