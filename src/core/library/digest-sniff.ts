/**
 * The first look at a candidate file, from the head of its text only: most of a
 * workspace's .md and .txt files (READMEs, docs, changelogs, notes) are turned away here,
 * before their text is decoded whole or handed to a parser.
 *
 * A plain-text file gets the whole digest check (isDigest reads only the head, and the
 * plain-text parser is fast) once one of its lines could be a metadata line or a line of
 * the page header (as below, without the Markdown). A Markdown file's check parses its head with remark, which
 * is slow and runs in the digest worker: here it only has to find one line that could be
 * a paper's metadata line, a necessary condition of that check, so no digest is ever
 * turned away. The check keeps a paper only for metadata: a paragraph line whose plain
 * text is "·"-or-"•"-separated parts, or a single author count ("3 authors"), date
 * ("Nov 6", "Mar 5, 2024 12") or upvote count ("▲ 14"). A raw line is brought near its
 * plain text by dropping list and quote markers, link destinations and emphasis, code
 * and escape characters (dropping more than remark does only lets more lines through);
 * a character reference could spell any of those, so a line with one that could is let
 * through too. Prose that merely mentions a date ("Last reviewed on Mar 5, 2024.") is not.
 */
import { DIGEST_SNIFF_LENGTH, digestFormat, HF_HEADER_LINES, isDigest, looksLikeHfApiJson } from '../digest';

export type DigestSniff = 'none' | 'plain-text' | 'markdown' | 'hf-json';

/**
 * Bytes whose decoding holds at least DIGEST_SNIFF_LENGTH + 1 characters (UTF-16 code
 * units) of any text: a code unit takes at most three bytes of UTF-8.
 */
export const SNIFF_BYTES = (DIGEST_SNIFF_LENGTH + 1) * 3;

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December)';
/** A line that is one field alone: an author count, a date (with an upvote count), or an upvote count (see readMetadataLine). */
const ONE_FIELD = new RegExp(`^(?:\\d{1,6}[ \\t]+authors?|${MONTH}\\.?[ \\t]+\\d{1,2}(?:,[ \\t]*\\d{4})?(?:[ \\t]+\\d{1,9})?|[▲△⬆↑]\\uFE0F?[ \\t]*\\d{1,9}|\\d{1,9}[ \\t]+upvotes?)$`, 'i');
/** Numeric references, and the named ones that spell a separator or an arrow. */
const TELLING_REFERENCE = /&(?:#x?[0-9a-f]|(?:middot|centerdot|bull|bullet|uarr|uparrow|shortuparrow|blacktriangle|utrif|utri|bigtriangleup|xutri);)/i;
/** Block quote and list markers at the start of a line, nested or not. */
const CONTAINER_MARKERS = /^(?:[ \t]*(?:>|[*+-](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+/;
const LINK_DESTINATION = /\]\([^)\n]*\)|\]\[[^\]\n]*\]/g;
const MARKUP = /[*_~`\\![\]]/g;

/** A raw Markdown line brought near the plain text remark would give it. */
function plainLine(line: string): string {
  return line.replace(CONTAINER_MARKERS, '').replace(LINK_DESTINATION, '').replace(MARKUP, '').trim();
}

/** The head of a file's bytes as text: what the digest checks read. Trailing bytes of a cut character are dropped. */
export function headText(bytes: Uint8Array): string {
  const head = bytes.length > SNIFF_BYTES ? bytes.subarray(0, SNIFF_BYTES) : bytes;
  const text = new TextDecoder().decode(head, { stream: head !== bytes });
  return text.length > DIGEST_SNIFF_LENGTH + 1 ? text.slice(0, DIGEST_SNIFF_LENGTH + 1) : text;
}

/** The page header lines that the digest check counts (see isDigest). */
const HEADER_LINES = new Set(HF_HEADER_LINES.filter((line) => line.length > 12));

function mayBeMetadata(line: string): boolean {
  return line.includes('·') || line.includes('•') || ONE_FIELD.test(line);
}

/** True unless the head of a Markdown text surely holds no paper that the digest check would count. */
export function mayBeMarkdownDigest(head: string): boolean {
  for (const line of head.split(/\r\n|\r|\n/)) {
    if (TELLING_REFERENCE.test(line) || mayBeMetadata(plainLine(line))) return true;
  }
  return false;
}

/** True unless the head of a plain text surely has neither the page header nor a paper's metadata. */
function mayBePlainTextDigest(head: string): boolean {
  for (const raw of head.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (HEADER_LINES.has(line) || mayBeMetadata(line)) return true;
  }
  return false;
}

/**
 * What the head of a file says: 'none' (surely no digest), 'plain-text' (a plain-text
 * digest: checked in full), or 'markdown' (may be a Markdown digest: the worker decides).
 * `head` is the text's first DIGEST_SNIFF_LENGTH + 1 characters, or all of a shorter text.
 */
export function sniffDigest(head: string, fileName: string): DigestSniff {
  const format = digestFormat(head, fileName);
  // A saved Daily Papers API response; any other JSON file (package.json, tsconfig.json) is none.
  if (format === 'hf-json') return looksLikeHfApiJson(head) ? 'hf-json' : 'none';
  if (format === 'markdown') return mayBeMarkdownDigest(head) ? 'markdown' : 'none';
  return mayBePlainTextDigest(head) && isDigest(head, fileName) ? 'plain-text' : 'none';
}
