import * as vscode from 'vscode';
import type { Annotation, AnnotationAnchor, Digest } from '../../core';
import { paperFields } from '../../core';
import { DigestDocuments } from '../../services/digest-documents';
import type { Services } from '../../services';
import { AnnotationComment, commentsOf, hoverOf, signatureOf, threadLabel } from './comments';
import { PALETTE, colourOf, createHighlightTypes, type Colour } from './palette';
import { anchorsInPaper, placeAnnotations, sameAnchor, type Orphan, type Placed, type Placement } from '../../core';
import { linesOf, toRange, type Target } from './selection';

/** Re-anchoring waits for a pause in typing this long. */
const EDIT_DEBOUNCE_MS = 300;
/** Notes changes (this window's or on disk) are shown after this. */
const STORE_DEBOUNCE_MS = 30;
const DOCUMENT_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);
export const CONTROLLER_ID = 'paperReader.annotations';

interface ThreadEntry {
  thread: vscode.CommentThread;
  signature: string;
  paperId: string;
  annotationId: string;
}

/** What one open digest shows. */
interface DocView {
  uri: vscode.Uri;
  version: number;
  placements: Placement[];
  threads: Map<string, ThreadEntry>;
  /** Anchors that moved, written on save (or at once for a fuzzy match in a saved file). */
  moves: Map<string, Move>;
  /** Ranges last given to the editors, per colour. */
  highlights: Map<Colour, vscode.Range[]>;
}

interface Move {
  paperId: string;
  title: string;
  annotationId: string;
  from: AnnotationAnchor;
  to: AnnotationAnchor;
}

/** An annotation that lost its text in one digest. */
export interface OrphanEntry {
  paperId: string;
  title: string;
  annotation: Annotation;
  digestUri: string;
  reason: string;
}

/** One annotation as a document shows it, for the API and tests. */
export interface ShownAnnotation {
  paperId: string;
  annotationId: string;
  colour: Colour;
  /** Where the highlight and thread are; undefined for an orphan. */
  range?: vscode.Range;
  orphaned?: string;
  thread?: vscode.CommentThread;
}

function threadKey(paperId: string, annotationId: string, occurrence: number): string {
  return `${paperId}/${annotationId}#${occurrence}`;
}

/**
 * Keeps every open digest's annotations on screen: comment threads, highlights
 * and hovers, re-anchored after a pause in typing and whenever the notes change.
 */
