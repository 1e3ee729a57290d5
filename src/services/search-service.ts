import type * as vscode from 'vscode';
import { PaperSearch, toSearchDoc, type PaperNote, type SearchDoc, type SearchResult } from '../core';
import type { IndexChange, IndexedPaper, NoteStoreService, PaperIndexService, SearchService } from './index';
import type { StoreLog } from './library/library-store';
import type { SearchSnapshotStore } from './library/search-store';

/** Past this many changed papers, indexing yields to the event loop between slices. */
const ASYNC_BATCH = 200;
/** Quiet time after the last indexing before the snapshot is saved: a burst of changes saves once. */
const SNAPSHOT_DELAY_MS = 10_000;
/** Longest stretch of taking a snapshot between two yields to the event loop, in milliseconds. */
const SNAPSHOT_SLICE_MS = 15;
/** Longest stretch of a sync (papers to search documents, the snapshot's restore) between two yields to the event loop, in milliseconds. */
const SYNC_SLICE_MS = 10;
/**
 * Rest between two slices of a sync no query waits for while the first scan runs: the
 * first sync starts as the library is shown, while the window's other extensions start
 * and the scan lists the files, and takes at most about half of the host then. A query
 * asking, or the scan's end, makes it run at full pace.
 */
const BACKGROUND_REST_MS = 10;

export interface SearchSnapshotOptions {
  /** Where the index's snapshot is kept between windows. */
  snapshots: SearchSnapshotStore;
  log: StoreLog;
  /** Quiet time before a save; SNAPSHOT_DELAY_MS unless a test says otherwise. */
  saveDelayMs?: number;
}

/** Where the index of this window came from: a test (and the bench) ask. */
export interface SearchIndexStats {
  /** 'snapshot' once the first sync restored the saved index, 'built' once it indexed every paper. */
  source: 'snapshot' | 'built' | undefined;
  /** Papers taken back from the snapshot without being indexed again. */
  restored: number;
  /** Papers indexed again after a restore: changed, or new since the snapshot. */
  reindexed: number;
  /** Syncs that walked every paper of the library (the first, and those after a change that did not say what it touched). */
  fullSyncs: number;
  /** Papers looked at by the syncs that looked only at what a change touched. */
  checked: number;
  /** Snapshots this window saved. */
  saved: number;
}

const nextTurn = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Keeps one PaperSearch in step with the index and the notes. The index is
 * restored from its snapshot (or built) in the background as soon as the library
 * is shown, and caught up once the scan ends, so the first search finds it ready.
 * After that, syncing is lazy: changes only note the papers they touched, and the
 * next query brings the index up to date, re-indexing just the papers whose
 * digest entry or note object changed. A large sync runs in time slices, so the
 * extension host is never blocked by it.
 */
export class WorkspaceSearch implements SearchService, vscode.Disposable {
  private readonly search = new PaperSearch();
  private readonly seen = new Map<string, { paper: IndexedPaper['paper']; occurrences: number; isNew: boolean; note: PaperNote | undefined }>();
  private syncing: Promise<void> | undefined;
  /** Queries (and snapshot saves) waiting for a sync: while there are any, it runs without rests. */
  private waiting = 0;
  /** When the running slice of a sync began. */
  private sliceStart = 0;
  /** The first scan still runs: a sync no query waits for rests between its slices. */
  private scanning = true;
  private readonly first: Promise<void>;
  private readonly subscriptions: vscode.Disposable[];
  private readonly snapshotLoad: Promise<Uint8Array | undefined> | undefined;
  private snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  /** The index holds changes no saved snapshot has. */
  private unsaved = false;
  private disposed = false;
  readonly stats: SearchIndexStats = { source: undefined, restored: 0, reindexed: 0, saved: 0, fullSyncs: 0, checked: 0 };
  /**
   * The papers the library's and the notes' changes touched since a sync last took them;
   * 'all' when one did not say (and before the first sync). None: the index is up to date
   * once the running sync ends.
   */
  private touched: Set<string> | 'all' = 'all';

