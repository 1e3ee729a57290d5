import type { Digest } from '../model';
import type { IndexedPaperEntry, PaperIndex } from '../library';
import type { InsightPaper } from './types';

/** Any index with these lists will do (the workspace index of the extension host). */
export type InsightSource = Pick<PaperIndex, 'digests' | 'papers' | 'paper'>;

function insightPaperOf({ id, paper, occurrences }: IndexedPaperEntry, timeOf: ReadonlyMap<string, number>): InsightPaper {
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
}

function timesOf(index: Pick<PaperIndex, 'digests'>): Map<string, number> {
  const timeOf = new Map<string, number>();
  for (const { digest, sortKey } of index.digests()) if (sortKey > 0) timeOf.set(digest.uri, sortKey);
  return timeOf;
}

/**
 * The library's papers as the figures read them: each paper as its newest
 * digest describes it, with the day of every digest holding it. A digest
 * nothing dates (the index's sort key 0) gives no day.
 */
export function insightPapersOf(index: Pick<PaperIndex, 'digests' | 'papers'>): InsightPaper[] {
  const timeOf = timesOf(index);
  return index.papers().map((entry) => insightPaperOf(entry, timeOf));
}

/**
 * insightPapersOf kept between calls: a digest whose parse (the Digest object)
 * and day are unchanged keeps its papers, so after a library change only the
 * papers of the digests added, changed or removed are read again, and an
 * unchanged library gives the same array back.
 */
export class InsightPapers {
  /** Each digest as last read, by uri. */
  private digests = new Map<string, { digest: Digest; sortKey: number }>();
  /** Where each paper is in `list`: made at the first change, since a first read need not pay for it. */
  private position: Map<string, number> | undefined;
  private list: InsightPaper[] | undefined;

  of(index: InsightSource): readonly InsightPaper[] {
    const now = new Map<string, { digest: Digest; sortKey: number }>();
    const changed = new Set<string>();
    const first = !this.list;
    for (const { digest, sortKey } of index.digests()) {
      now.set(digest.uri, { digest, sortKey });
      if (first) continue;
      const before = this.digests.get(digest.uri);
      if (before?.digest === digest && before.sortKey === sortKey) continue;
      if (before) for (const p of before.digest.papers) changed.add(p.id);
      for (const p of digest.papers) changed.add(p.id);
    }
    for (const [uri, before] of this.digests) if (!now.has(uri)) for (const p of before.digest.papers) changed.add(p.id);
    this.digests = now;
    if (this.list && changed.size === 0) return this.list;
    const timeOf = timesOf(index);
    if (this.list) {
      // A digest edited in place: the same papers, each read again where it was.
      const patched = this.list.slice();
      const position = (this.position ??= new Map(patched.map((p, i) => [p.id, i])));
      let same = true;
      for (const id of changed) {
        const at = position.get(id);
        const entry = index.paper(id);
        if (at === undefined || !entry) {
          same = false;
          break;
        }
        patched[at] = insightPaperOf(entry, timeOf);
      }
      // A new array either way: whoever holds the previous one keeps the figures it was given.
      if (same) return (this.list = patched);
    }
    // A paper came or went: the index's order, read again.
    this.position = undefined;
    return (this.list = index.papers().map((entry) => insightPaperOf(entry, timeOf)));
  }
}
