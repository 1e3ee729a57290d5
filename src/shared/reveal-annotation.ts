import * as vscode from 'vscode';
import type { Orphan, Placed } from '../core';
import type { Services } from '../services';
import { annotatedDigestOf, placementOf, placementsIn, toRange } from './annotation-placement';

export type RevealOutcome =
  /** The annotated words are selected in `editor`. */
  | { status: 'revealed'; editor: vscode.TextEditor; range: vscode.Range; placement: Placed }
  /** The digest is shown at the paper's title: the words are no longer in it. */
  | { status: 'orphaned'; editor: vscode.TextEditor; placement: Orphan }
  /** The paper's notes hold no such annotation. */
  | { status: 'unknown' }
  /** No digest of the workspace holds the paper. */
  | { status: 'no-digest' };

export interface RevealOptions {
  /** The column of the view asking (the card): the digest opens in another one, so both stay visible. */
  besideColumn?: vscode.ViewColumn;
}

/**
 * Opens the digest holding an annotation's paper (the active editor first, then
 * a visible one, then the newest digest holding it) and selects the annotated
 * words where the highlight shows them: the same placement, fuzzy re-anchoring
 * included, so the card and the editor always select the same words.
 */
export async function revealAnnotation(
  services: Pick<Services, 'documents' | 'store' | 'index'>,
  paperId: string,
  annotationId: string,
  options: RevealOptions = {},
): Promise<RevealOutcome> {
  if (!services.store.get(paperId)?.annotations.some((a) => a.id === annotationId)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This annotation is no longer in the notes of its paper.'));
    return { status: 'unknown' };
  }
  const doc = await digestHolding(services, paperId);
  if (!doc) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No digest in this workspace holds this paper.'));
    return { status: 'no-digest' };
  }
  const editor = await vscode.window.showTextDocument(doc, {
    preview: false,
    ...(options.besideColumn !== undefined ? { viewColumn: otherColumn(options.besideColumn) } : {}),
  });
  const placement = placementOf(placementsIn(services, doc) ?? [], paperId, annotationId);
  if (!placement) return { status: 'unknown' };
  if (placement.status === 'orphaned') {
    const line = placement.paper.source.titleLine;
    editor.selection = new vscode.Selection(line, 0, line, 0);
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    const list = vscode.l10n.t('Show Orphaned Annotations');
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The words of this annotation are no longer in {0} ({1}).', baseName(doc.uri), placement.reason), list,
    ).then((answer) => {
      if (answer === list) void vscode.commands.executeCommand('paperReader.annotation.showOrphans');
    });
    return { status: 'orphaned', editor, placement };
  }
  const range = toRange(placement.start, placement.end);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return { status: 'revealed', editor, range, placement };
}

/** The open or indexed digest to show a paper in. */
async function digestHolding(services: Pick<Services, 'documents' | 'index'>, paperId: string): Promise<vscode.TextDocument | undefined> {
  const holds = (doc: vscode.TextDocument) => annotatedDigestOf(services, doc)?.papers.some((p) => p.id === paperId) ?? false;
  const active = vscode.window.activeTextEditor?.document;
  if (active && holds(active)) return active;
  for (const editor of vscode.window.visibleTextEditors) if (holds(editor.document)) return editor.document;
  for (const paper of services.index.paper(paperId)?.occurrences ?? []) {
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(paper.source.uri, true));
      if (holds(doc)) return doc;
    } catch {
      // A digest deleted since it was indexed: try the next one.
    }
  }
  return undefined;
}

/** An editor group other than the card's, so showing the digest does not hide the card. */
export function otherColumn(card: vscode.ViewColumn | undefined): vscode.ViewColumn {
  if (card === undefined) return vscode.ViewColumn.Active;
  return card === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
}

function baseName(uri: vscode.Uri): string {
  return decodeURIComponent(uri.path.slice(uri.path.lastIndexOf('/') + 1));
}
