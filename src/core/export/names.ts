/**
 * Authors' names as written ("Gustavo de Rosa", "DreamX Team", "Xingyu")
 * split into the parts reference managers want: a family name with its
 * particles, the given names, a suffix; or the name whole when it is not a
 * person's ("DreamX Team") or cannot be split ("Xingyu").
 */

export type PersonName =
  | { family: string; given?: string; suffix?: string }
  | { literal: string };

/** Lower-case words that belong to the family name that follows them. */
const PARTICLES = new Set([
  'al', 'bin', 'binti', 'da', 'das', 'de', 'degli', 'dei', 'del', 'della', 'delle', 'dello', 'den', 'der', 'des', 'di',
  'do', 'dos', 'du', 'el', 'ibn', 'la', 'le', 'lo', 'st', 'te', 'ten', 'ter', 'van', 'vander', 'vom', 'von', 'zu', 'zum', 'zur',
]);

const SUFFIX = /^(?:jr|sr)\.?$|^(?:ii|iii|iv)$/i;

/** Last words that make a name a group's rather than a person's. */
const GROUP_WORDS = new Set([
  'team', 'teams', 'lab', 'labs', 'laboratory', 'group', 'consortium', 'collaboration', 'community', 'contributors',
  'project', 'initiative', 'institute', 'university', 'inc', 'ltd', 'llc', 'corp', 'corporation', 'foundation', 'committee',
  'research',
]);

/**
 * What a person's name may hold: letters, combining marks, apostrophes,
 * hyphens, periods and spaces. Anything else (digits, "&", braces, "@")
 * says it is not a plain personal name, and it is kept whole.
 */
const PERSONAL = /^[\p{L}\p{M}'’.\- ]+$/u;

export function oneLineName(name: string): string {
  return name.replace(/[\s\p{Z}\p{Cc}]+/gu, ' ').trim();
}

/** The name's parts, or undefined for an empty name. */
export function splitName(raw: string): PersonName | undefined {
  const name = oneLineName(typeof raw === 'string' ? raw : '');
  if (!name) return undefined;
  // "and" joins names in BibTeX: "Tom and Jerry" is one name, kept whole.
  if (/(?:^|[\s,])and(?:[\s,]|$)/i.test(name)) return { literal: name };
  const comma = name.indexOf(',');
  // Written "Family, Given" already.
  if (comma > 0) {
    const family = name.slice(0, comma).trim();
    const rest = name.slice(comma + 1).split(',').map((part) => part.trim()).filter(Boolean);
    if (PERSONAL.test(family) && rest.every((part) => PERSONAL.test(part)) && rest.length <= 2) {
      const suffix = rest.length === 2 ? rest.find((part) => SUFFIX.test(part)) : undefined;
      const given = rest.filter((part) => part !== suffix).join(' ');
      return { family, ...(given ? { given } : {}), ...(suffix ? { suffix } : {}) };
    }
    return { literal: name };
  }
  if (!PERSONAL.test(name)) return { literal: name };
  const words = name.split(' ');
  let suffix: string | undefined;
  if (words.length > 2 && SUFFIX.test(words[words.length - 1])) suffix = words.pop();
  const last = words[words.length - 1];
  // "AI" in capitals only: Ai is also a family name.
  if (words.length < 2 || last === 'AI' || GROUP_WORDS.has(last.toLowerCase().replace(/\.$/, ''))) {
    return { literal: name };
  }
  // The family name is the last word and the particles right before it.
  let start = words.length - 1;
  while (start > 0 && PARTICLES.has(words[start - 1])) start--;
  // Particles and a family name alone ("de Rosa"): nothing says how to split it.
  if (start === 0) return { literal: name };
  return { family: words.slice(start).join(' '), given: words.slice(0, start).join(' '), ...(suffix ? { suffix } : {}) };
}
