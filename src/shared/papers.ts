import * as vscode from 'vscode';
import type { ReadingStatus } from '../core';
import type { Services } from '../services';

/** The codicon of each reading status, the same in the tree, the CodeLens and the pickers. */
export const statusIcon: Record<ReadingStatus, string> = {
  unread: 'circle-large-outline',
  reading: 'book',
  read: 'pass-filled',
};

/** `N authors · date · ▲ upvotes`, leaving out what the digest does not say. */
export function paperDescription(paper: { authorCount?: number; published?: string; upvotes?: number }): string {
  const parts: string[] = [];
  if (paper.authorCount !== undefined) parts.push(`${paper.authorCount} ${paper.authorCount === 1 ? 'author' : 'authors'}`);
  if (paper.published) parts.push(paper.published);
  if (paper.upvotes !== undefined) parts.push(`▲ ${paper.upvotes}`);
  return parts.join(' · ');
}

/** Every tag the reader has used, once each (first spelling wins), sorted. */
export function allTags(services: Services): string[] {
  const tags = new Map<string, string>();
  for (const note of services.store.all()) for (const tag of note.tags) if (!tags.has(tag.toLowerCase())) tags.set(tag.toLowerCase(), tag);
  return [...tags.values()].sort((a, b) => a.localeCompare(b));
}

/** Opens a file in an editor with the cursor at the start of a line (0-based). */
export async function openAtLine(uri: vscode.Uri, line?: number): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const position = new vscode.Position(Math.max(0, line ?? 0), 0);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: false });
}
