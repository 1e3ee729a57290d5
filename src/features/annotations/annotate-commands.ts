import * as vscode from 'vscode';
import type { Services } from '../../services';
import { registerCommand } from '../../shared/commands';
import { changeAnnotation, newAnnotation, saveAnnotation } from './annotation-edits';
import { decodeAddOptions, decodeCommentReply, isThreadLike } from './command-args';
import type { DocumentViews } from './document-views';
import type { Drafts } from './drafts';
import { showRefusal } from './refusals';
import { resolveRange, titleTarget } from './selection';
import type { ThreadSync } from './thread-sync';

interface Parts {
  views: DocumentViews;
  threads: ThreadSync;
  drafts: Drafts;
}

/**
 * Writing comments: Annotate Selection, and the comment widget's buttons, which
 * save the first comment of a new thread as an annotation or a later one as a
 * reply.
 */
export function registerAnnotateCommands(services: Services, parts: Parts): vscode.Disposable[] {
  const { views, threads, drafts } = parts;

  /**
   * Annotate Selection. With a `body` the annotation is saved at once and its
   * id returned; otherwise a comment thread opens on the words for the comment.
   */
  const add = async (arg?: unknown): Promise<string | undefined> => {
    const decoded = decodeAddOptions(arg);
    if (!decoded.ok) {
      showRefusal(decoded.refusal);
      return undefined;
    }
    const options = decoded.value;
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a paper digest and select words to annotate them.'));
      return undefined;
    }
    const doc = editor.document;
    const digest = views.digestOf(doc);
    let range: vscode.Range = editor.selection;
    if (range.isEmpty) range = doc.getWordRangeAtPosition(range.start) ?? range;
    let target = resolveRange(doc, digest, range);
    if (typeof target === 'string' && options.paperId && digest && editor.selection.isEmpty) {
      target = titleTarget(doc, digest, options.paperId) ?? target;
    }
    if (typeof target === 'string') {
      void vscode.window.showWarningMessage(target);
      return undefined;
    }
    if (options.body !== undefined) {
      const annotation = newAnnotation(target, options.body, options.tag);
      await saveAnnotation(services, target, annotation);
      return annotation.id;
    }
    drafts.open(doc, target, options.tag);
    return undefined;
  };

  /** The first comment of a new thread (ours, or one started from the gutter): saves the annotation. */
  const create = async (arg: unknown): Promise<string | undefined> => {
    const decoded = decodeCommentReply(arg);
    if (!decoded.ok) {
      showRefusal(decoded.refusal);
      return undefined;
    }
    const { text } = decoded.value;
    // The editor's own thread object, as the comment widget passes it.
    const thread = decoded.value.thread as vscode.CommentThread;
    const owner = threads.ownerOf(thread);
    if (owner) {
      await addReply(owner, text);
      return undefined;
    }
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === String(thread.uri));
    if (!doc || !(thread.range instanceof vscode.Range)) {
      void vscode.window.showWarningMessage(vscode.l10n.t("Annotations belong to words of a paper's title or abstract, not to a whole file."));
      return undefined;
    }
    // The words may have moved since the thread opened: resolve its range (which the editor kept in place) again.
    const target = resolveRange(doc, views.digestOf(doc), thread.range, true);
    if (typeof target === 'string') {
      void vscode.window.showWarningMessage(target);
      return undefined;
    }
    const draft = drafts.get(thread);
    drafts.release(thread);
    const annotation = newAnnotation(target, text, draft?.tag);
    await threads.adopt(thread, target, annotation, saveAnnotation(services, target, annotation));
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    return annotation.id;
  };

  /** A later comment in an annotation's thread: saved as a reply (a first one, as the annotation). */
  const reply = async (arg: unknown): Promise<void> => {
    const decoded = decodeCommentReply(arg);
    if (!decoded.ok) {
      showRefusal(decoded.refusal);
      return;
    }
    const owner = threads.ownerOf(decoded.value.thread);
    if (owner) await addReply(owner, decoded.value.text);
    else await create(arg);
  };

  const addReply = async (owner: { paperId: string; annotationId: string }, body: string): Promise<void> => {
    if (body.trim() === '') return;
    await changeAnnotation(services, owner, (annotation) => {
      annotation.replies = [...(annotation.replies ?? []), { body, created: new Date().toISOString() }];
    });
  };

  /**
   * Closes a thread opened for a new annotation (by the command or from the
   * gutter), saving nothing. The widget's Cancel button passes a CommentReply;
   * code may pass the thread. True when a thread was closed.
   */
  const cancelDraft = (arg: unknown): boolean => {
    const reply = decodeCommentReply(arg);
    const thread = reply.ok ? reply.value.thread : isThreadLike(arg) ? arg : undefined;
    if (!thread || threads.ownerOf(thread)) return false;
    drafts.release(thread);
    (thread as vscode.CommentThread).dispose();
    return true;
  };

  return [
    registerCommand(services, 'paperReader.annotation.add', add),
    registerCommand(services, 'paperReader.annotation.create', create),
    registerCommand(services, 'paperReader.annotation.reply', reply),
    registerCommand(services, 'paperReader.annotation.cancelDraft', cancelDraft),
    drafts,
  ];
}
