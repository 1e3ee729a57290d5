import * as vscode from 'vscode';
import type { ReadingStatus } from '../../core';
import { READING_STATUSES } from '../../core';
import type { IndexedPaper, Services } from '../../services';
import { allTags } from '../../shared/papers';

export interface PaperSet {
  /** Words for the title of the export and the default file name. */
  label: string;
  papers: IndexedPaper[];
}

interface SetPick extends vscode.QuickPickItem {
  set: 'starred' | 'tag' | 'status' | 'search' | 'all';
}

/** Case-insensitive match of every word over title, abstract and tags (used when no search service answers). */
export function matchesQuery(paper: IndexedPaper, tags: readonly string[], query: string): boolean {
  const haystack = `${paper.paper.title}\n${paper.paper.abstract}\n${tags.join(' ')}`.toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

/** Asks which papers to export: starred, by tag, by status, by a search, or all. */
export async function choosePapers(services: Services): Promise<PaperSet | undefined> {
  await Promise.all([services.index.ready(), services.store.ready()]);
  const note = (id: string) => services.store.get(id);
  const papers = services.index.papers();
  const picks: SetPick[] = [
    { set: 'starred', label: `$(star-full) ${vscode.l10n.t('Starred papers')}`, description: String(papers.filter((p) => note(p.id)?.starred).length) },
    { set: 'tag', label: `$(tag) ${vscode.l10n.t('Papers with a tag…')}` },
    { set: 'status', label: `$(checklist) ${vscode.l10n.t('Papers with a reading status…')}` },
    { set: 'search', label: `$(search) ${vscode.l10n.t('Papers matching a search…')}` },
    { set: 'all', label: `$(list-flat) ${vscode.l10n.t('All papers')}`, description: String(papers.length) },
  ];
  const choice = await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('Which papers to export?') });
  if (!choice) return undefined;
  switch (choice.set) {
    case 'starred':
      return { label: vscode.l10n.t('Starred papers'), papers: papers.filter((p) => note(p.id)?.starred) };
    case 'all':
      return { label: vscode.l10n.t('All papers'), papers };
    case 'tag': {
      const tags = allTags(services);
      if (tags.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No paper has a tag yet.'));
        return undefined;
      }
      const tag = await vscode.window.showQuickPick(tags, { placeHolder: vscode.l10n.t('Export the papers with which tag?') });
      return tag ? { label: vscode.l10n.t('Papers tagged {0}', tag), papers: papers.filter((p) => note(p.id)?.tags.includes(tag)) } : undefined;
    }
    case 'status': {
      const status = await vscode.window.showQuickPick([...READING_STATUSES], { placeHolder: vscode.l10n.t('Export the papers with which reading status?') });
      return status
        ? { label: vscode.l10n.t('Papers marked {0}', status), papers: papers.filter((p) => (note(p.id)?.status ?? 'unread') === (status as ReadingStatus)) }
        : undefined;
    }
    case 'search': {
      const query = (await vscode.window.showInputBox({ prompt: vscode.l10n.t('Export the papers matching (title, abstract, tags)'), placeHolder: 'diffusion tag:rl is:starred' }))?.trim();
      if (!query) return undefined;
      return { label: vscode.l10n.t('Papers matching "{0}"', query), papers: await search(services, query) };
    }
  }
}

async function search(services: Services, query: string): Promise<IndexedPaper[]> {
  try {
    const ids = await services.search?.matchingIds(query, Number.MAX_SAFE_INTEGER);
    if (ids) return ids.map((id) => services.index.paper(id)).filter((p): p is IndexedPaper => p !== undefined);
  } catch (error) {
    services.log.warn(`export: search failed, matching words instead: ${String(error)}`);
  }
  return services.index.papers().filter((p) => matchesQuery(p, services.store.get(p.id)?.tags ?? [], query));
}
