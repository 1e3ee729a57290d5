import * as vscode from 'vscode';
import {
  DIGEST_SNIFF_LENGTH, digestChange, headText, PaperIndex, parseDigest, recordMatches, SNIFF_BYTES, sniffDigest, textHash,
  type Digest, type LibraryRecord, type Paper,
} from '../../core';
import type { DigestInfo, IndexChange, IndexedPaper, PaperIndexService } from '../index';
import { affectsCandidates, digestGlobs, isExcludedUri, listCandidates, maxFileBytes, storageFolderSetting } from './digest-files';
import { candidateFilesFor } from './candidate-files';
import { DigestWorkerClient } from './digest-worker-client';
import type { LibraryHost } from './library-host';
import { LibraryStore } from './library-store';
import { atomicFiles, type RenameOver } from '../../shared/files';
import { storeFilesIn } from './store-files';
import { Debounced } from './debounced';
import { nextTurn } from './next-turn';
import { TimeSlicer } from './time-slicer';

const EDIT_DEBOUNCE_MS = 250;
const FILE_DEBOUNCE_MS = 150;
/** New files are looked for this long after the last event about a file the index does not know. */
const LISTING_DEBOUNCE_MS = 300;
/** Created paths looked at one by one to see whether a folder is among them; past this many, the candidates are listed again at once. */
const MAX_CREATED_STATS = 50;
/**
 * VS Code's file watcher folds a creation and a deletion that fall in one batch of its
 * events into none. A file read by a listing or a refresh rather than for an event of its
 * own may be such a file, so it is looked at once more after this long, when any batch that
 * held its creation has been told.
 */
const RECHECK_MS = 2000;
/** Files examined at once during a scan. */
const READ_CONCURRENCY = 16;
/** During a scan, how often the tree hears of the papers found so far. */
const SCAN_NOTICE_MS = 1000;
/** The library is saved this long after the last change to what the index knows of the files. */
const STORE_WRITE_DEBOUNCE_MS = 2000;
/** Papers settled between two looks at the time slice (a few ms of work). */
const SETTLE_STEP = 1000;
/**
 * A file read less than this long after it changed may change again within the same tick
 * of a coarse clock (FAT counts in 2 s) without its size or time showing it.
 */
const RACY_MS = 2000;

export interface WorkspaceIndexOptions {
  /** What differs between a Node and a browser extension host: the local disk, the digest worker. */
  host: LibraryHost;
  /** Folder for the library kept between sessions (the workspace's storage); none: nothing is kept. */
  storageUri?: vscode.Uri;
  /** dist/digest-worker.js; none (or a host without workers): Markdown digests are parsed on the host. */
  workerScript?: vscode.Uri;
  /** How the kept library replaces its file in one step: the extension's own (see atomicFiles); none: one made from the host's rename. */
  renameOver?: RenameOver;
  /** Follow file events (the default). Off, the index only scans: a window opened later, as tests make one. */
  watchFiles?: boolean;
}

/** How the index got each digest it holds and what it read to get there: counted for the tests and the log. */
export interface IndexStats {
  /** Markdown digests parsed by the digest worker. */
  offThread: number;
  /** Markdown digests parsed on the host (no worker, or it failed). */
  onHost: number;
  /** Plain-text digests, parsed on the host in time slices. */
  plainText: number;
  /** Digests taken from the library kept between sessions, their files not read. */
  fromStore: number;
  /** Digests found again whose text had not changed (its size and time, or its text), so not parsed again. */
  unchanged: number;
  /** Candidate files whose bytes were read, so that the head of their text was checked. */
  sniffed: number;
  /** Of those, the files whose head showed no digest: their text was never decoded whole nor parsed. */
  rejected: number;
  /** Files whose whole text was decoded, to be parsed or compared, because their head was a digest's. */
  readWhole: number;
  /** Bytes of candidate files read. */
  bytesRead: number;
  /** Files not read because they are larger than paperReader.maxFileSize. */
  tooLarge: number;
}

export type DigestSource = 'worker' | 'host' | 'plain-text' | 'store';

/** What the index knows of the text behind each digest it holds. */
interface IndexedText {
  hash: string;
  mtime?: number;
  source: DigestSource;
}

/** What the index knows of a candidate file on disk: what the library keeps, and how its digest was had. */
interface FileState {
  record: LibraryRecord;
  source: DigestSource;
}

/** Documents that can be digests; output channels, diffs of git objects and the like are not. */
const DOCUMENT_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function sameRecord(a: LibraryRecord | undefined, b: LibraryRecord): boolean {
  return a !== undefined && a.size === b.size && a.mtime === b.mtime && a.racy === b.racy && a.hash === b.hash && a.digest === b.digest;
}

