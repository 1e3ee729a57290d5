import * as vscode from 'vscode';
import { localDisk } from './local-disk';

/** What the index needs of a candidate file before reading it. */
export interface FileFacts {
  size: number;
  /** Milliseconds since the epoch, whole. */
  mtime: number;
  isDirectory: boolean;
}

/**
 * How the index reads candidate files: a port, so the cheap way is used where there is one.
 * Undefined answers mean the file is gone; other failures throw.
 */
export interface CandidateFiles {
  stat(uri: vscode.Uri): Promise<FileFacts | undefined>;
  /**
   * At least the first `bytes` bytes of the file (all of a shorter one). It may give more,
   * the whole file when that is the only read there is: the caller checks the length.
   */
  readHead(uri: vscode.Uri, bytes: number): Promise<Uint8Array | undefined>;
  readWhole(uri: vscode.Uri): Promise<Uint8Array | undefined>;
}

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

/** The files of this scheme: the local disk for file: URIs (this extension host's own disk), else vscode.workspace.fs. */
export function candidateFilesFor(uri: vscode.Uri): CandidateFiles {
  return uri.scheme === 'file' ? localDisk : workspaceFiles;
}
