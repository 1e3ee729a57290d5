import { openAtLine } from '../../shared/open-at-line';
import * as vscode from 'vscode';
import type { PaperNote } from '../../core';
import { emptyNote } from '../../core';
import type { NoteStoreService } from '../index';
import { describeError } from '../../shared/files';
import type { NoteFilePort } from './note-file-port';
import { readDiskText, saveNote, takeDiskText, type NoteFileState } from './save-plan';
import { idFromFileName, noteFile, notesFileNameOf, notesFolder, storageFolderSetting } from './storage-location';

/** Which workspace folder a paper's new notes file belongs to (the folder of its digest). */
export type FolderLocator = (id: string) => vscode.WorkspaceFolder | undefined;

const RETRY_MS = 5_000;
/**
 * A temporary file of an atomic write (see atomicFiles) older than this was left by a host
 * that died before the rename; a younger one may be another window's write in progress.
 */
const STALE_TEMP_MS = 10 * 60_000;
const TEMP_FILE = /^\.[a-z0-9][a-z0-9-]*\.md\.[0-9a-f]+\.tmp$/;

/** One paper's note: what the user sees, and what the file held when last read or written. */
interface Entry extends NoteFileState {
  uri?: vscode.Uri;
  /** Why the last write failed. */
  failure?: string;
  /** The last problem shown to the user, so the same one is not shown again and again. */
  shown?: string;
  /** Reads and writes of one file run one after another. */
  queue: Promise<void>;
  /** Modification time and size when last checked by a rescan. */
  stamp?: string;
}

/**
 * The notes files of every workspace folder (`<folder>/.papers/notes/<paper-id>.md`), kept in memory.
 * Every write is atomic and starts by re-reading the file: an edit made on disk since the last read
 * (by hand, by git, by another window) is merged, never overwritten. A file that cannot be parsed is
 * never written; an edit that cannot be written stays in memory and is retried.
 */
