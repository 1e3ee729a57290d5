import { describe, expect, it } from 'vitest';
import { PaperIndex, paperId, type Digest, type Paper } from '../../src/core';
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
