import * as vscode from 'vscode';
import { isDigest, PaperIndex, parseDigest, type Paper } from '../core';
import type { DigestInfo, IndexedPaper, PaperIndexService } from '../services';
import { digestGlobs, isExcludedUri } from './digest-files';
import { TimeSlicer } from './time-slicer';

/** Files larger than this are not read: a digest is tens of kilobytes. */
const MAX_DIGEST_BYTES = 20 * 1024 * 1024;
const EDIT_DEBOUNCE_MS = 250;
const FILE_DEBOUNCE_MS = 150;
/** Files read at once during a scan. */
const READ_CONCURRENCY = 16;
/** During a scan, how often the tree hears of the papers found so far. */
const SCAN_NOTICE_MS = 1000;

interface FileText {
  text: string;
  mtime?: number;
}
/** Documents that can be digests; output channels, diffs of git objects and the like are not. */
const DOCUMENT_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

/**
 * Keeps the core PaperIndex in step with the workspace: the digest files on
 * disk, file events, and the unsaved text of open digests. Parsing happens in
 * time slices so the extension host never blocks for long.
 */
export class WorkspaceIndex implements PaperIndexService, vscode.Disposable {
  private readonly core = new PaperIndex();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly slicer = new TimeSlicer();
  private readonly firstScan: Promise<void>;
  private scanGeneration = 0;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.firstScan = new Promise((resolve) => setTimeout(() => void this.scan().finally(resolve), 0));
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.considerDocument(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document.uri, EDIT_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.onClosed(doc)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('paperReader.digests') || e.affectsConfiguration('paperReader.exclude')) {
          this.rewatch();
          void this.scan();
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.rewatch();
        void this.scan();
      }),
    );
    this.rewatch();
    for (const doc of vscode.workspace.textDocuments) this.considerDocument(doc);
  }

  ready(): Promise<void> {
    return this.firstScan;
  }

  digests(): DigestInfo[] {
    return this.core.digests();
  }

  papers(): IndexedPaper[] {
    return this.core.papers();
  }

  paper(id: string): IndexedPaper | undefined {
    return this.core.paper(id);
  }

  digest(uri: string): DigestInfo | undefined {
    return this.core.digest(uri);
  }

  paperAt(uri: string, line: number): Paper | undefined {
    return this.core.paperAt(uri, line);
  }

  async refresh(uri: vscode.Uri): Promise<void> {
    this.clearTimer(uri.toString());
    await this.load(uri);
    this.fireChanged();
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.watchers.forEach((w) => w.dispose());
    this.disposables.forEach((d) => d.dispose());
  }

  private watchers: vscode.Disposable[] = [];

  private rewatch(): void {
    this.watchers.forEach((w) => w.dispose());
    this.watchers = digestGlobs().map((glob) => {
      const watcher = vscode.workspace.createFileSystemWatcher(glob);
      watcher.onDidCreate((uri) => this.schedule(uri, FILE_DEBOUNCE_MS));
      watcher.onDidChange((uri) => this.schedule(uri, FILE_DEBOUNCE_MS));
      watcher.onDidDelete((uri) => {
        this.clearTimer(uri.toString());
        if (!this.openDocument(uri) && this.core.removeDigest(uri.toString())) this.fireChanged();
      });
      return watcher;
    });
  }

  /** Finds every digest of the workspace; files already known are re-read only when they changed. */
  private async scan(): Promise<void> {
    const generation = ++this.scanGeneration;
    const started = Date.now();
    const exclude = vscode.workspace.getConfiguration('paperReader').get<string[]>('exclude', []);
    const excludeGlob = exclude.length ? `{${exclude.join(',')}}` : undefined;
    const found = new Map<string, vscode.Uri>();
    for (const glob of digestGlobs()) {
      for (const uri of await vscode.workspace.findFiles(glob, excludeGlob)) found.set(uri.toString(), uri);
    }
    for (const info of this.core.digests().slice()) {
      const uri = info.digest.uri;
      if (!found.has(uri) && !this.openDocumentByKey(uri)) this.core.removeDigest(uri);
    }
    // Reads overlap (the file system answers several at once); parsing and merging run
    // one file at a time in short slices. The tree is told every second, not per file:
    // regrouping thousands of papers for every file read would cost more than the reads.
    const uris = [...found.values()];
    await vscode.window.withProgress({ location: { viewId: 'paperReader.papers' } }, async () => {
      let lastNotice = Date.now();
      for (let start = 0; start < uris.length; start += READ_CONCURRENCY) {
        if (generation !== this.scanGeneration) return;
        const batch = uris.slice(start, start + READ_CONCURRENCY);
        const read = await Promise.all(batch.map((uri) => this.read(uri)));
        for (let i = 0; i < batch.length; i++) {
          await this.slicer.yieldIfDue();
          this.apply(batch[i], read[i]);
        }
        if (Date.now() - lastNotice > SCAN_NOTICE_MS) {
          lastNotice = Date.now();
          this.fireChanged();
        }
      }
    });
    if (generation !== this.scanGeneration) return;
    this.fireChanged();
    this.log.info(`indexed ${this.core.digests().length} digests, ${this.core.paperCount} papers from ${found.size} candidate files in ${Date.now() - started} ms`);
  }

  /** Reads one file (or its open editor's text) and updates the index. */
  private async load(uri: vscode.Uri): Promise<void> {
    this.apply(uri, await this.read(uri));
  }

  /** The text of a digest candidate: its open editor's (unsaved edits included) or the file's. */
  private async read(uri: vscode.Uri): Promise<FileText | undefined> {
    if (isExcludedUri(uri)) return undefined;
    const doc = this.openDocument(uri);
    if (doc) return { text: doc.getText() };
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) return undefined;
      if (stat.size > MAX_DIGEST_BYTES) {
        this.log.warn(`skipped ${uri.fsPath}: ${(stat.size / 1048576).toFixed(1)} MB is larger than a digest can be`);
        return undefined;
      }
      return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), mtime: stat.mtime };
    } catch (error) {
      if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) {
        this.log.warn(`could not read ${uri.toString(true)}: ${String(error)}`);
      }
      return undefined;
    }
  }

  /** Parses what was read into the index, or drops the file when it is gone or no digest. */
  private apply(uri: vscode.Uri, file: FileText | undefined): void {
    const key = uri.toString();
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    if (!file || !isDigest(file.text, name)) {
      this.core.removeDigest(key);
      return;
    }
    this.core.setDigest(parseDigest(file.text, key), name, file.mtime ?? this.core.digest(key)?.sortKey);
  }

  private considerDocument(doc: vscode.TextDocument): void {
    if (!DOCUMENT_SCHEMES.has(doc.uri.scheme) || isExcludedUri(doc.uri)) return;
    if (this.core.hasDigest(doc.uri.toString()) || doc.languageId === 'paper-digest' || isDigest(doc.getText(), doc.fileName)) {
      this.schedule(doc.uri, 0);
    }
  }

  private onClosed(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (!this.core.hasDigest(key)) return;
    // Unsaved text is gone with the editor: fall back to the file on disk, if any.
    if (doc.uri.scheme === 'untitled') {
      this.core.removeDigest(key);
      this.fireChanged();
    } else if (doc.isDirty) {
      this.schedule(doc.uri, 0);
    }
  }

  private schedule(uri: vscode.Uri, delay: number): void {
    if (!DOCUMENT_SCHEMES.has(uri.scheme)) return;
    const key = uri.toString();
    const known = this.core.hasDigest(key);
    const doc = this.openDocument(uri);
    if (!known && doc && doc.languageId !== 'paper-digest' && doc.lineCount > 0 && !isDigest(doc.getText(), doc.fileName)) {
      return;
    }
    this.clearTimer(key);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.load(uri).then(() => this.fireChanged());
    }, delay));
  }

  private clearTimer(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    return this.openDocumentByKey(uri.toString());
  }

  private openDocumentByKey(key: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
  }

  private fireChanged(): void {
    this.changed.fire();
  }
}

export function createPaperIndex(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): PaperIndexService {
  const index = new WorkspaceIndex(log);
  context.subscriptions.push(index);
  return index;
}