/**
 * Keeps the core PaperIndex in step with the workspace: the candidate files on disk (the
 * digest globs, less files.exclude, search.exclude and paperReader.exclude), file
 * events, and the unsaved text of open digests.
 *
 * A candidate costs as little as it can: a file whose size and time are those the
 * library kept from an earlier session is not read at all; a file larger than a digest
 * can be is not read; any other is read and the head of its text checked, and only a
 * file whose head is a digest's is decoded whole and parsed. VS Code's file API has no
 * ranged read, so a file under the size limit is read whole as bytes, but an ordinary
 * file's bytes are never decoded past their head, parsed, or sent to the worker.
 * Plain-text digests are parsed on the host in time slices; Markdown digests (remark is
 * slow) are checked and parsed by a worker thread, so the host never blocks for long.
 */
export class WorkspaceIndex implements PaperIndexService, vscode.Disposable {
  private readonly core = new PaperIndex();
  private readonly changed = new vscode.EventEmitter<IndexChange>();
  /** What changed since the listeners were last told: the ids of the papers touched, or 'all'; undefined: nothing. */
  private unnoticed: Set<string> | 'all' | undefined;
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly slicer = new TimeSlicer();
  private readonly firstScan: Promise<void>;
  /** Settles once the first scan has shown the kept library, or has ended. */
  private readonly firstShown: Promise<void>;
  private markShown: () => void = () => undefined;
  /** Settles firstScan: called by the first scan that is not superseded by a newer one. */
  private scanned: () => void = () => undefined;
  private scanGeneration = 0;
  /** Bumped for a file each time it is read or removed: what an older read found is dropped. */
  private readonly versions = new Map<string, number>();
  private nextVersion = 0;
  private readonly texts = new Map<string, IndexedText>();
  /** Every candidate file of the last listing that has been examined, by uri. */
  private readonly files = new Map<string, FileState>();
  /** The last listing of candidate files. */
  private candidates = new Set<string>();
  private readonly parser: DigestWorkerClient;
  private readonly store: LibraryStore | undefined;
  /** What the library kept, until the first scan has confirmed or replaced each record. */
  private stored: Map<string, LibraryRecord> | undefined;
  private storeLoad: Promise<void> | undefined;
  private readonly storeWrite = new Debounced(STORE_WRITE_DEBOUNCE_MS, () => this.flushStore(), (error) => this.log.warn(`could not save the library: ${String(error)}`));
  private storeDirty = false;
  private saving: Promise<void> | undefined;
  private readonly listing = new Debounced(LISTING_DEBOUNCE_MS, () => this.refreshListing(), (error) => this.log.warn(`could not look for new digests: ${String(error)}`));
  /** Listings of candidates started, and the latest of them whose result was taken: an older one that ends later is not. */
  private listingsStarted = 0;
  private listingTaken = 0;
  private maxBytes = maxFileBytes();
  private disposed = false;
  /** How long the last complete scan took, and how much of it was the listing of candidates (VS Code's file search). */
  lastScan: { totalMs: number; listedMs: number } | undefined;
  readonly stats: IndexStats = {
    offThread: 0, onHost: 0, plainText: 0, fromStore: 0, unchanged: 0, sniffed: 0, rejected: 0, readWhole: 0, bytesRead: 0, tooLarge: 0,
  };

  private readonly watchFiles: boolean;

  private readonly localDisk: LibraryHost['localDisk'];

