import * as vscode from 'vscode';
import type { ReadingStatus } from '../../core';
import { READING_STATUSES, cleanTag } from '../../core';
import type { Services } from '../../services';
import { allTags } from '../../shared/papers';
import { statusIcon } from '../../shared/papers';
import * as actions from '../../shared/note-actions';
import { activeCardId } from '../../shared/active-card';
import { pickPaper, resolvePaper, titleOf } from '../../shared/paper-arg';
import { registerCommand } from '../../shared/commands';

const STATUS_LABELS: Record<ReadingStatus, string> = {
  unread: vscode.l10n.t('Unread'),
  reading: vscode.l10n.t('Reading'),
  read: vscode.l10n.t('Read'),
};

/** The note commands: palette, tree context menu, CodeLens and editor context menu all land here. */
export function activate(services: Services): void {
  const { store, cards } = services;
  const command = (name: string, run: (...args: unknown[]) => Promise<unknown>) => registerCommand(services, name, run);
  const paper = (arg: unknown) => resolvePaper(services, arg, vscode.l10n.t('Which paper?'));

  services.context.subscriptions.push(
    command('paperReader.notes.edit', async (arg) => {
      const id = await paper(arg);
      if (id) await cards.open(id, { focus: 'notes' });
    }),

    command('paperReader.status.set', async (arg, statusArg) => {
      const id = await paper(arg);
      if (!id) return;
      let status = READING_STATUSES.find((s) => s === statusArg);
      if (!status) {
        const current = store.get(id)?.status ?? 'unread';
        const picked = await vscode.window.showQuickPick(
          READING_STATUSES.map((s) => ({ label: `$(${statusIcon[s]}) ${STATUS_LABELS[s]}`, status: s, description: s === current ? vscode.l10n.t('current') : undefined })),
          { placeHolder: vscode.l10n.t('Reading status of "{0}"', titleOf(services, id)) },
        );
        status = picked?.status;
      }
      if (status) await actions.setStatus(services, id, status);
    }),

    command('paperReader.star.toggle', async (arg) => {
      const id = await paper(arg);
      if (id) await actions.setStarred(services, id, !store.get(id)?.starred);
    }),

    command('paperReader.tag.add', async (arg, tagArg) => {
      const id = await paper(arg);
      if (!id) return;
      let tag = cleanTag(tagArg);
      if (!tag) {
        const have = new Set(store.get(id)?.tags ?? []);
        const quick = vscode.window.createQuickPick();
        const existing = allTags(services).filter((t) => !have.has(t)).map((t) => ({ label: t }));
        quick.items = existing;
        quick.placeholder = vscode.l10n.t('Tag "{0}": pick a tag or type a new one', titleOf(services, id));
        quick.onDidChangeValue((value) => {
          const typed = cleanTag(value);
          const known = existing.some((item) => item.label === typed);
          quick.items = typed && !known ? [{ label: typed, description: vscode.l10n.t('new tag') }, ...existing] : existing;
        });
        tag = await new Promise<string | undefined>((resolve) => {
          quick.onDidAccept(() => resolve(cleanTag(quick.selectedItems[0]?.label ?? quick.value)));
          quick.onDidHide(() => resolve(undefined));
          quick.show();
        });
        quick.dispose();
      }
      if (tag) await actions.addTag(services, id, tag);
    }),

    command('paperReader.tag.remove', async (arg, tagArg) => {
      const id = await paper(arg);
      if (!id) return;
      const tags = store.get(id)?.tags ?? [];
      let tag = typeof tagArg === 'string' && tags.includes(tagArg) ? tagArg : undefined;
      if (!tag) {
        if (tags.length === 0) {
          void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" has no tags.', titleOf(services, id)));
          return;
        }
        tag = await vscode.window.showQuickPick(tags, { placeHolder: vscode.l10n.t('Remove which tag from "{0}"?', titleOf(services, id)) });
      }
      if (tag) await actions.removeTag(services, id, tag);
    }),

    command('paperReader.link.addPaper', async (arg) => {
      const id = await paper(arg);
      if (id) await actions.linkPaper(services, id);
    }),

    command('paperReader.link.addUrl', async (arg) => {
      const id = await paper(arg);
      if (id) await actions.linkUrl(services, id);
    }),

    command('paperReader.link.addSelection', async (arg) => {
      // The selection is the thing linked; the paper is the argument, or picked (never the paper under the cursor).
      const result = services.selection.link();
      if ('error' in result) {
        void vscode.window.showWarningMessage(result.error);
        return;
      }
      const explicit = arg instanceof vscode.Uri ? undefined : arg;
      const id = explicit !== undefined ? await paper(explicit) : await resolvePaperForSelection(services);
      if (id) {
        await actions.addLink(services, id, result.link);
        void vscode.window.showInformationMessage(vscode.l10n.t('Linked {0} to "{1}".', result.link.kind === 'file' ? result.link.path : '', titleOf(services, id)));
      }
    }),

    command('paperReader.notes.openFile', async (arg) => {
      const id = await paper(arg);
      if (id) await actions.openNotesFile(services, id);
    }),
  );
}

function resolvePaperForSelection(services: Services): Promise<string | undefined> {
  const card = activeCardId();
  return card ? Promise.resolve(card) : pickPaper(services, vscode.l10n.t('Link the selection to which paper?'));
}
