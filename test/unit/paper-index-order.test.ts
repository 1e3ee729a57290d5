import fc from 'fast-check';
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

describe('PaperIndex settled in steps', () => {
  const TITLES = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta'];
  const DAYS = ['Nov 3', 'Nov 4', 'Nov 5', 'Nov 6', 'Nov 7'];
  const op = fc.oneof(
    fc.record({
      kind: fc.constant('set' as const),
      file: fc.integer({ min: 0, max: 4 }),
      day: fc.integer({ min: 0, max: 4 }),
      titles: fc.subarray(TITLES, { minLength: 1 }),
    }),
    fc.record({ kind: fc.constant('remove' as const), file: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ kind: fc.constant('step' as const), limit: fc.integer({ min: 0, max: 4 }) }),
  );
  type Op = { kind: 'set'; file: number; day: number; titles: string[] } | { kind: 'remove'; file: number } | { kind: 'step'; limit: number };
  const apply = (index: PaperIndex, o: Op, steps: boolean) => {
    if (o.kind === 'set') index.setDigest(digest(`file:///d${o.file}.txt`, DAYS[o.day], o.titles), `d${o.file}.txt`);
    else if (o.kind === 'remove') index.removeDigest(`file:///d${o.file}.txt`);
    else if (steps) index.settleStep(o.limit);
  };
  const view = (index: PaperIndex) => ({
    digests: index.digests().map((d) => d.digest.uri),
    papers: index.papers().map((e) => ({ id: e.id, paper: e.paper.source.uri, occurrences: e.occurrences.map((p) => p.source.uri), isNew: e.isNew })),
  });

  it('answers exactly as one settled at once, for any steps between any changes', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 29 })), (ops, readsAt) => {
      const stepped = new PaperIndex();
      const whole = new PaperIndex();
      ops.forEach((o, i) => {
        apply(stepped, o, true);
        apply(whole, o, false);
        // A read in the middle of a settling settles the rest.
        if (readsAt.includes(i)) expect(view(stepped)).toEqual(view(whole));
      });
      while (!stepped.settleStep(2));
      expect(view(stepped)).toEqual(view(whole));
    }), { numRuns: 500 });
  });

  it('settles a library added at once in as many steps as it is asked to', () => {
    const index = new PaperIndex();
    for (let i = 0; i < 10; i++) index.setDigest(digest(`file:///d${i}.txt`, `Nov ${i + 1}`, [`Paper ${i} A`, `Paper ${i} B`]), `d${i}.txt`);
    let steps = 1;
    while (!index.settleStep(5)) steps++;
    expect(steps).toBe(4);
    expect(index.papers().filter((e) => e.isNew).map((e) => e.id)).toEqual(['paper-9-a', 'paper-9-b']);
  });
});