  constructor(private readonly log: vscode.LogOutputChannel, options: WorkspaceIndexOptions) {
    this.watchFiles = options.watchFiles ?? true;
    this.localDisk = options.host.localDisk;
    const { workerScript } = options;
    const { startWorker } = options.host;
    this.parser = new DigestWorkerClient(workerScript && startWorker ? (events) => startWorker(workerScript, events) : undefined, log);
    this.store = options.storageUri
      ? new LibraryStore(storeFilesIn(options.storageUri, options.renameOver ?? atomicFiles(options.host.renameOver).renameOver), log, () => this.slicer.yieldIfDue())
      : undefined;
    this.firstScan = new Promise((resolve) => {
      this.scanned = resolve;
    });
    this.firstShown = new Promise((resolve) => {
      this.markShown = resolve;
    });
    void this.firstScan.then(() => this.markShown());
    setTimeout(() => void this.scan(), 0);
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.considerDocument(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document.uri, EDIT_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.onClosed(doc)),
      vscode.window.tabGroups.onDidChangeTabs((e) => this.onTabsClosed(e.closed)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('paperReader.storageFolder')) this.storageFolders = new Map();
        if (e.affectsConfiguration('paperReader.digests')) this.rewatch();
        if (affectsCandidates(e)) void this.scan();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.rewatch();
        void this.scan();
      }),
    );
    this.rewatch();
  }

  ready(): Promise<void> {
    return this.firstScan;
  }

  shown(): Promise<void> {
    return this.firstShown;
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

  /** Examines every candidate again, as a change of settings or folders does. */
  rescan(): Promise<void> {
    return this.scan();
  }

  /** How the digest of this file was had, for tests. */
  sourceOf(uri: string): DigestSource | undefined {
    return this.core.hasDigest(uri) ? this.texts.get(uri)?.source : undefined;
  }

  /** Saves the library now, if anything changed since it was last saved; resolves once what is on disk is up to date. */
  async flushStore(): Promise<void> {
    await this.firstScan;
    this.storeWrite.cancel();
    while (this.saving) await this.saving;
    if (!this.store || !this.storeDirty || this.disposed) return;
    this.storeDirty = false;
    const records = [...this.files.values()].map((state) => state.record);
    const saving = this.store.save(records).then((saved) => {
      if (!saved) this.storeDirty = true;
    }).finally(() => {
      this.saving = undefined;
    });
    this.saving = saving;
    await saving;
  }

  async refresh(uri: vscode.Uri): Promise<void> {
    this.clearTimer(uri.toString());
    await this.load(uri);
    this.fireChanged();
    this.recheckLater([uri]);
  }

  private readonly rechecks = new Set<ReturnType<typeof setTimeout>>();

  /** Reads the digests among these files again after RECHECK_MS: one that is gone leaves. */
  private recheckLater(uris: readonly vscode.Uri[]): void {
    if (uris.length === 0 || !this.watchFiles) return;
    const timer = setTimeout(() => {
      this.rechecks.delete(timer);
      for (const uri of uris) {
        const key = uri.toString();
        if (this.core.hasDigest(key) && !this.timers.has(key)) this.schedule(uri, 0);
      }
    }, RECHECK_MS);
    this.rechecks.add(timer);
  }

  dispose(): void {
    this.disposed = true;
    this.scanned();
    this.storeWrite.cancel();
    this.listing.cancel();
    this.createdPaths.cancel();
    this.parser.dispose();
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const timer of this.rechecks) clearTimeout(timer);
    this.watchers.forEach((w) => w.dispose());
    this.disposables.forEach((d) => d.dispose());
  }

  private watchers: vscode.Disposable[] = [];

  private rewatch(): void {
    this.watchers.forEach((w) => w.dispose());
    this.watchers = [];
    if (!this.watchFiles) return;
    // A folder deleted, or one moved in with its files, is reported alone, not with the files it holds.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    folders.onDidDelete((uri) => this.onFolderDeleted(uri));
    folders.onDidCreate((uri) => this.onPathCreated(uri));
    // paperReader.digests is a resource setting: each folder is watched with its own globs.
    const globs = (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => digestGlobs(folder.uri).map((glob) => new vscode.RelativePattern(folder, glob)));
    this.watchers = [folders, ...globs.map((glob) => {
      const watcher = vscode.workspace.createFileSystemWatcher(glob);
      watcher.onDidCreate((uri) => this.onFileEvent(uri));
      watcher.onDidChange((uri) => this.onFileEvent(uri));
      watcher.onDidDelete((uri) => {
        const key = uri.toString();
        this.clearTimer(key);
        this.forgetFile(key);
        if (!this.keptOpen(key) && this.remove(key)) this.fireChanged();
      });
      return watcher;
    })];
  }

  private onFolderDeleted(folder: vscode.Uri): void {
    const prefix = `${folder.toString()}/`;
    let removed = false;
    for (const key of new Set([...this.files.keys(), ...this.versions.keys()])) {
      if (!key.startsWith(prefix)) continue;
      this.clearTimer(key);
      this.forgetFile(key);
      if (!this.keptOpen(key)) removed = this.remove(key) || removed;
    }
    if (removed) this.fireChanged();
  }

  private readonly created = new Map<string, vscode.Uri>();
  private readonly createdPaths = new Debounced(LISTING_DEBOUNCE_MS, () => this.listIfFolderCreated(), (error) => this.log.warn(`could not look at created files: ${String(error)}`));

  /** Something was created: if it is a folder, the digests it holds were not reported, so the candidates are listed again. */
  private onPathCreated(uri: vscode.Uri): void {
    if (!DOCUMENT_SCHEMES.has(uri.scheme) || isExcludedUri(uri, this.storageFolderOf(uri))) return;
    const key = uri.toString();
    if (this.candidates.has(key)) return;
    this.created.set(key, uri);
    this.createdPaths.request();
  }

  private async listIfFolderCreated(): Promise<void> {
    const uris = [...this.created.values()];
    this.created.clear();
    if (uris.length > MAX_CREATED_STATS) {
      this.listing.runNow();
      return;
    }
    // A path that cannot be looked at (gone already, or unreadable) holds nothing to list.
    const stats = await Promise.all(uris.map((uri) => candidateFilesFor(uri, this.localDisk).stat(uri).catch(() => undefined)));
    // Quiet already for a while (the created paths waited for it): the listing need not wait again.
    if (!this.disposed && stats.some((stat) => stat?.isDirectory)) this.listing.runNow();
  }

  /**
   * A file matching the digest globs was created or changed. A candidate is examined again;
   * any other file may be a new candidate, or one the excludes hide: the candidates are
   * listed again, which is the excludes' own answer (findFiles applies them).
   */
  private onFileEvent(uri: vscode.Uri): void {
    if (!DOCUMENT_SCHEMES.has(uri.scheme) || isExcludedUri(uri, this.storageFolderOf(uri))) return;
    if (this.candidates.has(uri.toString()) || this.openDocument(uri)) {
      this.schedule(uri, FILE_DEBOUNCE_MS);
      return;
    }
    this.listing.request();
  }

  /** Lists the candidates again and examines the new ones; files no longer listed leave the index. */
  private async refreshListing(): Promise<void> {
    const listing = ++this.listingsStarted;
    const found = await listCandidates();
    if (this.disposed) return;
    const fresh = [...found].filter(([key]) => !this.candidates.has(key)).map(([, uri]) => uri);
    this.takeListing(found, listing);
    for (const uri of fresh) await this.load(uri);
    this.fireChanged();
    this.scheduleStoreWrite();
    this.recheckLater(fresh);
  }

  /**
   * The candidates become those of a listing, and files it does not have leave; unless a
   * listing started later was taken already, which knows of files created since: then the
   * listing only adds.
   */
  private takeListing(found: ReadonlyMap<string, vscode.Uri>, listing: number): void {
    if (listing < this.listingTaken) {
      this.candidates = new Set([...this.candidates, ...found.keys()]);
      return;
    }
    this.listingTaken = listing;
    this.dropUnlisted(found);
    this.candidates = new Set(found.keys());
  }

  private dropUnlisted(found: ReadonlyMap<string, vscode.Uri>): void {
    for (const key of [...this.files.keys()]) if (!found.has(key)) this.forgetFile(key);
    for (const key of [...this.versions.keys()]) {
      if (!found.has(key) && !this.openDocumentByKey(key)) this.remove(key);
    }
  }

  private loadStore(): Promise<void> {
    this.storeLoad ??= (async () => {
      if (!this.store) return;
      const loaded = await this.store.load();
      this.stored = loaded.records;
      // A discarded or damaged library is written again once the files are examined.
      if (loaded.problem) this.storeDirty = true;
    })();
    return this.storeLoad;
  }

  /** Finds every digest of the workspace; files already known are read again only when they changed. */
  private async scan(): Promise<void> {
    const generation = ++this.scanGeneration;
    try {
      await this.scanNow(generation);
    } catch (error) {
      this.log.error(`could not look for digests: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    } finally {
      // A scan superseded by a newer one leaves ready() to that one. What waits for ready()
      // (the tree's badge, similar papers) starts in a turn of its own, not in the scan's last.
      if (generation === this.scanGeneration || this.disposed) void nextTurn().then(() => this.scanned());
    }
  }

  private async scanNow(generation: number): Promise<void> {
    const started = Date.now();
    this.storageFolders = new Map();
    this.maxBytes = maxFileBytes();
    let listedMs = 0;
    const listingNumber = ++this.listingsStarted;
    const listing = listCandidates().then((found) => {
      listedMs = Date.now() - started;
      return found;
    });
    // Awaited now or with the listing: a listing that fails must not go unhandled meanwhile.
    listing.catch(() => undefined);
    await this.loadStore();
    if (generation !== this.scanGeneration || this.disposed) return;
    const before = { ...this.stats };
    await vscode.window.withProgress({ location: { viewId: 'paperReader.papers' } }, async () => {
      const examined = new Set<string>();
      // The library as the last window kept it, at once: each of its files is checked (its
      // size and time) while VS Code's file search lists the candidates, which takes seconds
      // in a large or just opened workspace. What the listing no longer has leaves after it.
      if (this.stored && this.stored.size > 0) {
        const kept = [...this.stored.keys()].filter((key) => !this.candidates.has(key));
        this.candidates = new Set([...this.candidates, ...kept]);
        const uris = kept.flatMap((key) => {
          const uri = keptUri(key);
          if (uri) examined.add(key);
          return uri ?? [];
        });
        await this.examineAll(uris, generation);
        await this.settleSliced();
        if (generation !== this.scanGeneration || this.disposed) return;
        this.fireChanged();
        this.markShown();
        this.log.info(`showed the kept library: ${this.core.digests().length} digests, ${this.core.paperCount} papers, its ${uris.length} files checked in ${Date.now() - started} ms; listing the candidates`);
      }
      const found = await listing;
      if (generation !== this.scanGeneration || this.disposed) return;
      this.takeListing(found, listingNumber);
      // Open documents that are not candidates (unsaved, or elsewhere) are read from their editors.
      const uris = [
        ...[...found].filter(([key]) => !examined.has(key)).map(([, uri]) => uri),
        ...vscode.workspace.textDocuments.filter((doc) => !found.has(doc.uri.toString()) && this.mayIndex(doc)).map((doc) => doc.uri),
      ];
      await this.examineAll(uris, generation);
      // A file event may have started a newer read of a file while the scan read it.
      while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    });
    const found = this.candidates;
    if (generation !== this.scanGeneration || this.disposed) return;
    if (this.stored) {
      // Records of files that are gone, or no longer candidates, leave the library too.
      for (const key of this.stored.keys()) if (!this.files.has(key)) this.storeDirty = true;
      this.stored = undefined;
    }
    // The end of a scan is always told: what waits for it looks at the whole library.
    await this.settleSliced();
    if (generation !== this.scanGeneration || this.disposed) return;
    this.notice('all');
    this.fireChanged();
    this.lastScan = { totalMs: Date.now() - started, listedMs };
    const count = (key: keyof IndexStats) => this.stats[key] - before[key];
    this.log.info(`indexed ${this.core.digests().length} digests, ${this.core.paperCount} papers from ${found.size} candidate files in ${this.lastScan.totalMs} ms (listed in ${listedMs} ms)`
      + ` (Markdown: ${count('offThread')} parsed by the worker, ${count('onHost')} on the host; ${count('plainText')} plain-text digests parsed;`
      + ` ${count('fromStore')} from the stored library, not read; ${count('unchanged')} unchanged; ${count('sniffed')} files read,`
      + ` ${count('rejected')} turned away by their head, ${count('readWhole')} decoded whole; ${count('tooLarge')} too large to read)`);
    this.scheduleStoreWrite();
  }

  /**
   * Examines files a few at a time (the file system answers several at once, and the worker
   * checks and parses while the host reads); the host's own work runs in short slices. The
   * tree is told every second, not per file: regrouping thousands of papers for every file
   * read would cost more than the reads.
   */
  private async examineAll(uris: readonly vscode.Uri[], generation: number): Promise<void> {
    let lastNotice = Date.now();
    let next = 0;
    const examineNext = async (): Promise<void> => {
      while (next < uris.length && generation === this.scanGeneration && !this.disposed) {
        await this.load(uris[next++]);
        if (Date.now() - lastNotice > SCAN_NOTICE_MS) {
          lastNotice = Date.now();
          this.fireChanged();
        }
      }
    };
    await Promise.all(Array.from({ length: READ_CONCURRENCY }, examineNext));
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

  /** Loads under way, from a scan or an event: a scan ends once they are done, so ready() means complete. */
  private readonly inFlight = new Set<Promise<void>>();

  /** Brings one file into the index: its open editor's text (unsaved edits included), or the file on disk. */
  private load(uri: vscode.Uri): Promise<void> {
    const loading = this.loadNow(uri);
    this.inFlight.add(loading);
    void loading.finally(() => this.inFlight.delete(loading));
    return loading;
  }

  private async loadNow(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    try {
      if (isExcludedUri(uri, this.storageFolderOf(uri))) {
        this.forgetFile(key);
        this.remove(key);
        return;
      }
      const version = ++this.nextVersion;
      this.versions.set(key, version);
      const doc = this.openDocument(uri);
      // An open candidate without unsaved edits holds the file's text: the file is read, so the library keeps it.
      if (doc && (doc.isDirty || doc.isUntitled || !this.candidates.has(key))) {
        // The library keeps what is on disk: unsaved text is not written to it, nor does it put off a save due.
        await this.applyText(key, baseName(uri), doc.getText(), version);
        return;
      }
      await this.loadFile(uri, key, version);
    } catch (error) {
      // A read cut short by the window closing (the index disposed) loses nothing: the files are as they were.
      if (this.disposed) return;
      this.log.error(`could not index ${uri.toString(true)}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
    this.scheduleStoreWrite();
  }

  /** True while `version` is the newest read of the file (no later read or removal). */
  private current(key: string, version: number): boolean {
    return this.versions.get(key) === version && !this.disposed;
  }

  /** A file on disk: its size and time first, then, only when they are new, its head, and only for a digest its whole text. */
  private async loadFile(uri: vscode.Uri, key: string, version: number): Promise<void> {
    const name = baseName(uri);
    const files = candidateFilesFor(uri, this.localDisk);
    const stat = await this.attempt(uri, () => files.stat(uri));
    if (!this.current(key, version) || stat === null) return;
    if (!stat || stat.isDirectory) {
      this.gone(key);
      return;
    }
    const known = this.files.get(key) ?? this.storedState(key);
    if (known && recordMatches(known.record, stat.size, stat.mtime)) {
      // A reopen checks thousands of kept files at once, their stats answered in batches:
      // their digests go into the index a time slice at a time.
      await this.slicer.yieldIfDue();
      if (!this.current(key, version)) return;
      this.useRecord(key, name, known);
      return;
    }
    const facts: LibraryRecord = { uri: key, size: stat.size, mtime: stat.mtime };
    if (Date.now() - stat.mtime < RACY_MS) facts.racy = true;
    if (stat.size > this.maxBytes) {
      this.stats.tooLarge++;
      this.log.info(`skipped ${uri.toString(true)}: ${(stat.size / 1048576).toFixed(1)} MB is more than paperReader.maxFileSize`);
      // Not kept as "no digest": a larger limit must find it.
      this.forgetFile(key);
      this.remove(key);
      return;
    }
    let bytes = await this.attempt(uri, () => files.readHead(uri, Math.min(SNIFF_BYTES, stat.size)));
    if (!this.current(key, version) || bytes === null) return;
    if (!bytes) {
      this.gone(key);
      return;
    }
    this.stats.bytesRead += bytes.length;
    this.stats.sniffed++;
    await this.slicer.yieldIfDue();
    const head = headText(bytes);
    const sniff = sniffDigest(head, name);
    // A Markdown head is checked where remark runs: in the worker.
    const digestHead = sniff === 'plain-text' || sniff === 'hf-json' || (sniff === 'markdown' && await this.parser.check(head, key, name));
    if (!this.current(key, version)) return;
    if (!digestHead) {
      this.stats.rejected++;
      this.keepFile(key, { record: facts, source: 'store' });
      this.remove(key);
      return;
    }
    if (bytes.length < stat.size) {
      bytes = await this.attempt(uri, () => files.readWhole(uri));
      if (!this.current(key, version) || bytes === null) return;
      if (!bytes) {
        this.gone(key);
        return;
      }
      this.stats.bytesRead += bytes.length;
    }
    this.stats.readWhole++;
    await this.slicer.yieldIfDue();
    const text = new TextDecoder().decode(bytes);
    const hash = textHash(text);
    const shown = this.texts.get(key);
    const indexed = this.core.digest(key);
    if (indexed && shown?.hash === hash) {
      // The text already indexed (an editor's, just saved): only the file's facts are new.
      this.useRecord(key, name, { record: { ...facts, hash, digest: indexed.digest }, source: shown.source });
      return;
    }
    if (known?.record.digest && known.record.hash === hash) {
      // Touched, or written again with the same text: the digest is the one already had.
      this.useRecord(key, name, { record: { ...facts, hash, digest: known.record.digest }, source: known.source });
      return;
    }
    const parsed = await this.parse(key, name, text, sniff === 'markdown', version);
    if (!parsed) return;
    if (!parsed.digest) {
      this.keepFile(key, { record: facts, source: 'store' });
      this.remove(key);
      return;
    }
    this.keepFile(key, { record: { ...facts, hash, digest: parsed.digest }, source: parsed.source });
    this.set(key, name, parsed.digest, { hash, mtime: stat.mtime, source: parsed.source });
  }

  /** The answer of a read; undefined when the file is gone; null (logged) when it could not be read. */
  private async attempt<T>(uri: vscode.Uri, read: () => Promise<T | undefined>): Promise<T | undefined | null> {
    try {
      return await read();
    } catch (error) {
      this.log.warn(`could not read ${uri.toString(true)}: ${String(error)}`);
      return null;
    }
  }

  /** The file is gone: an editor still showing it, or its unsaved text, keeps its digest. */
  private gone(key: string): void {
    this.forgetFile(key);
    if (!this.keptOpen(key)) this.remove(key);
  }

  /**
   * A text held in memory (an open document): its head is checked as a file's is, and a
   * digest parsed unless it is the text already indexed or the one the file on disk holds.
   */
  private async applyText(key: string, name: string, text: string, version: number): Promise<void> {
    const sniff = sniffDigest(text.slice(0, DIGEST_SNIFF_LENGTH + 1), name);
    if (sniff === 'none') {
      this.remove(key);
      return;
    }
    const hash = textHash(text);
    const shown = this.texts.get(key);
    if (shown?.hash === hash && this.core.hasDigest(key)) {
      this.stats.unchanged++;
      return;
    }
    // An editor restored with the window, or opened on an unchanged file: the file's digest is this text's.
    const onDisk = this.files.get(key) ?? this.storedState(key);
    if (onDisk?.record.digest && onDisk.record.hash === hash) {
      if (onDisk.source === 'store') this.stats.fromStore++;
      this.keepFile(key, onDisk);
      this.set(key, name, onDisk.record.digest, { hash, mtime: onDisk.record.mtime, source: onDisk.source });
      return;
    }
    const parsed = await this.parse(key, name, text, sniff === 'markdown', version);
    if (!parsed) return;
    if (!parsed.digest) this.remove(key);
    else this.set(key, name, parsed.digest, { hash, source: parsed.source });
  }

  /**
   * Parses a text whose head was a digest's: plain text on the host, Markdown in the
   * worker (which checks the text again). Undefined when a newer read superseded it.
   */
  private async parse(key: string, name: string, text: string, markdown: boolean, version: number): Promise<{ digest: Digest | undefined; source: DigestSource } | undefined> {
    if (!markdown) {
      await this.slicer.yieldIfDue();
      if (!this.current(key, version)) return undefined;
      this.stats.plainText++;
      // Plain text and the API's JSON parse fast enough for the host (parseDigest tells them apart by name and content).
      return { digest: parseDigest(text, key), source: 'plain-text' };
    }
    const { digest, offThread } = await this.parser.parse(text, key, name);
    if (!this.current(key, version)) return undefined;
    if (digest) {
      if (offThread) this.stats.offThread++;
      else this.stats.onHost++;
    }
    return { digest, source: offThread ? 'worker' : 'host' };
  }

  /** The library's record of a file, as this session's own. */
  private storedState(key: string): FileState | undefined {
    const record = this.stored?.get(key);
    return record ? { record, source: 'store' } : undefined;
  }

  /** A file whose size and time are those recorded: its recorded digest, or none, without reading it. */
  private useRecord(key: string, name: string, state: FileState): void {
    const fromStore = !this.files.has(key);
    this.keepFile(key, state);
    const { record } = state;
    if (!record.digest || record.hash === undefined) {
      this.remove(key);
      return;
    }
    const shown = this.texts.get(key);
    const indexed = this.core.digest(key);
    if (indexed && shown?.hash === record.hash) {
      this.stats.unchanged++;
      if (shown.mtime !== record.mtime) {
        shown.mtime = record.mtime;
        this.core.setDigest(indexed.digest, name, record.mtime);
        if (this.core.digest(key)?.sortKey !== indexed.sortKey) this.notice('all');
      }
      return;
    }
    if (fromStore) this.stats.fromStore++;
    else this.stats.unchanged++;
    this.set(key, name, record.digest, { hash: record.hash, mtime: record.mtime, source: state.source });
  }

  /** Records what is known of a candidate file (other files, such as open documents elsewhere, are not kept). */
  private keepFile(key: string, state: FileState): void {
    if (!this.candidates.has(key)) return;
    const previous = this.files.get(key);
    if (!sameRecord(previous?.record ?? this.stored?.get(key), state.record)) this.storeDirty = true;
    this.files.set(key, state);
  }

  private forgetFile(key: string): void {
    if (this.files.delete(key)) this.storeDirty = true;
  }

  private set(key: string, name: string, digest: Digest, text: IndexedText): void {
    const previous = this.core.digest(key);
    const change = digestChange(previous?.digest, digest);
    this.core.setDigest(change.digest, name, text.mtime ?? previous?.sortKey);
    this.texts.set(key, text);
    const indexed = this.core.digest(key);
    // A digest that takes another place among the others may change any paper's "new" mark.
    if (!previous || indexed?.sortKey !== previous.sortKey || indexed.name !== previous.name) this.notice('all');
    else if (change.changed) this.notice(change.ids);
  }

  /** Records what the next notice tells the listeners. */
  private notice(ids: ReadonlySet<string> | 'all'): void {
    if (ids === 'all' || this.unnoticed === 'all') {
      this.unnoticed = 'all';
      return;
    }
    this.unnoticed ??= new Set();
    for (const id of ids) this.unnoticed.add(id);
  }

  /** Drops a file from the index, and any read of it under way. */
  private remove(key: string): boolean {
    this.versions.delete(key);
    const previous = this.texts.get(key);
    if (previous && previous.source !== 'plain-text') this.parser.forget(key);
    this.texts.delete(key);
    const removed = this.core.removeDigest(key);
    if (removed) this.notice('all');
    return removed;
  }

  /** The library follows the files, saved once things have been quiet for a while. */
  private scheduleStoreWrite(): void {
    if (!this.store || !this.storeDirty || this.disposed || this.stored) return;
    this.storeWrite.request();
  }

  /** Whether an open document may hold a digest (the first look only). */
  private mayIndex(doc: vscode.TextDocument): boolean {
    if (!DOCUMENT_SCHEMES.has(doc.uri.scheme) || isExcludedUri(doc.uri)) return false;
    return this.core.hasDigest(doc.uri.toString()) || doc.languageId === 'paper-digest' || mayBeDigest(doc);
  }

  private considerDocument(doc: vscode.TextDocument): void {
    if (this.mayIndex(doc)) this.schedule(doc.uri, 0);
  }

  private onClosed(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (!this.core.hasDigest(key)) return;
    if (this.candidates.has(key)) {
      // Back to the file on disk: gone if it was deleted while open, and not read again if unchanged.
      this.schedule(doc.uri, 0);
    } else {
      // Unsaved text, or a file outside the library: it was a digest only while open.
      this.remove(key);
      this.fireChanged();
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

  /**
   * Whether the text of a deleted file is still before the reader: shown in a tab, or unsaved.
   * A document no tab shows lingers in workspace.textDocuments for minutes after its editor
   * closed; its papers leave with the file.
   */
  private keptOpen(key: string): boolean {
    const doc = this.openDocumentByKey(key);
    return !!doc && (doc.isDirty || tabUris().has(key));
  }

  /** A tab closed on a deleted digest: its papers leave now rather than when VS Code drops the document. */
  private onTabsClosed(closed: readonly vscode.Tab[]): void {
    const open = tabUris();
    for (const tab of closed) {
      const uri = tabUri(tab);
      if (!uri) continue;
      const key = uri.toString();
      if (!open.has(key) && this.core.hasDigest(key) && this.candidates.has(key)) this.schedule(uri, 0);
    }
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    return this.openDocumentByKey(uri.toString());
  }

  private openDocumentByKey(key: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
  }

  /** Tells the listeners what changed since they were last told, if anything did. */
  /** Settles the papers a scan added before anyone reads them, a slice at a time: a library of years takes a few hundred ms. */
  private async settleSliced(): Promise<void> {
    while (!this.core.settleStep(SETTLE_STEP)) await this.slicer.yieldIfDue();
  }

  private fireChanged(): void {
    const unnoticed = this.unnoticed;
    if (unnoticed === undefined) return;
    this.unnoticed = undefined;
    this.changed.fire({ ids: unnoticed === 'all' ? undefined : unnoticed });
  }
}

/** The uri of a file the library kept; none for a record whose uri VS Code cannot read (its file is then found by the listing). */
function keptUri(key: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.parse(key, true);
  } catch {
    return undefined;
  }
}

/** The first look at an open document, from its head only (see sniffDigest). */
function mayBeDigest(doc: vscode.TextDocument): boolean {
  const head = doc.getText(new vscode.Range(new vscode.Position(0, 0), doc.positionAt(DIGEST_SNIFF_LENGTH + 1)));
  return sniffDigest(head, doc.fileName) !== 'none';
}

export function createPaperIndex(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, host: LibraryHost, renameOver: RenameOver): PaperIndexService {
  const index = new WorkspaceIndex(log, {
    host,
    renameOver,
    storageUri: context.storageUri,
    workerScript: vscode.Uri.joinPath(context.extensionUri, 'dist', 'digest-worker.js'),
  });
  context.subscriptions.push(index);
  return index;
}

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return input.uri;
  if (input instanceof vscode.TabInputTextDiff) return input.modified;
  return undefined;
}

/** The documents the tabs show, as URI strings. */
function tabUris(): Set<string> {
  const uris = new Set<string>();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      const uri = tabUri(tab);
      if (uri) uris.add(uri.toString());
    }
  }
  return uris;
}
