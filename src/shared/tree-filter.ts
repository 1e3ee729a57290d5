import type * as vscode from 'vscode';

/**
 * The workspace-state key under which the Papers view keeps its filter query. The tree
 * writes it; "Next Unread" reads it, to stay within what the tree shows.
 */
export const TREE_FILTER_KEY = 'paperReader.treeFilter';

/** The tree's filter query, '' when none is set. */
export function treeFilterOf(state: vscode.Memento): string {
  const value = state.get<unknown>(TREE_FILTER_KEY, '');
  return typeof value === 'string' ? value.trim() : '';
}
