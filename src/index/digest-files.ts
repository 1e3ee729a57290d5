import * as vscode from 'vscode';

/** Glob patterns of files that may be digests (the content decides). */
export function digestGlobs(): string[] {
  const globs = vscode.workspace.getConfiguration('paperReader').get<string[]>('digests', ['**/*.{txt,md}']);
  return globs.filter((g) => typeof g === 'string' && g.trim() !== '');
}

/** The notes folder and version-control internals are never digests, whatever the globs say. */
export function isExcludedUri(uri: vscode.Uri): boolean {
  const storage = vscode.workspace.getConfiguration('paperReader').get<string>('storageFolder', '.papers');
  const path = uri.path;
  return path.includes('/node_modules/') || path.includes('/.git/') || path.includes(`/${storage}/`);
}
