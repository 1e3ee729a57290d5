import * as vscode from 'vscode';
import { checkStorageFolder } from '../../core';
import { combineGlobs, enabledGlobs } from './glob-patterns';

/** Glob patterns of files that may be digests (the content decides), as set for this workspace folder. */
export function digestGlobs(folder: vscode.Uri): string[] {
  const globs = vscode.workspace.getConfiguration('paperReader', folder).get<unknown>('digests', ['**/*.{txt,md,json}']);
  return Array.isArray(globs) ? globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
}

/**
 * The exclude pattern of the search for candidates in a workspace folder: what the user
 * hides from the explorer (`files.exclude`) and from search (`search.exclude`), and
 * `paperReader.exclude`. findFiles applies `files.exclude` on its own too; it is named here
 * as well so that an exclude of ours never stands in for it.
 */
export function candidateExclude(folder: vscode.WorkspaceFolder): string | undefined {
  const setting = (section: string, key: string): unknown => vscode.workspace.getConfiguration(section, folder.uri).get(key);
  const own = setting('paperReader', 'exclude');
  return combineGlobs([
    ...enabledGlobs(setting('files', 'exclude')),
    ...enabledGlobs(setting('search', 'exclude')),
    ...(Array.isArray(own) ? own.filter((g): g is string => typeof g === 'string') : []),
  ]);
}

/** Settings that change which files are candidates. */
export function affectsCandidates(e: vscode.ConfigurationChangeEvent): boolean {
  return ['paperReader.digests', 'paperReader.exclude', 'files.exclude', 'search.exclude', 'paperReader.maxFileSize'].some((key) => e.affectsConfiguration(key));
}

/**
 * The notes folder, version-control internals and editor settings (.vscode) are never digests, whatever the globs say.
 * `storage` is the notes folder setting when the caller has it at hand: reading the setting
 * costs a configuration lookup, too much for each of thousands of files in a scan.
 */
export function isExcludedUri(uri: vscode.Uri, storage = storageFolderSetting(uri)): boolean {
  const path = uri.path;
  return path.includes('/node_modules/') || path.includes('/.git/') || path.includes('/.vscode/') || path.includes(`/${storage}/`);
}

/**
 * The notes folder (a resource setting) for this file's workspace folder, checked as the notes
 * store checks it: a refused value (one that leaves the folder) means the default, where the
 * store then keeps the notes, so the scan leaves that folder out.
 */
export function storageFolderSetting(uri: vscode.Uri): string {
  return checkStorageFolder(vscode.workspace.getConfiguration('paperReader', uri).get<unknown>('storageFolder')).folder;
}

/** Every candidate file of the workspace, by uri string: the digest globs in each folder, less its excludes. */
export async function listCandidates(): Promise<Map<string, vscode.Uri>> {
  const searches = (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => {
    const exclude = candidateExclude(folder);
    return digestGlobs(folder.uri).map((glob) => vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), exclude));
  });
  const found = new Map<string, vscode.Uri>();
  for (const uris of await Promise.all(searches)) for (const uri of uris) found.set(uri.toString(), uri);
  return found;
}

/** Files larger than this are never read (`paperReader.maxFileSize`, in MB): a digest is tens of kilobytes. */
export function maxFileBytes(): number {
  const mb = vscode.workspace.getConfiguration('paperReader').get<number>('maxFileSize', 4);
  return typeof mb === 'number' && Number.isFinite(mb) && mb >= 0 ? mb * 1024 * 1024 : 4 * 1024 * 1024;
}
