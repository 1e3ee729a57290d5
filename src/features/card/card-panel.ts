import * as vscode from 'vscode';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from '../../core';
import type { Services } from '../../services';
import * as actions from '../../shared/note-actions';
import { revealAnnotation } from '../../shared/reveal-annotation';
import type { SelectionTracker } from '../../services/selection-tracker';
import { isKnownPaper, titleOf } from '../../shared/paper-arg';
import { setActiveCardId, activeCardId } from '../../shared/active-card';
import { buildCard } from './card-data';
import { fetchImageDataUrl } from './remote-image';
import { cardSources, loadRemoteImages } from './card-sources';
import { cardHtml, cardResourceRoots } from './card-html';

export const CARD_VIEW_TYPE = 'paperReader.card';

export interface CardHost {
  services: Services;
  selection: SelectionTracker;
  open(id: string): Promise<void>;
}

function shortTitle(title: string): string {
  return title.length > 48 ? `${title.slice(0, 47)}…` : title;
}

/** One card panel: shows one paper at a time and turns what the reader does into note changes. */
export class CardPanel implements vscode.Disposable {
  private id: string | undefined;
  /** Papers this panel has shown: a save typed just before switching papers arrives after the switch. */
  private readonly shown = new Set<string>();
  private ready = false;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingFocus: 'notes' | 'tags' | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;

  constructor(readonly panel: vscode.WebviewPanel, private readonly host: CardHost) {
    const { services } = host;
    panel.iconPath = vscode.Uri.joinPath(services.context.extensionUri, 'media', 'papers.svg');
    panel.webview.options = { enableScripts: true, localResourceRoots: cardResourceRoots(services.context.extensionUri) };
    panel.webview.html = cardHtml(panel.webview, services.context.extensionUri, loadRemoteImages());
    this.disposables.push(
      this.closed,
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      panel.onDidChangeViewState(() => this.trackActive()),
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        // The page's image policy is fixed when it loads: a new setting reloads it (drafts are kept in its state).
        if (event.affectsConfiguration('paperReader.notes.loadRemoteImages')) {
          this.ready = false;
          panel.webview.html = cardHtml(panel.webview, services.context.extensionUri, loadRemoteImages());
        }
      }),
    );
  }

  get paperId(): string | undefined {
    return this.id;
  }

  show(id: string, focus?: 'notes' | 'tags'): void {
    this.id = id;
    this.shown.add(id);
    this.pendingFocus = focus;
    this.panel.title = shortTitle(titleOf(this.host.services, id));
    this.trackActive();
    this.send();
  }

  /** Sends the card again soon; many changes in a row (typing, a git pull) make one message. */
  refresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.send();
    }, 30);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (activeCardId() === this.id) setActiveCardId(undefined);
    void vscode.commands.executeCommand('setContext', 'paperReader.cardFocus', false);
    this.closed.fire();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }

  private trackActive(): void {
    if (this.panel.active) setActiveCardId(this.id);
    else if (activeCardId() === this.id) setActiveCardId(undefined);
    void vscode.commands.executeCommand('setContext', 'paperReader.cardFocus', this.panel.active);
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private send(): void {
    if (!this.ready || !this.id) return;
    const card = buildCard(cardSources(this.host.services), this.id);
    if (card) {
      this.panel.title = shortTitle(card.paper.title);
      this.post({ type: 'card', card });
    } else {
      const title = this.host.services.store.get(this.id)?.title;
      this.post({ type: 'missing', id: this.id, ...(title ? { title } : {}) });
    }
    if (this.pendingFocus) {
      this.post({ type: 'focus', target: this.pendingFocus });
      this.pendingFocus = undefined;
    }
  }

  private async receive(raw: unknown): Promise<void> {
    const { services } = this.host;
    const message = parseWebviewMessage(raw);
    if (!message) {
      services.log.warn(`card: ignored a malformed message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      services.log.error(`card: ${message.type} failed: ${String(error)}`);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    const { services } = this.host;
    if (message.type === 'ready') {
      this.ready = true;
      // A card restored after a reload knows its paper; the host takes it if the paper is known.
      if (!this.id && message.id) {
        await services.index.ready();
        this.id ??= message.id;
      }
      if (this.id) this.show(this.id, this.pendingFocus);
      return;
    }
    if (message.type === 'openUrl') return actions.openUrl(message.url);
    if (message.type === 'search') return vscode.commands.executeCommand('paperReader.search.open', message.query);
    if (message.type === 'copyBibtex') return vscode.commands.executeCommand('paperReader.paper.copyBibtex', message.id);
    if (message.type === 'openPaper') {
      if (isKnownPaper(services, message.id)) await this.host.open(message.id);
      return;
    }
    // Notes typed just before a switch still belong to the paper they were typed for.
    if (message.type === 'editNotes' && message.id !== this.id && this.shown.has(message.id) && isKnownPaper(services, message.id)) {
      if (message.body !== (services.store.get(message.id)?.body ?? '')) await actions.editBody(services, message.id, message.body, message.base);
      return;
    }
    // Every other message acts on this card's paper and nothing else.
    if (message.id !== this.id || !isKnownPaper(services, message.id)) {
      services.log.warn(`card: ignored ${message.type} for ${message.id}, which this card does not show`);
      return;
    }
    const { id } = message;
    switch (message.type) {
      case 'setStatus':
        return actions.setStatus(services, id, message.status);
      case 'setStarred':
        return actions.setStarred(services, id, message.starred);
      case 'addTag':
        await actions.addTag(services, id, message.tag);
        return;
      case 'removeTag':
        return actions.removeTag(services, id, message.tag);
      case 'editNotes':
        if (message.body !== (services.store.get(id)?.body ?? '')) await actions.editBody(services, id, message.body, message.base);
        else this.refresh();
        return;
      case 'revealOccurrence':
        return actions.revealOccurrence(services, id, message.index, this.panel.viewColumn);
      case 'revealAnnotation':
        await revealAnnotation(services, id, message.annotationId, { besideColumn: this.panel.viewColumn });
        return;
      case 'openLink':
        return actions.openLink(services, message.link, (target) => this.host.open(target));
      case 'removeLink':
        return actions.removeLink(services, id, message.link);
      case 'openNotesFile':
        return actions.openNotesFile(services, id);
      case 'nextUnread':
        await vscode.commands.executeCommand('paperReader.reading.next', { after: id });
        return;
      case 'loadImage':
        return this.loadImage(message.url);
      case 'addLink':
        if (message.kind === 'paper') return actions.linkPaper(services, id);
        if (message.kind === 'url') return actions.linkUrl(services, id);
        {
          const result = this.host.selection.link();
          if ('error' in result) void vscode.window.showWarningMessage(result.error);
          else await actions.addLink(services, id, result.link);
        }
        return;
    }
  }

  /** Fetches a remote image the reader clicked and hands it to the page. */
  private async loadImage(url: string): Promise<void> {
    const result = await fetchImageDataUrl(url);
    if ('error' in result) {
      this.host.services.log.warn(`card: image ${url} not loaded: ${result.error}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('The image {0} could not be loaded: {1}', url, result.error));
      this.post({ type: 'image', url });
    } else {
      this.post({ type: 'image', url, dataUrl: result.dataUrl });
    }
  }
}
