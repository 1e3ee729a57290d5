import * as vscode from 'vscode';
import type { DocumentViews } from './document-views';
import { orphansOf } from './orphan-list';

/**
 * The status bar item counting the active digest's orphaned annotations, and the
 * context keys the menus read: whether the active editor is a digest, and whether
 * it has orphans.
 */
export class OrphanStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('paperReader.annotation.orphans', vscode.StatusBarAlignment.Right, 90);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly views: DocumentViews) {
    this.item.name = vscode.l10n.t('Orphaned Annotations');
    this.item.command = 'paperReader.annotation.showOrphans';
    this.disposables.push(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this.update();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  show(doc: vscode.TextDocument): void {
    if (vscode.window.activeTextEditor?.document === doc) this.update();
  }

  clear(): void {
    this.update();
  }

  private update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const isDigest = doc ? this.views.digestOf(doc) !== undefined : false;
    void vscode.commands.executeCommand('setContext', 'paperReader.digestEditor', isDigest);
    const orphans = doc ? orphansOf(this.views.get(doc.uri)?.placements ?? []).length : 0;
    void vscode.commands.executeCommand('setContext', 'paperReader.hasOrphans', orphans > 0);
    if (orphans > 0) {
      this.item.text = `$(comment-unresolved) ${orphans}`;
      this.item.tooltip = orphans === 1
        ? vscode.l10n.t('1 annotation in this digest lost its text. Click to list it and re-attach it.')
        : vscode.l10n.t('{0} annotations in this digest lost their text. Click to list them and re-attach them.', orphans);
      this.item.show();
    } else {
      this.item.hide();
    }
  }
}
