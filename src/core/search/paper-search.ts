/**
 * One ranked, typo-tolerant index over every paper of the workspace.
 *
 * Full text is the InvertedIndex (BM25+, a query adds scores into arrays
 * indexed by paper, so a common word costs a fraction of a millisecond over
 * 50,000 papers). The search is staged, stopping once a page is full (see
 * searchTerms()):
 *   - titles, tags and the reader's notes before the abstracts: a paper with
 *     the words in its title outranks one that only mentions them;
 *   - words as typed (and completed) before typo tolerance;
 *   - every word (AND) before any word (OR), which puts papers matching more
 *     of the words first.
 * Filters of the query language (query.ts) are checked against a normalised
 * copy of each paper, and only for papers that would make the page. A query
 * of filters alone walks a list kept in display order (newest digest, then
 * upvotes, then title) and stops at the limit, so `is:new` over 50,000 papers
 * sorts nothing. A word of up to three letters still being typed narrows by
 * the start of title and tag words the same way.
 */

import { digestTime } from '../model';
import { FilterSets, type Candidates } from './filter-sets';
import { InvertedIndex, type Hit, type QueryWord } from './inverted-index';
import { decodeSnapshotSteps, encodeSnapshot, keepPapersSteps, writeTextHash } from './search-snapshot';
import { compileFilters, filterView, parseQuery } from './query';
import { smallest } from './smallest';
import { SEARCH_FIELDS, type FilterView, type ParsedQuery, type SearchDoc, type SearchField, type SearchMatch, type SearchResult } from './types';
import { WORD_SEPARATOR, foldTerm, queryTerms } from './terms';


/**
 * Field boosts. A title is a dozen words, so BM25's length normalisation
 * already favours it over an abstract of two hundred; the boosts keep a word
 * in the title ahead of the same word repeated in a long abstract, and a tag
 * or a note the reader wrote ahead of text the paper came with.
 */
const FIELD_BOOST: Record<SearchField, number> = { title: 6, tags: 4, notes: 2.5, keywords: 2, annotations: 1.6, authors: 1.4, abstract: 1 };

/** Fields are numbered in ranking order for the index. */
const fieldNumber = (field: SearchField): number => SEARCH_FIELDS.indexOf(field);
const BOOSTS: readonly number[] = SEARCH_FIELDS.map((field) => FIELD_BOOST[field]);

/** A paper's text per field, in SEARCH_FIELDS order. */
function fieldTexts(doc: SearchDoc): string[] {
  return SEARCH_FIELDS.map((field) => {
    switch (field) {
      case 'tags': return doc.tags.join(' ');
      case 'keywords': return (doc.keywords ?? []).join(' ');
      case 'authors': return (doc.authors ?? []).join(' ');
      default: return doc[field];
    }
  });
}

/** The hits of one stage of a search, with the words and fields it searched (to say what matched). */
interface Stage {
  hits: Hit[];
  words: QueryWord[];
  fields: number[];
}

/**
 * An exact word counts fully; a prefix completion (what is being typed) a bit
 * less; a typo correction less still, so "mambaa" still finds Mamba but never
 * outranks a paper that has the word as typed.
 */
const MATCH_WEIGHTS = { prefix: 0.6, fuzzy: 0.35 };

/**
 * Shortest word completed through the index. "dif" or "mo" expand to hundreds
 * of words found in a large share of all papers, which costs the most and
 * ranks noise; a shorter word still being typed narrows by the start of a
 * title or tag word instead (see `stub` in search()).
 */
const MIN_PREFIX = 4;

/**
 * Every word from four letters on is completed, not only the one being typed:
 * short inputs are mostly abbreviations ("diff mod" for diffusion models), and
 * completion is how "model" finds "models". Exact words still rank first.
 */
function prefixFor(term: string): boolean {
  return term.length >= MIN_PREFIX;
}

/**
 * Typo tolerance scales with length: none under four letters (every edit of
 * "rl" is another word), one edit up to eight letters, two from nine (two
 * edits of "difusion" already reach "fusion").
 * Numbers are never corrected: "7b" is not "8b", 2023 is not 2024.
 */
function fuzzyFor(term: string): number | false {
  if (term.length < 4 || /\d/.test(term)) return false;
  return term.length < 9 ? 1 : 2;
}

