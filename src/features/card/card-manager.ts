import * as vscode from 'vscode';
import { parseCardState } from '../../core';
import type { OpenCardOptions, Services } from '../../services';
import type { SelectionTracker } from '../../services/selection-tracker';
import { CARD_VIEW_TYPE, CardPanel, type CardHost } from './card-panel';
import { cardResourceRoots } from './card-html';


/**
 * The card panels. By default one panel is reused for every paper; with
 * `paperReader.card.openInNewPanel` each paper gets its own, and opening it again reveals it.
 */
export class CardManager implements CardHost, vscode.Disposable {
  private readonly panels = new Set<CardPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly services: Services, readonly selection: SelectionTracker) {
    const refreshAll = () => {
      for (const panel of this.panels) panel.refresh();
    };
    this.disposables.push(
      services.store.onDidChange(refreshAll),
      services.index.onDidChange(refreshAll),
      services.similar.onDidChange(refreshAll),
      vscode.window.registerWebviewPanelSerializer(CARD_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => this.revive(panel, state),
      }),
    );
  }

  async open(id: string, options: OpenCardOptions = {}): Promise<void> {
    const newPanels = vscode.workspace.getConfiguration('paperReader.card').get<boolean>('openInNewPanel', false);
    let card = [...this.panels].find((p) => p.paperId === id);
    if (!card && !newPanels) card = [...this.panels].at(-1);
    if (card) {
      card.panel.reveal(card.panel.viewColumn, options.preserveFocus);
    } else {
      const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
      const panel = vscode.window.createWebviewPanel(CARD_VIEW_TYPE, vscode.l10n.t('Paper'), { viewColumn: column, preserveFocus: options.preserveFocus ?? false }, {
        enableScripts: true,
        enableFindWidget: true,
        // The card is a text editor for notes: kept alive while hidden, it keeps the cursor,
        // the undo history and a half-typed tag, and comes back at once. One panel by default,
        // so the memory it holds is small; getState/setState still restore it after a reload.
        retainContextWhenHidden: true,
        localResourceRoots: cardResourceRoots(this.services.context.extensionUri),
      });
      card = this.track(new CardPanel(panel, this));
    }
    card.show(id, options.focus);
  }

  /** The panels, newest last (for tests and commands). */
  cards(): readonly CardPanel[] {
    return [...this.panels];
  }

  dispose(): void {
    for (const panel of [...this.panels]) panel.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private revive(panel: vscode.WebviewPanel, state: unknown): void {
    const card = this.track(new CardPanel(panel, this));
    const restored = parseCardState(state);
    // The webview reports its paper in its "ready" message; the state here may be older.
    if (restored) {
      void this.services.index.ready().then(() => {
        if (!card.paperId) card.show(restored.id);
      });
    }
  }

  private track(card: CardPanel): CardPanel {
    this.panels.add(card);
    card.onDidClose(() => this.panels.delete(card));
    return card;
  }
}
