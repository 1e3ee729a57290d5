// Helpers for the tests of annotations and digest editors: papers of the seed, editing and selecting.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnnotationsApi } from '../../src/features/annotations';
import type { Services } from '../../src/services';
import { waitFor, workspaceUri } from './helpers';

/** The parts of the API these tests use. */
export interface AnnotationTestApi {
  services: Services;
  annotations: AnnotationsApi;
}

/** The lines of a paper in the seed, from its title to its last metadata line. */
export function block(seed: string, title: string): string {
  const lines = seed.split('\n');
  const start = lines.indexOf(title);
  assert.ok(start >= 0, `"${title}" is a title of the seed`);
  let end = start + 1;
  // Title, blank, abstract, blank, metadata lines up to the next blank line.
  let blanks = 0;
  while (end < lines.length && blanks < 3) {
    if (lines[end].trim() === '') blanks++;
    end++;
  }
  return lines.slice(start, end - 1).join('\n');
}

export async function open(name: string, viewColumn?: vscode.ViewColumn): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
  return vscode.window.showTextDocument(doc, { preview: false, viewColumn });
}

/** Selects `words` in the editor, at their first occurrence after `after` (or `context` containing them). */
export function select(editor: vscode.TextEditor, words: string, context = words, after = 0): vscode.Range {
  const text = editor.document.getText();
  const at = text.indexOf(context, after);
  assert.ok(at >= 0, `"${context}" is in ${editor.document.fileName}`);
  const start = editor.document.positionAt(at + context.indexOf(words));
  const end = editor.document.positionAt(at + context.indexOf(words) + words.length);
  editor.selection = new vscode.Selection(start, end);
  return new vscode.Range(start, end);
}

/** Edits the document through the workspace (an editor object can go stale), and checks the edit was made. */
export async function applyEdit(doc: vscode.TextDocument, build: (edit: vscode.WorkspaceEdit) => void): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  build(edit);
  const version = doc.version;
  assert.equal(await vscode.workspace.applyEdit(edit), true, 'the edit was applied');
  assert.ok(doc.version > version, 'the document changed');
}

/** Replaces the first occurrence of `from` in the document with `to`. */
export async function replaceText(doc: vscode.TextDocument, from: string, to: string): Promise<void> {
  await applyEdit(doc, (edit) => {
    const at = doc.getText().indexOf(from);
    assert.ok(at >= 0, `"${from}" is in ${doc.fileName}`);
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length)), to);
  });
}

export function shownIn(a: AnnotationTestApi, uri: vscode.Uri, annotationId: string) {
  return a.annotations.shown(uri).find((s) => s.annotationId === annotationId);
}

/** Waits until the annotation is highlighted with a thread over exactly `words`, and returns its range. */
export async function waitForWords(a: AnnotationTestApi, doc: vscode.TextDocument, annotationId: string, words: string): Promise<vscode.Range> {
  return waitFor(() => {
    const shown = shownIn(a, doc.uri, annotationId);
    if (!shown?.range || !shown.thread || doc.getText(shown.range) !== words) return undefined;
    if (!shown.thread.range?.isEqual(shown.range)) return undefined;
    const highlighted = [...a.annotations.highlights(doc.uri).values()].flat();
    return highlighted.some((r) => r.isEqual(shown.range!)) ? shown.range : undefined;
  }, { message: `"${words}" highlighted in ${doc.fileName}` });
}

/** Drops unsaved edits of the documents whose path contains `marker`, so closing them asks nothing. */
export async function revertDocuments(marker: string): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.path.includes(marker))) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
}
