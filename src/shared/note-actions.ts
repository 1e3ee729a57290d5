import * as vscode from 'vscode';
import type { NoteLink, PaperNote, ReadingStatus } from '../core';
import { cleanTag, isHttpUrl, isPaperId } from '../core';
import { mergeText } from '../core';
import type { Services } from '../services';
import { openAtLine as openFileAt } from './open-at-line';
import { pickPaper, titleOf } from './paper-arg';
import { otherColumn } from './reveal-annotation';
import { resolveWorkspacePath } from './workspace-paths';

/** Changes a paper's note through the store, which saves it. */
function change(services: Services, id: string, edit: (note: PaperNote) => void): Promise<void> {
  return services.store.update(id, titleOf(services, id), edit);
}

export const setStatus = (services: Services, id: string, status: ReadingStatus) =>
  change(services, id, (note) => {
    note.status = status;
  });

export const setStarred = (services: Services, id: string, starred: boolean) =>
  change(services, id, (note) => {
    note.starred = starred;
  });

/**
 * Sets the notes typed in the card. `base` is the text they were typed from: when the notes changed
 * elsewhere meanwhile (a hand edit, git), both changes are merged line by line, never replaced.
 */
export async function editBody(services: Services, id: string, body: string, base: string | undefined): Promise<void> {
  let conflicts = 0;
  await change(services, id, (note) => {
    if (base === undefined || base === note.body) {
      note.body = body;
      return;
    }
    const merged = mergeText(base, body, note.body, { theirs: vscode.l10n.t('changed elsewhere'), mine: vscode.l10n.t('typed in the card') });
    conflicts = merged.conflicts.length;
    note.body = merged.text;
  });
  if (conflicts) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The notes of "{0}" changed elsewhere while you typed; both versions are kept between conflict markers.', titleOf(services, id)));
  }
}

export async function addTag(services: Services, id: string, raw: string): Promise<boolean> {
  const tag = cleanTag(raw);
  if (!tag) return false;
  await change(services, id, (note) => {
    if (!note.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) note.tags.push(tag);
  });
  return true;
}

export const removeTag = (services: Services, id: string, tag: string) =>
  change(services, id, (note) => {
    note.tags = note.tags.filter((t) => t !== tag);
  });

export function sameLink(a: NoteLink, b: NoteLink): boolean {
  switch (a.kind) {
    case 'paper':
      return b.kind === 'paper' && a.id === b.id;
    case 'url':
      return b.kind === 'url' && a.url === b.url;
    case 'file':
      return b.kind === 'file' && a.path === b.path && a.startLine === b.startLine && a.endLine === b.endLine;
  }
}

export const addLink = (services: Services, id: string, link: NoteLink) =>
  change(services, id, (note) => {
    if (!note.links.some((l) => sameLink(l, link))) note.links.push(link);
  });

export const removeLink = (services: Services, id: string, link: NoteLink) =>
  change(services, id, (note) => {
    note.links = note.links.filter((l) => !sameLink(l, link));
  });

export async function linkPaper(services: Services, id: string): Promise<void> {
  const target = await pickPaper(services, vscode.l10n.t('Link "{0}" to which paper?', titleOf(services, id)), id);
  if (target) await addLink(services, id, { kind: 'paper', id: target, title: titleOf(services, target) });
}

export async function linkUrl(services: Services, id: string): Promise<void> {
  const url = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('A web address to link to "{0}"', titleOf(services, id)),
    placeHolder: 'https://',
    validateInput: (value) => (isHttpUrl(value.trim()) ? undefined : vscode.l10n.t('Enter an http or https address.')),
  });
  if (url && isHttpUrl(url.trim())) await addLink(services, id, { kind: 'url', url: url.trim() });
}

export async function openUrl(url: string): Promise<void> {
  if (!isHttpUrl(url)) return;
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
}

export async function openFileLink(path: string, startLine: number, endLine: number): Promise<void> {
  const uri = resolveWorkspacePath(path);
  if (!uri) {
    void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is not a file of this workspace.', path));
    return;
  }
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    const last = Math.max(0, document.lineCount - 1);
    const start = Math.min(startLine, last);
    const end = Math.min(Math.max(endLine, start), last);
    const range = new vscode.Range(start, 0, end, document.lineAt(end).text.length);
    await vscode.window.showTextDocument(document, { selection: range, preview: false });
  } catch {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot open "{0}": the file may have been moved or deleted.', path));
  }
}

/** Opens a link of a note. Paper links go through `openCard`; ids must name a known paper. */
export async function openLink(services: Services, link: NoteLink, openCard: (id: string) => unknown): Promise<void> {
  switch (link.kind) {
    case 'paper':
      if (isPaperId(link.id) && (services.index.paper(link.id) || services.store.get(link.id))) await openCard(link.id);
      else void vscode.window.showWarningMessage(vscode.l10n.t('The linked paper is not in any digest of this workspace.'));
      return;
    case 'url':
      await openUrl(link.url);
      return;
    case 'file':
      await openFileLink(link.path, link.startLine, link.endLine);
  }
}

/** Opens the paper's notes file, creating it (with just the title) when the paper has none yet. */
export async function openNotesFile(services: Services, id: string): Promise<void> {
  await services.store.ready();
  const problem = services.store.problem(id);
  if (!services.store.get(id) && !problem) await change(services, id, () => undefined);
  const uri = services.store.fileUri(id);
  if (!uri) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder to keep notes.'));
    return;
  }
  try {
    await openFileAt(uri);
  } catch {
    void vscode.window.showErrorMessage(services.store.problem(id) ?? vscode.l10n.t('Cannot open {0}.', vscode.workspace.asRelativePath(uri)));
  }
}

/** Shows the paper's title line in the digest it appears in (the newest by default). */
export async function revealOccurrence(services: Services, id: string, index = 0, cardColumn?: vscode.ViewColumn): Promise<void> {
  const occurrence = services.index.paper(id)?.occurrences[index];
  if (!occurrence) return;
  try {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(occurrence.source.uri, true));
    const line = Math.min(occurrence.source.titleLine, Math.max(0, document.lineCount - 1));
    const range = new vscode.Range(line, 0, line, document.lineAt(line).text.length);
    const editor = await vscode.window.showTextDocument(document, { selection: range, preview: false, viewColumn: otherColumn(cardColumn) });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  } catch {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot open the digest holding this paper.'));
  }
}
