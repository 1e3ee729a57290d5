import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnchor, paperFields, placeAnnotations, type Placement } from '../../src/core/anchor';
import { parseDigest } from '../../src/core/digest';
import type { Annotation, PaperNote } from '../../src/core/model';
import { emptyNote } from '../../src/core/notes';
import { AnchorMoves } from '../../src/features/annotations/anchor-moves';
import { QUOTE_GONE, listOrphans, orphansOf } from '../../src/features/annotations/orphan-list';
import { PALETTE, colourOf, placedByColour } from '../../src/features/annotations/palette';

const SEED = readFileSync(join(__dirname, '..', 'fixtures', '000_9ccde1c60d8efdfe.txt'), 'utf8').replace(/\r\n/g, '\n');
const GAUSSIAN = 'Representing Long Volumetric Video with Temporal Gaussian Hierarchy';
const WORDS = 'compactly model long volumetric videos';

/** The seed's paper block for a title: title, abstract and metadata lines. */
function block(title: string): string {
  const lines = SEED.split('\n');
  const start = lines.indexOf(title);
  let end = start + 1;
  let blanks = 0;
  while (end < lines.length && blanks < 3) {
    if (lines[end].trim() === '') blanks++;
    end++;
  }
  return lines.slice(start, end - 1).join('\n');
}

function digestText(body: string): string {
  return `Nov 6\n\n${body}\n`;
}

const ORIGINAL = digestText(block(GAUSSIAN));
const PAPER_ID = parseDigest(ORIGINAL, 'file:///a.txt').papers[0].id;

/** An annotation on `words` in the original digest's abstract. */
function annotationOn(words: string, id = 'a-1'): Annotation {
  const paper = parseDigest(ORIGINAL, 'file:///a.txt').papers[0];
  const map = paperFields(ORIGINAL.split('\n'), paper).abstract!;
  const start = map.text.indexOf(words);
  return { id, anchor: createAnchor('abstract', map.text, start, start + words.length), body: 'a comment', created: '2026-01-01T00:00:00.000Z' };
}

/** A store holding notes in memory; `update` waits for `gate` when one is set, as a write to disk would. */
class MemoryStore {
  readonly notes = new Map<string, PaperNote>();
  updates = 0;
  gate: Promise<void> | undefined;

  get(id: string): PaperNote | undefined {
    return this.notes.get(id);
  }

  async update(id: string, title: string, change: (note: PaperNote) => void): Promise<void> {
    this.updates++;
    await this.gate;
    const note = structuredClone(this.notes.get(id) ?? emptyNote(id, title));
    change(note);
    this.notes.set(id, note);
  }

  anchorOf(annotationId: string) {
    return this.notes.get(PAPER_ID)!.annotations.find((a) => a.id === annotationId)!.anchor;
  }
}

function storeWith(...annotations: Annotation[]): MemoryStore {
  const store = new MemoryStore();
  store.notes.set(PAPER_ID, { ...emptyNote(PAPER_ID, GAUSSIAN), annotations });
  return store;
}

function placementsIn(text: string, uri: string, store: MemoryStore): Placement[] {
  return placeAnnotations(text.split('\n'), parseDigest(text, uri).papers, (id) => store.get(id));
}

function doc(uri: string, isDirty: boolean) {
  return { uri: { toString: () => uri }, isDirty };
}