type Acceptor = (entry: Entry) => boolean;

/** A word held by fewer papers than this may be misspelt (in the query or in those papers). */
const TYPO_SUSPECT = 3;

/**
 * Fields searched before the abstracts. Authors' names wait with the
 * abstracts: a family name that is also a common word ("song") would fill
 * the first stage with papers by people of that name.
 */
const HEAD_FIELDS: readonly SearchField[] = ['title', 'tags', 'notes', 'keywords', 'annotations'];

/**
 * This many papers with every word in a title, tag or note are more than a
 * quick pick shows at once, and would rank above any abstract-only match:
 * past it the abstracts are not searched. A caller asking for more than a
 * page (the tree filter asks for every match) always gets the abstracts too.
 */
const ENOUGH_FROM_HEAD = 20;
const PAGE = 100;

/** Papers walked in display order for a word being typed before asking the index instead. */
const WALK_BUDGET = 3000;

interface Entry {
  doc: SearchDoc;
  /** Title and tags folded, for narrowing by a word being typed; the folded title is its start (titleLength). */
  head: string;
  view: FilterView;
  /** Newest digest time, for display order. */
  newest: number;
  upvotes: number;
  /** Length of the folded title at the start of `head`: a second folded copy of every title would cost a tenth of the search's heap. */
  titleLength: number;
}

function sameWords(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const [x, y] = [a ?? [], b ?? []];
  return x.length === y.length && x.every((word, i) => word === y[i]);
}

function sameIndexedText(a: SearchDoc, b: SearchDoc): boolean {
  return a.title === b.title && a.abstract === b.abstract && a.notes === b.notes && a.annotations === b.annotations
    && sameWords(a.tags, b.tags) && sameWords(a.keywords, b.keywords) && sameWords(a.authors, b.authors);
}

/**
 * One array for every paper's equal list of tags, digest names or digest
 * dates: the papers of one digest have the same names and dates, most papers
 * no tags, and an array per paper and list was a tenth of the search's heap.
 * The views never change a list. Bounded: past the limit it starts over.
 */
const sharedLists = new Map<string, string[]>();
const SHARED_LISTS_MAX = 1 << 14;

function shared(list: string[]): string[] {
  const key = list.join('\0');
  const known = sharedLists.get(key);
  // Two lists can join to one key only if an item holds a NUL: the items tell them apart.
  if (known && known.length === list.length && known.every((item, i) => item === list[i])) return known;
  if (sharedLists.size >= SHARED_LISTS_MAX) sharedLists.clear();
  sharedLists.set(key, list);
  return list;
}

function sharedView(doc: SearchDoc): FilterView {
  const view = filterView(doc);
  view.tags = shared(view.tags);
  view.digestNames = shared(view.digestNames);
  view.digestDates = shared(view.digestDates);
  return view;
}

/** The folded title and tags of a paper, and how long the title's part is. */
function headOf(doc: SearchDoc): { head: string; titleLength: number } {
  const title = foldTerm(doc.title);
  // Folding works character by character, so the folded title starts the folded title and tags.
  return { head: doc.tags.length > 0 ? foldTerm(`${doc.title} ${doc.tags.join(' ')}`) : title, titleLength: title.length };
}

/** The entry of a paper; `folded` is its headOf() when known already (a restored paper's, from the snapshot). */
function entryOf(doc: SearchDoc, folded = headOf(doc)): Entry {
  return {
    doc,
    newest: newestDigestTime(doc),
    upvotes: typeof doc.upvotes === 'number' && Number.isFinite(doc.upvotes) ? doc.upvotes : -1,
    titleLength: folded.titleLength,
    head: folded.head,
    view: sharedView(doc),
  };
}

/** Compares the folded titles at the start of two heads, as `<` compares strings: by UTF-16 code unit, a prefix first. */
function compareTitles(a: Entry, b: Entry): number {
  const length = Math.min(a.titleLength, b.titleLength);
  for (let i = 0; i < length; i++) {
    const diff = a.head.charCodeAt(i) - b.head.charCodeAt(i);
    if (diff !== 0) return diff;
  }
  return a.titleLength - b.titleLength;
}

