import * as vscode from 'vscode';
import {
  INSIGHTS_TEXT, insightsPageHtml, parseInsightsWebviewMessage,
  type InsightsHostMessage, type InsightsText, type InsightsTextKey, type InsightsWebviewMessage,
} from '../../core';
import type { Services } from '../../services';
import { isKnownPaper } from '../../shared/paper-arg';
import { describeError } from '../../shared/files';
import { InsightsFigureSource, type ChosenPeriod } from './insights-figures';

export const INSIGHTS_VIEW_TYPE = 'paperReader.insights';

/** A message as it passed between the host and the page, for whoever watches (the tests). */
export type InsightsExchange =
  | { from: 'page'; message: InsightsWebviewMessage }
  | { from: 'host'; message: InsightsHostMessage };

/** Changes in a row (a scan, a git pull, typing in notes) make one recomputation. */
const RECOMPUTE_DELAY_MS = 300;

function nonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(18)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function insightsText(): InsightsText {
  const text = { ...INSIGHTS_TEXT } as InsightsText;
  for (const key of Object.keys(INSIGHTS_TEXT) as InsightsTextKey[]) text[key] = vscode.l10n.t(INSIGHTS_TEXT[key]);
  return text;
}

/**
 * The insights panel: the page draws, the host computes. The figures are computed here from
 * the library and sent when the page is ready, again (debounced) when the library or the
 * notes change, and for the period or trend the page asks for. What the reader picks on a
 * chart filters the Papers view.
 */
export class InsightsPanel implements vscode.Disposable {
  private readonly source: InsightsFigureSource;
  private chosen: ChosenPeriod = { kind: 'recent' };
  private trendQuery: string | undefined;
  /** The page can be told: it said "ready" and has not been hidden since. */
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by each computation: an older one finishing late is not sent. */
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly services: Services,
    private readonly exchanged: vscode.EventEmitter<InsightsExchange>,
  ) {
    this.source = new InsightsFigureSource(services);
    const { extensionUri } = services.context;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'papers.svg');
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
    panel.webview.html = insightsPageHtml({
      nonce: nonce(),
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'insights.js')).toString(),
      l10n: insightsText(),
      lang: vscode.env.language.replace(/[^A-Za-z0-9-]/g, '') || 'en',
      title: vscode.l10n.t('Insights'),
    });
    this.disposables.push(
      this.closed,
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      services.index.onDidChange(() => this.changed()),
      services.store.onDidChange(() => this.changed()),
      // A hidden page is not kept: it says "ready" again when it is shown, and is answered then.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.generation++;
    this.closed.fire();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }

  private changed(): void {
    // A page not ready asks for the figures when it is, and gets the latest then.
    if (!this.ready || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.sendAll();
    }, RECOMPUTE_DELAY_MS);
  }

  private post(message: InsightsHostMessage): void {
    void this.panel.webview.postMessage(message);
    this.exchanged.fire({ from: 'host', message });
  }

  private async sendAll(): Promise<void> {
    await this.sendFigures();
    if (this.trendQuery !== undefined) await this.sendTrend(this.trendQuery);
  }

  private async sendFigures(): Promise<void> {
    const run = ++this.generation;
    const started = performance.now();
    const figures = await this.source.figures(this.chosen);
    if (run !== this.generation || !this.ready) return;
    const { read, figures: figuresMs } = this.source.lastTimes;
    this.services.log.info(`insights: figures of ${figures.papers} papers (${figures.inPeriod} in the period) in ${Math.round(performance.now() - started)} ms (reading the library ${Math.round(read)} ms, the figures ${Math.round(figuresMs)} ms)`);
    this.post({ type: 'figures', figures });
  }

  private async sendTrend(query: string): Promise<void> {
    const trend = await this.source.trend(query);
    if (!this.ready || query !== this.trendQuery) return;
    this.post({ type: 'trend', trend });
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseInsightsWebviewMessage(raw);
    if (!message) {
      this.services.log.warn(`insights: ignored a malformed message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    this.exchanged.fire({ from: 'page', message });
    try {
      await this.handle(message);
    } catch (error) {
      this.services.log.error(`insights: ${message.type} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  private async handle(message: InsightsWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        // The page asks for its own period and trend right after, from its saved state.
        return this.sendFigures();
      case 'period':
        this.chosen = message.period ? { kind: 'period', period: message.period } : { kind: 'whole' };
        return this.sendFigures();
      case 'trend':
        this.trendQuery = message.query;
        return this.sendTrend(message.query);
      case 'filter':
        await vscode.commands.executeCommand('paperReader.tree.filter', message.query);
        // The filtered tree is what the reader asked to see.
        await vscode.commands.executeCommand('paperReader.papers.focus');
        return;
      case 'openPaper':
        if (isKnownPaper(this.services, message.id)) await this.services.cards.open(message.id);
        return;
      case 'save':
        return this.save(message.chart, message.format, message.data);
      case 'drawn':
        this.services.log.info(`insights: drew ${message.charts} charts in ${message.ms.toFixed(1)} ms`);
        return;
    }
  }

  private async save(chart: string, format: 'svg' | 'png', data: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `insights-${chart.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.${format}`;
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save Chart'),
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'svg' ? { [vscode.l10n.t('SVG image')]: ['svg'] } : { [vscode.l10n.t('PNG image')]: ['png'] },
      saveLabel: vscode.l10n.t('Save'),
    });
    if (!target) return;
    try {
      if (format === 'svg') await this.services.files.writeText(target, data);
      else await this.services.files.writeBytes(target, Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not write {0}: {1}', target.fsPath || target.toString(), describeError(error)));
      return;
    }
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Saved the chart to {0}.', vscode.workspace.asRelativePath(target)), 4000);
  }
}
