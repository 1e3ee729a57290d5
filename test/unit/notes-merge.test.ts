import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeNotes } from '../../src/core/notes/notes-merge';
import { emptyNote } from '../../src/core/notes/notes-file';
import type { Annotation, PaperNote } from '../../src/core/model/types';
import { noteArb } from './notes-arbitraries';

const base: PaperNote = {
  ...emptyNote('p-1', 'A paper'),
  tags: ['rl', 'agents'],
  links: [{ kind: 'url', url: 'https://example.org/a' }],
  body: 'Summary.\n\nOpen questions:\n- why?\n',
};

function annotation(id: string, body: string, extra: Partial<Annotation> = {}): Annotation {
  return {
    id,
    anchor: { field: 'abstract', exact: `quote ${id}`, prefix: '', suffix: '', start: 0, end: 7 },
    body,
    created: '2024-03-05T10:00:00Z',
    ...extra,
  };
}

describe('mergeNotes: scalars', () => {
  it('takes the side that changed', () => {
    const mine = { ...base, status: 'read' as const };
    const theirs = { ...base, starred: true, title: 'A paper (v2)' };
    expect(mergeNotes(base, mine, theirs)).toEqual({
      note: { ...base, status: 'read', starred: true, title: 'A paper (v2)' },
      conflicts: [],
    });
  });

  it('agrees silently when both made the same change', () => {
    const same = { ...base, status: 'reading' as const };
    expect(mergeNotes(base, same, same).conflicts).toEqual([]);
  });

  it('prefers the disk when both changed differently, and reports it', () => {
    const result = mergeNotes(
      base,
      { ...base, status: 'reading', starred: true, title: 'Mine' },
      { ...base, status: 'read', starred: true, title: 'Theirs' },
    );
    expect(result.note).toMatchObject({ status: 'read', starred: true, title: 'Theirs' });
    expect(result.conflicts).toEqual([
      'Title: "Theirs" on disk, "Mine" in the unsaved edit; kept "Theirs" from disk.',
      'Reading status: "read" on disk, "reading" in the unsaved edit; kept "read" from disk.',
    ]);
  });
});

describe('mergeNotes: tags and links are sets', () => {
  it('applies additions and removals from both sides', () => {
    const mine = { ...base, tags: ['rl', 'mine-new'], links: [...base.links, { kind: 'paper' as const, id: 'x-1' }] };
    const theirs = { ...base, tags: ['agents', 'theirs-new', 'rl'], links: [] };
    const { note, conflicts } = mergeNotes(base, mine, theirs);
    expect(note.tags).toEqual(['theirs-new', 'rl', 'mine-new']);
    expect(note.links).toEqual([{ kind: 'paper', id: 'x-1' }]);
    expect(conflicts).toEqual([]);
  });

  it('treats an edited link as a removal and an addition', () => {
    const mine = { ...base, links: [{ kind: 'url' as const, url: 'https://example.org/a', title: 'Code' }] };
    const { note } = mergeNotes(base, mine, base);
    expect(note.links).toEqual(mine.links);
  });
});