/** Display order: newest digest first, then upvotes, then title, then id so the order is total. */
function compareEntries(a: Entry, b: Entry): number {
  if (a.newest !== b.newest) return b.newest - a.newest;
  if (a.upvotes !== b.upvotes) return b.upvotes - a.upvotes;
  const titles = compareTitles(a, b);
  if (titles !== 0) return titles;
  return a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0;
}

/**
 * Sorts `items` (changed in place or replaced) by a total order, as Array.prototype.sort
 * would, yielding after every `run` items placed: runs of that many are sorted whole, then
 * merged pairwise, so tens of thousands of papers are put in display order in slices.
 * Two runs already in order are copied, not merged: items nearly in order cost about one
 * comparison each.
 */
function* sortSteps<T>(items: T[], compare: (a: T, b: T) => number, run: number): Generator<void, T[]> {
  const n = items.length;
  for (let lo = 0; lo < n; lo += run) {
    const sorted = items.slice(lo, lo + run).sort(compare);
    for (let i = 0; i < sorted.length; i++) items[lo + i] = sorted[i];
    yield;
  }
  let from = items;
  let to = new Array<T>(n);
  for (let width = run; width < n; width *= 2) {
    let placed = 0;
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      if (mid < hi && compare(from[mid - 1], from[mid]) <= 0) {
        for (let k = lo; k < hi; k++) {
          to[k] = from[k];
          if (++placed % run === 0) yield;
        }
        continue;
      }
      let i = lo;
      let j = mid;
      for (let k = lo; k < hi; k++) {
        to[k] = j >= hi || (i < mid && compare(from[i], from[j]) <= 0) ? from[i++] : from[j++];
        if (++placed % run === 0) yield;
      }
    }
    [from, to] = [to, from];
  }
  return from;
}

