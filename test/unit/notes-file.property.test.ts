import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNoteFile, serializeNoteFile } from '../../src/core/notes/notes-file';
import type { PaperNote } from '../../src/core/model/types';
import { noteArb } from './notes-arbitraries';

/** The text a save writes; a refused save fails the test. */
function save(...args: Parameters<typeof serializeNoteFile>): string {
  const result = serializeNoteFile(...args);
  if (!result.ok) throw new Error(`save refused on line ${result.line}: ${result.message}`);
  return result.text;
}

function parsed(text: string, id: string) {
  const result = parseNoteFile(text, id);
  if (!result.ok) throw new Error(`line ${result.line}: ${result.message}\n${text}`);
  return result;
}

describe('notes file round trips (property)', () => {
  it('parse(serialize(n)) is n, and serialize is a fixed point', () => {
    fc.assert(
      fc.property(noteArb, (note) => {
        const text = save(note);
        const { note: back, doc } = parsed(text, note.id);
        expect(back).toEqual(note);
        expect(save(back)).toBe(text);
        expect(save(back, doc)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('saving any other note over a file gives exactly that note', () => {
    fc.assert(
      fc.property(noteArb, noteArb, (first, second) => {
        const next: PaperNote = { ...second, id: first.id };
        const { doc } = parsed(save(first), first.id);
        const text = save(next, doc);
        expect(parsed(text, first.id).note).toEqual(next);
        const again = parsed(text, first.id);
        expect(save(again.note, again.doc)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('edits keep unknown keys, comments and CRLF line endings', () => {
    fc.assert(
      fc.property(noteArb, noteArb, (first, second) => {
        const next: PaperNote = { ...second, id: first.id };
        const written = save(first).replace(/^---\n/, '---\n# kept comment\nx-custom: 1 # kept too\n');
        const crlf = written.replace(/\n/g, '\r\n');
        const { doc, note } = parsed(crlf, first.id);
        expect(note).toEqual(first);
        const text = save(next, doc);
        expect(text).toContain('# kept comment\r\n');
        expect(text).toContain('x-custom: 1 # kept too\r\n');
        expect(text.replace(/\r\n/g, '')).not.toContain('\n');
        expect(parsed(text, first.id).note).toEqual(next);
      }),
      { numRuns: 200 },
    );
  });
});
