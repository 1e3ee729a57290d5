import * as vscode from 'vscode';
import type { Services } from '../../services';
import { hasPaperArg, isKnownPaper, paperAtCursor, paperIdFromArg, pickPaper } from '../../shared/paper-arg';
import { CardManager } from './card-manager';
import { registerCommand } from '../../shared/commands';
import { argLabel, ownField } from '../../shared/paper-arg-decode';

/** The paper card: a webview panel per paper (or one reused), restored after a window reload. */
export function activate(services: Services): void {
  const cards = new CardManager(services, services.selection);
  services.context.subscriptions.push(
    cards,
    services.cards.provide(cards),
    registerCommand(services, 'paperReader.card.open', async (arg?: unknown) => {
      // A keybinding passes { atCursor: true }: the paper under the cursor, without asking.
      const atCursor = ownField(arg, 'atCursor') === true;
      let id = atCursor ? paperAtCursor(services) : paperIdFromArg(arg);
      if (!id && hasPaperArg(arg) && !atCursor) {
        void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is not a paper id.', argLabel(arg)));
        return;
      }
      if (id && !isKnownPaper(services, id)) {
        await services.index.ready();
        if (!isKnownPaper(services, id)) {
          void vscode.window.showErrorMessage(vscode.l10n.t('No paper with id "{0}" in this workspace.', id));
          return;
        }
      }
      // From the editor's context menu the argument is the document: take the paper under the cursor.
      if (!id && arg instanceof vscode.Uri) id = paperAtCursor(services);
      id ??= await pickPaper(services, vscode.l10n.t('Open the card of which paper?'));
      if (id) await cards.open(id);
    }),
  );
}