  constructor(private readonly index: PaperIndexService, private readonly store: NoteStoreService, private readonly snapshots?: SearchSnapshotOptions) {
    this.subscriptions = [
      // A notice without a payload says nothing of what it touched.
      index.onDidChange((change?: IndexChange) => this.touch(change?.ids)),
      // The store names the papers whose notes changed: a star costs one paper, not the library.
      store.onDidChange((ids?: readonly string[]) => this.touch(ids)),
    ];
    // Read while the library loads: the first sync needs it at once.
    this.snapshotLoad = snapshots?.snapshots.load();
    // Restored (or built) once the kept library is shown, not before: the window's start comes
    // first. Then caught up with what the scan found, once it ends.
    this.first = index.shown()
      .then(() => this.inBackground())
      .then(() => index.ready())
      .then(() => {
        this.scanning = false;
        return this.inBackground();
      })
      // A library that failed to load has said so itself; the first query tries again.
      .catch(() => undefined);
  }

  /** Resolves once the index holds the library the first scan found (restored or built), or could not. */
  caughtUp(): Promise<void> {
    return this.first;
  }

  async query(input: string, limit = 50): Promise<SearchResult[]> {
    await this.upToDate();
    return this.search.search(input, limit);
  }

  async matchingIds(query: string, limit = 50): Promise<string[]> {
    return (await this.query(query, limit)).map((r) => r.doc.id);
  }

  dispose(): void {
    this.disposed = true;
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.subscriptions.forEach((s) => s.dispose());
  }

  /**
   * Saves the snapshot now if the index holds unsaved changes (what the
   * debounce would do later). False when there was nothing to save or it
   * could not be saved.
   */
  async flushSnapshot(): Promise<boolean> {
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = undefined;
    await this.upToDate();
    if (!this.snapshots || !this.unsaved || this.disposed) return false;
    const started = Date.now();
    let began = started;
    // Yield only once a slice has run its time: a step is small, a turn of the event loop not free.
    const bytes = await this.search.snapshot(async () => {
      if (Date.now() - began < SNAPSHOT_SLICE_MS) return;
      await nextTurn();
      began = Date.now();
    });
    if (!bytes) {
      // The index changed while the snapshot was taken: the next sync schedules another.
      return false;
    }
    this.unsaved = false;
    const saved = await this.snapshots.snapshots.save(bytes);
    if (saved) {
      this.stats.saved++;
      this.snapshots.log.info(`saved the search index snapshot: ${this.search.size} papers, ${(bytes.length / 1e6).toFixed(1)} MB in ${Date.now() - started} ms`);
    } else {
      this.unsaved = true;
    }
    return saved;
  }

