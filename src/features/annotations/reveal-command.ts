import * as vscode from 'vscode';
import type { Services } from '../../services';
import { registerCommand } from '../../shared/commands';
import { revealAnnotation } from '../../shared/reveal-annotation';
import { decodeRevealArgs } from './command-args';
import { showRefusal } from './refusals';
import type { DocumentViews } from './document-views';
import type { ThreadSync } from './thread-sync';

/**
 * Reveal Annotation: selects the annotated words as the card does (one shared
 * function, so both find the same words), and opens the annotation's thread there.
 */
export function registerRevealCommand(services: Services, parts: { views: DocumentViews; threads: ThreadSync }): vscode.Disposable {
  const { views, threads } = parts;
  return registerCommand(services, 'paperReader.annotation.reveal', async (first?: unknown, second?: unknown): Promise<boolean> => {
    const decoded = decodeRevealArgs(first, second);
    if (!decoded.ok) {
      showRefusal(decoded.refusal);
      return false;
    }
    const { paperId, annotationId } = decoded.value;
    const outcome = await revealAnnotation(services, paperId, annotationId);
    if (outcome.status !== 'revealed') return false;
    // The threads as placed for the text now (a document just opened may not be placed yet).
    views.current(outcome.editor.document);
    for (const thread of threads.threads(outcome.editor.document.uri)) {
      if (threads.ownerOf(thread)?.annotationId === annotationId && thread.range?.isEqual(outcome.range)) {
        thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
      }
    }
    return true;
  });
}