/** Time of the newest digest holding the paper (0 when nothing dates it). */
export function newestDigestTime(doc: SearchDoc): number {
  let newest = 0;
  for (const digest of Array.isArray(doc.digests) ? doc.digests : []) {
    if (!digest) continue;
    const time = typeof digest.time === 'number' && Number.isFinite(digest.time)
      ? digest.time
      : digestTime(digest.date, typeof digest.name === 'string' ? digest.name : '') ?? 0;
    if (time > newest) newest = time;
  }
  return newest;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** A document as the index sees it: every field a string, whatever the caller passed. */
function sanitize(doc: SearchDoc): SearchDoc {
  return {
    ...doc,
    title: text(doc.title),
    abstract: text(doc.abstract),
    notes: text(doc.notes),
    annotations: text(doc.annotations),
    tags: strings(doc.tags) ?? [],
    authors: strings(doc.authors),
    keywords: strings(doc.keywords),
    digests: Array.isArray(doc.digests) ? doc.digests.filter((d) => d && typeof d === 'object') : [],
  };
}

/** Options for the bulk build that yields to the event loop. */
export interface BulkOptions {
  /** Longest stretch of indexing between two yields, in milliseconds; default 15. */
  sliceMs?: number;
  /** Stops early when it aborts; what was indexed stays indexed. */
  signal?: { readonly aborted: boolean };
}

/** Papers hashed between two yields of a snapshot. */
const HASH_STEP = 5000;
/** Papers hashed or entered between two steps of a restore: a few milliseconds of work. */
const RESTORE_STEP = 64;

export type RestoreOutcome = { ok: true; restored: number; pending: SearchDoc[] } | { ok: false; problem: string };

/** Past this many changes in one batch, sorting everything beats inserting one by one. */
const RESORT_THRESHOLD = 256;

export class PaperSearch {
  private entries = new Map<string, Entry>();
  /** Every entry in display order; kept sorted on each small change, re-sorted after a bulk one (orderedEntries). */
  private ordered: Entry[] = [];
  /** A bulk change left `ordered` unsorted. */
  private orderStale = false;
  private index = new InvertedIndex(SEARCH_FIELDS.length);
  private filterSets = new FilterSets<Entry>();
  private indexed = 0;
  /** Counts every change, so a snapshot taken in steps can tell it was overtaken. */
  private changes = 0;

  get size(): number {
    return this.entries.size;
  }

  /** Papers whose words went through the full-text index since construction: what updates cost. */
  get indexedCount(): number {
    return this.indexed;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get(id: string): SearchDoc | undefined {
    return this.entries.get(id)?.doc;
  }

  /** Adds the paper or replaces the one with the same id. False (and nothing changes) when it has no id. */
  upsert(doc: SearchDoc): boolean {
    if (!doc || typeof doc.id !== 'string' || doc.id === '') return false;
    this.upsertMany([doc]);
    return true;
  }

  /** Bulk add or replace. Papers without an id are skipped; the last of two with one id wins. Returns how many were taken. */
  upsertMany(docs: Iterable<SearchDoc>): number {
    const taken = this.take(docs, false);
    if (!this.orderStale) return taken;
    // A large batch was indexed in one bulk pass: settle now, so the first query pays nothing.
    this.index.flush();
    this.index.settle();
    this.orderedEntries();
    return taken;
  }

  /**
   * Puts a batch in. A small one goes into the index paper by paper and into
   * the display order by insertion. A large one, or any batch of a build in
   * slices (`staged`), is staged for the index's bulk pass and leaves the
   * display order to be sorted once when next needed.
   */
  private take(docs: Iterable<SearchDoc>, staged: boolean): number {
    this.changes++;
    const batch = new Map<string, SearchDoc>();
    for (const doc of docs) {
      if (doc && typeof doc.id === 'string' && doc.id !== '') batch.set(doc.id, sanitize(doc));
    }
    const bulk = staged || batch.size > RESORT_THRESHOLD;
    if (bulk) this.orderStale = true;
    const keepOrder = !this.orderStale;
    const toIndex: { id: string; texts: string[] }[] = [];
    for (const doc of batch.values()) {
      const previous = this.entries.get(doc.id);
      // A digest re-read or a status change leaves the words alone: only the
      // display order and the filters need the new values then.
      const reindex = !previous || !sameIndexedText(previous.doc, doc);
      if (previous) {
        // The old postings are dropped lazily (compacted once they are a quarter of the index), never a rebuild.
        if (reindex) this.index.remove(doc.id, fieldTexts(previous.doc));
        if (keepOrder) this.unorder(previous);
        this.filterSets.remove(previous, previous.view);
      }
      if (reindex && !bulk) this.addToIndex(doc);
      else if (reindex) toIndex.push({ id: doc.id, texts: fieldTexts(doc) });
      const entry = entryOf(doc);
      this.entries.set(doc.id, entry);
      this.filterSets.add(entry, entry.view);
      if (keepOrder) this.order(entry);
    }
    if (toIndex.length > 0) {
      this.indexed += toIndex.length;
      this.index.stage(toIndex);
    }
    return batch.size;
  }

  /** Every entry in display order, sorted first if a bulk change left the order stale. */
  private orderedEntries(): Entry[] {
    if (this.orderStale) {
      this.ordered = [...this.entries.values()].sort(compareEntries);
      this.orderStale = false;
    }
    return this.ordered;
  }

  /**
   * The bulk build in slices with a yield to the event loop between them, so
   * indexing a large workspace never blocks the extension host for long (an
   * abstract costs tens of microseconds, 50,000 of them a few seconds). Each
   * slice is sized from the time the last one took. The slices stage their
   * postings and the build ends with one bulk pass of the index and one sort
   * of the display order: the index add() one by one would give, built as
   * upsertMany builds it. A query between two slices sees every paper staged
   * so far (the index flushes before it answers).
   */
  async upsertManyAsync(docs: readonly SearchDoc[], options: BulkOptions = {}): Promise<number> {
    const sliceMs = Math.max(1, options.sliceMs ?? 15);
    let chunk = 16;
    let taken = 0;
    let start = 0;
    while (start < docs.length && !options.signal?.aborted) {
      if (start > 0) await new Promise<void>((resolve) => setTimeout(resolve, 0));
      const began = Date.now();
      const slice = docs.slice(start, start + chunk);
      start += slice.length;
      taken += this.take(slice, true);
      const spent = Date.now() - began;
      // Aim the next slice at the budget, growing at most fourfold.
      const next = spent > 0 ? Math.floor((slice.length * sliceMs) / spent) : slice.length * 4;
      chunk = Math.max(1, Math.min(next, slice.length * 4));
    }
    this.index.flush();
    this.index.settle();
    this.orderedEntries();
    return taken;
  }

  remove(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.changes++;
    this.index.remove(id, fieldTexts(entry.doc));
    this.entries.delete(id);
    if (!this.orderStale) this.unorder(entry);
    this.filterSets.remove(entry, entry.view);
    return true;
  }

  clear(): void {
    this.changes++;
    this.entries.clear();
    this.ordered = [];
    this.orderStale = false;
    this.index.clear();
    this.filterSets.clear();
  }

  /**
   * The index as bytes (search-snapshot.ts), built in steps: the generator
   * yields between them, so a caller can give the event loop back, and
   * returns undefined when the index changed meanwhile.
   */
  *snapshotSteps(): Generator<void, Uint8Array | undefined> {
    const start = this.changes;
    const steps = this.index.exportState();
    let step = steps.next();
    while (!step.done) {
      yield;
      if (this.changes !== start) return undefined;
      step = steps.next();
    }
    const state = step.value;
    const rankOf = new Map<Entry, number>();
    this.orderedEntries().forEach((entry, rank) => rankOf.set(entry, rank));
    const ranks = new Uint32Array(state.ids.length);
    const titleLengths = new Uint32Array(state.ids.length);
    const heads: string[] = [];
    const hashes = new Uint32Array(2 * state.ids.length);
    for (let paper = 0; paper < state.ids.length; paper++) {
      const entry = this.entries.get(state.ids[paper])!;
      writeTextHash(fieldTexts(entry.doc), hashes, 2 * paper);
      ranks[paper] = rankOf.get(entry)!;
      heads.push(entry.head);
      titleLengths[paper] = entry.titleLength;
      if (paper % HASH_STEP === HASH_STEP - 1) {
        yield;
        if (this.changes !== start) return undefined;
      }
    }
    return encodeSnapshot(state, { hashes, ranks, heads, titleLengths });
  }

  /** snapshotSteps with `pause` awaited between the steps. */
  async snapshot(pause: () => Promise<void> = () => Promise.resolve()): Promise<Uint8Array | undefined> {
    const steps = this.snapshotSteps();
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      await pause();
    }
  }

  /**
   * Replaces everything with a snapshot's index and these papers. A paper the
   * snapshot holds with the same text is not indexed again; the others, and
   * the papers it holds that are no longer here or changed, are dropped from
   * it, and the changed and new ones come back as `pending`, for the caller
   * to upsert (upsertManyAsync: after it the index answers as one built from
   * scratch in the same order). A snapshot that cannot be read changes nothing.
   */
  restore(bytes: Uint8Array, docs: Iterable<SearchDoc>): RestoreOutcome {
    const steps = this.restoreSteps(bytes, docs);
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  }

  /** restoreSteps with `pause` awaited between the steps: a reopened library restores without holding the event loop for long. */
  async restoreAsync(bytes: Uint8Array, docs: Iterable<SearchDoc>, pause: () => Promise<void> = () => Promise.resolve(), step = RESTORE_STEP): Promise<RestoreOutcome> {
    const steps = this.restoreSteps(bytes, docs, step);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      await pause();
    }
  }

  /**
   * restore() in steps: the generator yields between slices of its work (`step` papers
   * hashed or entered, 8 times as many words entered into the index, 256 times as many
   * postings kept), so a caller can give the event loop back. What it builds
   * replaces the index only in its last step: until then searches answer from the index
   * as it was, and the outcome is restore()'s however the steps are spaced. Changes made
   * between the steps are replaced too, as a restore replaces everything.
   */
  *restoreSteps(bytes: Uint8Array, docs: Iterable<SearchDoc>, step = RESTORE_STEP): Generator<void, RestoreOutcome> {
    const every = Math.max(1, Math.floor(step));
    const decoded = yield* decodeSnapshotSteps(bytes, SEARCH_FIELDS.length);
    if (!decoded.ok) return decoded;
    yield;
    // The papers in a list, and where the last of each id is in it: the last of two with one id wins.
    const list: SearchDoc[] = [];
    const byId = new Map<string, number>();
    let count = 0;
    for (const doc of docs) {
      if (doc && typeof doc.id === 'string' && doc.id !== '') {
        byId.set(doc.id, list.length);
        list.push(sanitize(doc));
      }
      if (++count % every === 0) yield;
    }
    const last = new Uint8Array(list.length);
    for (const at of byId.values()) last[at] = 1;
    const { ids, hashes, ranks, heads, titleLengths } = decoded.papers;
    const keep = new Uint8Array(ids.length);
    const taken = new Uint8Array(list.length);
    const hash = new Uint32Array(2);
    const kept: SearchDoc[] = [];
    const keptPapers: number[] = [];
    // A reopened library lists its papers in the order the snapshot holds them, but for the
    // few added or gone: the paper where the last one was found, plus one, is tried before the map.
    let offset = 0;
    for (let paper = 0; paper < ids.length; paper++) {
      if (paper % every === every - 1) yield;
      const guess = paper + offset;
      const at = guess < list.length && last[guess] === 1 && list[guess].id === ids[paper] ? guess : byId.get(ids[paper]);
      if (at === undefined) continue;
      offset = at - paper;
      const doc = list[at];
      writeTextHash(fieldTexts(doc), hash, 0);
      if (hash[0] !== hashes[2 * paper] || hash[1] !== hashes[2 * paper + 1]) continue;
      keep[paper] = 1;
      kept.push(doc);
      keptPapers.push(paper);
      taken[at] = 1;
    }
    const state = yield* keepPapersSteps(decoded.state, keep, every * 256);
    yield;
    const index = yield* InvertedIndex.fromStateSteps(SEARCH_FIELDS.length, state, every * 8);
    yield;
    const entries = new Map<string, Entry>();
    const filterSets = new FilterSets<Entry>();
    // Each entry at the place the snapshot showed it: unless the papers' dates or upvotes
    // changed since, the sort then finds them in order. A place taken or out of range goes last.
    const byRank = new Array<Entry | undefined>(ids.length).fill(undefined);
    const unranked: Entry[] = [];
    for (let i = 0; i < kept.length; i++) {
      if (i % every === every - 1) yield;
      const paper = keptPapers[i];
      // The text hash matched, so the snapshot's head is the fold of this title and these tags.
      const entry = entryOf(kept[i], { head: heads[paper], titleLength: titleLengths[paper] });
      entries.set(entry.doc.id, entry);
      filterSets.add(entry, entry.view);
      const rank = ranks[paper];
      if (rank < byRank.length && byRank[rank] === undefined) byRank[rank] = entry;
      else unranked.push(entry);
    }
    const arranged: Entry[] = [];
    for (const entry of byRank) if (entry) arranged.push(entry);
    const ordered = yield* sortSteps(arranged.concat(unranked), compareEntries, every * 16);
    this.clear();
    this.index = index;
    this.entries = entries;
    this.filterSets = filterSets;
    this.ordered = ordered;
    const pending: SearchDoc[] = [];
    for (const at of byId.values()) if (taken[at] === 0) pending.push(list[at]);
    return { ok: true, restored: kept.length, pending };
  }

  private addToIndex(doc: SearchDoc): void {
    this.indexed++;
    this.index.add(doc.id, fieldTexts(doc));
  }

  search(input: string, limit = 50): SearchResult[] {
    const max = Number.isNaN(limit) ? 50 : Math.max(0, Math.floor(limit));
    if (max === 0) return [];
    const query = parseQuery(typeof input === 'string' ? input : '');
    // Exact words: an exclusion should not guess.
    const excluded = query.excluded.map((group) => queryTerms(group)).filter((group) => group.length > 0);
    const terms = queryTerms(query.words.join(' '), query.open);
    // A word of up to three letters still being typed would expand to a large
    // part of the vocabulary: it narrows by the start of a title or tag word
    // instead, and only if that leaves something does it count as a plain word.
    if (query.open && terms.length > 0 && terms[terms.length - 1].length < MIN_PREFIX) {
      const stub = terms[terms.length - 1];
      const narrowed = this.searchTerms(query, excluded, terms.slice(0, -1), stub, max);
      if (narrowed.length > 0) return narrowed;
    }
    return this.searchTerms(query, excluded, terms, undefined, max);
  }

  private searchTerms(query: ParsedQuery, excluded: string[][], terms: string[], stub: string | undefined, max: number): SearchResult[] {
    const candidates = this.filterSets.candidates(query);
    if (terms.length === 0) {
      const excludedIds = new Set(excluded.flatMap((group) => this.index.papersWithAll(group)));
      return this.browse(max, this.acceptor(query, excludedIds, stub), stub, candidates);
    }
    const accept = this.acceptor(query, new Set(), stub);
    // A filter that leaves a small share of the papers: only those are scored.
    // Telling the index which they are costs a lookup per paper of the group and
    // search stage, whatever the words: past an eighth of the papers, checking the
    // filter on the best scored is cheaper ("inference digest:2024", a quarter of
    // the papers, took 2-6 ms narrowed, under 1 ms checked).
    const only = candidates && candidates.size <= this.entries.size / 8 ? candidates.groups.flatMap((group) => [...group].map((entry) => entry.doc.id)) : undefined;
    const acceptId = accept && ((id: string) => {
      const entry = this.entries.get(id);
      return entry !== undefined && accept(entry);
    });
    const expand = (fuzzy: boolean): QueryWord[] => terms.map((term) => this.index.expand(term, {
      prefix: prefixFor(term),
      fuzzy: fuzzy ? fuzzyFor(term) || 0 : 0,
      prefixWeight: MATCH_WEIGHTS.prefix,
      fuzzyWeight: MATCH_WEIGHTS.fuzzy,
    }));
    const run = (fields: readonly SearchField[], mode: 'and' | 'or', words: QueryWord[]): Stage => {
      const numbers = fields.map(fieldNumber);
      const hits = this.index.run(words, { fields: numbers, mode, accept: acceptId, only, exclude: excluded, limit: max, boosts: BOOSTS });
      return { hits, words, fields: numbers };
    };

    // Cheapest first, stopping as soon as a page is full:
    //   1. titles, tags and the reader's notes, words as typed (and completed):
    //      they outrank abstracts anyway;
    //   2. the abstracts too;
    //   3. typo tolerance, which pulls in the postings of every near word
    //      ("model" -> "modal", "mode"): only when the words as typed leave
    //      the page short.
    const enough = max <= PAGE ? Math.min(max, ENOUGH_FROM_HEAD) : max;
    const exact = expand(false);
    // Fewest papers holding one of the words (or a completion of it).
    const fewest = Math.min(...exact.map((variants) => variants.reduce((n, v) => n + v.term.papers, 0)));
    let stage: Stage = { hits: [], words: exact, fields: [] };
    if (fewest > 0) {
      stage = run(HEAD_FIELDS, 'and', exact);
      if (stage.hits.length < enough) stage = run(SEARCH_FIELDS, 'and', exact);
    }
    // A filter can leave few papers with well-known words: correcting those
    // words would only add their neighbours ("mamba" -> "mambo"), so typos are
    // looked for when a word is held by no paper or nearly none, or nothing matched.
    let typos: QueryWord[] | undefined;
    if (stage.hits.length < enough && (fewest < TYPO_SUSPECT || stage.hits.length === 0)) {
      typos = expand(true);
      // A corrected word is often a common one ("difusion"): titles first again.
      let fuzzy = run(HEAD_FIELDS, 'and', typos);
      if (fuzzy.hits.length < enough) fuzzy = run(SEARCH_FIELDS, 'and', typos);
      if (fuzzy.hits.length > stage.hits.length) stage = fuzzy;
    }
    if (stage.hits.length === 0 && terms.length > 1) {
      // Any of the words: papers matching more of them first, by relevance within each group.
      typos ??= expand(true);
      stage = run(HEAD_FIELDS, 'or', typos);
      if (stage.hits.length < enough) stage = run(SEARCH_FIELDS, 'or', typos);
    }
    return this.toResults(stage, max, stub);
  }

  /** The predicate a paper must pass, or undefined when every paper passes. */
  private acceptor(query: ParsedQuery, excluded: Set<string>, stub: string | undefined): Acceptor | undefined {
    if (query.filters.length === 0 && excluded.size === 0 && stub === undefined) return undefined;
    const filters = compileFilters(query);
    // Reading a paper's id costs a read of its document: only when some paper is excluded.
    return (entry) => (excluded.size === 0 || !excluded.has(entry.doc.id)) && (stub === undefined || startsWord(entry.head, stub)) && filters(entry.view);
  }

  /** No words to rank by: papers in display order, stopping at `limit`. */
  private browse(limit: number, accept: Acceptor | undefined, stub: string | undefined, candidates: Candidates<Entry> | undefined): SearchResult[] {
    const results: SearchResult[] = [];
    // A filter that leaves few papers: picking the first of those beats walking every paper.
    if (candidates && candidates.size <= this.entries.size / 8) {
      const unique = candidates.groups.length === 1 ? candidates.groups[0] : new Set(candidates.groups.flatMap((group) => [...group]));
      return smallest(unique, limit, compareEntries, accept).map((entry) => ({ doc: entry.doc, score: 0, matches: stub === undefined ? [] : stubMatches(entry, stub) }));
    }
    // A rare start ("xq") could walk every paper; past a few thousand the
    // index finds the few title words that start so more cheaply.
    const budget = stub !== undefined && limit <= PAGE ? WALK_BUDGET : Infinity;
    let walked = 0;
    for (const entry of this.orderedEntries()) {
      if (++walked > budget) return this.browseByIndex(limit, accept, stub!);
      if (accept && !accept(entry)) continue;
      results.push({ doc: entry.doc, score: 0, matches: stub === undefined ? [] : stubMatches(entry, stub) });
      if (results.length >= limit) break;
    }
    return results;
  }

  /** Papers with a title or tag word starting with `stub`, found through the index, in display order. */
  private browseByIndex(limit: number, accept: Acceptor | undefined, stub: string): SearchResult[] {
    const entries: Entry[] = [];
    for (const id of this.index.papersWithPrefix(stub, [fieldNumber('title'), fieldNumber('tags')])) {
      const entry = this.entries.get(id);
      if (entry && (!accept || accept(entry))) entries.push(entry);
    }
    return entries.sort(compareEntries).slice(0, limit).map((entry) => ({ doc: entry.doc, score: 0, matches: stubMatches(entry, stub) }));
  }

  private toResults(stage: Stage, limit: number, stub: string | undefined): SearchResult[] {
    const results: SearchResult[] = [];
    for (const hit of stage.hits) {
      const entry = this.entries.get(hit.id);
      if (!entry) continue;
      const matches = this.matchesOf(hit, stage);
      if (stub !== undefined) mergeMatches(matches, stubMatches(entry, stub));
      results.push({ doc: entry.doc, score: hit.score, matches });
      if (results.length >= limit) break;
    }
    return results;
  }

  /** Which words of the query matched in which field, in ranking order of the fields. */
  private matchesOf(hit: Hit, stage: Stage): SearchMatch[] {
    const byField = this.index.matches(hit.paper, stage.words, stage.fields);
    return [...byField.keys()].sort((a, b) => a - b).map((field) => ({ field: SEARCH_FIELDS[field], terms: byField.get(field)! }));
  }

  private order(entry: Entry): void {
    this.ordered.splice(this.position(entry), 0, entry);
  }

  private unorder(entry: Entry): void {
    const at = this.position(entry);
    if (this.ordered[at] === entry) {
      this.ordered.splice(at, 1);
      return;
    }
    // Not where its keys say (cannot happen while entries are immutable); fall back to a scan.
    const found = this.ordered.indexOf(entry);
    if (found >= 0) this.ordered.splice(found, 1);
  }

  /** First index whose entry does not sort before `entry`. */
  private position(entry: Entry): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEntries(this.ordered[mid], entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Does some word of `text` (already folded) start with `stub`? */
function startsWord(text: string, stub: string): boolean {
  for (let at = text.indexOf(stub); at >= 0; at = text.indexOf(stub, at + 1)) {
    if (at === 0 || WORD_SEPARATOR.test(text[at - 1])) return true;
  }
  return false;
}

function stubMatches(entry: Entry, stub: string): SearchMatch[] {
  const matches: SearchMatch[] = [];
  if (startsWord(foldTerm(entry.doc.title), stub)) matches.push({ field: 'title', terms: [stub] });
  if (entry.doc.tags.some((tag) => startsWord(foldTerm(tag), stub))) matches.push({ field: 'tags', terms: [stub] });
  return matches;
}

function mergeMatches(into: SearchMatch[], more: SearchMatch[]): void {
  for (const extra of more) {
    const same = into.find((m) => m.field === extra.field);
    if (same) {
      for (const term of extra.terms) if (!same.terms.includes(term)) same.terms.push(term);
    } else {
      into.push(extra);
    }
  }
  into.sort((a, b) => SEARCH_FIELDS.indexOf(a.field) - SEARCH_FIELDS.indexOf(b.field));
}
