import * as vscode from 'vscode';
import { digestCacheKey, digestFormat, isDigest, PaperIndex, parseHfText, textHash, type Digest, type Paper } from '../../core';
import type { DigestInfo, IndexedPaper, PaperIndexService } from '../index';
import { DigestCacheStore } from './digest-cache-store';
import { digestGlobs, isExcludedUri, storageFolderSetting } from './digest-files';
import { DigestWorkerClient } from './digest-worker-client';
import { TimeSlicer } from './time-slicer';

/** Files larger than this are not read: a digest is tens of kilobytes. */
const MAX_DIGEST_BYTES = 20 * 1024 * 1024;
const EDIT_DEBOUNCE_MS = 250;
const FILE_DEBOUNCE_MS = 150;
/** Files read at once during a scan. */
const READ_CONCURRENCY = 16;
/** During a scan, how often the tree hears of the papers found so far. */
const SCAN_NOTICE_MS = 1000;
/** Markdown digests handed to the worker and not yet back, at most, during a scan. */
const PARSE_IN_FLIGHT = 32;
/** The cache is written this long after the last change to a Markdown digest. */
const CACHE_WRITE_DEBOUNCE_MS = 2000;

export interface WorkspaceIndexOptions {
  /** Folder for the cache of parsed Markdown digests (the workspace's storage); none: no cache. */
  storageUri?: vscode.Uri;
  /** dist/digest-worker.js; none: Markdown digests are parsed on the host. */
  workerScript?: vscode.Uri;
}

/** How the index got each digest it holds: counted for the tests and the log. */
export interface IndexStats {
  /** Markdown digests parsed by the digest worker. */
  offThread: number;
  /** Markdown digests parsed on the host (no worker, or it failed). */
  onHost: number;
  /** Markdown digests read from the cache. */
  fromCache: number;
  /** Files read again whose text had not changed, so not parsed again. */
  unchanged: number;
  /** Plain-text digests, parsed on the host in time slices. */
  plainText: number;
}

export type DigestSource = 'worker' | 'host' | 'cache' | 'plain-text';

/** What the index knows of the text behind each digest. */
interface IndexedText {
  hash: string;
  mtime?: number;
  source: DigestSource;
}

interface FileText {
  text: string;
  mtime?: number;
}
/** Documents that can be digests; output channels, diffs of git objects and the like are not. */
const DOCUMENT_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

