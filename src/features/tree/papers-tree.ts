import * as vscode from 'vscode';
import { markdownText } from '../../core';
import type { IndexedPaper, Services } from '../../services';
import { paperDescription } from '../../shared/papers';
import { groupPapers, type Group, type GroupMode, type TreeSource, type TreeWords } from './group-by';
import { paperRow } from './paper-row';

export type TreeNode =
  | { kind: 'group'; group: Group }
  | { kind: 'paper'; id: string; paper: IndexedPaper; parent: Group };

/** Papers grouped by digest, tag, status or star, filtered by a search query. */
export class PapersTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private groups: Group[] | undefined;
  private visibleIds: Set<string> | undefined;
  private highlightTerms: readonly string[] = [];
  private readonly source: TreeSource;
  /** Each year, month and digest group under Year › Month, to the group above it. */
  private parents = new Map<Group, Group>();
  /** Made once: an Intl.DateTimeFormat and the translated words, the same for every refresh. */
  private words: TreeWords | undefined;

  constructor(private readonly services: Services, public mode: GroupMode) {
    const { index, store } = services;
    this.source = {
      digests: () => index.digests(),
      papers: () => index.papers(),
      paper: (id) => index.paper(id),
      note: (id) => store.get(id),
    };
  }

  refresh(): void {
    this.groups = undefined;
    this.changed.fire(undefined);
  }

  /** Only the papers of `ids` are shown, the `terms` lit up in their titles; undefined shows all. */
  setFilter(filter: { ids: Set<string>; terms: readonly string[] } | undefined): void {
    this.visibleIds = filter?.ids;
    this.highlightTerms = filter?.terms ?? [];
    this.refresh();
  }

  currentGroups(): Group[] {
    if (!this.groups) {
      const visible = this.visibleIds;
      this.groups = groupPapers(this.mode, this.source, visible ? (p) => visible.has(p.id) : undefined, this.words ??= treeWords());
      this.parents = new Map();
      const walk = (group: Group) => {
        for (const child of group.children ?? []) {
          this.parents.set(child, group);
          walk(child);
        }
      };
      this.groups.forEach(walk);
    }
    return this.groups;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) {
      const groups = this.currentGroups();
      // A single group (starred) is shown flat.
      if (this.mode === 'starred') return groups[0].papers.map((paper) => ({ kind: 'paper', id: paper.id, paper, parent: groups[0] }));
      return this.shownGroups(groups);
    }
    if (node.kind === 'group' && node.group.children) return this.shownGroups(node.group.children);
    if (node.kind === 'group') return node.group.papers.map((paper) => ({ kind: 'paper', id: paper.id, paper, parent: node.group }));
    return [];
  }

  /** Under a filter, groups without a match are hidden (years and months have only non-empty digests). */
  private shownGroups(groups: Group[]): TreeNode[] {
    return groups.filter((g) => !this.visibleIds || g.children !== undefined || g.papers.length > 0).map((group) => ({ kind: 'group', group }));
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'paper' && this.mode !== 'starred') return { kind: 'group', group: node.parent };
    const above = node.kind === 'group' ? this.parents.get(node.group) : undefined;
    return above ? { kind: 'group', group: above } : undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.group.key;
      item.description = node.group.description;
      item.contextValue = node.group.digestUri ? 'digest' : 'group';
      item.iconPath = new vscode.ThemeIcon(node.group.digestUri ? 'calendar' : node.group.children ? 'folder-library' : this.mode === 'tag' ? 'tag' : 'list-unordered');
      if (node.group.digestUri) {
        item.resourceUri = vscode.Uri.parse(node.group.digestUri);
        item.tooltip = vscode.Uri.parse(node.group.digestUri).fsPath;
      }
      return item;
    }
    const note = this.services.store.get(node.id);
    const row = paperRow(node.paper, note, this.highlightTerms, vscode.l10n.t('new'));
    const item = new vscode.TreeItem(row.highlights.length ? { label: row.label, highlights: row.highlights } : row.label, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.parent.key}/${node.id}`;
    item.description = row.description;
    item.iconPath = row.starred ? new vscode.ThemeIcon(row.icon, new vscode.ThemeColor('charts.yellow')) : new vscode.ThemeIcon(row.icon);
    item.contextValue = row.contextValue;
    // The tooltip comes on hover (resolveTreeItem): a refresh of a digest of 500 papers spent
    // a third of a second escaping their abstracts, then VS Code parsing each as Markdown.
    item.accessibilityInformation = { label: row.accessibilityLabel };
    item.command = { command: 'paperReader.card.open', title: vscode.l10n.t('Open Card'), arguments: [node.id] };
    return item;
  }

  /** A paper's tooltip, made when the pointer rests on its row (VS Code asks only for an item whose tooltip is unset). */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind === 'paper' && item.tooltip === undefined) {
      const note = this.services.store.get(node.id);
      item.tooltip = paperTooltip(node.paper, note?.tags ?? [], note?.status ?? 'unread');
    }
    return item;
  }

  /** The node to reveal for a paper at a place in a digest, under the current grouping. */
  nodeFor(id: string, digestUri?: string): TreeNode | undefined {
    const search = (groups: Group[]): TreeNode | undefined => {
      for (const group of groups) {
        if (group.children) {
          const found = search(group.children);
          if (found) return found;
          continue;
        }
        if (digestUri && group.digestUri && group.digestUri !== digestUri) continue;
        const paper = group.papers.find((p) => p.id === id);
        if (paper) return { kind: 'paper', id, paper, parent: group };
      }
      return undefined;
    };
    return search(this.currentGroups());
  }
}

function paperTooltip(entry: IndexedPaper, tags: string[], status: string): vscode.MarkdownString {
  const { paper } = entry;
  // Titles and abstracts go in as text (markdownText), whatever they hold.
  const parts = [`**${markdownText(paper.title)}**`];
  const meta = [paperDescription(paper), paper.org, status, tags.length ? tags.map((t) => `#${t}`).join(' ') : undefined].filter(Boolean).join(' · ');
  if (meta) parts.push(markdownText(meta));
  const abstract = paper.abstract.length > 900 ? `${paper.abstract.slice(0, 900)}…` : paper.abstract;
  if (abstract) parts.push(markdownText(abstract));
  if (entry.occurrences.length > 1) parts.push(markdownText(`In ${entry.occurrences.length} digests`));
  return new vscode.MarkdownString(parts.join('\n\n'));
}

