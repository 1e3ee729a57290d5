import { digestDayLabel, type PaperNote, type ReadingStatus } from '../../core';
import type { DigestInfo, IndexedPaper } from '../../services';

export type GroupMode = 'digest' | 'tag' | 'status' | 'starred';
export const GROUP_MODES: GroupMode[] = ['digest', 'tag', 'status', 'starred'];

export interface Group {
  key: string;
  label: string;
  description?: string;
  /** For digest groups: the digest's uri. */
  digestUri?: string;
  /** For a year or a month of digests: the groups under it (its `papers` are empty). */
  children?: Group[];
  readonly papers: IndexedPaper[];
}

/** Past this many digests, grouping by digest files them under Year › Month. */
export const CALENDAR_THRESHOLD = 60;

/** The words the groups are labelled with: papers-tree.ts passes them translated, tests use English. */
export interface TreeWords {
  starred: string;
  untagged: string;
  undated: string;
  status: Record<ReadingStatus, string>;
  /** January first. */
  months: readonly string[];
  papers(n: number): string;
  digests(n: number): string;
  /** "3 of 24 papers". */
  someOf(shown: number, papersTotal: string): string;
}

export const ENGLISH_TREE_WORDS: TreeWords = {
  starred: 'Starred',
  untagged: 'Untagged',
  undated: 'Undated',
  status: { unread: 'Unread', reading: 'Reading', read: 'Read' },
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  papers: (n) => `${n} ${n === 1 ? 'paper' : 'papers'}`,
  digests: (n) => `${n} ${n === 1 ? 'digest' : 'digests'}`,
  someOf: (shown, papersTotal) => `${shown} of ${papersTotal}`,
};

/** Newest digest first, then most upvoted. */
function byRecency(digestRank: Map<string, number>) {
  return (a: IndexedPaper, b: IndexedPaper) =>
    (digestRank.get(a.paper.source.uri) ?? 0) - (digestRank.get(b.paper.source.uri) ?? 0) ||
    (b.paper.upvotes ?? 0) - (a.paper.upvotes ?? 0) ||
    a.paper.title.localeCompare(b.paper.title);
}

/** What the grouping reads: the index's digests and papers, and the reader's notes. */
export interface TreeSource {
  /** Newest first. */
  digests(): readonly DigestInfo[];
  papers(): readonly IndexedPaper[];
  paper(id: string): IndexedPaper | undefined;
  note(id: string): PaperNote | undefined;
}

/**
 * Splits the papers into the groups of the chosen mode; `visible`, when given (the tree's
 * filter), keeps only the papers it accepts. Pure so the tree can be tested and reasoned
 * about without VS Code.
 */
export function groupPapers(mode: GroupMode, source: TreeSource, visible?: (paper: IndexedPaper) => boolean, words: TreeWords = ENGLISH_TREE_WORDS): Group[] {
  const digests = source.digests();
  if (mode === 'digest') return byCalendar(digests, digestGroups(digests, source, visible, words), visible !== undefined, words);
  const rank = new Map(digests.map((d, i) => [d.digest.uri, i]));
  const shown = (visible ? source.papers().filter(visible) : [...source.papers()]).sort(byRecency(rank));
  if (mode === 'starred') {
    return [{ key: 'starred', label: words.starred, papers: shown.filter((p) => source.note(p.id)?.starred) }];
  }
  if (mode === 'status') {
    const groups = new Map<ReadingStatus, IndexedPaper[]>([['reading', []], ['unread', []], ['read', []]]);
    for (const p of shown) groups.get(source.note(p.id)?.status ?? 'unread')!.push(p);
    return [...groups].map(([status, members]) => ({
      key: `status:${status}`,
      label: words.status[status],
      description: words.papers(members.length),
      papers: members,
    }));
  }
  return tagGroups(shown, source, words);
}

function digestGroups(digests: readonly DigestInfo[], source: TreeSource, visible: ((paper: IndexedPaper) => boolean) | undefined, words: TreeWords): Group[] {
  return digests.map((d): Group => {
    const total = d.digest.papers.length;
    const day = digestDayLabel(d.digest.digestDate, d.name);
    const group = { key: `digest:${d.digest.uri}`, label: day ?? d.name, digestUri: d.digest.uri };
    // A digest known only by its file name is labelled by it; the description need not repeat it.
    const named = (counted: string) => (day === undefined ? counted : `${d.name} · ${counted}`);
    if (visible) {
      // Filtered: the tree hides digests with no match, so every digest's papers are needed now.
      const papers = digestMembers(d, source, visible);
      return { ...group, description: named(words.someOf(papers.length, words.papers(total))), papers };
    }
    // Unfiltered, a digest's papers are listed when it is expanded, so a workspace of
    // thousands of digests costs one row each until then.
    let members: IndexedPaper[] | undefined;
    return {
      ...group,
      description: named(words.papers(total)),
      get papers() {
        members ??= digestMembers(d, source, () => true);
        return members;
      },
    };
  });
}

