import * as vscode from 'vscode';
import { nextUnread, type ReadingStatus } from '../../core';
import type { Services } from '../../services';
import { activeCardId } from '../../shared/active-card';
import { revealOccurrence } from '../../shared/note-actions';
import { paperAtCursor, paperIdFromArg } from '../../shared/paper-arg';
import { ownField } from '../../shared/paper-arg-decode';
import { treeFilterOf } from '../../shared/tree-filter';

export const statusOf = (services: Services) => (id: string): ReadingStatus => services.store.get(id)?.status ?? 'unread';

/** The tree's filter query, '' when none is set. */
export function treeFilter(services: Services): string {
  return treeFilterOf(services.context.workspaceState);
}

/** The column of the card panel in front of its group, if one is open: the digest goes elsewhere. */
function cardColumn(): vscode.ViewColumn | undefined {
  for (const group of vscode.window.tabGroups.all) {
    const input = group.activeTab?.input;
    if (input instanceof vscode.TabInputWebview && input.viewType.endsWith('paperReader.card')) return group.viewColumn;
  }
  return undefined;
}

/**
 * Opens the next unread paper (newest digest first, within the tree's filter) in its digest and
 * in the card. The paper to go on from is the argument (`{ after }` from the card, or a paper),
 * else the card in front, else the paper under the cursor. Returns the id opened.
 */
export async function openNextUnread(services: Services, arg?: unknown): Promise<string | undefined> {
  const given = ownField(arg, 'after');
  const after = (typeof given === 'string' ? given : paperIdFromArg(arg)) ?? activeCardId() ?? paperAtCursor(services);
  await Promise.all([services.index.ready(), services.store.ready()]);
  const filter = treeFilter(services);
  const visible = filter ? new Set(await services.search.matchingIds(filter, Number.MAX_SAFE_INTEGER)) : undefined;
  const digests = services.index.digests().map((info) => info.digest);
  const id = nextUnread(digests, statusOf(services), { ...(after ? { after } : {}), ...(visible ? { visible } : {}) });
  if (!id) {
    void vscode.window.showInformationMessage(filter
      ? vscode.l10n.t('No unread papers left among those the filter "{0}" shows.', filter)
      : vscode.l10n.t('No unread papers left.'));
    return undefined;
  }
  // The digest first, beside the card, then the card in front with the focus, ready for its keys.
  await revealOccurrence(services, id, 0, cardColumn());
  await services.cards.open(id);
  return id;
}
