/**
 * WorkspaceSearch takes in a notes change by the ids the store names: starring one paper
 * re-indexes that paper, without a walk over the library.
 */
import { describe, expect, it } from 'vitest';
import { PaperIndex, parseDigest, type PaperNote } from '../../src/core';
import type { NoteStoreService } from '../../src/services';
import { WorkspaceSearch } from '../../src/services/search-service';
import { fakeLibrary } from './fake-library';

function digestText(date: string, n: number): string {
  const papers = Array.from({ length: n }, (_, i) =>
    `## [Paper ${date} ${i} on sparse attention](https://example.org/${encodeURIComponent(date)}/${i})\n\n3 authors · ${date} · ▲ ${i}\n\nWe study sparse attention at scale, number ${i}.\n`);
  return `# Daily Papers — ${date}\n\n${papers.join('\n')}`;
}

describe('WorkspaceSearch and the notes store', () => {
  it('re-indexes only the papers a notes change names', async () => {
    const index = new PaperIndex();
    index.setDigest(parseDigest(digestText('Nov 3', 40), 'file:///ws/a.md'), 'a.md');
    let walks = 0;
    const library = fakeLibrary(index, () => walks++);
    const notes = new Map<string, PaperNote>();
    const listeners: ((ids: string[]) => void)[] = [];
    const store = {
      get: (id: string) => notes.get(id),
      onDidChange: (listener: (ids: string[]) => void) => {
        listeners.push(listener);
        return { dispose: () => undefined };
      },
    } as unknown as NoteStoreService;
    const search = new WorkspaceSearch(library, store);

    expect(await search.matchingIds('is:starred')).toEqual([]);
    expect(search.stats.fullSyncs).toBe(1);
    const walked = walks;
    const id = index.papers()[7].id;
    notes.set(id, { id, title: '', status: 'unread', starred: true, tags: [], links: [], body: '', annotations: [] } as unknown as PaperNote);
    listeners.forEach((listener) => listener([id]));

    expect(await search.matchingIds('is:starred')).toEqual([id]);
    expect(walks).toBe(walked);
    expect(search.stats.fullSyncs).toBe(1);
    expect(search.stats.checked).toBe(1);
    search.dispose();
  });
});
