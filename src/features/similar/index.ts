import * as vscode from 'vscode';
import type { Services } from '../../services';
import { registerCommand } from '../../shared/commands';
import { activeCardId } from '../../shared/active-card';
import { paperAtCursor, resolvePaper, titleOf } from '../../shared/paper-arg';
import { similarItems, type SimilarPick } from './similar-items';

/** "Find Similar Papers": the card's similar papers as a quick pick; choosing one opens its card. */
export function activate(services: Services): void {
  services.context.subscriptions.push(
    registerCommand(services, 'paperReader.similar.find', async (arg?: unknown) => {
      // From the editor's context menu the argument is the document: the paper under the cursor.
      const id = arg instanceof vscode.Uri
        ? paperAtCursor(services) ?? activeCardId()
        : await resolvePaper(services, arg, vscode.l10n.t('Find papers similar to which paper?'));
      if (!id) return undefined;
      const items: Promise<(SimilarPick & vscode.QuickPickItem)[]> = services.index.ready()
        .then(() => services.similar.ready())
        .then(() => similarItems(services, id));
      const picked = await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Similar to {0}', titleOf(services, id)),
        placeHolder: vscode.l10n.t('Papers of your digests most like this one; the words they share on the right'),
        matchOnDescription: true,
      });
      if (!picked && (await items).length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No other paper of your digests shares enough words with "{0}".', titleOf(services, id)));
        return undefined;
      }
      if (picked) await services.cards.open(picked.id);
      return picked?.id;
    }),
  );
}
