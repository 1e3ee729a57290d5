import * as vscode from 'vscode';
import type { Services } from '../../services';
import { paperIdFromArg as paperIdOf } from '../../shared/paper-arg';
import { ownField } from '../../shared/paper-arg-decode';
import { GROUP_MODES, newUnreadCount, type GroupMode } from './group-by';
import { PapersTreeProvider, type TreeNode } from './papers-tree';
import { filterHighlightTerms } from './paper-row';
import { paperDescription } from '../../shared/papers';
import { registerCommand } from '../../shared/commands';
import { TREE_FILTER_KEY } from '../../shared/tree-filter';

const GROUP_KEY = 'paperReader.groupBy';

/** What integration tests read of the Papers view: the view (its badge) and its rows. */
export interface TreeApi {
  view: vscode.TreeView<TreeNode>;
  provider: PapersTreeProvider;
}

export function activate(services: Services): TreeApi {
  const { context, index, store } = services;
  const saved = context.workspaceState.get<GroupMode>(GROUP_KEY, 'digest');
  const provider = new PapersTreeProvider(services, GROUP_MODES.includes(saved) ? saved : 'digest');
  const view = vscode.window.createTreeView('paperReader.papers', { treeDataProvider: provider, showCollapseAll: true });
  let filter = context.workspaceState.get<string>(TREE_FILTER_KEY, '');

  const setMode = async (mode: GroupMode) => {
    provider.mode = mode;
    await context.workspaceState.update(GROUP_KEY, mode);
    await vscode.commands.executeCommand('setContext', GROUP_KEY, mode);
    provider.refresh();
  };
  let filterRun = 0;
  const applyFilter = async () => {
    const run = ++filterRun;
    if (!filter.trim()) {
      provider.setFilter(undefined);
      view.message = undefined;
      view.description = undefined;
    } else {
      const ids = new Set(await services.search.matchingIds(filter, Number.MAX_SAFE_INTEGER));
      // A newer filter or change started while this one searched: its result wins.
      if (run !== filterRun) return;
      provider.setFilter({ ids, terms: filterHighlightTerms(filter) });
      view.description = filter;
      view.message = ids.size === 1 ? vscode.l10n.t('Filter: {0} — 1 paper', filter) : vscode.l10n.t('Filter: {0} — {1} papers', filter, ids.size);
    }
    void vscode.commands.executeCommand('setContext', 'paperReader.treeFiltered', filter.trim() !== '');
  };
  const updateEmptyContext = () => {
    void vscode.commands.executeCommand('setContext', 'paperReader.hasDigests', index.digests().length > 0);
  };
  const updateBadge = () => {
    const n = newUnreadCount({ papers: () => index.papers(), note: (id) => store.get(id) });
    view.badge = n === 0 ? undefined : {
      value: n,
      tooltip: n === 1 ? vscode.l10n.t('1 new unread paper (only in the newest digest)') : vscode.l10n.t('{0} new unread papers (only in the newest digest)', n),
    };
  };

  // A scan, a fetch or a git pull changes many digests or notes at once (a thousand notes
  // files are a thousand events): the badge, the filter and the rows follow once for the lot,
  // in a task of their own, never in the one that ended the scan. Until the first scan is
  // complete the newest digest keeps changing, so the badge is counted once it is.
  let scanned = false;
  let announced = false;
  let changeTimer: ReturnType<typeof setTimeout> | undefined;
  const libraryChanged = () => {
    changeTimer ??= setTimeout(() => {
      changeTimer = undefined;
      updateEmptyContext();
      if (scanned) {
        updateBadge();
        // After hasDigests, so the welcome view for an empty workspace never flashes.
        if (!announced) void vscode.commands.executeCommand('setContext', 'paperReader.indexed', true);
        announced = true;
      }
      if (filter.trim()) void applyFilter();
      else provider.refresh();
    }, 50);
  };

  void vscode.commands.executeCommand('setContext', GROUP_KEY, provider.mode);
  void index.ready().then(() => {
    scanned = true;
    libraryChanged();
  });

  context.subscriptions.push(
    view,
    index.onDidChange(libraryChanged),
    store.onDidChange(libraryChanged),
    { dispose: () => clearTimeout(changeTimer) },
    registerCommand(services, 'paperReader.tree.groupByDigest', () => setMode('digest')),
    registerCommand(services, 'paperReader.tree.groupByTag', () => setMode('tag')),
    registerCommand(services, 'paperReader.tree.groupByStatus', () => setMode('status')),
    registerCommand(services, 'paperReader.tree.groupByStarred', () => setMode('starred')),
    registerCommand(services, 'paperReader.tree.filter', async (query?: string) => {
      const value = typeof query === 'string' ? query : await vscode.window.showInputBox({
        title: vscode.l10n.t('Filter Papers'),
        value: filter,
        prompt: vscode.l10n.t('Words and filters, e.g. mamba tag:rl status:unread is:starred org:google upvotes>10'),
      });
      if (value === undefined) return;
      filter = value;
      await context.workspaceState.update(TREE_FILTER_KEY, filter);
      await applyFilter();
    }),
    registerCommand(services, 'paperReader.tree.clearFilter', async () => {
      filter = '';
      await context.workspaceState.update(TREE_FILTER_KEY, filter);
      await applyFilter();
    }),
    registerCommand(services, 'paperReader.paper.reveal', async (arg?: unknown) => {
      const id = paperIdOf(arg);
      const entry = id ? index.paper(id) : undefined;
      if (!entry) return;
      // From the tree: the digest the row is under.
      const digestUri = ownField(ownField(arg, 'parent'), 'digestUri');
      const paper = entry.occurrences.find((p) => p.source.uri === digestUri) ?? entry.paper;
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(paper.source.uri), { preview: false });
      const position = new vscode.Position(paper.source.titleLine, 0);
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
    }),
    registerCommand(services, 'paperReader.paper.copyTitle', async (arg?: unknown) => {
      const entry = index.paper(paperIdOf(arg) ?? '');
      if (entry) await vscode.env.clipboard.writeText(entry.paper.title);
    }),
    registerCommand(services, 'paperReader.paper.copyMarkdownLink', async (arg?: unknown) => {
      const entry = index.paper(paperIdOf(arg) ?? '');
      if (!entry) return;
      const { paper } = entry;
      const title = paper.title.replace(/([\\[\]])/g, '\\$1');
      const target = paper.url ?? paper.links[0];
      const meta = paperDescription(paper);
      await vscode.env.clipboard.writeText(target ? `[${title}](<${target}>)` : `[[${paper.id}|${title}]]${meta ? ` (${meta})` : ''}`);
    }),
    registerCommand(services, 'paperReader.digest.new', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'paper-digest', content: NEW_DIGEST });
      await vscode.window.showTextDocument(doc);
    }),
    // The selection follows the paper under the cursor in an open digest.
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (!view.visible || e.kind === vscode.TextEditorSelectionChangeKind.Command) return;
      const uri = e.textEditor.document.uri.toString();
      const paper = index.paperAt(uri, e.selections[0].active.line);
      if (!paper) return;
      const node = provider.nodeFor(paper.id, uri);
      if (node) void view.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
    }),
  );
  if (filter) void applyFilter();
  return { view, provider };
}

const NEW_DIGEST = `Daily Papers

Nov 6

Title of the First Paper

Its abstract, in one paragraph. Paste a Hugging Face Daily Papers page here (select all, copy, paste) or write papers like this one.

  • 3 authors
·
Nov 6 12
`;
