import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PAPER_ID_LENGTH, paperId } from '../../src/core/model';
import { notesFileName, paperIdFromNotesFileName } from '../../src/core/notes/notes-file-name';

const HOSTILE_IDS: unknown[] = [
  '../../x',
  'a/b',
  'a\\b',
  '..',
  '.',
  'C:\\x',
  'c:x',
  '%2e%2e',
  '%2e%2e%2fx',
  // Look-alikes of "a-b" and "..": a Cyrillic a, a non-breaking hyphen, full-width dots.
  '\u0430-b',
  'a\u2011b',
  '\uff0e\uff0e',
  'x'.repeat(MAX_PAPER_ID_LENGTH + 1),
  '',
  '-x',
  ' x',
  'x ',
  'X-1',
  'a.md',
  'a\u0000b',
  'a\nb',
  'con',
  'nul',
  'com1',
  'lpt9',
  undefined,
  null,
  42,
  ['a'],
  { toString: () => 'a' },
];

describe('notesFileName', () => {
  it('names the file of a valid paper id', () => {
    expect(notesFileName('attention-is-all-you-need-0a1b2c3d')).toBe('attention-is-all-you-need-0a1b2c3d.md');
    expect(notesFileName('x'.repeat(MAX_PAPER_ID_LENGTH))).toBe(`${'x'.repeat(MAX_PAPER_ID_LENGTH)}.md`);
    expect(notesFileName('console-1')).toBe('console-1.md');
  });

  it.each(HOSTILE_IDS.map((id) => [id]))('gives no file name for %j', (id) => {
    expect(notesFileName(id)).toBeUndefined();
  });

  it('names a file for every id paperId makes, and reads the id back (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (title) => {
        const id = paperId(title);
        const name = notesFileName(id);
        expect(name).toBe(`${id}.md`);
        expect(paperIdFromNotesFileName(name)).toBe(id);
      }),
      { numRuns: 500 },
    );
  });

  it('never names a file outside the notes folder (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[a-z0-9./\\%:-]{0,12}$/)), (id) => {
        const name = notesFileName(id);
        if (name === undefined) return;
        expect(name).toMatch(/^[a-z0-9][a-z0-9-]*\.md$/);
        expect(paperIdFromNotesFileName(name)).toBe(id);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('paperIdFromNotesFileName', () => {
  it('reads the id of a notes file name', () => {
    expect(paperIdFromNotesFileName('foo-12345678.md')).toBe('foo-12345678');
  });

  it.each([
    ['not a notes file', 'foo-12345678.txt'],
    ['no id', '.md'],
    ['upper case', 'Foo.md'],
    ['upper-case extension', 'foo.MD'],
    ['a temporary file of an atomic write', '.foo.md.0a1b2c.tmp'],
    ['a hidden file', '.foo.md'],
    ['a path', '../foo.md'],
    ['a Windows path', 'sub\\foo.md'],
    ['two extensions', 'foo.md.md'],
    ['a device name', 'con.md'],
    ['a leading dash', '-foo.md'],
    ['too long', `${'x'.repeat(MAX_PAPER_ID_LENGTH + 1)}.md`],
    ['not a string', 7],
  ])('reads no id from %s', (_what, name) => {
    expect(paperIdFromNotesFileName(name)).toBeUndefined();
  });

  it.each(HOSTILE_IDS.filter((id): id is string => typeof id === 'string').map((id) => [id]))('reads no id from %j + ".md"', (id) => {
    expect(paperIdFromNotesFileName(`${id}.md`)).toBeUndefined();
  });
});
