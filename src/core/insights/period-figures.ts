/** The figures of a chosen period: who published, on what, and how the papers were received. */
import { forEachTerm } from '../similar';
import { orgQuery, upvotesQuery, wordsQuery } from './filter-queries';
import type { InsightPaper, KeywordFigure, Period, RankedCount, TopPaper, UpvoteFigure } from './types';
import { isTime } from './time-buckets';

export const DEFAULT_TOP = 10;
/** Upvote buckets start at these counts: near-logarithmic, since a few papers get most of the votes. */
/** Longest label or title a figure shows: a chart's label, not a page of text. */
export const MAX_LABEL_LENGTH = 300;

function clipped(text: string): string {
  return text.length > MAX_LABEL_LENGTH ? `${text.slice(0, MAX_LABEL_LENGTH - 1)}\u2026` : text;
}

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
  /** Each label as written, normalised once: a library has thousands of papers per organisation. */
  private readonly written = new Map<string, { key: string; spelling: string; count: number }>();

  add(label: string): void {
    const known = this.written.get(label);
    if (known) {
      known.count++;
      return;
    }
    // A clipped label is a prefix of the original, so its query (by containment) still finds the papers.
    const spelling = label.replace(/\s+/g, ' ').trim().slice(0, MAX_LABEL_LENGTH).trim();
    if (spelling !== '') this.written.set(label, { key: spelling.toLowerCase(), spelling, count: 1 });
  }

  get size(): number {
    return this.written.size;
  }

  /** The `limit` most counted, ties by label. */
  top(limit: number, query: (label: string) => string): RankedCount[] {
    const byKey = new Map<string, { count: number; spellings: Map<string, number> }>();
    for (const { key, spelling, count } of this.written.values()) {
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { count: 0, spellings: new Map() }));
      entry.count += count;
      entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + count);
    }
    const ranked = [...byKey.values()].map(({ count, spellings }) => {
      let label = '';
      let most = 0;
      for (const [spelling, n] of spellings) if (n > most || (n === most && spelling < label)) [label, most] = [spelling, n];
      return { label, count };
    });
    return rank(ranked, limit).map(({ label, count }) => ({ label, count, query: query(label) }));
  }
}

/** Most counted first, ties by label. */
function rank<T extends { label: string; count: number }>(items: T[], limit: number): T[] {
  items.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return items.slice(0, Math.max(0, limit));
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
  for (const paper of papers) {
    if (!Array.isArray(paper.keywords) || paper.keywords.length === 0 || !inPeriod(paper, period)) continue;
    for (const keyword of new Set(paper.keywords)) if (typeof keyword === 'string') keywords.add(keyword);
  }
  if (keywords.size > 0) return { source: 'keywords', items: keywords.top(limit, wordsQuery) };
  // Terms are folded already: a plain count, no spellings to weigh.
  const counts = new Map<string, number>();
  // A title has a dozen words: an array finds a repeated one faster than a set.
  const seen: string[] = [];
  const count = (term: string) => {
    if (term.length > 2 && !seen.includes(term)) {
      seen.push(term);
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
  };
  for (const paper of papers) {
    if (typeof paper.title !== 'string' || !inPeriod(paper, period)) continue;
    seen.length = 0;
    forEachTerm(paper.title, count);
  }
  const items = rank([...counts].map(([label, n]) => ({ label, count: n })), limit);
  return { source: 'title-words', items: items.map(({ label, count: n }) => ({ label, count: n, query: wordsQuery(label) })) };
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
    const title = typeof paper.title === 'string' ? clipped(paper.title) : '';
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
