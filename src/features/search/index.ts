import * as vscode from 'vscode';
import type { SearchResult } from '../../core';
import type { SearchService, Services } from '../../services';
import { paperDescription } from '../../shared/papers';
import { registerCommand } from '../../shared/commands';

interface PaperPick extends vscode.QuickPickItem {
  id: string;
}

const REVEAL_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: vscode.l10n.t('Reveal in Digest') };
const MAX_RESULTS = 60;

/** "Papers: Search": one quick pick over every paper of the workspace. */
export function activate(services: Services): void {
  // The search service restores or builds its index on its own once the library is shown.
  const { search } = services;
  services.context.subscriptions.push(
    registerCommand(services, 'paperReader.search.open', (initial?: string) => showSearch(services, search, typeof initial === 'string' ? initial : '')),
  );
}

function toPick(result: SearchResult, services: Services): PaperPick {
  const { doc } = result;
  const state = [doc.starred ? '$(star-full)' : '', doc.status !== 'unread' ? doc.status : '', doc.isNew ? 'new' : '', ...doc.tags.map((t) => `#${t}`)].filter(Boolean).join(' ');
  const digest = doc.digests[0];
  const notesMatch = result.matches.some((m) => m.field === 'notes' || m.field === 'annotations');
  const note = notesMatch ? services.store.get(doc.id)?.body.replace(/\s+/g, ' ').trim() : undefined;
  return {
    id: doc.id,
    label: doc.title,
    iconPath: new vscode.ThemeIcon(doc.starred ? 'star-full' : 'file-text'),
    description: [paperDescription(doc), digest ? `${digest.date ?? digest.name}` : '', state].filter(Boolean).join(' · '),
    detail: note ? `$(note) ${note.slice(0, 160)}` : doc.abstract.slice(0, 200),
    buttons: [REVEAL_BUTTON],
    // Our ranking decides what shows: VS Code's own label filter would hide typo and abstract matches.
    alwaysShow: true,
  };
}

async function showSearch(services: Services, search: SearchService, initial: string): Promise<void> {
  // The kept library is the whole library but for what changed since: the listing need not end first.
  await services.index.shown();
  const pick = vscode.window.createQuickPick<PaperPick>();
  pick.title = vscode.l10n.t('Search Papers');
  pick.placeholder = vscode.l10n.t('Words, or filters: tag:x status:unread is:starred is:new org:x digest:"Nov 6" upvotes>10 authors>5');
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  let typed = 0;
  const update = async () => {
    const run = ++typed;
    const value = pick.value.trim();
    pick.busy = true;
    const results = await search.query(value || 'is:new', MAX_RESULTS);
    // Keystrokes that came in meanwhile have their own, newer results.
    if (run !== typed) return;
    pick.items = results.map((r) => toPick(r, services));
    pick.busy = false;
  };
  pick.onDidChangeValue(() => void update());
  pick.onDidAccept(() => {
    const chosen = pick.selectedItems[0];
    pick.hide();
    if (chosen) void vscode.commands.executeCommand('paperReader.card.open', chosen.id);
  });
  pick.onDidTriggerItemButton((e) => {
    pick.hide();
    void vscode.commands.executeCommand('paperReader.paper.reveal', e.item.id);
  });
  pick.onDidHide(() => pick.dispose());
  pick.value = initial;
  pick.show();
  await update();
}
