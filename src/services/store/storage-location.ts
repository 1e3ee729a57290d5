import * as vscode from 'vscode';
import { DEFAULT_STORAGE_FOLDER, checkStorageFolder, notesFileName, paperIdFromNotesFileName } from '../../core';

export { DEFAULT_STORAGE_FOLDER };

/** The refused settings already shown, so the same one is not shown again on every read. */
const refusalsShown = new Set<string>();

/**
 * The storage folder setting of a workspace folder, checked: relative, inside the folder, no
 * "..". A setting that would lead out of the workspace folder is refused with a message and the
 * default is used, so notes are never written outside it.
 */
export function storageFolderSetting(folder: vscode.WorkspaceFolder): string {
  const raw: unknown = vscode.workspace.getConfiguration('paperReader', folder.uri).get('storageFolder');
  const checked = checkStorageFolder(raw);
  if (!checked.ok) {
    const key = `${folder.uri.toString()}\n${String(raw)}`;
    if (!refusalsShown.has(key)) {
      refusalsShown.add(key);
      void vscode.window.showWarningMessage(vscode.l10n.t(
        'The setting paperReader.storageFolder "{0}" {1}: notes must stay inside the workspace folder "{2}", so they are kept in "{3}" there instead.',
        String(raw).slice(0, 200), checked.reason, folder.name, DEFAULT_STORAGE_FOLDER,
      ));
    }
  }
  return checked.folder;
}

/** The folder holding the notes files of a workspace folder: <folder>/<storage>/notes. */
export function notesFolder(folder: vscode.WorkspaceFolder): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, storageFolderSetting(folder), 'notes');
}

/**
 * The notes file of a paper. The id is checked before it is joined into a path: an id from a
 * command argument, a message or a file name that is not a paper id ("../x", "/etc/x", ...) is
 * refused with an error, and nothing is read or written for it.
 */
export function noteFile(folder: vscode.WorkspaceFolder, id: string): vscode.Uri {
  return vscode.Uri.joinPath(notesFolder(folder), notesFileNameOf(id));
}

/** The notes file name of a paper id; an error for anything that is not one. */
export function notesFileNameOf(id: unknown): string {
  const name = notesFileName(id);
  if (name === undefined) throw new Error(vscode.l10n.t('"{0}" is not a paper id: no notes file is read or written for it.', String(id).slice(0, 80)));
  return name;
}

/** The paper id of a name in the notes folder; other file names there are not notes. */
export function idFromFileName(name: string): string | undefined {
  return paperIdFromNotesFileName(name);
}
