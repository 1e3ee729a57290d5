/**
 * Paper identity.
 *
 * Rule: normalise the title (Unicode NFKC, case-folded, every run of characters
 * that are not letters or digits collapsed to one space, trimmed). The id is the
 * ASCII slug of that normal form (diacritics dropped, at most 48 characters, cut
 * at a word boundary) followed by "-" and the 8 hex digits of the FNV-1a hash of
 * the normal form. So:
 *   - the same title in two digests (different wrapping, spacing, punctuation or
 *     case) gives the same id, and so one notes file;
 *   - different titles give different ids (the hash separates titles whose slugs
 *     agree, such as long titles sharing their first words or non-Latin titles);
 *   - ids hold only [a-z0-9-], never start with "-" or ".", stay under 60
 *     characters and are never a reserved device name, so they are safe as file
 *     names on Windows, macOS and Linux, on case-insensitive file systems too.
 *
 * Every parsed paper gets an id, so this is on the parser's hot path. Titles made only
 * of ASCII characters (nearly all of them) take a fast path: NFKC and NFKD leave ASCII
 * unchanged, so a single scan gives exactly the normal form and slug of the general
 * rule (a property test holds the two paths equal).
 */

const SLUG_MAX = 48;

/** The normal form of an all-ASCII title, or undefined when the title has any other character. */
function asciiNormal(title: string): string | undefined {
  const lower = title.toLowerCase();
  let normal = '';
  let run = -1; // start of the current run of letters and digits
  for (let i = 0; i <= title.length; i++) {
    if (i < title.length && title.charCodeAt(i) >= 0x80) return undefined;
    const code = i < lower.length ? lower.charCodeAt(i) : 0x20;
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      if (run === -1) run = i;
    } else if (run !== -1) {
      normal = normal === '' ? lower.slice(run, i) : `${normal} ${lower.slice(run, i)}`;
      run = -1;
    }
  }
  return normal;
}

export function normaliseTitle(title: string): string {
  return asciiNormal(title) ?? normaliseAnyTitle(title);
}

/** The general rule, for any Unicode title. */
export function normaliseAnyTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hex(hash);
}

/** "00" to "ff": Number.prototype.toString(16) is slow next to the rest of an id. */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex(hash: number): string {
  return HEX_BYTES[hash >>> 24] + HEX_BYTES[(hash >>> 16) & 0xff] + HEX_BYTES[(hash >>> 8) & 0xff] + HEX_BYTES[hash & 0xff];
}

function cutSlug(ascii: string): string {
  if (ascii.length <= SLUG_MAX) return ascii;
  const cut = ascii.slice(0, SLUG_MAX);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 16 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '');
}

function asciiSlug(normal: string): string {
  return cutSlug(
    normal
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, ''),
  );
}

/** The slug of an ASCII title as it is scanned, one character code a slot, up to one past its cut. */
const slugCodes: number[] = [];

/**
 * The id of an all-ASCII title in one scan: the slug and the FNV-1a hash of the normal
 * form are built together, without building the normal form itself. Undefined when the
 * title has a non-ASCII character. Only the slug's first SLUG_MAX + 1 characters are kept:
 * the cut (cutSlug, here on character codes) looks no further.
 */
function asciiPaperId(title: string): string | undefined {
  const codes = slugCodes;
  let length = 0;
  let hash = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < title.length; i++) {
    let code = title.charCodeAt(i);
    if (code >= 0x80) return undefined;
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      if (!inWord) {
        inWord = true;
        if (length > 0) {
          hash = Math.imul(hash ^ 0x20, 0x01000193); // the space between words
          if (length <= SLUG_MAX) codes[length++] = 0x2d;
        }
      }
      hash = Math.imul(hash ^ code, 0x01000193);
      if (length <= SLUG_MAX) codes[length++] = code;
    } else {
      inWord = false;
    }
  }
  if (length > SLUG_MAX) {
    length = SLUG_MAX;
    let lastDash = length - 1;
    while (lastDash >= 0 && codes[lastDash] !== 0x2d) lastDash--;
    if (lastDash > 16) length = lastDash;
    while (length > 0 && codes[length - 1] === 0x2d) length--;
  }
  codes.length = length;
  return `${length === 0 ? 'paper' : String.fromCharCode(...codes)}-${hex(hash)}`;
}

export function paperId(title: string): string {
  const fast = asciiPaperId(title);
  if (fast !== undefined) return fast;
  const normal = normaliseAnyTitle(title);
  return `${asciiSlug(normal) || 'paper'}-${fnv1a(normal)}`;
}

/** Longest id a command, a message or a file name may carry; paperId() never makes one this long. */
export const MAX_PAPER_ID_LENGTH = 120;

/** Names Windows keeps for devices, whatever the extension: never a file name, so never an id. */
const WINDOWS_DEVICES = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * Paper ids hold only [a-z0-9-] and never start with "-" (see paperId()); every id names a
 * notes file, so a Windows device name ("con") is not one either (paperId() never makes one).
 */
export function isPaperId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_PAPER_ID_LENGTH && /^[a-z0-9][a-z0-9-]*$/.test(value) && !WINDOWS_DEVICES.test(value);
}
