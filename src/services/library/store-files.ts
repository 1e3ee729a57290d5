import * as vscode from 'vscode';
import type { StoreFiles } from './library-store';

/** The store's files in `folder` (the workspace's storage folder), through vscode.workspace.fs. */
export function storeFilesIn(folder: vscode.Uri): StoreFiles {
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
      await vscode.workspace.fs.rename(uri(from), uri(to), { overwrite: true });
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
