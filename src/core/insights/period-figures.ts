/** The figures of a chosen period: who published, on what, and how the papers were received. */
import { similarTerm } from '../similar';
import { orgQuery, upvotesQuery, wordsQuery } from './filter-queries';
import type { InsightPaper, KeywordFigure, Period, RankedCount, TopPaper, UpvoteFigure } from './types';
import { isTime } from './time-buckets';

export const DEFAULT_TOP = 10;
/** Upvote buckets start at these counts: near-logarithmic, since a few papers get most of the votes. */
export const UPVOTE_EDGES: readonly number[] = [0, 1, 5, 10, 25, 50, 100, 250, 500, 1000];

/** Is one of the paper's digests in the period (the whole library when there is none)? */
export function inPeriod(paper: InsightPaper, period: Period | undefined): boolean {
  const times = Array.isArray(paper.digestTimes) ? paper.digestTimes : [];
  if (!period) return true;
  return times.some((t) => isTime(t) && t >= period.from && t < period.to);
}

function upvotesOf(paper: InsightPaper): number | undefined {
  const n = paper.upvotes;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}

/** Labels counted case- and space-insensitively, each shown as most of its papers write it. */
class LabelCounter {
  private readonly byKey = new Map<string, { count: number; spellings: Map<string, number> }>();

  add(label: string): void {
    const spelling = label.replace(/\s+/g, ' ').trim();
    if (spelling === '') return;
    const key = spelling.toLowerCase();
    let entry = this.byKey.get(key);
    if (!entry) this.byKey.set(key, (entry = { count: 0, spellings: new Map() }));
    entry.count++;
    entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + 1);
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The `limit` most counted, ties by label. */
  top(limit: number, query: (label: string) => string): RankedCount[] {
    const ranked = [...this.byKey.values()].map(({ count, spellings }) => {
      let label = '';
      let most = 0;
      for (const [spelling, n] of spellings) if (n > most || (n === most && spelling < label)) [label, most] = [spelling, n];
      return { label, count };
    });
    ranked.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    return ranked.slice(0, Math.max(0, limit)).map(({ label, count }) => ({ label, count, query: query(label) }));
  }
}

/** The organisations with the most papers in the period. */
export function topOrganisations(papers: readonly InsightPaper[], period?: Period, limit = DEFAULT_TOP): RankedCount[] {
  const counter = new LabelCounter();
  for (const paper of papers) if (typeof paper.org === 'string' && inPeriod(paper, period)) counter.add(paper.org);
  return counter.top(limit, orgQuery);
}

/**
 * The keywords most papers of the period carry; when none carries any (a
 * text digest has none), the words most of their titles use.
 */
export function topKeywords(papers: readonly InsightPaper[], period?: Period, limit = DEFAULT_TOP): KeywordFigure {
  const keywords = new LabelCounter();
  const titleWords = new LabelCounter();
  for (const paper of papers) {
    if (!inPeriod(paper, period)) continue;
    if (Array.isArray(paper.keywords)) {
      for (const keyword of new Set(paper.keywords)) if (typeof keyword === 'string') keywords.add(keyword);
    }
    if (keywords.size === 0 && typeof paper.title === 'string') {
      const seen = new Set<string>();
      for (const word of paper.title.split(/[\s\p{Z}\p{P}\p{S}]+/u)) {
        const term = similarTerm(word);
        if (term !== undefined && term.length > 2 && !seen.has(term)) {
          seen.add(term);
          titleWords.add(term);
        }
      }
    }
  }
  return keywords.size > 0
    ? { source: 'keywords', items: keywords.top(limit, wordsQuery) }
    : { source: 'title-words', items: titleWords.top(limit, wordsQuery) };
}

/** How many papers of the period got how many upvotes, in UPVOTE_EDGES buckets. */
export function upvoteHistogram(papers: readonly InsightPaper[], period?: Period): UpvoteFigure {
  const counts = UPVOTE_EDGES.map(() => 0);
  let unknown = 0;
  for (const paper of papers) {
    if (!inPeriod(paper, period)) continue;
    const n = upvotesOf(paper);
    if (n === undefined) {
      unknown++;
      continue;
    }
    let bucket = UPVOTE_EDGES.length - 1;
    while (UPVOTE_EDGES[bucket] > n) bucket--;
    counts[bucket]++;
  }
  const buckets = UPVOTE_EDGES.map((from, i) => {
    const to = UPVOTE_EDGES[i + 1];
    return to === undefined ? { from, count: counts[i], query: upvotesQuery(from) } : { from, to, count: counts[i], query: upvotesQuery(from, to) };
  });
  return { buckets, unknown };
}

/** The period's most upvoted papers, most first (ties by title, then id). */
export function mostUpvoted(papers: readonly InsightPaper[], period?: Period, limit = DEFAULT_TOP): TopPaper[] {
  const want = Math.max(0, Math.floor(limit));
  const best: TopPaper[] = [];
  const before = (a: TopPaper, b: TopPaper) =>
    a.upvotes > b.upvotes || (a.upvotes === b.upvotes && (a.title < b.title || (a.title === b.title && a.id < b.id)));
  for (const paper of papers) {
    const upvotes = upvotesOf(paper);
    if (upvotes === undefined || want === 0) continue;
    if (best.length === want && upvotes < best[want - 1].upvotes) continue;
    if (!inPeriod(paper, period)) continue;
    const title = typeof paper.title === 'string' ? paper.title : '';
    const item: TopPaper = typeof paper.org === 'string' ? { id: paper.id, title, upvotes, org: paper.org } : { id: paper.id, title, upvotes };
    if (best.length === want && !before(item, best[want - 1])) continue;
    if (best.length === want) best.pop();
    let i = best.length;
    best.push(item);
    while (i > 0 && before(item, best[i - 1])) {
      best[i] = best[i - 1];
      i--;
    }
    best[i] = item;
  }
  return best;
}