/**
 * More digests than a reader scans in one list (a library of years) are filed under their
 * year, then their month, newest first, by the day that orders them (`sortKey`); digests
 * that nothing dates come last, under Undated. Under a filter, digests without a match are
 * left out before counting, so a narrow filter shows a flat list again.
 */
function byCalendar(digests: readonly DigestInfo[], groups: Group[], filtered: boolean, words: TreeWords): Group[] {
  const shown = groups.flatMap((group, i) => (filtered && group.papers.length === 0 ? [] : [{ group, time: digests[i].sortKey }]));
  if (shown.length <= CALENDAR_THRESHOLD) return groups;
  const years: Group[] = [];
  const months = new Map<string, Group>();
  let undated: Group | undefined;
  for (const { group, time } of shown) {
    if (time <= 0 || !Number.isFinite(time)) {
      undated ??= { key: 'undated', label: words.undated, children: [], papers: [] };
      undated.children!.push(group);
      continue;
    }
    const date = new Date(time);
    const year = date.getUTCFullYear();
    const monthKey = `month:${year}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
    let month = months.get(monthKey);
    if (!month) {
      month = { key: monthKey, label: words.months[date.getUTCMonth()], children: [], papers: [] };
      months.set(monthKey, month);
      let yearGroup = years.find((y) => y.key === `year:${year}`);
      if (!yearGroup) {
        yearGroup = { key: `year:${year}`, label: String(year), children: [], papers: [] };
        years.push(yearGroup);
      }
      yearGroup.children!.push(month);
    }
    month.children!.push(group);
  }
  // Newest first: digests() is ordered by sortKey, so only a tie could disorder the buckets.
  years.sort((a, b) => Number(b.label) - Number(a.label));
  for (const year of years) {
    year.children!.sort((a, b) => b.key.localeCompare(a.key));
    year.description = words.digests(year.children!.reduce((n, m) => n + m.children!.length, 0));
    for (const month of year.children!) month.description = words.digests(month.children!.length);
  }
  if (undated) {
    undated.description = words.digests(undated.children!.length);
    years.push(undated);
  }
  return years;
}

/**
 * One group per tag, alphabetically, then Untagged. Tags that differ only in case are one tag
 * (as the search's tag: filter and the tag pickers have it), spelt as first seen, and a paper
 * is listed once per group however often its note names the tag.
 */
function tagGroups(shown: readonly IndexedPaper[], source: TreeSource, words: TreeWords): Group[] {
  const tags = new Map<string, { label: string; papers: IndexedPaper[] }>();
  const untagged: IndexedPaper[] = [];
  for (const p of shown) {
    const keys = new Set<string>();
    for (const tag of source.note(p.id)?.tags ?? []) {
      const key = tag.toLowerCase();
      if (keys.has(key)) continue;
      keys.add(key);
      const group = tags.get(key);
      if (group) group.papers.push(p);
      else tags.set(key, { label: tag, papers: [p] });
    }
    if (keys.size === 0) untagged.push(p);
  }
  const groups: Group[] = [...tags]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, { label, papers }]) => ({ key: `tag:${key}`, label, description: words.papers(papers.length), papers }));
  if (untagged.length) groups.push({ key: 'untagged', label: words.untagged, description: words.papers(untagged.length), papers: untagged });
  return groups;
}

function digestMembers(d: DigestInfo, source: TreeSource, visible: (paper: IndexedPaper) => boolean): IndexedPaper[] {
  const seen = new Set<string>();
  const members: IndexedPaper[] = [];
  for (const paper of d.digest.papers) {
    const entry = source.paper(paper.id);
    if (!entry || seen.has(paper.id) || !visible(entry)) continue;
    seen.add(paper.id);
    members.push(entry);
  }
  return members;
}

/**
 * The papers the Papers view's badge counts: new ones (listed only in the newest digest, as
 * the rows' "new" and the search's `is:new` have it) that the reader has not started.
 */
export function newUnreadCount(source: Pick<TreeSource, 'papers' | 'note'>): number {
  let n = 0;
  for (const p of source.papers()) if (p.isNew && (source.note(p.id)?.status ?? 'unread') === 'unread') n++;
  return n;
}
