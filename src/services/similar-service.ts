import * as vscode from 'vscode';
import { SimilarPapers, similarInputOf, DEFAULT_SIMILAR_LIMIT, type SimilarPaper } from '../core';
import type { IndexedPaper, PaperIndexService, SimilarService } from './index';

/** Past this many changed papers, the model is updated in time slices. */
const ASYNC_BATCH = 200;

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

  constructor(private readonly index: PaperIndexService, log: Pick<vscode.LogOutputChannel, 'error' | 'info'>) {
    this.first = index.ready().then(() => this.sync()).then(() => {
      this.built = true;
      log.info(`similar papers: indexed ${this.model.size} papers`);
      this.changed.fire();
    }, (error: unknown) => log.error(`similar papers: the first build failed: ${String(error)}`));
    this.subscriptions = [this.changed, index.onDidChange(() => this.schedule())];
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

  /** Re-indexes the papers whose entry changed and drops the ones gone; true when anything changed. */
  private async sync(): Promise<boolean> {
    if (this.disposed) return false;
    const changed: IndexedPaper[] = [];
    const live = new Set<string>();
    for (const entry of this.index.papers()) {
      live.add(entry.id);
      if (this.seen.get(entry.id) === entry.paper) continue;
      this.seen.set(entry.id, entry.paper);
      changed.push(entry);
    }
    let removed = 0;
    for (const id of this.seen.keys()) {
      if (live.has(id)) continue;
      this.seen.delete(id);
      this.model.remove(id);
      removed++;
    }
    const inputs = changed.map(similarInputOf);
    if (inputs.length > ASYNC_BATCH) await this.model.upsertManyAsync(inputs);
    else this.model.upsertMany(inputs);
    return inputs.length > 0 || removed > 0;
  }
}
