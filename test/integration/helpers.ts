// Helpers for tests that run inside the extension host (see index.ts).
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Digest, LibraryRecord } from '../../src/core';
import { LIBRARY_CHANGES_FILE, LIBRARY_FILE, LibraryStore } from '../../src/services/library/library-store';
import { nodeHost } from '../../src/services/library/node-host';
import { storeFilesIn } from '../../src/services/library/store-files';
import { atomicFiles } from '../../src/shared/files';
import type { Services } from '../../src/services';

export const EXTENSION_ID = 'paper-digest-reader.paper-digest-reader';

/** What `activate()` returns: the contract the integration tests rely on. */
export interface PaperReaderApi {
  index: {
    ready(): Promise<void>;
    /** Newest first, each with its file name and sort key. */
    digests(): { digest: Digest; name: string; sortKey: number }[];
  };
}

/** The seed digests copied into every test workspace: file name, digest date, paper count. */
export const SEED_DIGESTS = [
  { file: '000_9ccde1c60d8efdfe.txt', date: 'Nov 6', papers: 6 },
  { file: '001_3597d4dd633941ce.txt', date: 'Dec 11', papers: 18 },
  { file: '002_192ceaad66bef3ca.txt', date: 'Oct 27', papers: 28 },
] as const;

export function extension(): vscode.Extension<PaperReaderApi> {
  const found = vscode.extensions.getExtension<PaperReaderApi>(EXTENSION_ID);
  if (!found) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
  return found;
}

/** Activates the extension if needed and returns its API. */
export async function api(): Promise<PaperReaderApi> {
  const ext = extension();
  const exports = ext.isActive ? ext.exports : await ext.activate();
  if (!exports || typeof exports !== 'object') throw new Error(`activate() returned ${String(exports)}, not the extension's API`);
  return exports;
}

/** The API once the index has read the workspace. */
export async function readyApi(): Promise<PaperReaderApi> {
  const exports = await api();
  if (typeof exports.index?.ready !== 'function') throw new Error('the API has no index.ready()');
  await exports.index.ready();
  return exports;
}

/** The extension's services once the index has read the workspace. */
export async function indexedServices(): Promise<Services> {
  return ((await readyApi()) as unknown as { services: Services }).services;
}

/** The services once the notes store has also read the notes folders. */
export async function readyServices(): Promise<Services> {
  const all = await indexedServices();
  await all.store.ready();
  return all;
}

/** Every open paper card's tab. */
export function cardTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('paperReader.card'));
}

/** The one workspace folder every test run opens: a fresh copy of test/fixtures. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length !== 1) throw new Error(`expected one workspace folder, found ${folders.length}`);
  return folders[0];
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...segments);
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/**
 * Polls `probe` until it returns a value other than undefined/false, or fails with
 * `message` and the last value seen. For effects that land asynchronously (file watchers,
 * index refreshes); never a fixed sleep.
 */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  { timeout = 10_000, interval = 50, message = 'condition' }: { timeout?: number; interval?: number; message?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeout} ms waiting for ${message} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Base name of a URI string ("file:///ws/a.txt" -> "a.txt"). */
export function baseName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/**
 * Runs a command that shows a quick pick and accepts its first item, as a reader pressing Enter
 * would, and returns what the command returned. The extension host cannot see when the pick's
 * items are drawn, and an Enter that comes before them closes the pick with nothing chosen:
 * until something is chosen the command is run again (three times at most), each time waiting
 * longer before the first Enter.
 */
export async function acceptFirst<T>(run: () => Thenable<T | undefined>): Promise<T | undefined> {
  let result: T | undefined;
  for (let attempt = 1; attempt <= 3 && result === undefined; attempt++) {
    let settled = false;
    const running = Promise.resolve(run()).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
    while (!settled) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    result = await running;
  }
  return result;
}

/**
 * Makes a folder unwritable. chmod is enough for a normal user; root ignores it, so as root the
 * folder is also made immutable (chattr +i). Returns how to undo it, or undefined if neither works.
 */
export function makeReadOnly(dir: string): (() => void) | undefined {
  chmodSync(dir, 0o555);
  let immutable = false;
  if (process.getuid?.() === 0) immutable = spawnSync('chattr', ['+i', dir]).status === 0;
  const undo = () => {
    if (immutable) spawnSync('chattr', ['-i', dir]);
    chmodSync(dir, 0o755);
  };
  const probe = `${dir}/.probe`;
  try {
    writeFileSync(probe, 'x');
    rmSync(probe);
    undo();
    return undefined;
  } catch {
    return undo;
  }
}

/** The library kept in `storageUri` as the next window reads it: the library file with its changes applied. */
export async function keptLibrary(storageUri: vscode.Uri): Promise<Map<string, LibraryRecord>> {
  const quiet = { info: () => undefined, warn: () => undefined };
  return (await new LibraryStore(storeFilesIn(storageUri, atomicFiles(nodeHost.renameOver).renameOver), quiet).load()).records;
}

/** The text of the kept library's two files, the library and its changes, for tests that look for words in it. */
export async function keptLibraryText(storageUri: vscode.Uri): Promise<string> {
  const texts = await Promise.all([LIBRARY_FILE, LIBRARY_CHANGES_FILE].map((name) => readText(vscode.Uri.joinPath(storageUri, name)).catch(() => '')));
  return texts.join('');
}

/** When the kept library was last written: the times of its two files. */
export async function keptLibraryStamp(storageUri: vscode.Uri): Promise<string> {
  const times = await Promise.all([LIBRARY_FILE, LIBRARY_CHANGES_FILE].map((name) => vscode.workspace.fs.stat(vscode.Uri.joinPath(storageUri, name)).then((s) => s.mtime, () => 0)));
  return times.join(' ');
}
