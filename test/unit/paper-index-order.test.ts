import { describe, expect, it } from 'vitest';
import { PaperIndex } from '../../src/core/library/paper-index';
import type { Digest, Paper } from '../../src/core/model/types';

function paper(uri: string, title: string, line: number): Paper {
  return { id: title.toLowerCase().replace(/\W+/g, '-'), title, abstract: `About ${title}.`, links: [], source: { uri, titleLine: line, startLine: line, endLine: line + 2 } };
}

function digest(uri: string, date: string, titles: string[]): Digest {
  return { uri, digestDate: date, papers: titles.map((t, i) => paper(uri, t, i * 4)), diagnostics: [] };
}

describe('PaperIndex after an edit that keeps the digest order', () => {
  it('lists the edited digest, not the one it replaced', () => {
    const index = new PaperIndex();
    index.setDigest(digest('file:///a.txt', 'Nov 5', ['Alpha', 'Beta']), '2025-11-05.txt');
    index.setDigest(digest('file:///b.txt', 'Nov 6', ['Gamma']), '2025-11-06.txt');
    expect(index.digests().map((d) => d.digest.papers.length)).toEqual([1, 2]);

    // Same name and date: the order does not change, the content does.
    index.setDigest(digest('file:///a.txt', 'Nov 5', ['Alpha', 'Beta', 'Delta']), '2025-11-05.txt');
    const listed = index.digests();
    expect(listed.map((d) => d.digest.uri)).toEqual(['file:///b.txt', 'file:///a.txt']);
    expect(listed[1].digest.papers.map((p) => p.title)).toEqual(['Alpha', 'Beta', 'Delta']);
    expect(listed[1]).toBe(index.digest('file:///a.txt'));
    expect(index.paper('delta')?.occurrences.map((p) => p.source.uri)).toEqual(['file:///a.txt']);
  });

  it('keeps occurrences newest first across repeated edits of an older digest', () => {
    const index = new PaperIndex();
    index.setDigest(digest('file:///old.txt', 'Nov 5', ['Shared', 'Old only']), '2025-11-05.txt');
    index.setDigest(digest('file:///new.txt', 'Nov 6', ['Shared']), '2025-11-06.txt');
    for (let i = 0; i < 3; i++) {
      index.setDigest(digest('file:///old.txt', 'Nov 5', ['Shared', 'Old only', `Extra ${i}`]), '2025-11-05.txt');
      const shared = index.paper('shared')!;
      expect(shared.occurrences.map((p) => p.source.uri)).toEqual(['file:///new.txt', 'file:///old.txt']);
      expect(shared.paper.source.uri).toBe('file:///new.txt');
      expect(shared.isNew).toBe(false);
    }
    expect(index.digests()[1].digest.papers).toHaveLength(3);
  });
});
