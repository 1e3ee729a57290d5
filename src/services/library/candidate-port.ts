import type * as vscode from 'vscode';

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
   * The first `bytes` bytes of the file (all of a shorter one), or more: the whole file
   * when that is the only read there is. The caller compares the length with the size.
   */
  readHead(uri: vscode.Uri, bytes: number): Promise<Uint8Array | undefined>;
  readWhole(uri: vscode.Uri): Promise<Uint8Array | undefined>;
}
