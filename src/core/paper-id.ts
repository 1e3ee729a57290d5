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
 */

const SLUG_MAX = 48;

export function normaliseTitle(title: string): string {
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
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function asciiSlug(normal: string): string {
  const ascii = normal
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= SLUG_MAX) return ascii;
  const cut = ascii.slice(0, SLUG_MAX);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 16 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '');
}

export function paperId(title: string): string {
  const normal = normaliseTitle(title);
  const slug = asciiSlug(normal) || 'paper';
  return `${slug}-${fnv1a(normal)}`;
}