describe('mergeNotes: annotations by id', () => {
  const withA = { ...base, annotations: [annotation('a', 'first'), annotation('b', 'second')] };

  it('unites additions from both sides and honours deletions', () => {
    const mine = { ...withA, annotations: [annotation('a', 'first'), annotation('m', 'mine')] };
    const theirs = { ...withA, annotations: [annotation('b', 'second'), annotation('t', 'theirs')] };
    const { note, conflicts } = mergeNotes(withA, mine, theirs);
    expect(note.annotations.map((a) => a.id)).toEqual(['t', 'm']);
    expect(conflicts).toEqual([]);
  });

  it('takes an edit made on one side', () => {
    const theirs = { ...withA, annotations: [annotation('a', 'first, edited on disk'), annotation('b', 'second')] };
    expect(mergeNotes(withA, withA, theirs).note.annotations[0].body).toBe('first, edited on disk');
  });

  it('combines edits to different fields and merges replies', () => {
    const reply = (body: string) => ({ body, created: 'now' });
    const mine = { ...withA, annotations: [annotation('a', 'first', { tag: 'question', replies: [reply('mine')] }), withA.annotations[1]] };
    const theirs = { ...withA, annotations: [annotation('a', 'first, reworded', { replies: [reply('theirs')] }), withA.annotations[1]] };
    const { note, conflicts } = mergeNotes(withA, mine, theirs);
    expect(note.annotations[0]).toEqual(
      annotation('a', 'first, reworded', { tag: 'question', replies: [reply('theirs'), reply('mine')] }),
    );
    expect(conflicts).toEqual([]);
  });

  it('keeps both when the same annotation was edited on both sides', () => {
    const mine = { ...withA, annotations: [annotation('a', 'mine'), withA.annotations[1]] };
    const theirs = { ...withA, annotations: [annotation('a', 'theirs'), withA.annotations[1]] };
    const { note, conflicts } = mergeNotes(withA, mine, theirs);
    expect(note.annotations).toEqual([annotation('a', 'theirs'), { ...annotation('a', 'mine'), id: 'a-2' }, annotation('b', 'second')]);
    expect(conflicts).toEqual(['The annotation on "quote a" was changed both on disk and in the unsaved edit; kept both versions.']);
  });

  it('keeps an annotation deleted on one side but edited on the other, and says so', () => {
    const mine = { ...withA, annotations: [withA.annotations[1]] };
    const theirs = { ...withA, annotations: [annotation('a', 'edited on disk'), withA.annotations[1]] };
    const result = mergeNotes(withA, mine, theirs);
    expect(result.note.annotations.map((a) => a.body)).toEqual(['edited on disk', 'second']);
    expect(result.conflicts).toHaveLength(1);
    const back = mergeNotes(withA, theirs, mine);
    expect(back.note.annotations.map((a) => a.body)).toEqual(['second', 'edited on disk']);
    expect(back.conflicts).toHaveLength(1);
  });

  it('keeps both of two different annotations added with the same id', () => {
    const mine = { ...base, annotations: [annotation('z', 'mine')] };
    const theirs = { ...base, annotations: [annotation('z', 'theirs')] };
    const { note, conflicts } = mergeNotes(base, mine, theirs);
    expect(note.annotations.map((a) => [a.id, a.body])).toEqual([['z', 'theirs'], ['z-2', 'mine']]);
    expect(conflicts).toHaveLength(1);
  });
});

describe('mergeNotes: body', () => {
  it('merges changes to different lines cleanly', () => {
    const mine = { ...base, body: 'Summary, longer.\n\nOpen questions:\n- why?\n' };
    const theirs = { ...base, body: 'Summary.\n\nOpen questions:\n- why?\n- how?\n' };
    expect(mergeNotes(base, mine, theirs)).toEqual({
      note: { ...base, body: 'Summary, longer.\n\nOpen questions:\n- why?\n- how?\n' },
      conflicts: [],
    });
  });

  it('keeps both versions of the same line and reports where', () => {
    const mine = { ...base, body: 'Summary (mine).\n\nOpen questions:\n- why?\n' };
    const theirs = { ...base, body: 'Summary (disk).\n\nOpen questions:\n- why?\n' };
    const { note, conflicts } = mergeNotes(base, mine, theirs);
    expect(note.body).toBe(
      '<<<<<<< on disk\nSummary (disk).\n=======\nSummary (mine).\n>>>>>>> unsaved edit\n\nOpen questions:\n- why?\n',
    );
    expect(conflicts).toEqual([
      'The notes text was changed in the same place on disk and in the unsaved edit; both versions are kept between conflict markers (lines 1–5).',
    ]);
  });
});

describe('mergeNotes (property)', () => {
  it('loses no body line, tag or annotation text that either side added', () => {
    fc.assert(
      fc.property(noteArb, noteArb, noteArb, (b, m, t) => {
        const { note } = mergeNotes(b, m, t);
        const merged = note.body.split('\n');
        const baseLines = new Set(b.body.split('\n'));
        for (const line of [...m.body.split('\n'), ...t.body.split('\n')]) {
          if (!baseLines.has(line)) expect(merged).toContain(line);
        }
        for (const tag of [...m.tags, ...t.tags]) if (!b.tags.includes(tag)) expect(note.tags).toContain(tag);
        const bodies = note.annotations.map((a) => a.body);
        const baseBodies = new Set(b.annotations.map((a) => a.body));
        for (const a of [...m.annotations, ...t.annotations]) if (!baseBodies.has(a.body)) expect(bodies).toContain(a.body);
        expect(new Set(note.annotations.map((a) => a.id)).size).toBe(note.annotations.length);
      }),
      { numRuns: 300 },
    );
  });

  it('returns the other side unchanged when one side did not change', () => {
    fc.assert(
      fc.property(noteArb, noteArb, (b, x) => {
        const other = { ...x, id: b.id };
        expect(mergeNotes(b, b, other)).toEqual({ note: other, conflicts: [] });
        expect(mergeNotes(b, other, b)).toEqual({ note: other, conflicts: [] });
        expect(mergeNotes(b, other, other)).toEqual({ note: other, conflicts: [] });
      }),
      { numRuns: 300 },
    );
  });
});
