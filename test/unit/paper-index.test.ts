import { describe, expect, it } from 'vitest';
import { PaperIndex, paperId, parseDigest, type Digest, type Paper } from '../../src/core';
import { digestTime } from '../../src/core/model/digest-order';

function paper(title: string, uri: string, line: number): Paper {
  return { id: paperId(title), title, abstract: '', links: [], source: { uri, titleLine: line, startLine: line, endLine: line + 2 } };
}
function digest(uri: string, date: string, titles: string[]): Digest {
  return { uri, digestDate: date, papers: titles.map((t, i) => paper(t, uri, i * 4)), diagnostics: [] };
}
const now = Date.UTC(2026, 10, 25);

describe('PaperIndex', () => {
  it('merges the same paper from two digests and orders digests newest first', () => {
    const index = new PaperIndex();
    index.setDigest(digest('file:///a.txt', 'Nov 6', ['Mamba', 'Alpha']), 'a.txt', now);
    index.setDigest(digest('file:///b.txt', 'Oct 27', ['Mamba', 'Beta']), 'b.txt', now);
    expect(index.digests().map((d) => d.name)).toEqual(['a.txt', 'b.txt']);
    expect(index.paperCount).toBe(3);
    const mamba = index.paper(paperId('Mamba'))!;
    expect(mamba.occurrences.map((p) => p.source.uri)).toEqual(['file:///a.txt', 'file:///b.txt']);
    expect(mamba.isNew).toBe(false);
    expect(index.paper(paperId('Alpha'))!.isNew).toBe(true);
    expect(index.paper(paperId('Beta'))!.isNew).toBe(false);
  });

  it('updates and removes digests incrementally', () => {
    const index = new PaperIndex();
    index.setDigest(digest('file:///a.txt', 'Nov 6', ['Mamba', 'Alpha']), 'a.txt', now);
    index.setDigest(digest('file:///b.txt', 'Oct 27', ['Mamba', 'Beta']), 'b.txt', now);
    index.setDigest(digest('file:///a.txt', 'Nov 6', ['Gamma']), 'a.txt', now);
    expect(index.paper(paperId('Alpha'))).toBeUndefined();
    expect(index.paper(paperId('Mamba'))!.occurrences).toHaveLength(1);
    expect(index.paper(paperId('Gamma'))!.isNew).toBe(true);
    index.removeDigest('file:///a.txt');
    expect(index.paper(paperId('Gamma'))).toBeUndefined();
    expect(index.digests().map((d) => d.name)).toEqual(['b.txt']);
    // b is now the newest digest, so what only it holds is new.
    expect(index.paper(paperId('Beta'))!.isNew).toBe(true);
  });

  it('finds the paper under a line', () => {
    const index = new PaperIndex();
    index.setDigest(digest('file:///a.txt', 'Nov 6', ['One', 'Two', 'Three']), 'a.txt', now);
    expect(index.paperAt('file:///a.txt', 5)?.title).toBe('Two');
    expect(index.paperAt('file:///a.txt', 3)).toBeUndefined();
    expect(index.paperAt('file:///other.txt', 0)).toBeUndefined();
  });
});

describe('digestTime', () => {
  it('prefers an ISO date in the file name', () => {
    expect(digestTime('Nov 6', '2024-11-06.txt', now)).toBe(Date.UTC(2024, 10, 6));
  });
  it('puts a date after the file was saved into the year before', () => {
    expect(digestTime('Dec 11', 'x.txt', now)).toBe(Date.UTC(2025, 11, 11));
    expect(digestTime('Nov 6', 'x.txt', now)).toBe(Date.UTC(2026, 10, 6));
    expect(digestTime('Mar 5, 2024', 'x.txt', now)).toBe(Date.UTC(2024, 2, 5));
  });
  it('falls back to the modification time', () => {
    expect(digestTime(undefined, 'x.txt', now)).toBe(now);
    expect(digestTime('not a date', 'x.txt', undefined)).toBeUndefined();
  });
});

describe('PaperIndex: what any digest knows of a paper', () => {
  const fetchedJson = JSON.stringify([{
    paper: {
      id: '2312.00752', title: 'Mamba', summary: 'Linear-time sequence modeling.', authors: [{ name: 'Albert Gu' }, { name: 'Tri Dao' }],
      githubRepo: 'https://github.com/state-spaces/mamba', projectPage: 'https://example.org/mamba', ai_keywords: ['SSM'],
    },
  }]);

  it('gives the newest occurrence the arXiv id, authors, code, project page and keywords of any other', () => {
    const index = new PaperIndex();
    const pasted = parseDigest('Nov 6\n\nMamba\n\nLinear-time sequence modeling.\n\n  • 2 authors\n·\nDec 1, 2023 12\n', 'file:///d/pasted.txt');
    index.setDigest(parseDigest(fetchedJson, 'file:///d/2025-11-01.json'), '2025-11-01.json', now);
    index.setDigest(pasted, '2025-11-06.txt', now);
    const entry = index.paper(paperId('Mamba'))!;
    expect(entry.occurrences.map((p) => p.source.uri)).toEqual(['file:///d/pasted.txt', 'file:///d/2025-11-01.json']);
    expect(entry.paper).toMatchObject({
      arxivId: '2312.00752', url: 'https://huggingface.co/papers/2312.00752', authors: ['Albert Gu', 'Tri Dao'], authorCount: 2,
      code: 'https://github.com/state-spaces/mamba', projectPage: 'https://example.org/mamba', keywords: ['SSM'],
      // What the newest digest says stays its own, and so does where it is.
      upvotes: 12, published: 'Dec 1, 2023', source: pasted.papers[0].source,
    });
    // The digest's own paper is not changed.
    expect(pasted.papers[0].arxivId).toBeUndefined();
    // The same merge is the same object, so a consumer comparing by identity sees no change.
    index.setDigest(parseDigest('Nov 7\n\nOther\n\nAbstract.\n\n  • 1 author', 'file:///d/other.txt'), '2025-11-05.txt', now);
    expect(index.paper(paperId('Mamba'))!.paper).toBe(entry.paper);
    index.removeDigest('file:///d/2025-11-01.json');
    expect(index.paper(paperId('Mamba'))!.paper).toBe(pasted.papers[0]);
  });

  it('keeps the newest occurrence itself when it lacks nothing', () => {
    const index = new PaperIndex();
    const json = parseDigest(fetchedJson, 'file:///d/2025-11-06.json');
    index.setDigest(json, '2025-11-06.json', now);
    index.setDigest(parseDigest('Mamba\n\nOlder copy.\n\n  • 2 authors', 'file:///d/old.txt'), '2025-10-01.txt', now);
    expect(index.paper(paperId('Mamba'))!.paper).toBe(json.papers[0]);
  });
});
