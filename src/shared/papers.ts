// How a paper is shown wherever it appears (tree, CodeLens, hover, pickers). Pure, so the
// adapters' presentation is unit-tested without VS Code.
import type { PaperNote, ReadingStatus } from '../core';

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
export function allTags(source: { store: { all(): readonly PaperNote[] } }): string[] {
  const tags = new Map<string, string>();
  for (const note of source.store.all()) for (const tag of note.tags) if (!tags.has(tag.toLowerCase())) tags.set(tag.toLowerCase(), tag);
  return [...tags.values()].sort((a, b) => a.localeCompare(b));
}
