import * as vscode from 'vscode';
import { shorten } from './comments';
import type { Colour } from './palette';
import type { Target } from './selection';

/** A thread opened on words for a comment not written yet. */
export interface Draft {
  target: Target;
  tag?: Colour;
}

/** The comment threads open for new annotations, until their first comment is saved or they are cancelled. */
export class Drafts implements vscode.Disposable {
  private readonly drafts = new Map<vscode.CommentThread, Draft>();

  constructor(private readonly comments: vscode.CommentController) {}

  /** Opens the comment widget on the target's words. */
  open(doc: vscode.TextDocument, target: Target, tag: Colour | undefined): void {
    const thread = this.comments.createCommentThread(doc.uri, target.range, []);
    thread.contextValue = 'draft';
    thread.label = vscode.l10n.t('New annotation on {0}', `“${shorten(target.text.slice(target.start, target.end), 60)}”`);
    thread.canReply = true;
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    this.drafts.set(thread, { target, tag });
  }

  /** The draft a thread is, if it is one. */
  get(thread: unknown): Draft | undefined {
    // Found by identity: any other value finds nothing.
    return this.drafts.get(thread as vscode.CommentThread);
  }

  /** The thread is no longer a draft (its annotation is being saved). */
  release(thread: unknown): void {
    this.drafts.delete(thread as vscode.CommentThread);
  }

  dispose(): void {
    this.drafts.forEach((_, thread) => thread.dispose());
    this.drafts.clear();
  }
}
