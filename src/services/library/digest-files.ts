import * as vscode from 'vscode';

/** Glob patterns of files that may be digests (the content decides). */
export function digestGlobs(): string[] {
  const globs = vscode.workspace.getConfiguration('paperReader').get<string[]>('digests', ['**/*.{txt,md}']);
  return globs.filter((g) => typeof g === 'string' && g.trim() !== '');
}

/**
 * The notes folder and version-control internals are never digests, whatever the globs say.
 * `storage` is the notes folder setting when the caller has it at hand: reading the setting
 * costs a configuration lookup, too much for each of thousands of files in a scan.
 */
export function isExcludedUri(uri: vscode.Uri, storage = storageFolderSetting(uri)): boolean {
  const path = uri.path;
  return path.includes('/node_modules/') || path.includes('/.git/') || path.includes(`/${storage}/`);
}

/** The notes folder setting (a resource setting) for this file's workspace folder. */
export function storageFolderSetting(uri: vscode.Uri): string {
  return vscode.workspace.getConfiguration('paperReader', uri).get<string>('storageFolder', '.papers');
}
