import * as vscode from 'vscode';
import { isNotFound, readText, type AtomicFiles } from '../../shared/files';
import type { NoteFilePort } from './note-file-port';

/** The notes files through vscode.workspace.fs, so any file-system provider can hold them; written through `files`. */
export const vscodeNoteFiles = (files: AtomicFiles): NoteFilePort<vscode.Uri> => ({
  read: readText,
  async stat(uri) {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      return { mtime: stat.mtime, size: stat.size };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },
  writeAtomic: (uri, text) => files.writeText(uri, text),
});
