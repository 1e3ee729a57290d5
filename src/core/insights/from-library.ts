import type { PaperIndex } from '../library';
import type { InsightPaper } from './types';

/**
 * The library's papers as the figures read them: each paper as its newest
 * digest describes it, with the day of every digest holding it. A digest
 * nothing dates (the index's sort key 0) gives no day. Any index with
 * those two lists will do (the workspace index of the extension host).
 */
export function insightPapersOf(index: Pick<PaperIndex, 'digests' | 'papers'>): InsightPaper[] {
  const timeOf = new Map<string, number>();
  for (const { digest, sortKey } of index.digests()) if (sortKey > 0) timeOf.set(digest.uri, sortKey);
  return index.papers().map(({ id, paper, occurrences }) => {
    const digestTimes: number[] = [];
    for (const occurrence of occurrences) {
      const time = timeOf.get(occurrence.source.uri);
      if (time !== undefined) digestTimes.push(time);
    }
    const out: InsightPaper = { id, title: paper.title, digestTimes };
    if (paper.org !== undefined) out.org = paper.org;
    if (paper.keywords !== undefined) out.keywords = paper.keywords;
    if (paper.upvotes !== undefined) out.upvotes = paper.upvotes;
    return out;
  });
}
