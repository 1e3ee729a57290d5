/**
 * Papers grouped by what the selective filters look at (a digest, a tag, a
 * flag, a reading status other than unread, an organisation, an arXiv id, an
 * author's name), so that a query with one of those filters starts from that
 * group rather than from every paper: `training digest:"Mar 3"` scores the
 * two dozen papers of that digest, not the 40,000 that say "training", and
 * `arxiv:2405.15738` finds its paper without walking the others. The groups
 * only narrow; every filter of the query is still checked on what they give.
 */
import { AuthorTable } from './author-table';
import type { FlagName, FilterView, ParsedQuery, QueryFilter } from './types';
import { compact, dateMatches, tagMatches } from './query';

interface DigestGroup<T> {
  name: string;
  date: string;
  items: Set<T>;
}


export interface Candidates<T> {
  size: number;
  groups: Set<T>[];
}

export class FilterSets<T> {
  private readonly flags = new Map<FlagName, Set<T>>();
  private readonly statuses = new Map<string, Set<T>>();
  private readonly tags = new Map<string, Set<T>>();
  private readonly orgs = new Map<string, Set<T>>();
  /** Papers by arXiv id: nearly always one each, so an array rather than a set. */
  private readonly arxiv = new Map<string, T[]>();
  private readonly authors = new AuthorTable<T>();
  /** Keyed by the digest's name and date together: the filter looks at both. */
  private readonly digests = new Map<string, DigestGroup<T>>();
  /**
   * The groups a filter matched, by filter, until a group appears or goes:
   * each keystroke of a query asks again with the same filters, and finding
   * the digests of `digest:2024` walks every digest. The sets are live, so
   * papers joining or leaving a group need no reset.
   */
  private readonly memo = new Map<string, Set<T>[] | undefined>();

  add(item: T, view: FilterView): void {
    this.visit(view, item, true);
    if (view.arxivId !== '') {
      const items = this.arxiv.get(view.arxivId);
      if (items) items.push(item);
      else this.arxiv.set(view.arxivId, [item]);
    }
    this.authors.add(item, view.authorNames);
    view.digestNames.forEach((name, i) => {
      const date = view.digestDates[i] ?? '';
      const key = `${name}\n${date}`;
      const group = this.digests.get(key);
      if (group) {
        group.items.add(item);
      } else {
        this.digests.set(key, { name, date, items: new Set([item]) });
        this.memo.clear();
      }
    });
  }

  remove(item: T, view: FilterView): void {
    this.visit(view, item, false);
    const items = this.arxiv.get(view.arxivId);
    if (items) {
      const rest = items.filter((other) => other !== item);
      if (rest.length > 0) this.arxiv.set(view.arxivId, rest);
      else this.arxiv.delete(view.arxivId);
    }
    this.authors.remove(item);
    view.digestNames.forEach((name, i) => {
      const key = `${name}\n${view.digestDates[i] ?? ''}`;
      const group = this.digests.get(key);
      group?.items.delete(item);
      if (group && group.items.size === 0) {
        this.digests.delete(key);
        this.memo.clear();
      }
    });
  }

  clear(): void {
    for (const map of [this.flags, this.statuses, this.tags, this.orgs, this.arxiv, this.digests, this.memo]) map.clear();
    this.authors.clear();
  }

  /**
   * The papers that can pass the query's filters: the groups one of its
   * filters allows, the fewest papers of any filter; undefined when no filter
   * narrows (only negated filters, counts, `status:unread`). A paper may be
   * in more than one of the groups, so `size` is an upper bound.
   */
  candidates(query: ParsedQuery): Candidates<T> | undefined {
    let best: Candidates<T> | undefined;
    for (const filter of query.filters) {
      if (filter.negated) continue;
      const groups = this.lookup(filter);
      if (!groups) continue;
      const size = groups.reduce((n, set) => n + set.size, 0);
      if (!best || size < best.size) best = { size, groups };
    }
    return best;
  }

  private visit(view: FilterView, item: T, adding: boolean): void {
    const apply = <K>(map: Map<K, Set<T>>, key: K) => {
      const set = map.get(key);
      if (adding && set) {
        set.add(item);
      } else if (adding) {
        map.set(key, new Set([item]));
        this.memo.clear();
      } else if (set) {
        set.delete(item);
        if (set.size > 0) return;
        map.delete(key);
        this.memo.clear();
      }
    };
    if (view.isNew) apply(this.flags, 'new');
    if (view.starred) apply(this.flags, 'starred');
    if (view.annotated) apply(this.flags, 'annotated');
    if (view.status !== 'unread') apply(this.statuses, view.status);
    for (const tag of new Set(view.tags)) apply(this.tags, tag);
    if (view.org !== '') apply(this.orgs, view.org);
  }

  /**
   * The filter's groups. An arXiv id or a name is a lookup of its own, fresh
   * each time (it changes with every paper added, and costs little); the
   * others are memoised.
   */
  private lookup(filter: QueryFilter): Set<T>[] | undefined {
    if (filter.kind === 'arxiv') {
      const items = this.arxiv.get(filter.value);
      return items ? [new Set(items)] : [];
    }
    if (filter.kind === 'author') {
      // Past an eighth of the papers a filter does not narrow (see PaperSearch).
      const found = this.authors.find(filter.value, Math.max(64, this.authors.size >> 3));
      return found && [found];
    }
    const key = `${filter.kind}:${'value' in filter ? filter.value : ''}`;
    if (!this.memo.has(key)) this.memo.set(key, this.groups(filter));
    return this.memo.get(key);
  }

  /** The groups whose papers pass the filter, or undefined when it does not narrow. */
  private groups(filter: QueryFilter): Set<T>[] | undefined {
    const found: Set<T>[] = [];
    switch (filter.kind) {
      case 'is': {
        const set = this.flags.get(filter.value);
        return set ? [set] : [];
      }
      case 'status': {
        if (filter.value === 'unread') return undefined;
        const set = this.statuses.get(filter.value);
        return set ? [set] : [];
      }
      case 'tag':
        for (const [tag, set] of this.tags) if (tagMatches(tag, filter.value)) found.push(set);
        return found;
      case 'org':
        for (const [org, set] of this.orgs) if (org.includes(filter.value)) found.push(set);
        return found;
      case 'digest': {
        const date = compact(filter.value);
        for (const group of this.digests.values()) {
          if (group.name.includes(filter.value) || (date !== '' && dateMatches(group.date, date))) found.push(group.items);
        }
        return found;
      }
      // Counts and has: rarely narrow; ids and names are looked up apart.
      case 'count':
      case 'author':
      case 'arxiv':
      case 'has':
        return undefined;
    }
  }
}
