import { hfPaperUrl } from '../digest';
import type { Digest, Paper } from '../model';
import { digestTime } from '../model';

/**
 * What a paper is rather than how one digest shows it: a digest that lacks them (a
 * pasted page has no arXiv id or author names) takes them from any digest of the paper.
 */
const SHARED_FIELDS = ['arxivId', 'authors', 'code', 'projectPage', 'keywords'] as const;

/**
 * The newest occurrence, with the shared fields it lacks taken from the others (the
 * newest that has each), or the newest occurrence itself when it lacks none of them.
 * `previous` is returned instead of a new copy when it is the same merge.
 */
function representative(occurrences: readonly Paper[], previous: Paper, bases: WeakMap<Paper, Paper>): Paper {
  const first = occurrences[0];
  if (occurrences.length === 1) return first;
  let merged: Paper | undefined;
  for (const key of SHARED_FIELDS) {
    if (first[key] !== undefined) continue;
    const other = occurrences.find((p) => p[key] !== undefined);
    if (other === undefined) continue;
    merged ??= { ...first };
    (merged as unknown as Record<string, unknown>)[key] = other[key];
  }
  if (merged === undefined) return first;
  if (merged.authors !== undefined) merged.authorCount ??= merged.authors.length;
  if (merged.arxivId !== undefined) merged.url ??= hfPaperUrl(merged.arxivId);
  if (bases.get(previous) === first && SHARED_FIELDS.every((key) => previous[key] === merged[key])) return previous;
  bases.set(merged, first);
  return merged;
}

/**
 * A paper that appears in several digests usually reads the same in each: its title and
 * abstract are then kept once, in the strings of the occurrence already indexed.
 */
function shareText(paper: Paper, indexed: Paper): void {
  paper.id = indexed.id; // equal: the index found it by this id
  if (paper.title === indexed.title) paper.title = indexed.title;
  if (paper.abstract === indexed.abstract) paper.abstract = indexed.abstract;
}

export interface IndexedDigest {
  digest: Digest;
  /** File name without folders. */
  name: string;
  /** Larger is newer; digests nothing dates sort by name. */
  sortKey: number;
}

export interface IndexedPaperEntry {
  id: string;
  /**
   * The paper as the newest digest holding it describes it, with the arXiv id, authors,
   * code, project page and keywords of any other digest of it when the newest has none.
   */
  paper: Paper;
  /** Every occurrence, newest digest first. */
  occurrences: Paper[];
  /** Seen for the first time in the newest digest. */
  isNew: boolean;
}

/**
 * All digests of a workspace merged into papers: the same paper in several
 * digests is one entry that knows each of them. Updating one digest touches
 * only the papers of that digest (and the "new" marks when the newest digest
 * changes), so an edit to one file of thousands stays cheap.
 */
export class PaperIndex {
  private readonly byUri = new Map<string, IndexedDigest>();
  private readonly byId = new Map<string, IndexedPaperEntry>();
  private ordered: IndexedDigest[] = [];
  /** Position of each digest in `ordered`, rebuilt only when the order changes. */
  private rank = new Map<string, number>();
  /** Set when the order of digests may have changed: every paper must be settled again. */
  private orderChanged = false;
  private readonly dirty = new Set<string>();
  /** The papers of the settling under way (see settleStep), and how many of them are settled. */
  private unsettled: string[] = [];
  private settled = 0;
  /** Each representative made by merging occurrences, to the occurrence it was made from. */
  private readonly bases = new WeakMap<Paper, Paper>();

  setDigest(digest: Digest, name: string, mtime?: number): void {
    const previous = this.byUri.get(digest.uri);
    if (previous) this.detach(previous);
    const entry: IndexedDigest = { digest, name, sortKey: digestTime(digest.digestDate, name, mtime) ?? 0 };
    this.byUri.set(digest.uri, entry);
    if (!previous || previous.sortKey !== entry.sortKey || previous.name !== name) {
      this.orderChanged = true;
    } else if (!this.orderChanged) {
      // Same place in the order: swap the entry in, so digests() never lists the replaced one.
      const at = this.rank.get(digest.uri);
      if (at !== undefined && this.ordered[at] === previous) this.ordered[at] = entry;
      else this.orderChanged = true;
    }
    for (const paper of digest.papers) {
      const existing = this.byId.get(paper.id);
      if (existing) {
        shareText(paper, existing.occurrences[0]);
        existing.occurrences.push(paper);
      } else this.byId.set(paper.id, { id: paper.id, paper, occurrences: [paper], isNew: false });
      this.dirty.add(paper.id);
    }
  }

