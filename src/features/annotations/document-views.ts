import * as vscode from 'vscode';
import type { Digest, Placement } from '../../core';
import type { Services } from '../../services';
import { annotatedDigestOf, hasAnnotatedScheme, placementsIn } from '../../shared/annotation-placement';

/** Re-anchoring waits for a pause in typing this long. */
const EDIT_DEBOUNCE_MS = 300;
/** Notes changes (this window's or on disk) are shown after this. */
const STORE_DEBOUNCE_MS = 30;

/** Where one open digest's annotations are, as last placed. */
export interface DocView {
  uri: vscode.Uri;
  /** The document version the placements are for (-1 before the first placement). */
  version: number;
  placements: Placement[];
}

/** One thing a document shows of its annotations (threads, highlights, ...), kept in step with its view. */
export interface ViewPart {
  /** The document's annotations were placed anew. */
  show(doc: vscode.TextDocument, view: DocView): void;
  /** The document shows no annotations any more (closed, or no longer a digest). */
  clear(key: string): void;
  /** The document was saved; its view is up to date. */
  saved?(doc: vscode.TextDocument): Promise<void>;
}

/**
 * Which open documents show annotations, and when their annotations are placed
 * again: after a pause in typing, when a document opens or comes into view, and
 * whenever the notes change. A document gets a view once it has annotations or
 * is visible, and keeps it until it closes or stops being a digest.
 */
export class DocumentViews implements vscode.Disposable {
  private readonly views = new Map<string, DocView>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly parts: ViewPart[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private storeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly services: Services) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        if (this.views.has(e.document.uri.toString()) || isVisible(e.document)) this.schedule(e.document, EDIT_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc)),
      vscode.workspace.onDidSaveTextDocument((doc) => void this.saved(doc)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const editor of editors) this.schedule(editor.document, 0);
      }),
      services.store.onDidChange(() => this.scheduleAll()),
      // A large digest parsed in slices: its annotations are placed once its papers are known.
      services.documents.onDidParse((doc) => this.schedule(doc, 0)),
    );
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
    // Notes are read after activation: show what they hold once they are in.
    void services.store.ready().then(() => this.scheduleAll(), () => undefined);
  }

  /** Adds a part; parts are shown each placement in the order they were attached. */
  attach(part: ViewPart): void {
    this.parts.push(part);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    if (this.storeTimer) clearTimeout(this.storeTimer);
    // Each part disposes what it shows.
    this.views.clear();
    for (const d of this.disposables) d.dispose();
  }

  /** The digest an open document shows annotations in (parsed once per version, shared with the editor). */
  digestOf(doc: vscode.TextDocument): Digest | undefined {
    return annotatedDigestOf(this.services, doc);
  }

  /** The view of a document as last placed, without placing it again. */
  get(uri: vscode.Uri): DocView | undefined {
    return this.views.get(uri.toString());
  }

  /** Every view, by document URI. */
  all(): ReadonlyMap<string, DocView> {
    return this.views;
  }

  /** Places a document's annotations now; undefined when it is no digest (or shows nothing). */
  refresh(doc: vscode.TextDocument): DocView | undefined {
    const key = doc.uri.toString();
    const timer = this.timers.get(key);
    if (timer) {
      clearTimeout(timer);
      this.timers.delete(key);
    }
    if (doc.isClosed) return undefined;
    const placements = placementsIn(this.services, doc);
    let view = this.views.get(key);
    if (!placements) {
      if (view) this.clear(key);
      return undefined;
    }
    if (!view) {
      if (placements.length === 0 && !isVisible(doc)) return undefined;
      view = { uri: doc.uri, version: doc.version, placements };
      this.views.set(key, view);
    }
    view.version = doc.version;
    view.placements = placements;
    for (const part of this.parts) part.show(doc, view);
    return view;
  }

  /** The view of a document, placed again first if its text changed since. */
  current(doc: vscode.TextDocument): DocView | undefined {
    const view = this.views.get(doc.uri.toString());
    if (view && view.version === doc.version && !this.timers.has(doc.uri.toString())) return view;
    return this.refresh(doc);
  }

  /**
   * A view for an open document that has none yet, so a thread started in it
   * is kept until the document's first placement shows its annotation.
   */
  ensure(doc: vscode.TextDocument): DocView {
    const key = doc.uri.toString();
    let view = this.views.get(key);
    if (!view) {
      view = { uri: doc.uri, version: -1, placements: [] };
      this.views.set(key, view);
    }
    return view;
  }

  /** Places every shown or visible document again, once a burst of notes changes is over. */
  scheduleAll(): void {
    if (this.storeTimer) clearTimeout(this.storeTimer);
    this.storeTimer = setTimeout(() => {
      this.storeTimer = undefined;
      for (const doc of vscode.workspace.textDocuments) {
        if (this.views.has(doc.uri.toString()) || isVisible(doc)) this.refresh(doc);
      }
    }, STORE_DEBOUNCE_MS);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!hasAnnotatedScheme(doc.uri)) return;
    const key = doc.uri.toString();
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      try {
        this.refresh(doc);
      } catch (error) {
        this.services.log.error(`annotations: ${key}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }, delay));
  }

  private async saved(doc: vscode.TextDocument): Promise<void> {
    if (!this.current(doc)) return;
    await Promise.all(this.parts.flatMap((part) => (part.saved ? [part.saved(doc)] : [])));
  }

  private forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    this.clear(key);
  }

  private clear(key: string): void {
    if (!this.views.delete(key)) return;
    for (const part of this.parts) part.clear(key);
  }
}

function isVisible(doc: vscode.TextDocument): boolean {
  return vscode.window.visibleTextEditors.some((editor) => editor.document === doc);
}