/**
 * Keeps the core PaperIndex in step with the workspace: the digest files on
 * disk, file events, and the unsaved text of open digests. Plain-text digests
 * are parsed on the host in time slices; Markdown digests (remark is slow) are
 * parsed by a worker thread, or read from the cache of an earlier session, so
 * the extension host never blocks for long. A file whose text did not change
 * is not parsed again.
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
  /** Bumped for a file each time its text is read or it is removed: a parse of older text is dropped. */
  private readonly versions = new Map<string, number>();
  private nextVersion = 0;
  private readonly texts = new Map<string, IndexedText>();
  private readonly parser: DigestWorkerClient;
  private readonly cache: DigestCacheStore | undefined;
  private cacheTimer: ReturnType<typeof setTimeout> | undefined;
  private cacheDirty = false;
  private disposed = false;
  readonly stats: IndexStats = { offThread: 0, onHost: 0, fromCache: 0, unchanged: 0, plainText: 0 };

  constructor(private readonly log: vscode.LogOutputChannel, options: WorkspaceIndexOptions = {}) {
    this.parser = new DigestWorkerClient(options.workerScript?.fsPath, log);
    this.cache = options.storageUri ? new DigestCacheStore(options.storageUri, log) : undefined;
    this.firstScan = new Promise((resolve) => setTimeout(() => void this.scan().finally(resolve), 0));
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.considerDocument(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document.uri, EDIT_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.onClosed(doc)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('paperReader.storageFolder')) this.storageFolders = new Map();
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

  /** Reads the workspace again, as a change of settings or folders does. */
  rescan(): Promise<void> {
    return this.scan();
  }

  /** How the digest of this file was obtained, for tests. */
  sourceOf(uri: string): DigestSource | undefined {
    return this.core.hasDigest(uri) ? this.texts.get(uri)?.source : undefined;
  }

  /** Writes the cache now, if anything changed since it was last written. */
  async flushCache(): Promise<void> {
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = undefined;
    if (!this.cache || !this.cacheDirty || this.disposed) return;
    this.cacheDirty = false;
    await this.cache.write(this.cacheEntries(), this.slicer);
  }

  /** The Markdown digests of the index, by cache key: what the cache should hold. */
  private cacheEntries(): Map<string, () => Digest> {
    const entries = new Map<string, () => Digest>();
    for (const [uri, text] of this.texts) {
      const indexed = this.core.digest(uri);
      if (indexed && text.source !== 'plain-text') entries.set(digestCacheKey(text.hash), () => indexed.digest);
    }
    return entries;
  }

  async refresh(uri: vscode.Uri): Promise<void> {
    this.clearTimer(uri.toString());
    await this.load(uri);
    this.fireChanged();
  }

  dispose(): void {
    this.disposed = true;
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.parser.dispose();
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
        if (!this.openDocument(uri) && this.remove(uri.toString())) this.fireChanged();
      });
      return watcher;
    });
  }

  /** Finds every digest of the workspace; files already known are re-read only when they changed. */
  private async scan(): Promise<void> {
    const generation = ++this.scanGeneration;
    const started = Date.now();
    this.storageFolders = new Map();
    const exclude = vscode.workspace.getConfiguration('paperReader').get<string[]>('exclude', []);
    const excludeGlob = exclude.length ? `{${exclude.join(',')}}` : undefined;
    const found = new Map<string, vscode.Uri>();
    for (const glob of digestGlobs()) {
      for (const uri of await vscode.workspace.findFiles(glob, excludeGlob)) found.set(uri.toString(), uri);
    }
    // Digests no longer matched, and files whose parse is under way, leave the index.
    for (const uri of [...this.versions.keys()]) {
      if (!found.has(uri) && !this.openDocumentByKey(uri)) this.remove(uri);
    }
    // Reads overlap (the file system answers several at once); parsing and merging run
    // one file at a time in short slices. The tree is told every second, not per file:
    // regrouping thousands of papers for every file read would cost more than the reads.
    // Markdown digests go to the worker (or the cache) while reading goes on.
    const uris = [...found.values()];
    const before = { ...this.stats };
    await vscode.window.withProgress({ location: { viewId: 'paperReader.papers' } }, async () => {
      let lastNotice = Date.now();
      const inFlight = new Set<Promise<void>>();
      for (let start = 0; start < uris.length; start += READ_CONCURRENCY) {
        if (generation !== this.scanGeneration) return;
        const batch = uris.slice(start, start + READ_CONCURRENCY);
        const read = await Promise.all(batch.map((uri) => this.read(uri)));
        for (let i = 0; i < batch.length; i++) {
          await this.slicer.yieldIfDue();
          const parsing = this.apply(batch[i], read[i]);
          if (parsing) {
            inFlight.add(parsing);
            void parsing.finally(() => inFlight.delete(parsing));
          }
          while (inFlight.size >= PARSE_IN_FLIGHT) await Promise.race(inFlight);
        }
        if (Date.now() - lastNotice > SCAN_NOTICE_MS) {
          lastNotice = Date.now();
          this.fireChanged();
        }
      }
      await Promise.all(inFlight);
    });
    if (generation !== this.scanGeneration) return;
    this.fireChanged();
    const count = (key: keyof IndexStats) => this.stats[key] - before[key];
    this.log.info(`indexed ${this.core.digests().length} digests, ${this.core.paperCount} papers from ${found.size} candidate files in ${Date.now() - started} ms`
      + ` (Markdown: ${count('offThread')} parsed by the worker, ${count('onHost')} on the host, ${count('fromCache')} from the cache; ${count('unchanged')} unchanged)`);
    // Files deleted since the cache was written leave it too.
    if (this.cache && !(await this.cache.holdsExactly(new Set(this.cacheEntries().keys())))) this.cacheDirty = true;
    this.scheduleCacheWrite();
  }

  /** Reads one file (or its open editor's text) and updates the index. */
  private async load(uri: vscode.Uri): Promise<void> {
    const file = await this.read(uri);
    await this.apply(uri, file);
    this.scheduleCacheWrite();
  }

  /** The notes folder setting per workspace folder, read once per scan (see isExcludedUri). */
  private storageFolders = new Map<string, string>();

  private storageFolderOf(uri: vscode.Uri): string {
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '';
    let storage = this.storageFolders.get(folder);
    if (storage === undefined) {
      storage = storageFolderSetting(uri);
      this.storageFolders.set(folder, storage);
    }
    return storage;
  }

  /** The text of a digest candidate: its open editor's (unsaved edits included) or the file's. */
  private async read(uri: vscode.Uri): Promise<FileText | undefined> {
    if (isExcludedUri(uri, this.storageFolderOf(uri))) return undefined;
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

  /**
   * Parses what was read into the index, or drops the file when it is gone or no digest.
   * A plain-text digest is parsed here; a Markdown digest comes from the cache or the
   * worker, and the promise settles once it is in the index (or superseded by newer text).
   */
  private apply(uri: vscode.Uri, file: FileText | undefined): Promise<void> | undefined {
    const key = uri.toString();
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    // Whether a Markdown file is a digest is asked where it is parsed (the worker): the
    // question parses its head with remark.
    const markdown = file !== undefined && digestFormat(file.text, key) === 'markdown';
    if (!file || (!markdown && !isDigest(file.text, name))) {
      this.remove(key);
      return undefined;
    }
    const version = ++this.nextVersion;
    this.versions.set(key, version);
    const hash = textHash(file.text);
    const known = this.texts.get(key);
    const indexed = this.core.digest(key);
    if (indexed && known?.hash === hash) {
      // Same text as indexed (a rescan, a save without changes): only the file's date may be new.
      this.stats.unchanged++;
      if (file.mtime !== undefined && file.mtime !== known.mtime) {
        known.mtime = file.mtime;
        this.core.setDigest(indexed.digest, name, file.mtime);
      }
      return undefined;
    }
    if (!markdown) {
      this.stats.plainText++;
      this.set(key, name, parseHfText(file.text, key), { hash, mtime: file.mtime, source: 'plain-text' });
      return undefined;
    }
    return this.applyMarkdown(key, name, file, hash, version).catch((error: unknown) => {
      this.log.error(`could not parse ${uri.toString(true)}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    });
  }

  private async applyMarkdown(key: string, name: string, file: FileText, hash: string, version: number): Promise<void> {
    const cached = await this.cache?.lookup(digestCacheKey(hash), key);
    if (this.versions.get(key) !== version || this.disposed) return;
    if (cached) {
      this.stats.fromCache++;
      this.set(key, name, cached, { hash, mtime: file.mtime, source: 'cache' });
      return;
    }
    const { digest, offThread } = await this.parser.parse(file.text, key, name);
    // Newer text of this file was read (or it was removed) while this one was parsed.
    if (this.versions.get(key) !== version || this.disposed) return;
    if (!digest) {
      this.remove(key);
      return;
    }
    if (offThread) this.stats.offThread++;
    else this.stats.onHost++;
    this.cacheDirty = true;
    this.set(key, name, digest, { hash, mtime: file.mtime, source: offThread ? 'worker' : 'host' });
  }

  private set(key: string, name: string, digest: Digest, text: IndexedText): void {
    this.core.setDigest(digest, name, text.mtime ?? this.core.digest(key)?.sortKey);
    const previous = this.texts.get(key);
    if (previous && previous.source !== 'plain-text' && text.source === 'plain-text') this.cacheDirty = true;
    this.texts.set(key, text);
  }

  /** Drops a file from the index, and any parse of it under way. */
  private remove(key: string): boolean {
    if (this.versions.delete(key)) this.parser.forget(key);
    const previous = this.texts.get(key);
    if (previous && previous.source !== 'plain-text') this.cacheDirty = true;
    this.texts.delete(key);
    return this.core.removeDigest(key);
  }

  /** The cache follows the Markdown digests, written once things have been quiet for a while. */
  private scheduleCacheWrite(): void {
    if (!this.cache || !this.cacheDirty || this.disposed) return;
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = setTimeout(() => {
      this.cacheTimer = undefined;
      void this.flushCache().catch((error: unknown) => this.log.warn(`could not write the digest cache: ${String(error)}`));
    }, CACHE_WRITE_DEBOUNCE_MS);
  }

  private considerDocument(doc: vscode.TextDocument): void {
    if (!DOCUMENT_SCHEMES.has(doc.uri.scheme) || isExcludedUri(doc.uri)) return;
    if (this.core.hasDigest(doc.uri.toString()) || doc.languageId === 'paper-digest' || mayBeDigest(doc)) {
      this.schedule(doc.uri, 0);
    }
  }

  private onClosed(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (!this.core.hasDigest(key)) return;
    // Unsaved text is gone with the editor: fall back to the file on disk, if any.
    if (doc.uri.scheme === 'untitled') {
      this.remove(key);
      this.fireChanged();
    } else {
      // Back to the file on disk: gone if it was deleted while open, and not parsed again if unchanged.
      this.schedule(doc.uri, 0);
    }
  }

  private schedule(uri: vscode.Uri, delay: number): void {
    if (!DOCUMENT_SCHEMES.has(uri.scheme)) return;
    const key = uri.toString();
    const known = this.core.hasDigest(key);
    const doc = this.openDocument(uri);
    if (!known && doc && doc.languageId !== 'paper-digest' && doc.lineCount > 0 && !mayBeDigest(doc)) {
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

/** A Markdown document is left to the worker to decide; a plain-text one is checked here (it is cheap). */
function mayBeDigest(doc: vscode.TextDocument): boolean {
  const text = doc.getText();
  return digestFormat(text, doc.uri.toString()) === 'markdown' || isDigest(text, doc.fileName);
}

export function createPaperIndex(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): PaperIndexService {
  const index = new WorkspaceIndex(log, {
    storageUri: context.storageUri,
    workerScript: vscode.Uri.joinPath(context.extensionUri, 'dist', 'digest-worker.js'),
  });
  context.subscriptions.push(index);
  return index;
}
