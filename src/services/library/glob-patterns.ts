/**
 * Glob patterns from settings, made into the one exclude pattern findFiles takes.
 * VS Code's globs group alternatives with braces but do not nest groups, so patterns
 * that have groups of their own are expanded before they are grouped together.
 */

/** At most this many patterns come out of one pattern's groups; past it the pattern is kept as written. */
const MAX_EXPANSIONS = 64;

/** The patterns of an exclude setting (`files.exclude`, `search.exclude`) that are switched on. */
export function enabledGlobs(setting: unknown): string[] {
  if (typeof setting !== 'object' || setting === null) return [];
  // `{ "when": "$(basename).ts" }` depends on sibling files, which a pattern cannot say:
  // findFiles applies those of files.exclude itself.
  return Object.entries(setting as Record<string, unknown>)
    .filter(([glob, on]) => on === true && glob.trim() !== '')
    .map(([glob]) => glob);
}

/** "**\/*.{log,tmp}" -> ["**\/*.log", "**\/*.tmp"]; a pattern without groups is itself. */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open === -1) return [glob];
  // The group that closes first holds no other group.
  const close = glob.indexOf('}', open);
  if (close === -1) return [glob];
  const start = glob.lastIndexOf('{', close);
  const alternatives = glob.slice(start + 1, close).split(',');
  const out = new Set<string>();
  for (const alternative of alternatives) {
    for (const expanded of expandBraces(glob.slice(0, start) + alternative + glob.slice(close + 1))) {
      out.add(expanded);
      if (out.size > MAX_EXPANSIONS) return [glob];
    }
  }
  return [...out];
}

/** One pattern matching any of these (undefined for none), for findFiles' exclude argument. */
export function combineGlobs(globs: readonly string[]): string | undefined {
  const flat = [...new Set(globs.filter((g) => typeof g === 'string' && g.trim() !== '').flatMap(expandBraces))];
  if (flat.length === 0) return undefined;
  if (flat.length === 1) return flat[0];
  return `{${flat.join(',')}}`;
}
