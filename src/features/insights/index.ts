import * as vscode from 'vscode';
import type { Services } from '../../services';
import { registerCommand } from '../../shared/commands';
import { INSIGHTS_VIEW_TYPE, InsightsPanel, type InsightsExchange } from './insights-panel';

export type { InsightsExchange } from './insights-panel';

/** What the insights feature offers through the extension's API: the open panel and its messages. */
export interface InsightsApi {
  panel(): vscode.WebviewPanel | undefined;
  /** Every valid message between the host and the page, as it passes. */
  readonly onDidExchange: vscode.Event<InsightsExchange>;
}

/** The insights page: one panel, revealed when it is open already. */
export function activate(services: Services): InsightsApi {
  let current: InsightsPanel | undefined;
  const exchanged = new vscode.EventEmitter<InsightsExchange>();
  services.context.subscriptions.push(
    exchanged,
    { dispose: () => current?.dispose() },
    registerCommand(services, 'paperReader.insights.open', () => {
      if (current) {
        current.panel.reveal(current.panel.viewColumn);
        return;
      }
      const panel = vscode.window.createWebviewPanel(INSIGHTS_VIEW_TYPE, vscode.l10n.t('Insights'), vscode.ViewColumn.Active, {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [vscode.Uri.joinPath(services.context.extensionUri, 'dist')],
      });
      const opened = new InsightsPanel(panel, services, exchanged);
      current = opened;
      opened.onDidClose(() => {
        if (current === opened) current = undefined;
      });
    }),
  );
  return { panel: () => current?.panel, onDidExchange: exchanged.event };
}
