import * as vscode from 'vscode';
import type { IndexedPaper, Services } from '../../services';
import { statusIcon } from '../../shared/papers';
import { paperDescription } from '../../shared/papers';
import { groupPapers, type Group, type GroupMode } from './group-by';

export type TreeNode =
  | { kind: 'group'; group: Group }
  | { kind: 'paper'; id: string; paper: IndexedPaper; parent: Group };

/** Papers grouped by digest, tag, status or star, filtered by a search query. */
export class PapersTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private groups: Group[] | undefined;
  private visibleIds: Set<string> | undefined;

  constructor(private readonly services: Services, public mode: GroupMode) {}

  refresh(): void {
    this.groups = undefined;
    this.changed.fire(undefined);
  }

  /** Only these papers are shown; undefined shows all. */
  setVisible(ids: Set<string> | undefined): void {
    this.visibleIds = ids;
    this.refresh();
  }

  currentGroups(): Group[] {
    if (!this.groups) {
      const { index, store } = this.services;
      const visible = this.visibleIds;
      this.groups = groupPapers(this.mode, index.digests(), () => index.papers(), (id) => index.paper(id), (id) => store.get(id), visible ? (p) => visible.has(p.id) : () => true);
    }
    return this.groups;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) {
      const groups = this.currentGroups();
      // A single group (starred) is shown flat.
      if (this.mode === 'starred') return groups[0].papers.map((paper) => ({ kind: 'paper', id: paper.id, paper, parent: groups[0] }));
      return groups.filter((g) => !this.visibleIds || g.papers.length > 0).map((group) => ({ kind: 'group', group }));
    }
    if (node.kind === 'group') return node.group.papers.map((paper) => ({ kind: 'paper', id: paper.id, paper, parent: node.group }));
    return [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'paper' && this.mode !== 'starred') return { kind: 'group', group: node.parent };
    return undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.group.key;
      item.description = node.group.description;
      item.contextValue = node.group.digestUri ? 'digest' : 'group';
      item.iconPath = new vscode.ThemeIcon(node.group.digestUri ? 'calendar' : this.mode === 'tag' ? 'tag' : 'list-unordered');
      if (node.group.digestUri) {
        item.resourceUri = vscode.Uri.parse(node.group.digestUri);
        item.tooltip = vscode.Uri.parse(node.group.digestUri).fsPath;
      }
      return item;
    }
    const { paper } = node.paper;
    const note = this.services.store.get(node.id);
    const item = new vscode.TreeItem(paper.title, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.parent.key}/${node.id}`;
    const description = paperDescription(paper);
    item.description = node.paper.isNew ? (description ? `new · ${description}` : 'new') : description;
    item.iconPath = note?.starred
      ? new vscode.ThemeIcon('star-full', new vscode.ThemeColor('charts.yellow'))
      : new vscode.ThemeIcon(statusIcon[note?.status ?? 'unread']);
    item.contextValue = note?.starred ? 'paper starred' : 'paper';
    item.tooltip = paperTooltip(node.paper, note?.tags ?? [], note?.status ?? 'unread');
    item.accessibilityInformation = { label: `${paper.title}, ${description}, ${note?.status ?? 'unread'}${note?.starred ? ', starred' : ''}` };
    item.command = { command: 'paperReader.card.open', title: 'Open Card', arguments: [node.id] };
    return item;
  }

  /** The node to reveal for a paper at a place in a digest, under the current grouping. */
  nodeFor(id: string, digestUri?: string): TreeNode | undefined {
    for (const group of this.currentGroups()) {
      if (digestUri && group.digestUri && group.digestUri !== digestUri) continue;
      const paper = group.papers.find((p) => p.id === id);
      if (paper) return { kind: 'paper', id, paper, parent: group };
    }
    return undefined;
  }
}

function paperTooltip(entry: IndexedPaper, tags: string[], status: string): vscode.MarkdownString {
  const { paper } = entry;
  // appendText escapes Markdown, so titles and abstracts stay text whatever they hold.
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**');
  md.appendText(paper.title);
  md.appendMarkdown('**\n\n');
  const meta = [paperDescription(paper), paper.org, status, tags.length ? tags.map((t) => `#${t}`).join(' ') : undefined].filter(Boolean).join(' · ');
  if (meta) {
    md.appendText(meta);
    md.appendMarkdown('\n\n');
  }
  const abstract = paper.abstract.length > 900 ? `${paper.abstract.slice(0, 900)}…` : paper.abstract;
  if (abstract) md.appendText(abstract);
  if (entry.occurrences.length > 1) {
    md.appendMarkdown('\n\n');
    md.appendText(`In ${entry.occurrences.length} digests`);
  }
  return md;
}
