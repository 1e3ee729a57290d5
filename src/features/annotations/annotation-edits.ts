import * as vscode from 'vscode';
import { createAnchor, type Annotation } from '../../core';
import type { Services } from '../../services';
import type { AnnotationRef } from './command-args';
import { shorten } from './comments';
import type { Colour } from './palette';
import type { Target } from './selection';

/** A new annotation on the target's words. */
export function newAnnotation(target: Target, body: string, tag: Colour | undefined): Annotation {
  const annotation: Annotation = {
    id: newId(),
    anchor: createAnchor(target.field, target.text, target.start, target.end),
    body,
    created: new Date().toISOString(),
  };
  if (tag) annotation.tag = tag;
  return annotation;
}

/** Adds an annotation to its paper's notes and says so when it could not be written. */
export async function saveAnnotation(services: Services, target: Target, annotation: Annotation): Promise<void> {
  await services.store.update(target.paper.id, target.paper.title, (note) => {
    note.annotations.push(annotation);
  });
  const problem = services.store.problem(target.paper.id);
  if (problem) void vscode.window.showErrorMessage(vscode.l10n.t('The annotation could not be saved: {0}', problem));
}

/** Changes one stored annotation (nothing when it is gone). */
export async function changeAnnotation(services: Services, ref: AnnotationRef, edit: (annotation: Annotation) => void): Promise<void> {
  const note = services.store.get(ref.paperId);
  await services.store.update(ref.paperId, note?.title ?? '', (n) => {
    const annotation = n.annotations.find((a) => a.id === ref.annotationId);
    if (annotation) edit(annotation);
  });
}

/**
 * Deletes a reply, or a whole annotation; with `ask`, a reader deleting an
 * annotation that has replies is asked first. True when something was deleted.
 */
export async function deleteAnnotation(services: Services, ref: AnnotationRef, ask: boolean): Promise<boolean> {
  const annotation = services.store.get(ref.paperId)?.annotations.find((a) => a.id === ref.annotationId);
  if (!annotation) return false;
  if (ref.reply !== undefined) {
    await changeAnnotation(services, ref, (a) => {
      a.replies = (a.replies ?? []).filter((_, i) => i !== ref.reply);
      if (a.replies.length === 0) delete a.replies;
    });
    return true;
  }
  const replies = annotation.replies?.length ?? 0;
  if (replies > 0 && ask) {
    const remove = vscode.l10n.t('Delete');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete the annotation on {0} and its {1} replies?', `“${shorten(annotation.anchor.exact, 60)}”`, replies),
      { modal: true },
      remove,
    );
    if (answer !== remove) return false;
  }
  const title = services.store.get(ref.paperId)?.title ?? '';
  await services.store.update(ref.paperId, title, (note) => {
    note.annotations = note.annotations.filter((a) => a.id !== ref.annotationId);
  });
  return true;
}

function newId(): string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return `a-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
