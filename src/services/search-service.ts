import type * as vscode from 'vscode';
import { PaperSearch, toSearchDoc, type PaperNote, type SearchResult } from '../core';
import type { IndexedPaper, NoteStoreService, PaperIndexService, SearchService } from './index';

/** Past this many changed papers, indexing yields to the event loop between slices. */
const ASYNC_BATCH = 200;

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

  constructor(private readonly index: PaperIndexService, private readonly store: NoteStoreService) {
    this.subscriptions = [index.onDidChange(() => (this.stale = true)), store.onDidChange(() => (this.stale = true))];
  }

  async query(input: string, limit = 50): Promise<SearchResult[]> {
    await this.upToDate();
    return this.search.search(input, limit);
  }

  async matchingIds(query: string, limit = 50): Promise<string[]> {
    return (await this.query(query, limit)).map((r) => r.doc.id);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
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
    const changed = [];
    const live = new Set<string>();
    for (const entry of this.index.papers()) {
      live.add(entry.id);
      const note = this.store.get(entry.id);
      const last = this.seen.get(entry.id);
      if (last && last.paper === entry.paper && last.note === note && last.isNew === entry.isNew && last.occurrences === entry.occurrences.length) continue;
      this.seen.set(entry.id, { paper: entry.paper, occurrences: entry.occurrences.length, isNew: entry.isNew, note });
      changed.push(toSearchDoc(entry, note, (uri) => this.index.digest(uri)));
    }
    for (const id of this.seen.keys()) {
      if (!live.has(id)) {
        this.seen.delete(id);
        this.search.remove(id);
      }
    }
    if (changed.length > ASYNC_BATCH) await this.search.upsertManyAsync(changed);
    else if (changed.length) this.search.upsertMany(changed);
  }
}
