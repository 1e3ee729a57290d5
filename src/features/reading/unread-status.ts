import * as vscode from 'vscode';
import { unreadCount } from '../../core';
import type { Services } from '../../services';
import { statusOf } from './next-unread';

/** "$(book) 12 unread": the unread papers of the newest digest; a click opens the next one. */
export function unreadStatusItem(services: Services): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('paperReader.unread', vscode.StatusBarAlignment.Left, 50);
  item.name = vscode.l10n.t('Unread Papers');
  item.command = 'paperReader.reading.next';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    timer = undefined;
    const newest = services.index.digests()[0];
    if (!newest) {
      item.hide();
      return;
    }
    const count = unreadCount(newest.digest, statusOf(services));
    item.text = `$(book) ${vscode.l10n.t('{0} unread', count)}`;
    item.tooltip = vscode.l10n.t('{0} of {1} papers in {2} are unread. Click for the next unread paper.', count, newest.digest.papers.length, newest.name);
    item.show();
  };
  // A scan or a git pull changes many notes at once: one count for the lot.
  const schedule = () => {
    timer ??= setTimeout(update, 50);
  };
  void Promise.all([services.index.ready(), services.store.ready()]).then(update);
  const subscriptions = [item, services.index.onDidChange(schedule), services.store.onDidChange(schedule)];
  return {
    dispose: () => {
      if (timer) clearTimeout(timer);
      subscriptions.forEach((s) => s.dispose());
    },
  };
}