export class NoteStore implements NoteStoreService, vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = new vscode.EventEmitter<string[]>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private watchers: vscode.Disposable[] = [];
  private locator: FolderLocator = () => undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private loading: Promise<void>;

  constructor(private readonly log: vscode.LogOutputChannel, private readonly files: NoteFilePort<vscode.Uri>) {
    // Reading every notes file waits for the next turn: activation only registers.
    this.loading = new Promise((resolve) => setTimeout(resolve, 0)).then(() => this.load());
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reloadAll()),
      // A file watcher can miss events (network drives, a system out of watches): when the window
      // gets the focus back, whatever changed on disk meanwhile is picked up all the same (a
      // directory listing and a stat per notes file; a file is read only when its time or size
      // changed). Nothing polls: an idle window does no work.
      // Edits that could not be written get another try then too (the reader may just have
      // freed the disk or fixed the folder's permissions).
      vscode.window.onDidChangeWindowState((state) => {
        if (!state.focused) return;
        void this.rescan();
        this.retryFailed();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('paperReader.storageFolder')) this.reloadAll();
      }),
    );
  }

  setLocator(locator: FolderLocator): void {
    this.locator = locator;
  }

  ready(): Promise<void> {
    return this.loading;
  }

  get(id: string): PaperNote | undefined {
    return this.entries.get(id)?.note;
  }

  all(): PaperNote[] {
    const notes: PaperNote[] = [];
    for (const entry of this.entries.values()) if (entry.note) notes.push(entry.note);
    return notes;
  }

  fileUri(id: string): vscode.Uri | undefined {
    return this.entries.get(id)?.uri ?? this.locate(id);
  }

  problem(id: string): string | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.broken) return this.brokenMessage(entry);
    return entry.dirty ? entry.failure : undefined;
  }

  async update(id: string, title: string, change: (note: PaperNote) => void): Promise<void> {
    notesFileNameOf(id); // an id that is not a paper id never gets an entry, let alone a file
    await this.loading;
    const entry = this.entry(id);
    const note = structuredClone(entry.note ?? emptyNote(id, title));
    if (!note.title && title) note.title = title;
    try {
      change(note);
    } catch (error) {
      this.log.error(`notes: a change to ${id} failed: ${describeError(error)}`);
      return;
    }
    entry.note = note;
    entry.dirty = true;
    this.emitter.fire([id]);
    // Edits that failed before get another chance with each new edit.
    for (const other of this.entries.values()) if (other !== entry && other.dirty && other.failure) void this.enqueue(other, () => this.flush(other));
    await this.enqueue(entry, () => this.flush(entry));
  }

  /** Writes every pending edit now (used on deactivation and by tests). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.entries.values()].filter((e) => e.dirty).map((e) => this.enqueue(e, () => this.flush(e))));
  }

  dispose(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const d of [...this.watchers, ...this.disposables]) d.dispose();
  }

  private entry(id: string): Entry {
    let entry = this.entries.get(id);
    if (!entry) {
      entry = { id, dirty: false, queue: Promise.resolve() };
      this.entries.set(id, entry);
    }
    return entry;
  }

  private enqueue(entry: Entry, work: () => Promise<void>): Promise<void> {
    const next = entry.queue.then(work).catch((error: unknown) => {
      this.log.error(`notes: ${entry.id}: ${describeError(error)}`);
    });
    entry.queue = next;
    return next;
  }

  private locate(id: string): vscode.Uri | undefined {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const folder = this.locator(id) ?? folders[0];
    return folder ? noteFile(folder, id) : undefined;
  }

  private async load(): Promise<void> {
    this.watch();
    const folders = vscode.workspace.workspaceFolders ?? [];
    const seen = new Set<string>();
    for (const folder of folders) {
      const dir = notesFolder(folder);
      let names: [string, vscode.FileType][];
      try {
        names = await vscode.workspace.fs.readDirectory(dir);
      } catch {
        continue; // no notes folder yet: nothing to read
      }
      const reads: Promise<void>[] = [];
      for (const [name, type] of names) {
        if (TEMP_FILE.test(name) && (type & vscode.FileType.File) !== 0) reads.push(this.removeIfStale(vscode.Uri.joinPath(dir, name)));
        const id = idFromFileName(name);
        if (!id || (type & vscode.FileType.File) === 0) continue;
        if (seen.has(id)) {
          // The same paper has notes in two workspace folders: the first folder's file is the one used.
          this.log.warn(`notes: ${id} has notes in more than one workspace folder; using ${this.entries.get(id)?.uri?.toString()}`);
          continue;
        }
        seen.add(id);
        const entry = this.entry(id);
        entry.uri = vscode.Uri.joinPath(dir, name);
        reads.push(this.enqueue(entry, () => this.read(entry, false)));
      }
      await Promise.all(reads);
    }
    const ids = [...this.entries.keys()];
    this.log.info(`notes: read ${ids.length} notes files`);
    if (ids.length) this.emitter.fire(ids);
  }

  /** The notes file it was meant to replace is as it was before that write: the temporary file is only clutter. */
  private async removeIfStale(temp: vscode.Uri): Promise<void> {
    try {
      const stat = await this.files.stat(temp);
      if (!stat || Date.now() - stat.mtime < STALE_TEMP_MS) return;
      await vscode.workspace.fs.delete(temp);
      this.log.info(`notes: removed ${vscode.workspace.asRelativePath(temp)}, left by a save that never finished`);
    } catch (error) {
      this.log.warn(`notes: could not remove ${vscode.workspace.asRelativePath(temp)}: ${describeError(error)}`);
    }
  }

  private reloadAll(): void {
    for (const d of this.watchers) d.dispose();
    this.watchers = [];
    // Edits not yet on disk are kept and written to the new location; everything else is read again.
    const pending = [...this.entries.values()].filter((e) => e.dirty);
    const dropped = [...this.entries.keys()];
    this.entries.clear();
    for (const entry of pending) {
      this.entries.set(entry.id, { id: entry.id, note: entry.note, dirty: true, queue: Promise.resolve() });
    }
    this.loading = this.load().then(async () => {
      this.emitter.fire(dropped);
      await this.flushAll();
    });
  }

  private watch(): void {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      // Watched from the workspace folder, which exists: a watcher on a notes folder that does
      // not exist yet would never report the files created in it later.
      const glob = `${storageFolderSetting(folder)}/notes/*.md`;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob));
      const onEvent = (uri: vscode.Uri) => this.onFileEvent(uri);
      this.watchers.push(watcher, watcher.onDidCreate(onEvent), watcher.onDidChange(onEvent), watcher.onDidDelete(onEvent));
      // A branch switch can replace the whole storage folder; the watcher then reports the folder
      // alone, not each notes file in it, and a folder deleted and created again in one batch as
      // a change: a folder that comes, goes or changes means a rescan.
      const storage = storageFolderSetting(folder);
      const folders = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `{${storage},${storage}/notes}`));
      const onFolder = () => this.requestRescan();
      this.watchers.push(folders, folders.onDidCreate(onFolder), folders.onDidChange(onFolder), folders.onDidDelete(onFolder));
    }
  }

  private rescanAgain = false;

  /** A rescan now; when one is under way, another once it is done (it may have listed the folder before the change). */
  private requestRescan(): void {
    if (!this.rescanning) {
      void this.rescan();
      return;
    }
    if (this.rescanAgain) return;
    this.rescanAgain = true;
    void this.rescanning.then(() => {
      this.rescanAgain = false;
      void this.rescan();
    });
  }

  private rescanning: Promise<void> | undefined;

  /** Re-reads the notes files whose time or size changed, and notices new and deleted ones. */
  rescan(): Promise<void> {
    this.rescanning ??= this.loading
      .then(async () => {
        for (const folder of vscode.workspace.workspaceFolders ?? []) {
          const dir = notesFolder(folder);
          let names: [string, vscode.FileType][] = [];
          try {
            names = await vscode.workspace.fs.readDirectory(dir);
          } catch {
            // no notes folder: files that were in it are gone
          }
          const listed = new Set<string>();
          await Promise.all(names.map(async ([name, type]) => {
            const id = idFromFileName(name);
            if (!id || (type & vscode.FileType.File) === 0) return;
            const uri = vscode.Uri.joinPath(dir, name);
            listed.add(uri.toString());
            const entry = this.entries.get(id);
            let stamp: string | undefined;
            try {
              const stat = await this.files.stat(uri);
              stamp = stat && `${stat.mtime}:${stat.size}`;
            } catch {
              stamp = undefined;
            }
            if (entry && entry.stamp === stamp) return;
            this.onFileEvent(uri);
            const known = this.entries.get(id);
            if (known) known.stamp = stamp;
          }));
          for (const entry of this.entries.values()) {
            const inFolder = entry.uri?.toString().startsWith(`${dir.toString()}/`);
            if (inFolder && (entry.baseText !== undefined || entry.broken) && !listed.has(entry.uri!.toString())) void this.enqueue(entry, () => this.read(entry, true));
          }
        }
      })
      .finally(() => {
        this.rescanning = undefined;
      });
    return this.rescanning;
  }

  private onFileEvent(uri: vscode.Uri): void {
    const id = idFromFileName(uri.path.slice(uri.path.lastIndexOf('/') + 1));
    if (!id) return;
    const entry = this.entry(id);
    if (entry.uri && entry.uri.toString() !== uri.toString()) return; // a duplicate in another folder
    entry.uri ??= uri;
    void this.enqueue(entry, () => this.read(entry, true));
  }

  /** Reads the file into the entry; edits not yet written are merged with what is on disk. */
  private async read(entry: Entry, notify: boolean): Promise<void> {
    if (!entry.uri) return;
    const taken = takeDiskText(entry, await readDiskText(this.files, entry.uri));
    if (taken.kind === 'same') return; // our own write, or no change
    if (taken.kind === 'broken') this.report(entry);
    if (taken.kind === 'read' && taken.conflicts.length) this.reportConflicts(entry, taken.conflicts);
    if (notify) this.emitter.fire([entry.id]);
    if (entry.dirty && !entry.broken) await this.flush(entry);
  }

  private async flush(entry: Entry): Promise<void> {
    if (!entry.dirty || !entry.note) return;
    entry.uri ??= this.locate(entry.id);
    if (!entry.uri) {
      this.fail(entry, vscode.l10n.t('no workspace folder is open'));
      return;
    }
    const result = await saveNote(entry, this.files, entry.uri);
    if (result.kind === 'clean') return;
    if (result.conflicts.length) this.reportConflicts(entry, result.conflicts);
    if (result.kind === 'refused') {
      this.report(entry);
      if (result.changedOnDisk) this.emitter.fire([entry.id]);
      return;
    }
    if (result.kind === 'failed') {
      this.fail(entry, failureReason(result.error));
      return;
    }
    if (result.changedOnDisk) this.emitter.fire([entry.id]);
    if (entry.failure) {
      this.log.info(`notes: ${entry.id} saved after an earlier failure`);
      entry.failure = entry.shown = undefined;
      this.emitter.fire([entry.id]);
    }
  }

  private fail(entry: Entry, reason: string): void {
    entry.failure = vscode.l10n.t('Could not save the notes of "{0}" to {1}: {2}. The edit is kept and will be saved when possible.', entry.note?.title || entry.id, entry.uri ? vscode.workspace.asRelativePath(entry.uri) : '?', reason);
    // A problem with the reader's files, shown to them; the log keeps errors for faults of the extension.
    this.log.warn(`notes: ${entry.failure}`);
    this.show(entry, entry.failure, 'error');
    this.emitter.fire([entry.id]);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.retryFailed();
    }, RETRY_MS);
  }

  private retryFailed(): void {
    const failing = [...this.entries.values()].filter((e) => e.dirty && e.failure && !e.broken);
    for (const entry of failing) void this.enqueue(entry, () => this.flush(entry));
  }

  private brokenMessage(entry: Entry): string {
    const where = entry.uri ? vscode.workspace.asRelativePath(entry.uri) : entry.id;
    const base = vscode.l10n.t('The notes file {0} cannot be read (line {1}: {2}). It is left as it is; fix it to see and edit these notes.', where, String((entry.broken?.line ?? 0) + 1), entry.broken?.message ?? '');
    return entry.dirty ? `${base} ${vscode.l10n.t('Your edit is kept in memory and will be merged once the file can be read.')}` : base;
  }

  private report(entry: Entry): void {
    const message = this.brokenMessage(entry);
    this.log.warn(`notes: ${message}`);
    this.show(entry, message, 'error');
  }

  private reportConflicts(entry: Entry, conflicts: string[]): void {
    const message = vscode.l10n.t('The notes of "{0}" changed on disk while you edited them. Both versions were kept: {1} Please review the notes file.', entry.note?.title || entry.id, conflicts.join(' '));
    this.log.warn(`notes: ${message}`);
    entry.shown = undefined;
    this.show(entry, message, 'warning');
  }

  private show(entry: Entry, message: string, kind: 'error' | 'warning'): void {
    if (entry.shown === message) return;
    entry.shown = message;
    const open = vscode.l10n.t('Open notes file');
    const show = kind === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    void Promise.resolve(show(message, open)).then((choice) => {
      if (choice === open && entry.uri) void openAtLine(entry.uri, entry.broken?.line);
    });
  }
}

/** Why a read or write failed, in words for the reader. */
function failureReason(error: unknown): string {
  // vscode.workspace.fs reports a full disk as an "Unknown" error whose message names ENOSPC.
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ENOSPC' || (error instanceof Error && /\bENOSPC\b/.test(error.message))) return vscode.l10n.t('the disk is full');
  return describeError(error);
}