/** The tree's words in the display language; month names from the platform's own calendar. */
function treeWords(): TreeWords {
  const month = new Intl.DateTimeFormat(vscode.env.language, { month: 'long', timeZone: 'UTC' });
  return {
    starred: vscode.l10n.t('Starred'),
    untagged: vscode.l10n.t('Untagged'),
    undated: vscode.l10n.t('Undated'),
    status: { unread: vscode.l10n.t('Unread'), reading: vscode.l10n.t('Reading'), read: vscode.l10n.t('Read') },
    months: Array.from({ length: 12 }, (_, m) => month.format(Date.UTC(2000, m, 1))),
    // Asked once per digest row at every refresh, with few distinct counts: each is translated once.
    papers: remembered((n) => (n === 1 ? vscode.l10n.t('1 paper') : vscode.l10n.t('{0} papers', n))),
    digests: remembered((n) => (n === 1 ? vscode.l10n.t('1 digest') : vscode.l10n.t('{0} digests', n))),
    someOf: (shown, papersTotal) => vscode.l10n.t('{0} of {1}', shown, papersTotal),
  };
}

function remembered(words: (n: number) => string): (n: number) => string {
  const known = new Map<number, string>();
  return (n) => {
    let text = known.get(n);
    if (text === undefined) known.set(n, (text = words(n)));
    return text;
  };
}
