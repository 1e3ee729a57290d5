import * as vscode from 'vscode';
import type { RenameOver } from '../../shared/files';
import type { StoreFiles } from './library-store';

/** The store's files in `folder` (the workspace's storage folder), through vscode.workspace.fs; replaced through `renameOver` (see atomicFiles). */
export function storeFilesIn(folder: vscode.Uri, renameOver: RenameOver): StoreFiles {
  const uri = (name: string) => vscode.Uri.joinPath(folder, name);
  return {
    async read(name) {
      try {
        return await vscode.workspace.fs.readFile(uri(name));
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
        throw error;
      }
    },
    async write(name, bytes) {
      await vscode.workspace.fs.createDirectory(folder);
      await vscode.workspace.fs.writeFile(uri(name), bytes);
    },
    async rename(from, to) {
      await renameOver(uri(from), uri(to));
    },
    async remove(name) {
      try {
        await vscode.workspace.fs.delete(uri(name));
      } catch (error) {
        if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) throw error;
      }
    },
  };
}