  private scheduleSnapshot(): void {
    if (!this.snapshots || !this.unsaved || this.disposed) return;
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      void this.flushSnapshot().catch((error: unknown) => this.snapshots?.log.warn(`could not save the search index snapshot: ${String(error)}`));
    }, this.snapshots.saveDelayMs ?? SNAPSHOT_DELAY_MS);
  }

  /** A sync no query waits for, at low priority; a failure is logged and left to the next query to retry. */
  private async inBackground(): Promise<void> {
    if (this.disposed) return;
    try {
      await this.upToDate(false);
    } catch (error) {
      this.snapshots?.log.warn(`could not prepare the search index: ${String(error)}`);
    }
  }

  /**
   * Resolves once every change seen so far is in the search index. `urgent`: a query
   * waits, so the sync (one already running too) runs without rests until it ends.
   */
  private async upToDate(urgent = true): Promise<void> {
    if (this.touched === 'all' || this.touched.size > 0) {
      const touched = this.touched;
      this.touched = new Set();
      // A sync that failed gave its papers back (sync): this one need not fail with it.
      const previous = (this.syncing ?? Promise.resolve()).catch(() => undefined);
      const run = previous.then(() => this.sync(touched));
      this.syncing = run;
      void run.catch(() => undefined).finally(() => {
        if (this.syncing === run) this.syncing = undefined;
      });
    }
    const syncing = this.syncing;
    if (!syncing) return;
    if (urgent) this.waiting++;
    try {
      await syncing;
    } finally {
      if (urgent) this.waiting--;
    }
  }

  private touch(ids: Iterable<string> | undefined): void {
    if (ids === undefined) this.touched = 'all';
    else if (this.touched !== 'all') for (const id of ids) this.touched.add(id);
  }

  /** The running slice of a sync has run its time. */
  private sliceSpent(): boolean {
    return Date.now() - this.sliceStart >= SYNC_SLICE_MS;
  }

  /** Gives the event loop back between two slices: for a rest while the scan runs and no query waits, else for a turn. */
  private async nextSlice(): Promise<void> {
    await nextTurn(this.scanning && this.waiting === 0 ? BACKGROUND_REST_MS : 0);
    this.sliceStart = Date.now();
  }

  /** The search doc of a paper whose entry or note differs from what was indexed; undefined when neither does. */
  private changedDoc(entry: IndexedPaper): SearchDoc | undefined {
    const note = this.store.get(entry.id);
    const last = this.seen.get(entry.id);
    if (last && last.paper === entry.paper && last.note === note && last.isNew === entry.isNew && last.occurrences === entry.occurrences.length) return undefined;
    this.seen.set(entry.id, { paper: entry.paper, occurrences: entry.occurrences.length, isNew: entry.isNew, note });
    return toSearchDoc(entry, note, (uri) => this.index.digest(uri));
  }

  private forget(id: string): boolean {
    if (!this.seen.delete(id)) return false;
    this.search.remove(id);
    return true;
  }

  /** Brings the index up to date with the papers `touched` names; if it fails, they are left for the next sync. */
  private async sync(touched: Set<string> | 'all'): Promise<void> {
    try {
      await this.syncPapers(touched);
    } catch (error) {
      this.touch(touched === 'all' ? undefined : touched);
      throw error;
    }
  }

  private async syncPapers(given: Set<string> | 'all'): Promise<void> {
    this.sliceStart = Date.now();
    const first = this.stats.source === undefined;
    const touched = first ? 'all' : given;
    let changed: SearchDoc[] = [];
    let removed = 0;
    if (touched === 'all') {
      this.stats.fullSyncs++;
      const live = new Set<string>();
      // In slices: the first sync of a large library turns tens of thousands of papers into
      // search documents. A change meanwhile is noted for the next sync.
      const papers = this.index.papers();
      for (let i = 0; i < papers.length; i++) {
        if (this.sliceSpent()) await this.nextSlice();
        const entry = papers[i];
        live.add(entry.id);
        const doc = this.changedDoc(entry);
        if (doc) changed.push(doc);
      }
      for (const id of this.seen.keys()) if (!live.has(id) && this.forget(id)) removed++;
    } else {
      // Only the papers the changes touched: an edit of one digest costs its papers, not the library's.
      for (const id of touched) {
        if (this.sliceSpent()) await this.nextSlice();
        this.stats.checked++;
        const entry = this.index.paper(id);
        const doc = entry ? this.changedDoc(entry) : undefined;
        if (doc) changed.push(doc);
        else if (!entry && this.forget(id)) removed++;
      }
    }
    if (first) {
      const pending = await this.restore(changed);
      this.stats.source = pending ? 'snapshot' : 'built';
      if (pending) {
        this.stats.reindexed = pending.length;
        // Only what changed since the snapshot is indexed (and then saved).
        changed = pending;
      }
    }
    if (changed.length > ASYNC_BATCH) await this.search.upsertManyAsync(changed);
    else if (changed.length) this.search.upsertMany(changed);
    if (changed.length > 0 || removed > 0) {
      this.unsaved = true;
      this.scheduleSnapshot();
    }
  }

  /**
   * The saved index in place of building one, when there is a snapshot and it
   * holds at least half of these papers as they are: the papers to index on
   * top of it, or undefined when the index is to be built from scratch.
   */
  private async restore(docs: SearchDoc[]): Promise<SearchDoc[] | undefined> {
    const bytes = await this.snapshotLoad;
    if (!bytes || !this.snapshots) return undefined;
    const started = Date.now();
    // Restored in steps, the event loop given back once a slice has run its time: a reopened
    // library of tens of thousands of papers never holds the host for long.
    const outcome = await this.search.restoreAsync(bytes, docs, async () => {
      if (this.sliceSpent()) await this.nextSlice();
    });
    const log = this.snapshots.log;
    if (!outcome.ok) {
      log.info(`discarded the search index snapshot: ${outcome.problem}; the index is built again`);
      return undefined;
    }
    if (outcome.restored < docs.length / 2) {
      this.search.clear();
      log.info(`discarded the search index snapshot: it holds ${outcome.restored} of the library's ${docs.length} papers as they are (another library); the index is built again`);
      return undefined;
    }
    log.info(`search index restored from its snapshot: ${outcome.restored} papers, ${outcome.pending.length} to index again, in ${Date.now() - started} ms`);
    this.stats.restored = outcome.restored;
    return outcome.pending;
  }
}