export class AnnotationsController implements vscode.Disposable {
  readonly docs = new DigestDocuments();
  readonly comments: vscode.CommentController;
  private readonly views = new Map<string, DocView>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly highlightTypes = createHighlightTypes();
  /** Threads whose annotation is being written: not disposed by a refresh that runs before the store has it. */
  private readonly adopting = new Set<string>();
  /** Per annotation, the digest whose fuzzy match was written without a save. */
  private readonly autoWriters = new Map<string, string>();
  /** Moves being written, so a refresh during the write does not write the same move again. */
  private readonly writing = new Set<string>();
  private readonly status = vscode.window.createStatusBarItem('paperReader.annotation.orphans', vscode.StatusBarAlignment.Right, 90);
  private readonly disposables: vscode.Disposable[] = [];
  private storeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly services: Services) {
    this.comments = vscode.comments.createCommentController(CONTROLLER_ID, vscode.l10n.t('Paper Annotations'));
    this.comments.options = {
      prompt: vscode.l10n.t('Add a comment…'),
      placeHolder: vscode.l10n.t('Write a comment on the selected words (Markdown)'),
    };
    this.comments.commentingRangeProvider = {
      provideCommentingRanges: (doc) => this.commentingRanges(doc),
    };
    this.status.name = vscode.l10n.t('Orphaned Annotations');
    this.status.command = 'paperReader.annotation.showOrphans';
    this.disposables.push(
      this.comments,
      this.status,
      ...this.highlightTypes.values(),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        const key = e.document.uri.toString();
        if (this.views.has(key) || this.isVisible(e.document)) this.schedule(e.document, EDIT_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc)),
      vscode.workspace.onDidSaveTextDocument((doc) => void this.onSaved(doc)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const editor of editors) this.schedule(editor.document, 0);
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateActive()),
      services.store.onDidChange(() => this.scheduleAll()),
      vscode.languages.registerHoverProvider([{ language: 'paper-digest' }, { language: 'markdown' }], {
        provideHover: (doc, position) => this.hover(doc, position),
      }),
    );
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
    // Notes are read after activation: show what they hold once they are in.
    void services.store.ready().then(() => this.scheduleAll(), () => undefined);
    this.updateActive();
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    if (this.storeTimer) clearTimeout(this.storeTimer);
    for (const view of this.views.values()) for (const entry of view.threads.values()) entry.thread.dispose();
    this.views.clear();
    for (const d of this.disposables) d.dispose();
  }

  digestOf(doc: vscode.TextDocument): Digest | undefined {
    if (!DOCUMENT_SCHEMES.has(doc.uri.scheme)) return undefined;
    if (doc.languageId !== 'paper-digest' && doc.languageId !== 'markdown' && doc.languageId !== 'plaintext') return undefined;
    return this.docs.get(doc);
  }

  /** Re-places a document's annotations now; undefined when it is not a digest. */
  refresh(doc: vscode.TextDocument): DocView | undefined {
    const key = doc.uri.toString();
    const timer = this.timers.get(key);
    if (timer) {
      clearTimeout(timer);
      this.timers.delete(key);
    }
    if (doc.isClosed) return undefined;
    const digest = this.digestOf(doc);
    let view = this.views.get(key);
    if (!digest) {
      if (view) this.clear(key);
      return undefined;
    }
    const placements = placeAnnotations(linesOf(doc), digest.papers, (id) => this.services.store.get(id));
    if (!view) {
      if (placements.length === 0 && !this.isVisible(doc)) return undefined;
      view = { uri: doc.uri, version: doc.version, placements, threads: new Map(), moves: new Map(), highlights: new Map() };
      this.views.set(key, view);
    }
    view.version = doc.version;
    view.placements = placements;
    this.syncThreads(view);
    this.applyHighlights(doc, view);
    this.noteMoves(doc, view);
    if (vscode.window.activeTextEditor?.document === doc) this.updateActive();
    return view;
  }

  /** The view of a document, brought up to date if its text changed since. */
  current(doc: vscode.TextDocument): DocView | undefined {
    const view = this.views.get(doc.uri.toString());
    if (view && view.version === doc.version && !this.timers.has(doc.uri.toString())) return view;
    return this.refresh(doc);
  }

  /** What a document shows now, without re-anchoring (the API's view of the screen). */
  shown(uri: vscode.Uri): ShownAnnotation[] {
    const view = this.views.get(uri.toString());
    if (!view) return [];
    return view.placements.map((p) => {
      const entry = view.threads.get(threadKey(p.paper.id, p.annotation.id, p.occurrence));
      const shown: ShownAnnotation = { paperId: p.paper.id, annotationId: p.annotation.id, colour: colourOf(p.annotation.tag) };
      if (p.status === 'anchored') shown.range = toRange(p.start, p.end);
      else shown.orphaned = p.reason;
      if (entry) shown.thread = entry.thread;
      return shown;
    });
  }

  /** The ranges last given to the document's editors, per colour. */
  highlights(uri: vscode.Uri): Map<Colour, vscode.Range[]> {
    return new Map(this.views.get(uri.toString())?.highlights ?? []);
  }

  threads(uri: vscode.Uri): vscode.CommentThread[] {
    return [...(this.views.get(uri.toString())?.threads.values() ?? [])].map((entry) => entry.thread);
  }

  /** The annotation a thread shows, if it is one of ours. */
  ownerOf(thread: vscode.CommentThread): { paperId: string; annotationId: string } | undefined {
    for (const view of this.views.values()) {
      for (const entry of view.threads.values()) {
        if (entry.thread === thread) return { paperId: entry.paperId, annotationId: entry.annotationId };
      }
    }
    return undefined;
  }

  /** Every thread showing an annotation, in any document. */
  threadsOf(annotationId: string): vscode.CommentThread[] {
    const found: vscode.CommentThread[] = [];
    for (const view of this.views.values()) {
      for (const entry of view.threads.values()) if (entry.annotationId === annotationId) found.push(entry.thread);
    }
    return found;
  }

  /**
   * Makes a thread the user wrote a new annotation in the annotation's thread,
   * so the widget stays open while the note is saved. `done` resolves once the
   * store holds the annotation.
   */
  async adopt(thread: vscode.CommentThread, target: Target, annotation: Annotation, done: Promise<void>): Promise<void> {
    const key = threadKey(target.paper.id, annotation.id, target.occurrence);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri.toString());
    let view = this.views.get(target.uri.toString());
    if (!view && doc) {
      view = { uri: doc.uri, version: -1, placements: [], threads: new Map(), moves: new Map(), highlights: new Map() };
      this.views.set(target.uri.toString(), view);
    }
    if (!view) {
      thread.dispose();
      await done;
      return;
    }
    thread.contextValue = 'annotation';
    thread.label = threadLabel(annotation);
    thread.range = target.range;
    thread.comments = this.commentsFor(thread, target.paper.id, annotation);
    thread.canReply = true;
    view.threads.set(key, { thread, signature: signatureOf(annotation), paperId: target.paper.id, annotationId: annotation.id });
    this.adopting.add(key);
    try {
      await done;
    } finally {
      this.adopting.delete(key);
      if (doc) this.refresh(doc);
    }
  }

  /** Orphans in every digest holding an annotated paper: open ones as edited, others as last indexed. */
  orphans(): OrphanEntry[] {
    const found: OrphanEntry[] = [];
    const seen = new Set<string>();
    const add = (o: Orphan, uri: string) => {
      const key = `${o.annotation.id}\u0000${uri}`;
      if (seen.has(key)) return;
      seen.add(key);
      found.push({ paperId: o.paper.id, title: o.paper.title, annotation: o.annotation, digestUri: uri, reason: o.reason });
    };
    for (const [uri, view] of this.views) {
      for (const p of view.placements) if (p.status === 'orphaned') add(p, uri);
    }
    for (const note of this.services.store.all()) {
      if (note.annotations.length === 0) continue;
      for (const paper of this.services.index.paper(note.id)?.occurrences ?? []) {
        if (this.views.has(paper.source.uri)) continue;
        for (const annotation of note.annotations) {
          if (!anchorsInPaper(paper, annotation)) {
            add({ status: 'orphaned', paper, annotation, occurrence: 0, reason: 'the quote is no longer in the text', bestConfidence: 0 }, paper.source.uri);
          }
        }
      }
    }
    return found;
  }

  /** Orphans of the document's view (as it is on screen). */
  orphansIn(doc: vscode.TextDocument): Orphan[] {
    return (this.current(doc)?.placements ?? []).filter((p): p is Orphan => p.status === 'orphaned');
  }

  placed(doc: vscode.TextDocument, paperId: string, annotationId: string): Placement | undefined {
    const placements = this.current(doc)?.placements ?? [];
    return placements.find((p) => p.paper.id === paperId && p.annotation.id === annotationId && p.status === 'anchored')
      ?? placements.find((p) => p.paper.id === paperId && p.annotation.id === annotationId);
  }

  scheduleAll(): void {
    if (this.storeTimer) clearTimeout(this.storeTimer);
    this.storeTimer = setTimeout(() => {
      this.storeTimer = undefined;
      for (const doc of vscode.workspace.textDocuments) {
        if (this.views.has(doc.uri.toString()) || this.isVisible(doc)) this.refresh(doc);
      }
    }, STORE_DEBOUNCE_MS);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!DOCUMENT_SCHEMES.has(doc.uri.scheme)) return;
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

  private isVisible(doc: vscode.TextDocument): boolean {
    return vscode.window.visibleTextEditors.some((editor) => editor.document === doc);
  }

  private forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    this.docs.forget(doc);
    this.clear(key);
  }

  private clear(key: string): void {
    const view = this.views.get(key);
    if (!view) return;
    for (const entry of view.threads.values()) entry.thread.dispose();
    this.views.delete(key);
    this.updateActive();
  }

  private commentsFor(thread: vscode.CommentThread, paperId: string, annotation: Annotation): AnnotationComment[] {
    const comments = commentsOf(paperId, annotation);
    for (const comment of comments) comment.thread = thread;
    return comments;
  }

  private syncThreads(view: DocView): void {
    const wanted = new Map<string, Placed>();
    for (const p of view.placements) if (p.status === 'anchored') wanted.set(threadKey(p.paper.id, p.annotation.id, p.occurrence), p);
    for (const [key, entry] of view.threads) {
      if (wanted.has(key) || this.adopting.has(key)) continue;
      entry.thread.dispose();
      view.threads.delete(key);
    }
    for (const [key, p] of wanted) {
      const range = toRange(p.start, p.end);
      const signature = signatureOf(p.annotation);
      const entry = view.threads.get(key);
      if (!entry) {
        const thread = this.comments.createCommentThread(view.uri, range, []);
        thread.comments = this.commentsFor(thread, p.paper.id, p.annotation);
        thread.contextValue = 'annotation';
        thread.label = threadLabel(p.annotation);
        thread.canReply = true;
        thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
        view.threads.set(key, { thread, signature, paperId: p.paper.id, annotationId: p.annotation.id });
        continue;
      }
      if (!entry.thread.range?.isEqual(range)) entry.thread.range = range;
      const editing = entry.thread.comments.some((c) => c.mode === vscode.CommentMode.Editing);
      if (entry.signature !== signature && !editing) {
        entry.thread.comments = this.commentsFor(entry.thread, p.paper.id, p.annotation);
        entry.thread.label = threadLabel(p.annotation);
        entry.signature = signature;
      }
    }
  }

  private applyHighlights(doc: vscode.TextDocument, view: DocView): void {
    const byColour = new Map<Colour, vscode.DecorationOptions[]>(PALETTE.map((c) => [c, []]));
    for (const p of view.placements) {
      if (p.status !== 'anchored') continue;
      byColour.get(colourOf(p.annotation.tag))!.push({ range: toRange(p.start, p.end) });
    }
    view.highlights = new Map([...byColour].map(([colour, options]) => [colour, options.map((o) => o.range)]));
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== doc) continue;
      for (const [colour, options] of byColour) editor.setDecorations(this.highlightTypes.get(colour)!, options);
    }
  }

  /**
   * Records annotations whose anchor moved. They are written when the digest is
   * saved, so typing never writes notes files; a fuzzy match in a file with no
   * unsaved edits (re-downloaded, changed on disk) is written at once, since
   * its quote itself changed and the next reader should not have to search
   * (once per annotation and session: see autoWriters).
   */
  private noteMoves(doc: vscode.TextDocument, view: DocView): void {
    view.moves.clear();
    const key = doc.uri.toString();
    for (const p of view.placements) {
      if (p.status !== 'anchored' || !p.moved) continue;
      const move: Move = { paperId: p.paper.id, title: p.paper.title, annotationId: p.annotation.id, from: p.annotation.anchor, to: p.moved };
      view.moves.set(p.annotation.id, move);
      if (p.method !== 'fuzzy' || doc.isDirty) continue;
      // Two open digests with different wordings of the quote would otherwise
      // take turns rewriting the anchor: the first one to write it keeps it.
      const writer = this.autoWriters.get(p.annotation.id);
      if (writer !== undefined && writer !== key) continue;
      this.autoWriters.set(p.annotation.id, key);
      void this.write(move);
    }
  }

  private async onSaved(doc: vscode.TextDocument): Promise<void> {
    const view = this.current(doc);
    if (!view) return;
    await Promise.all([...view.moves.values()].map((move) => this.write(move)));
  }

  private async write(move: Move): Promise<void> {
    const stored = this.services.store.get(move.paperId)?.annotations.find((a) => a.id === move.annotationId)?.anchor;
    if (!stored || sameAnchor(stored, move.to)) return;
    const key = `${move.annotationId}\u0000${JSON.stringify(move.to)}`;
    if (this.writing.has(key)) return;
    this.writing.add(key);
    try {
      await this.services.store.update(move.paperId, move.title, (note) => {
        const annotation = note.annotations.find((a) => a.id === move.annotationId);
        // Only if nobody re-attached or edited it meanwhile.
        if (annotation && sameAnchor(annotation.anchor, move.from)) annotation.anchor = move.to;
      });
    } finally {
      this.writing.delete(key);
    }
  }

  /** The comments of the highlights under the pointer (as text, never as markup). */
  private hover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const view = this.views.get(doc.uri.toString());
    if (!view || view.version !== doc.version) return undefined;
    const under = view.placements.filter((p): p is Placed => p.status === 'anchored' && toRange(p.start, p.end).contains(position));
    if (under.length === 0) return undefined;
    return new vscode.Hover(under.map((p) => hoverOf(p.annotation)), toRange(under[0].start, under[0].end));
  }

  private commentingRanges(doc: vscode.TextDocument): vscode.Range[] {
    const digest = this.digestOf(doc);
    if (!digest) return [];
    const lines = linesOf(doc);
    const ranges: vscode.Range[] = [];
    for (const paper of digest.papers) {
      const fields = paperFields(lines, paper);
      for (const map of [fields.title, fields.abstract]) if (map) ranges.push(toRange(map.start, map.end));
    }
    return ranges;
  }

  private updateActive(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const isDigest = doc ? this.digestOf(doc) !== undefined : false;
    void vscode.commands.executeCommand('setContext', 'paperReader.digestEditor', isDigest);
    const view = doc ? this.views.get(doc.uri.toString()) : undefined;
    const orphans = view?.placements.filter((p) => p.status === 'orphaned').length ?? 0;
    void vscode.commands.executeCommand('setContext', 'paperReader.hasOrphans', orphans > 0);
    if (orphans > 0) {
      this.status.text = `$(comment-unresolved) ${orphans}`;
      this.status.tooltip = orphans === 1
        ? vscode.l10n.t('1 annotation in this digest lost its text. Click to list it and re-attach it.')
        : vscode.l10n.t('{0} annotations in this digest lost their text. Click to list them and re-attach them.', orphans);
      this.status.show();
    } else {
      this.status.hide();
    }
  }
}
