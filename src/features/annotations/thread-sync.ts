import * as vscode from 'vscode';
import type { Annotation, Placed } from '../../core';
import { toRange } from '../../shared/annotation-placement';
import { AnnotationComment, commentsOf, signatureOf, threadLabel } from './comments';
import type { DocView, DocumentViews, ViewPart } from './document-views';
import type { Target } from './selection';

const CONTROLLER_ID = 'paperReader.annotations';

/** The annotation a thread shows. */
export interface ThreadOwner {
  paperId: string;
  annotationId: string;
}

interface ThreadEntry extends ThreadOwner {
  thread: vscode.CommentThread;
  /** What the thread shows; its comments are rebuilt only when this changes. */
  signature: string;
}

export function threadKey(paperId: string, annotationId: string, occurrence: number): string {
  return `${paperId}/${annotationId}#${occurrence}`;
}

/**
 * The comment threads of open digests: one per anchored annotation and copy
 * of its paper, created, moved, updated and disposed as the annotations are
 * placed again.
 */
export class ThreadSync implements ViewPart, vscode.Disposable {
  readonly comments: vscode.CommentController;
  /** Per document, its threads by threadKey. */
  private readonly byDoc = new Map<string, Map<string, ThreadEntry>>();
  /** Threads whose annotation is being written: not disposed by a placement that runs before the store has it. */
  private readonly adopting = new Set<string>();

  constructor(private readonly views: DocumentViews) {
    this.comments = vscode.comments.createCommentController(CONTROLLER_ID, vscode.l10n.t('Paper Annotations'));
    this.comments.options = {
      prompt: vscode.l10n.t('Add a comment…'),
      placeHolder: vscode.l10n.t('Write a comment on the selected words (Markdown)'),
    };
  }

  dispose(): void {
    for (const threads of this.byDoc.values()) for (const entry of threads.values()) entry.thread.dispose();
    this.byDoc.clear();
    this.comments.dispose();
  }

  show(_doc: vscode.TextDocument, view: DocView): void {
    const threads = this.threadsOfDoc(view.uri.toString());
    const wanted = new Map<string, Placed>();
    for (const p of view.placements) if (p.status === 'anchored') wanted.set(threadKey(p.paper.id, p.annotation.id, p.occurrence), p);
    for (const [key, entry] of threads) {
      if (wanted.has(key) || this.adopting.has(key)) continue;
      entry.thread.dispose();
      threads.delete(key);
    }
    for (const [key, p] of wanted) {
      const range = toRange(p.start, p.end);
      const signature = signatureOf(p.annotation);
      const entry = threads.get(key);
      if (!entry) {
        const thread = this.comments.createCommentThread(view.uri, range, []);
        thread.comments = commentsFor(thread, p.paper.id, p.annotation);
        thread.contextValue = 'annotation';
        thread.label = threadLabel(p.annotation);
        thread.canReply = true;
        thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
        threads.set(key, { thread, signature, paperId: p.paper.id, annotationId: p.annotation.id });
        continue;
      }
      if (!entry.thread.range?.isEqual(range)) entry.thread.range = range;
      const editing = entry.thread.comments.some((c) => c.mode === vscode.CommentMode.Editing);
      if (entry.signature !== signature && !editing) {
        entry.thread.comments = commentsFor(entry.thread, p.paper.id, p.annotation);
        entry.thread.label = threadLabel(p.annotation);
        entry.signature = signature;
      }
    }
  }

  clear(key: string): void {
    for (const entry of this.byDoc.get(key)?.values() ?? []) entry.thread.dispose();
    this.byDoc.delete(key);
  }

  /** The threads shown in a document. */
  threads(uri: vscode.Uri): vscode.CommentThread[] {
    return [...(this.byDoc.get(uri.toString())?.values() ?? [])].map((entry) => entry.thread);
  }

  /** The thread of one copy of an annotation in a document, if it has one. */
  threadOf(uri: vscode.Uri, paperId: string, annotationId: string, occurrence: number): vscode.CommentThread | undefined {
    return this.byDoc.get(uri.toString())?.get(threadKey(paperId, annotationId, occurrence))?.thread;
  }

  /** The annotation a thread shows, if it is one of ours. */
  ownerOf(thread: unknown): ThreadOwner | undefined {
    for (const threads of this.byDoc.values()) {
      for (const entry of threads.values()) {
        if (entry.thread === thread) return { paperId: entry.paperId, annotationId: entry.annotationId };
      }
    }
    return undefined;
  }

  /**
   * Makes a thread the user wrote a new annotation in the annotation's thread,
   * so the widget stays open while the note is saved. `done` resolves once the
   * store holds the annotation.
   */
  async adopt(thread: vscode.CommentThread, target: Target, annotation: Annotation, done: Promise<void>): Promise<void> {
    const key = threadKey(target.paper.id, annotation.id, target.occurrence);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri.toString());
    if (!this.views.get(target.uri) && !doc) {
      thread.dispose();
      await done;
      return;
    }
    if (doc) this.views.ensure(doc);
    thread.contextValue = 'annotation';
    thread.label = threadLabel(annotation);
    thread.range = target.range;
    thread.comments = commentsFor(thread, target.paper.id, annotation);
    thread.canReply = true;
    this.threadsOfDoc(target.uri.toString()).set(key, { thread, signature: signatureOf(annotation), paperId: target.paper.id, annotationId: annotation.id });
    this.adopting.add(key);
    try {
      await done;
    } finally {
      this.adopting.delete(key);
      if (doc) this.views.refresh(doc);
    }
  }

  private threadsOfDoc(key: string): Map<string, ThreadEntry> {
    let threads = this.byDoc.get(key);
    if (!threads) {
      threads = new Map();
      this.byDoc.set(key, threads);
    }
    return threads;
  }
}

/** The comments of an annotation, each knowing its thread (menu commands receive only the comment). */
function commentsFor(thread: vscode.CommentThread, paperId: string, annotation: Annotation): AnnotationComment[] {
  const comments = commentsOf(paperId, annotation);
  for (const comment of comments) comment.thread = thread;
  return comments;
}
