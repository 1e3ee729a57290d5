import type * as vscode from 'vscode';
import type { CardService, OpenCardOptions } from './index';

/**
 * The card as other features see it. The card feature provides the implementation when it
 * activates; until then (and if it never does) opening a card says so instead of failing silently.
 */
export class CardsPort implements CardService {
  private impl: Pick<CardService, 'open'> | undefined;

  provide(impl: Pick<CardService, 'open'>): vscode.Disposable {
    this.impl = impl;
    return { dispose: () => { if (this.impl === impl) this.impl = undefined; } };
  }

  open(id: string, options?: OpenCardOptions): Promise<void> {
    if (!this.impl) return Promise.reject(new Error('The paper card is not available.'));
    return this.impl.open(id, options);
  }
}
