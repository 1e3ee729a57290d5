/**
 * What the extension feeds the search index, without VS Code: the core's
 * `toSearchDoc` over the core PaperIndex, plus reader's notes on a share of
 * the papers so that tag, status and starred filters have something to find.
 */
import type { IndexedPaperEntry, PaperIndex } from '../src/core';
import { fnv1a } from '../src/core';
import type { SearchDoc } from '../src/core';
import { toSearchDoc } from '../src/core';
import type { PaperNote } from '../src/core';

const TAGS = ['rl', 'llm', 'vision', 'diffusion', 'agents', 'efficiency', 'survey', 'ml/theory', 'ml/vision', 'to-read'];

/**
 * Notes on about one paper in twelve, decided by the paper's id: the same
 * papers have notes whichever subset of the corpus is indexed.
 */
export function syntheticNote(id: string, title: string): PaperNote | undefined {
  const hash = parseInt(fnv1a(id), 16);
  if (hash % 12 !== 0) return undefined;
  const tags = [TAGS[(hash >>> 4) % TAGS.length]];
  if ((hash >>> 8) % 3 === 0) tags.push(TAGS[(hash >>> 10) % TAGS.length]);
  const status = (['unread', 'reading', 'read'] as const)[(hash >>> 12) % 3];
  return {
    id,
    title,
    status,
    starred: (hash >>> 14) % 4 === 0,
    tags: [...new Set(tags)],
    links: [],
    annotations: [],
    body: `Read for the ${tags[0]} reading group. Compare with the baseline in section 4; the ablation looks thin.`,
  };
}

export function docsOf(index: PaperIndex, entries: readonly IndexedPaperEntry[]): SearchDoc[] {
  const digestOf = (uri: string) => index.digest(uri);
  return entries.map((entry) => toSearchDoc(entry, syntheticNote(entry.id, entry.paper.title), digestOf));
}
