import * as vscode from 'vscode';
import type { Services } from '../services';
import { activeCardId } from './active-card';
import { argLabel, decodePaperId, isPaperArg } from './paper-arg-decode';

/** Tells VS Code's Uri (the document of an editor context menu) from other objects. */
const isUri = (value: object): boolean => value instanceof vscode.Uri;

/** The paper id in a command argument: an id, or a tree item or any object with an own `id` field. */
export function paperIdFromArg(arg: unknown): string | undefined {
  return decodePaperId(arg, isUri);
}

/**
 * True when a command was given something meant as a paper: anything but nothing, the document
 * (editor context menu) or the list of selected tree items.
 */
export function hasPaperArg(arg: unknown): boolean {
  return isPaperArg(arg, isUri);
}

/** The paper under the cursor of the active editor, when it shows a digest. */
export function paperAtCursor(services: Services): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  return services.index.paperAt(editor.document.uri.toString(), editor.selection.active.line)?.id;
}

export function titleOf(services: Services, id: string): string {
  return services.index.paper(id)?.paper.title || services.store.get(id)?.title || id;
}

/** A paper is known when a digest holds it or the reader has notes about it. */
export function isKnownPaper(services: Services, id: string): boolean {
  return services.index.paper(id) !== undefined || services.store.get(id) !== undefined;
}

interface PaperPick extends vscode.QuickPickItem {
  id: string;
}

/** A quick pick over every paper of the workspace; the paper under the cursor comes first. */
export async function pickPaper(services: Services, placeHolder: string, exclude?: string): Promise<string | undefined> {
  const current = paperAtCursor(services) ?? activeCardId();
  // The pick opens at once and fills in when the index is ready.
  const items = services.index.ready().then(() => {
    const list: PaperPick[] = [];
    for (const entry of services.index.papers()) {
      if (entry.id === exclude) continue;
      const { paper } = entry;
      const note = services.store.get(entry.id);
      const meta = [paper.authorCount !== undefined ? vscode.l10n.t('{0} authors', String(paper.authorCount)) : undefined, paper.published, paper.upvotes !== undefined ? `▲ ${paper.upvotes}` : undefined];
      list.push({
        id: entry.id,
        label: `${note?.starred ? '$(star-full) ' : ''}${paper.title}`,
        description: [...meta.filter(Boolean), ...(note?.tags ?? []).map((t) => `#${t}`)].join(' · '),
        detail: paper.abstract ? paper.abstract.slice(0, 160) : undefined,
      });
    }
    const first = list.findIndex((item) => item.id === current);
    if (first > 0) list.unshift(...list.splice(first, 1));
    return list;
  });
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  if (!picked && (await items).length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No papers found in the digests of this workspace.'));
  }
  return picked?.id;
}

/**
 * The paper a command acts on: its argument (id or tree item), else the card in front, else the
 * paper under the cursor, else the reader picks one.
 */
export async function resolvePaper(services: Services, arg: unknown, placeHolder: string): Promise<string | undefined> {
  const fromArg = paperIdFromArg(arg);
  if (!fromArg && hasPaperArg(arg)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is not a paper id.', argLabel(arg)));
    return undefined;
  }
  if (fromArg) {
    if (isKnownPaper(services, fromArg)) return fromArg;
    await services.index.ready();
    if (isKnownPaper(services, fromArg)) return fromArg;
    void vscode.window.showErrorMessage(vscode.l10n.t('No paper with id "{0}" in this workspace.', fromArg));
    return undefined;
  }
  const implicit = activeCardId() ?? paperAtCursor(services);
  if (implicit) return implicit;
  return pickPaper(services, placeHolder);
}