  removeDigest(uri: string): boolean {
    const previous = this.byUri.get(uri);
    if (!previous) return false;
    this.detach(previous);
    this.byUri.delete(uri);
    this.orderChanged = true;
    return true;
  }

  hasDigest(uri: string): boolean {
    return this.byUri.has(uri);
  }

  digest(uri: string): IndexedDigest | undefined {
    return this.byUri.get(uri);
  }

  /** Newest first. */
  digests(): IndexedDigest[] {
    this.settle();
    return this.ordered;
  }

  papers(): IndexedPaperEntry[] {
    this.settle();
    return [...this.byId.values()];
  }

  paper(id: string): IndexedPaperEntry | undefined {
    this.settle();
    return this.byId.get(id);
  }

  get paperCount(): number {
    return this.byId.size;
  }

  /** The paper whose block holds this 0-based line of this digest. */
  paperAt(uri: string, line: number): Paper | undefined {
    const papers = this.byUri.get(uri)?.digest.papers;
    if (!papers) return undefined;
    let lo = 0;
    let hi = papers.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = papers[mid];
      if (line < p.source.startLine) hi = mid - 1;
      else if (line > p.source.endLine) lo = mid + 1;
      else return p;
    }
    return undefined;
  }

  private detach(previous: IndexedDigest): void {
    const uri = previous.digest.uri;
    for (const paper of previous.digest.papers) {
      const entry = this.byId.get(paper.id);
      if (!entry) continue;
      entry.occurrences = entry.occurrences.filter((p) => p.source.uri !== uri);
      if (entry.occurrences.length === 0) this.byId.delete(paper.id);
      else this.dirty.add(paper.id);
    }
  }

  /**
   * Settles at most `limit` papers of what changed (see settle); false while some are left.
   * After a library of years is added at once, settling is a few hundred milliseconds: a
   * caller on a busy thread spreads it over turns with this, and any read in between
   * settles the rest at once, so no read ever sees a paper unsettled.
   */
  settleStep(limit: number): boolean {
    this.beginSettling();
    const rank = this.rank;
    const newest = this.ordered[0]?.digest.uri;
    const end = Math.min(this.unsettled.length, this.settled + limit);
    for (; this.settled < end; this.settled++) {
      const entry = this.byId.get(this.unsettled[this.settled]);
      if (!entry) continue;
      if (entry.occurrences.length > 1) {
        entry.occurrences.sort((a, b) => (rank.get(a.source.uri) ?? 0) - (rank.get(b.source.uri) ?? 0));
      }
      entry.paper = representative(entry.occurrences, entry.paper, this.bases);
      entry.isNew = entry.occurrences.every((p) => p.source.uri === newest);
    }
    if (this.settled < this.unsettled.length) return false;
    this.unsettled = [];
    this.settled = 0;
    return true;
  }

  /** Brings order, representative papers and "new" marks up to date, touching only what changed. */
  private settle(): void {
    this.settleStep(Infinity);
  }

  /** Puts the order right and queues the papers whose representative or "new" mark may have changed. */
  private beginSettling(): void {
    if (!this.orderChanged && this.dirty.size === 0) return;
    const previousNewest = this.ordered[0]?.digest.uri;
    if (this.orderChanged) {
      this.ordered = [...this.byUri.values()].sort(
        (a, b) => b.sortKey - a.sortKey || a.name.localeCompare(b.name) || a.digest.uri.localeCompare(b.digest.uri),
      );
      this.rank = new Map(this.ordered.map((d, i) => [d.digest.uri, i]));
    }
    const newest = this.ordered[0]?.digest.uri;
    // Inserting or removing a digest keeps the relative order of the others, so only
    // the papers it touched need sorting again, unless the newest digest changed:
    // then every "new" mark may change.
    const ids = newest !== previousNewest ? [...this.byId.keys()] : [...this.dirty];
    // A pass cut short keeps its place: what it had left is settled with the rest.
    this.unsettled = this.settled < this.unsettled.length ? this.unsettled.slice(this.settled).concat(ids) : ids;
    this.settled = 0;
    this.orderChanged = false;
    this.dirty.clear();
  }
}
