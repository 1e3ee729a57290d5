import * as vscode from 'vscode';
import type { Services } from '../../services';
import { registerCommand } from '../../shared/commands';
import { changeAnnotation, deleteAnnotation } from './annotation-edits';
import { decodeColourArg } from './command-args';
import { AnnotationComment } from './comments';
import type { Drafts } from './drafts';
import { colourLabel } from './highlights';
import { PALETTE, type Colour } from './palette';
import { showRefusal } from './refusals';
import { resolveAnnotationArg } from './resolve-annotation-arg';
import type { ThreadSync } from './thread-sync';

interface Parts {
  threads: ThreadSync;
  drafts: Drafts;
}

/** Changing saved annotations from their threads' menus (or from code): edit a comment, delete, set the colour. */
export function registerEditCommands(services: Services, parts: Parts): vscode.Disposable[] {
  const { threads, drafts } = parts;

  const edit = (comment: unknown): void => {
    if (!(comment instanceof AnnotationComment) || !comment.thread) return;
    for (const other of comment.thread.comments) {
      if (other instanceof AnnotationComment && other !== comment && other.mode === vscode.CommentMode.Editing) {
        other.resetBody();
        other.mode = vscode.CommentMode.Preview;
      }
    }
    comment.mode = vscode.CommentMode.Editing;
    comment.body = comment.text;
    comment.thread.comments = [...comment.thread.comments];
  };

  const saveEdit = async (comment: unknown): Promise<void> => {
    if (!(comment instanceof AnnotationComment)) return;
    const text = comment.currentText();
    await changeAnnotation(services, comment.ref, (annotation) => {
      if (comment.ref.reply === undefined) annotation.body = text;
      else if (annotation.replies?.[comment.ref.reply]) annotation.replies[comment.ref.reply].body = text;
    });
    comment.mode = vscode.CommentMode.Preview;
    if (comment.thread) comment.thread.comments = [...comment.thread.comments];
  };

  const cancelEdit = (comment: unknown): void => {
    if (!(comment instanceof AnnotationComment)) return;
    comment.resetBody();
    comment.mode = vscode.CommentMode.Preview;
    if (comment.thread) comment.thread.comments = [...comment.thread.comments];
  };

  /** Deletes a reply, or a whole annotation (asking first when it has replies, unless called from code). */
  const remove = async (arg: unknown): Promise<boolean> => {
    const named = resolveAnnotationArg(arg, threads);
    if (!named.ok) {
      showRefusal(named.refusal);
      return false;
    }
    return deleteAnnotation(services, named.value.ref, named.value.ask);
  };

  /** Sets the highlight colour of an annotation (or of a thread still being written). */
  const setColour = async (arg: unknown, colourArg?: unknown): Promise<void> => {
    // A thread still being written is found by identity; anything else must name a saved annotation.
    const draft = drafts.get(arg);
    const named = draft ? undefined : resolveAnnotationArg(arg, threads);
    if (named && !named.ok) {
      showRefusal(named.refusal);
      return;
    }
    const decodedColour = decodeColourArg(colourArg);
    if (!decodedColour.ok) {
      showRefusal(decodedColour.refusal);
      return;
    }
    let colour = decodedColour.value;
    if (colour === undefined) {
      const picked = await pickColour();
      if (!picked) return;
      colour = picked.colour;
    }
    if (draft) {
      draft.tag = colour;
      return;
    }
    if (!named) return;
    await changeAnnotation(services, named.value.ref, (annotation) => {
      if (colour) annotation.tag = colour;
      else delete annotation.tag;
    });
  };

  return [
    registerCommand(services, 'paperReader.annotation.edit', edit),
    registerCommand(services, 'paperReader.annotation.saveEdit', saveEdit),
    registerCommand(services, 'paperReader.annotation.cancelEdit', cancelEdit),
    registerCommand(services, 'paperReader.annotation.delete', remove),
    registerCommand(services, 'paperReader.annotation.setColour', setColour),
  ];
}

/** The reader's choice of colour; `colour` undefined is "no colour tag". Undefined when dismissed. */
async function pickColour(): Promise<{ colour: Colour | undefined } | undefined> {
  return vscode.window.showQuickPick(
    [
      ...PALETTE.map((c) => ({ label: colourLabel(c), colour: c as Colour | undefined, iconPath: new vscode.ThemeIcon('circle-large-filled', new vscode.ThemeColor(`paperReader.annotation.${c}Ruler`)) })),
      { label: vscode.l10n.t('No colour tag'), colour: undefined, iconPath: new vscode.ThemeIcon('circle-large-outline') },
    ],
    { title: vscode.l10n.t('Highlight Colour'), placeHolder: vscode.l10n.t('The colour of this annotation\'s highlight') },
  );
}
