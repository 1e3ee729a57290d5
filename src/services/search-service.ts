import type * as vscode from 'vscode';
import { PaperSearch, toSearchDoc, type PaperNote, type SearchDoc, type SearchResult } from '../core';
import type { IndexedPaper, NoteStoreService, PaperIndexService, SearchService } from './index';
import type { StoreLog } from './library/library-store';
import type { SearchSnapshotStore } from './library/search-store';

/** Past this many changed papers, indexing yields to the event loop between slices. */
const ASYNC_BATCH = 200;
/** Quiet time after the last indexing before the snapshot is saved: a burst of changes saves once. */
const SNAPSHOT_DELAY_MS = 10_000;
/** Longest stretch of taking a snapshot between two yields to the event loop, in milliseconds. */
const SNAPSHOT_SLICE_MS = 15;

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
  /** Snapshots this window saved. */
  saved: number;
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Keeps one PaperSearch in step with the index and the notes. Syncing is lazy:
 * changes only mark the index stale, and the next query brings it up to date,
 * re-indexing just the papers whose digest entry or note object changed. A
 * large catch-up (the first search in a big workspace) runs in time slices, so
 * the extension host is never blocked by it.
 */
export class WorkspaceSearch implements SearchService, vscode.Disposable {
  private readonly search = new PaperSearch();
  private readonly seen = new Map<string, { paper: IndexedPaper['paper']; occurrences: number; isNew: boolean; note: PaperNote | undefined }>();
  private stale = true;
  private syncing: Promise<void> | undefined;
  private readonly subscriptions: vscode.Disposable[];
  private readonly snapshotLoad: Promise<Uint8Array | undefined> | undefined;
  private snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  /** The index holds changes no saved snapshot has. */
  private unsaved = false;
  private disposed = false;
  readonly stats: SearchIndexStats = { source: undefined, restored: 0, reindexed: 0, saved: 0 };

  constructor(private readonly index: PaperIndexService, private readonly store: NoteStoreService, private readonly snapshots?: SearchSnapshotOptions) {
    this.subscriptions = [index.onDidChange(() => (this.stale = true)), store.onDidChange(() => (this.stale = true))];
    // Read while the library loads: the first search needs it at once.
    this.snapshotLoad = snapshots?.snapshots.load();
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

  /** Resolves once every change seen so far is in the search index. */
  private upToDate(): Promise<void> {
    if (this.stale) {
      this.stale = false;
      const previous = this.syncing ?? Promise.resolve();
      const run = previous.then(() => this.sync());
      this.syncing = run;
      void run.finally(() => {
        if (this.syncing === run) this.syncing = undefined;
      });
    }
    return this.syncing ?? Promise.resolve();
  }

  private async sync(): Promise<void> {
    const first = this.stats.source === undefined;
    let changed: SearchDoc[] = [];
    const live = new Set<string>();
    for (const entry of this.index.papers()) {
      live.add(entry.id);
      const note = this.store.get(entry.id);
      const last = this.seen.get(entry.id);
      if (last && last.paper === entry.paper && last.note === note && last.isNew === entry.isNew && last.occurrences === entry.occurrences.length) continue;
      this.seen.set(entry.id, { paper: entry.paper, occurrences: entry.occurrences.length, isNew: entry.isNew, note });
      changed.push(toSearchDoc(entry, note, (uri) => this.index.digest(uri)));
    }
    let removed = 0;
    for (const id of this.seen.keys()) {
      if (!live.has(id)) {
        this.seen.delete(id);
        this.search.remove(id);
        removed++;
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
    const outcome = this.search.restore(bytes, docs);
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
    log.info(`search index restored from its snapshot: ${outcome.restored} papers, ${outcome.pending.length} to index again`);
    this.stats.restored = outcome.restored;
    return outcome.pending;
  }
}
