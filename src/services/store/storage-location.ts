import * as vscode from 'vscode';

export const DEFAULT_STORAGE_FOLDER = '.papers';

/** The storage folder setting of a workspace folder, cleaned: relative, no "..", no empty parts. */
export function storageFolderSetting(folder: vscode.WorkspaceFolder): string {
  const raw = vscode.workspace.getConfiguration('paperReader', folder.uri).get<string>('storageFolder', DEFAULT_STORAGE_FOLDER);
  const parts = String(raw ?? '')
    .split(/[\\/]+/)
    .filter((part) => part !== '' && part !== '.');
  // Notes stay inside the workspace folder: a setting that climbs out of it falls back to the default.
  if (parts.length === 0 || parts.includes('..')) return DEFAULT_STORAGE_FOLDER;
  return parts.join('/');
}

/** The folder holding the notes files of a workspace folder: <folder>/<storage>/notes. */
export function notesFolder(folder: vscode.WorkspaceFolder): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, storageFolderSetting(folder), 'notes');
}

export function noteFile(folder: vscode.WorkspaceFolder, id: string): vscode.Uri {
  return vscode.Uri.joinPath(notesFolder(folder), `${id}.md`);
}

/** Paper ids hold only [a-z0-9-] (see core/paper-id.ts); other file names in the notes folder are not notes. */
export function idFromFileName(name: string): string | undefined {
  const match = /^([a-z0-9][a-z0-9-]*)\.md$/.exec(name);
  return match?.[1];
}
