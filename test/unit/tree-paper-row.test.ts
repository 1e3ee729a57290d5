import { describe, expect, it } from 'vitest';
import { emptyNote, type PaperNote } from '../../src/core';
import { filterHighlightTerms, paperRow } from '../../src/features/tree/paper-row';
import { InMemoryWorkspace } from './in-memory-workspace';

const MAMBA = 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces';
const LONG_MAMBA = "LongMamba: Enhancing Mamba's Long Context Capabilities via Training-Free Receptive Field Enlargement";
const MARKOVIAN = 'The Markovian Thinker';
const HUXLEY = 'Huxley-Gödel Machine: Human-Level Coding Agent Development by an Approximation of the Optimal Self-Improving Machine';

const workspace = new InMemoryWorkspace().addSeedDigests();
const entry = (title: string) => workspace.paper(workspace.idOf(title))!;
const note = (title: string, over: Partial<PaperNote>): PaperNote => ({ ...emptyNote(workspace.idOf(title), title), ...over });

/** The highlighted parts of a title, as text. */
function lit(title: string, filter: string): string[] {
  return paperRow(entry(title), undefined, filterHighlightTerms(filter)).highlights.map(([start, end]) => title.slice(start, end));
}

describe('a paper\'s row in the tree', () => {
  it('is labelled by the title and described by authors, date and upvotes', () => {
    const row = paperRow({ ...entry(MAMBA), isNew: false }, undefined);
    expect(row).toEqual({
      label: MAMBA,
      highlights: [],
      description: '2 authors · Dec 1, 2023 · ▲ 12',
      icon: 'circle-large-outline',
      starred: false,
      status: 'unread',
      contextValue: 'paper',
      accessibilityLabel: `${MAMBA}, 2 authors · Dec 1, 2023 · ▲ 12, unread`,
    });
  });

  it('marks a paper first seen in the newest digest as new', () => {
    expect(entry(MAMBA).isNew).toBe(true);
    const fresh = { ...entry(MARKOVIAN), isNew: true };
    expect(paperRow(fresh, undefined).description).toBe('new');
    expect(paperRow({ ...entry(MAMBA), isNew: false }, undefined).description).toBe('2 authors · Dec 1, 2023 · ▲ 12');
    expect(paperRow({ ...entry(MAMBA), isNew: true }, undefined).description).toBe('new · 2 authors · Dec 1, 2023 · ▲ 12');
  });

  it('leaves out what the digest does not say, in the description and for screen readers', () => {
    const row = paperRow({ ...entry(MARKOVIAN), isNew: false }, undefined);
    expect(row.description).toBe('');
    expect(row.accessibilityLabel).toBe(`${MARKOVIAN}, unread`);
  });

  it('shows the reading status by its icon, and a star over it', () => {
    expect(paperRow(entry(MAMBA), note(MAMBA, { status: 'reading' }))).toMatchObject({ icon: 'book', status: 'reading', starred: false, contextValue: 'paper' });
    expect(paperRow(entry(MAMBA), note(MAMBA, { status: 'read' }))).toMatchObject({ icon: 'pass-filled', contextValue: 'paper' });
    const starred = paperRow(entry(MAMBA), note(MAMBA, { status: 'read', starred: true }));
    expect(starred).toMatchObject({ icon: 'star-full', status: 'read', starred: true, contextValue: 'paper starred' });
    expect(starred.accessibilityLabel).toBe(`${MAMBA}, 2 authors · Dec 1, 2023 · ▲ 12, read, starred`);
  });
});

describe('the filter\'s words lit up in titles', () => {
  it('lights up the free words of the filter, not its filters', () => {
    expect(filterHighlightTerms('mamba upvotes>10 tag:rl status:unread is:starred')).toEqual(['mamba']);
    expect(lit(MAMBA, 'mamba upvotes>10')).toEqual(['Mamba']);
    expect(lit(MAMBA, 'tag:rl upvotes>10')).toEqual([]);
    expect(lit(MAMBA, '')).toEqual([]);
  });

  it('lights up every word of the title the filter matches, a word being typed as a prefix', () => {
    // "LongMamba" starts with "long", so its start lights up too.
    expect(lit(LONG_MAMBA, 'mamba long')).toEqual(['Long', 'Mamba', 'Long']);
    expect(lit(MAMBA, 'selective sta')).toEqual(['Selective', 'Sta']);
    expect(lit(MAMBA, '"state spaces"')).toEqual(['State', 'Spaces']);
  });

  it('matches without case or diacritics, as the search does', () => {
    expect(lit(HUXLEY, 'GODEL machine')).toEqual(['Gödel', 'Machine', 'Machine']);
  });

  it('lights up nothing for excluded words and words too common to search by', () => {
    expect(filterHighlightTerms('-mamba')).toEqual([]);
    expect(lit(MAMBA, 'linear -mamba')).toEqual(['Linear']);
    expect(lit(MARKOVIAN, 'the markovian ')).toEqual(['Markovian']);
  });

  it('gives hostile filters a plain result', () => {
    expect(lit(MAMBA, '<script>alert(1)</script>')).toEqual([]);
    expect(lit(MAMBA, '\u0000 \uD800 (((( ]]]] ****')).toEqual([]);
    expect(lit(MAMBA, `${'a'.repeat(100_000)} mamba`)).toEqual(['Mamba']);
  });
});
