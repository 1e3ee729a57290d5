import * as vscode from 'vscode';
import { SimilarPapers, similarInputOf, DEFAULT_SIMILAR_LIMIT, type SimilarInput, type SimilarPaper } from '../core';
import { nextTurn } from './library/next-turn';
import type { IndexChange, IndexedPaper, PaperIndexService, SimilarService } from './index';

/** Past this many changed papers, the model is updated in time slices. */
const ASYNC_BATCH = 200;
/** The longest stretch a sync walks the library's papers before it gives the event loop back. */
const SLICE_MS = 8;

/**
 * Keeps one SimilarPapers model in step with the library. The first build waits for the
 * workspace scan and runs in time slices after it, so opening the window never waits for
 * it; after that, a library change re-indexes only the papers whose entry changed.
 */
export class WorkspaceSimilar implements SimilarService, vscode.Disposable {
  private readonly model = new SimilarPapers();
  private readonly seen = new Map<string, IndexedPaper['paper']>();
  private built = false;
  private stale = false;
  private syncing: Promise<void> | undefined;
  private disposed = false;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private readonly first: Promise<void>;
  /** The papers the library's changes touched since the last sync; 'all' when one did not say. */
  private touched: Set<string> | 'all' = 'all';
  /** Syncs that walked every paper, and papers looked at by the others: counted for the tests. */
  readonly stats = { fullSyncs: 0, checked: 0 };

  /**
   * `after`: what the first build waits for besides the first scan. The search index comes
   * first: a reopened window's first search waits for it, and the two builds would share the
   * host's time.
   */
  constructor(private readonly index: PaperIndexService, log: Pick<vscode.LogOutputChannel, 'error' | 'info'>, after: Promise<void> = Promise.resolve()) {
    this.first = Promise.all([index.ready(), after]).then(() => this.sync()).then(() => {
      this.built = true;
      log.info(`similar papers: indexed ${this.model.size} papers`);
      this.changed.fire();
    }, (error: unknown) => log.error(`similar papers: the first build failed: ${String(error)}`));
    this.subscriptions = [this.changed, index.onDidChange((change?: IndexChange) => {
      // A notice without a payload says nothing of what it touched.
      if (change?.ids === undefined) this.touched = 'all';
      else if (this.touched !== 'all') for (const id of change.ids) this.touched.add(id);
      this.schedule();
    })];
  }

  isReady(): boolean {
    return this.built;
  }

  ready(): Promise<void> {
    return this.first;
  }

  similar(id: string, limit = DEFAULT_SIMILAR_LIMIT): SimilarPaper[] {
    return this.model.similar(id, limit);
  }

  dispose(): void {
    this.disposed = true;
    this.subscriptions.forEach((s) => s.dispose());
  }

  /** Brings the model up to date after the current sync, then tells the listeners. */
  private schedule(): void {
    if (this.stale) return;
    this.stale = true;
    // A change during the first build waits for it.
    const previous = this.syncing ?? this.first;
    const run = previous.then(async () => {
      this.stale = false;
      if (await this.sync()) this.changed.fire();
    });
    this.syncing = run;
    void run.finally(() => {
      if (this.syncing === run) this.syncing = undefined;
    });
  }

  /**
   * Re-indexes the papers whose entry changed and drops the ones gone; true when anything
   * changed. Only the papers the changes touched are looked at, unless one did not say.
   */
  private async sync(): Promise<boolean> {
    if (this.disposed) return false;
    const touched = this.touched;
    this.touched = new Set();
    const inputs: SimilarInput[] = [];
    let removed = 0;
    const take = (entry: IndexedPaper) => {
      if (this.seen.get(entry.id) === entry.paper) return;
      this.seen.set(entry.id, entry.paper);
      inputs.push(similarInputOf(entry));
    };
    // Walking every paper of a library of years takes a few hundred milliseconds: in slices.
    let sliceStart = performance.now();
    let steps = 0;
    const sliceSpent = () => (++steps & 63) === 0 && performance.now() - sliceStart >= SLICE_MS;
    const nextSlice = async () => {
      await nextTurn();
      sliceStart = performance.now();
    };
    const drop = (id: string) => {
      if (!this.seen.delete(id)) return;
      this.model.remove(id);
      removed++;
    };
    if (touched === 'all') {
      this.stats.fullSyncs++;
      const live = new Set<string>();
      for (const entry of this.index.papers()) {
        live.add(entry.id);
        take(entry);
        if (sliceSpent()) await nextSlice();
      }
      for (const id of [...this.seen.keys()]) {
        if (!live.has(id)) drop(id);
        if (sliceSpent()) await nextSlice();
      }
    } else {
      for (const id of touched) {
        this.stats.checked++;
        const entry = this.index.paper(id);
        if (entry) take(entry);
        else drop(id);
        if (sliceSpent()) await nextSlice();
      }
    }
    if (this.disposed) return false;
    if (inputs.length > ASYNC_BATCH) await this.model.upsertManyAsync(inputs);
    else this.model.upsertMany(inputs);
    return inputs.length > 0 || removed > 0;
  }
}
