import * as vscode from 'vscode';
import type { CandidateFiles } from './candidate-port';

function isNotFound(error: unknown): boolean {
  return error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
}

/** Through vscode.workspace.fs, for every scheme: it has no ranged read, so a head is the whole file. */
export const workspaceFiles: CandidateFiles = {
  async stat(uri) {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      return { size: stat.size, mtime: Math.floor(stat.mtime), isDirectory: (stat.type & vscode.FileType.Directory) !== 0 };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },
  readHead(uri) {
    return this.readWhole(uri);
  },
  async readWhole(uri) {
    try {
      return await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },
};

/** The files of this scheme: the host's own disk for file: URIs when it has one (a Node host), else vscode.workspace.fs. */
export function candidateFilesFor(uri: vscode.Uri, localDisk: CandidateFiles | undefined): CandidateFiles {
  return uri.scheme === 'file' && localDisk ? localDisk : workspaceFiles;
}