/** Lets pending writes (started without await) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('AnchorMoves', () => {
  it('writes an anchor that moved with the text only when the digest is saved', async () => {
    const store = storeWith(annotationOn(WORDS));
    const moves = new AnchorMoves(store);
    const edited = ORIGINAL.replace('This paper aims', 'This new paper clearly aims');
    const uri = 'file:///edited.txt';
    moves.show(doc(uri, true), { placements: placementsIn(edited, uri, store) });
    await settle();
    expect(store.updates).toBe(0);
    // The same words found exactly in a file with no unsaved edits wait for a save too: only a changed quote is urgent.
    moves.show(doc(uri, false), { placements: placementsIn(edited, uri, store) });
    await settle();
    expect(store.updates).toBe(0);
    const before = store.anchorOf('a-1');

    await moves.saved(doc(uri, false));
    const after = store.anchorOf('a-1');
    expect(after.start).toBe(before.start + 'new  clearly'.length);
    expect(after.exact).toBe(WORDS);
  });

  it('writes a fuzzy match in a file with no unsaved edits at once, and only from the first digest that does', async () => {
    const store = storeWith(annotationOn(WORDS));
    const moves = new AnchorMoves(store);
    const reworded = ORIGINAL.replace(WORDS, 'compactly model long volumetric video');
    moves.show(doc('file:///redownloaded.txt', false), { placements: placementsIn(reworded, 'file:///redownloaded.txt', store) });
    await settle();
    expect(store.updates).toBe(1);
    expect(store.anchorOf('a-1').exact).toBe('compactly model long volumetric video');

    // Another saved digest with yet another wording matches fuzzily too, but does not write it back.
    const other = ORIGINAL.replace(WORDS, 'compactly models long volumetric videos');
    moves.show(doc('file:///other.txt', false), { placements: placementsIn(other, 'file:///other.txt', store) });
    await settle();
    expect(store.updates).toBe(1);
    expect(store.anchorOf('a-1').exact).toBe('compactly model long volumetric video');
  });

  it('does not overwrite an anchor changed meanwhile, nor write one move twice while it is being written', async () => {
    const store = storeWith(annotationOn(WORDS));
    const moves = new AnchorMoves(store);
    const edited = ORIGINAL.replace('This paper aims', 'This new paper clearly aims');
    const uri = 'file:///edited.txt';
    let open!: () => void;
    store.gate = new Promise((resolve) => (open = resolve));
    moves.show(doc(uri, true), { placements: placementsIn(edited, uri, store) });
    const first = moves.saved(doc(uri, false));
    const second = moves.saved(doc(uri, false));
    open();
    await Promise.all([first, second]);
    expect(store.updates).toBe(1);

    // Re-attached elsewhere meanwhile: the move found from the old anchor is dropped.
    store.gate = undefined;
    const reattached = annotationOn('dynamic view synthesis methods');
    moves.show(doc(uri, true), { placements: placementsIn(ORIGINAL.replace('This paper', 'The paper here'), uri, store) });
    await store.update(PAPER_ID, GAUSSIAN, (note) => {
      note.annotations[0].anchor = reattached.anchor;
    });
    await moves.saved(doc(uri, false));
    expect(store.anchorOf('a-1')).toEqual(reattached.anchor);
  });

  it('forgets the moves of a document that no longer shows annotations', async () => {
    const store = storeWith(annotationOn(WORDS));
    const moves = new AnchorMoves(store);
    const edited = ORIGINAL.replace('This paper aims', 'This new paper clearly aims');
    const uri = 'file:///edited.txt';
    moves.show(doc(uri, true), { placements: placementsIn(edited, uri, store) });
    moves.clear(uri);
    await moves.saved(doc(uri, false));
    expect(store.updates).toBe(0);
  });
});

describe('listOrphans', () => {
  it('lists orphans of open digests as placed and of the others as indexed, once per annotation and digest', () => {
    const kept = annotationOn(WORDS, 'a-kept');
    const lost = annotationOn('dynamic view synthesis methods', 'a-lost');
    const store = storeWith(kept, lost);
    // Open, with the second quote deleted from the text (twice: the paper is listed twice).
    const openText = digestText(`${block(GAUSSIAN)}\n\n${block(GAUSSIAN)}`).replaceAll('Recent dynamic view synthesis methods leverage', 'Recent methods leverage');
    const openUri = 'file:///open.txt';
    const placements = placementsIn(openText, openUri, store);
    expect(orphansOf(placements).map((o) => [o.annotation.id, o.occurrence])).toEqual([['a-lost', 0], ['a-lost', 1]]);
    // Indexed but not open: one digest where both quotes are gone, one where both are there.
    const closedGone = parseDigest(ORIGINAL.replace(WORDS, 'x').replace('dynamic view synthesis methods', 'y'), 'file:///gone.txt').papers[0];
    const closedFine = parseDigest(ORIGINAL, 'file:///fine.txt').papers[0];
    const stillOpen = parseDigest(openText, openUri).papers[0];

    const found = listOrphans(new Map([[openUri, { placements }]]), [...store.notes.values()], () => [closedGone, closedFine, stillOpen]);
    expect(found.map((o) => [o.annotation.id, o.digestUri])).toEqual([
      ['a-lost', openUri],
      ['a-kept', 'file:///gone.txt'],
      ['a-lost', 'file:///gone.txt'],
    ]);
    expect(found[1]).toMatchObject({ paperId: PAPER_ID, title: GAUSSIAN, reason: QUOTE_GONE });
    expect(found[0].reason).not.toBe('');
  });

  it('finds nothing without annotations', () => {
    expect(listOrphans(new Map(), [emptyNote(PAPER_ID, GAUSSIAN)], () => { throw new Error('not asked'); })).toEqual([]);
  });
});

describe('placedByColour', () => {
  it('groups anchored placements by their tag\'s colour, every colour present, orphans left out', () => {
    const green = { ...annotationOn(WORDS, 'a-green'), tag: 'Green' };
    const untagged = annotationOn('dynamic view synthesis methods', 'a-plain');
    const handEdited = { ...annotationOn('4D Gaussian primitives', 'a-odd'), tag: 'not a colour' };
    const orphan = { ...annotationOn('multi-view RGB videos', 'a-orphan'), tag: 'blue' };
    const store = storeWith(green, untagged, handEdited, orphan);
    const placements = placementsIn(ORIGINAL.replace('multi-view RGB videos', 'cameras'), 'file:///c.txt', store);
    const byColour = placedByColour(placements);
    expect([...byColour.keys()]).toEqual([...PALETTE]);
    expect(byColour.get('green')!.map((p) => p.annotation.id)).toEqual(['a-green']);
    expect(byColour.get('yellow')!.map((p) => p.annotation.id)).toEqual(['a-plain', 'a-odd']);
    expect(byColour.get('blue')).toEqual([]);
    expect(colourOf(' PURPLE ')).toBe('purple');
  });
});
