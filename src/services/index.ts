import type * as vscode from 'vscode';
import type { Digest, Paper, PaperNote, SearchResult, SimilarPaper } from '../core';
import type { AtomicFiles } from '../shared/files';
import type { DigestDocuments } from './digest-documents';
import type { SelectionTracker } from './selection-tracker';

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
  /**
   * Resolves once the library is shown: the one the last window kept, checked against its
   * files, while the scan still lists new ones; or, with none kept, at the end of the scan.
   */
  shown(): Promise<void>;
  digests(): DigestInfo[];
  papers(): IndexedPaper[];
  paper(id: string): IndexedPaper | undefined;
  digest(uri: string): DigestInfo | undefined;
  /** The paper whose block holds this line of this document, if any. */
  paperAt(uri: string, line: number): Paper | undefined;
  /** Re-parses a document now (used after an edit, instead of waiting for the debounce). */
  refresh(uri: vscode.Uri): Promise<void>;
  /** Fired once the library changed; a digest read again that gives the same papers fires nothing. */
  readonly onDidChange: vscode.Event<IndexChange>;
}

/** What a change of the library touched, so that a listener can look at just that. */
export interface IndexChange {
  /**
   * Ids of the papers whose entry may differ (added, edited, removed, moved in the order of
   * digests); undefined when any entry may have changed (a scan, a new newest digest).
   */
  readonly ids: ReadonlySet<string> | undefined;
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
  /** The best results for a query, with what matched where. */
  query(input: string, limit?: number): Promise<SearchResult[]>;
}

/** The papers of the library most like a given one: the card and "Find Similar Papers" share it. */
export interface SimilarService {
  /** The papers closest to this one, closest first, never the paper itself; empty until the model is built. */
  similar(id: string, limit?: number): SimilarPaper[];
  /** True once the first build over the library is done. */
  isReady(): boolean;
  /** Resolves once the first build is done. */
  ready(): Promise<void>;
  /** Fires when the model was built or updated after a library change. */
  readonly onDidChange: vscode.Event<void>;
}

export interface OpenCardOptions {
  focus?: 'notes' | 'tags';
  /** Keep the focus where it is (the tree, the editor). */
  preserveFocus?: boolean;
}

/** The paper card, for features other than the card's own: it opens through here. */
export interface CardService {
  open(id: string, options?: OpenCardOptions): Promise<void>;
  /** The card feature supplies the panels when it activates. */
  provide(impl: Pick<CardService, 'open'>): vscode.Disposable;
}

/**
 * What every feature receives. Features never import each other: what one offers the others
 * (the card, the parsed open documents, the last editor selection) reaches them here.
 */
export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  index: PaperIndexService;
  store: NoteStoreService;
  search: SearchService;
  /** The digest each open document holds, parsed once per document version. */
  documents: DigestDocuments;
  /** The last selection in a text editor, for "link selection" from the card. */
  selection: SelectionTracker;
  cards: CardService;
  similar: SimilarService;
  /** Writes that replace a file in one step, through this host's own rename where it has one. */
  files: AtomicFiles;
}
