import type * as vscode from 'vscode';
import type { Digest, Paper, PaperNote, ReadingStatus } from './core';

/** One paper of the workspace, with every digest it appears in. */
export interface IndexedPaper {
  id: string;
  /** The paper as the newest digest holding it describes it. */
  paper: Paper;
  /** Every occurrence, newest digest first. */
  occurrences: Paper[];
  /** Seen for the first time in the newest digest. */
  isNew: boolean;
}

export interface DigestInfo {
  digest: Digest;
  /** File name without folders, e.g. "000_9ccde1c60d8efdfe.txt". */
  name: string;
  /** Sort key: larger is newer. */
  sortKey: number;
}

/** The papers of every digest in the workspace and in open editors. */
export interface PaperIndexService {
  /** Resolves once the first scan of the workspace is complete. */
  ready(): Promise<void>;
  digests(): DigestInfo[];
  papers(): IndexedPaper[];
  paper(id: string): IndexedPaper | undefined;
  digest(uri: string): DigestInfo | undefined;
  /** The paper whose block holds this line of this document, if any. */
  paperAt(uri: string, line: number): Paper | undefined;
  /** Re-parses a document now (used after an edit, instead of waiting for the debounce). */
  refresh(uri: vscode.Uri): Promise<void>;
  readonly onDidChange: vscode.Event<void>;
}

/** What the user wrote about papers. */
export interface NoteStoreService {
  get(id: string): PaperNote | undefined;
  all(): PaperNote[];
  /** Applies a change to a paper's note and saves it (atomically, never losing a newer edit on disk). */
  update(id: string, title: string, change: (note: PaperNote) => void): Promise<void>;
  /** Resolves once every notes file of the workspace has been read. */
  ready(): Promise<void>;
  /** Where the paper's notes file is, or will be once it has user data. */
  fileUri(id: string): vscode.Uri | undefined;
  /** Why the paper's notes are not (all) on disk, when they are not: an unreadable file or a failed write. */
  problem(id: string): string | undefined;
  readonly onDidChange: vscode.Event<string[]>;
}

/** One search over every paper: the quick pick, the tree filter and export share it. */
export interface SearchService {
  /** Ids of the papers matching a query in the search language (words and filters), best first. */
  matchingIds(query: string, limit?: number): Promise<string[]>;
}

export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  index: PaperIndexService;
  store: NoteStoreService;
  search: SearchService;
}

export const statusIcon: Record<ReadingStatus, string> = {
  unread: 'circle-large-outline',
  reading: 'book',
  read: 'pass-filled',
};
