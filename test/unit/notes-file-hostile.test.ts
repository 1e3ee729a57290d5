/**
 * Notes files the extension cannot rewrite faithfully, or that are too big or too
 * deep: reading and saving give a result value (never a throw), and a save that
 * would change what the file says is refused, so the edit is never silently lost.
 */
import fc from 'fast-check';
import { CST, Lexer, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { newWorkCounter } from '../../src/core/model';
import type { PaperNote } from '../../src/core/model/types';
import {
  MAX_NOTES_FILE_LENGTH,
  MAX_YAML_ALIASES,
  parseNoteFile,
  serializeNoteFile,
  type NoteParseResult,
  type NoteSerializeResult,
} from '../../src/core/notes/notes-file';
import { notesFileArb } from './notes-yaml-arbitraries';

function read(text: string): Extract<NoteParseResult, { ok: true }> {
  const result = parseNoteFile(text, 'p-1');
  if (!result.ok) throw new Error(`line ${result.line}: ${result.message}`);
  return result;
}

function saved(result: NoteSerializeResult): string {
  if (!result.ok) throw new Error(`refused on line ${result.line}: ${result.message}`);
  return result.text;
}

const ALIAS = '---\nshared: &t T\ntitle: *t\nstatus: reading\n---\nnotes';

describe('a frontmatter with aliases, merge keys or tags', () => {
  it('is read, and marked as not rewritable, with the line and the reason', () => {
    const result = read(ALIAS);
    expect(result.note).toMatchObject({ title: 'T', status: 'reading', body: 'notes' });
    expect(result.notRewritable).toEqual({ line: 2, reason: 'it uses the YAML alias "*t"' });
    expect(result.doc.notRewritable).toEqual(result.notRewritable);
  });

  it('refuses a save that changes a field, and writes nothing', () => {
    const { note, doc } = read(ALIAS);
    const result = serializeNoteFile({ ...note, starred: true }, doc);
    expect(result).toEqual({ ok: false, file: 'p-1.md', line: 2, message: expect.stringMatching(/cannot be rewritten.*alias "\*t".*line 3/) });
  });

  it('saves a change of the body alone, keeping the frontmatter byte for byte', () => {
    const { note, doc } = read(ALIAS);
    const text = saved(serializeNoteFile({ ...note, body: 'new notes' }, doc));
    expect(text).toBe('---\nshared: &t T\ntitle: *t\nstatus: reading\n---\nnew notes');
    expect(saved(serializeNoteFile(note, doc))).toBe(ALIAS);
  });

  it.each([
    ['a merge key', '---\nbase: &b {k: 1}\nx:\n  <<: {k: 2}\ntitle: M\n---\n', 3, /merge key "<<"/],
    ['a merge key with an alias', '---\nbase: &b {k: 1}\nx:\n  <<: *b\n---\n', 3, /merge key "<<"/],
    ['a custom tag', '---\ntitle: x\nfoo: !foo bar\n---\n', 2, /tag "!foo"/],
    ['a standard tag', '---\ntitle: !!str 2024\n---\n', 1, /tag "!!str"/],
    ['a binary value', '---\ntitle: x\nimage: !!binary aGVsbG8=\n---\n', 2, /tag "!!binary"/],
    ['an alias in a list', '---\ntags: [&a rl, *a]\n---\n', 1, /alias "\*a"/],
  ])('%s', (_name, text, line, reason) => {
    const result = read(text);
    expect(result.notRewritable?.line).toBe(line);
    expect(result.notRewritable?.reason).toMatch(reason);
    const save = serializeNoteFile({ ...result.note, status: 'read' }, result.doc);
    expect(save.ok).toBe(false);
  });

  it('is rewritten when anchors have no alias', () => {
    const result = read('---\ntitle: &t T\n---\n');
    expect(result.notRewritable).toBeUndefined();
    expect(saved(serializeNoteFile({ ...result.note, starred: true }, result.doc))).toBe('---\ntitle: &t T\nstarred: true\n---\n');
  });
});

describe('hostile frontmatter', () => {
  it('nests anchors past the alias limit: an error on the line, not a throw', () => {
    const bomb = [
      '---',
      'x: &a [1]',
      'y: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'z: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'w: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'tags: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      '---',
      '',
    ].join('\n');
    expect(parseNoteFile(bomb, 'p-1')).toEqual({ ok: false, file: 'p-1.md', line: 5, message: 'tags cannot be read (its YAML aliases expand to too much).' });
  });

  it('uses too many aliases', () => {
    const text = `---\nx: &a 1\ny: [${Array.from({ length: MAX_YAML_ALIASES + 1 }, () => '*a').join(', ')}]\n---\n`;
    expect(parseNoteFile(text, 'p-1')).toMatchObject({ ok: false, line: 2, message: expect.stringMatching(/101 YAML aliases; at most 100/) });
  });

  it('nests deeper than the stack', () => {
    const text = `---\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n---\n`;
    expect(parseNoteFile(text, 'p-1')).toMatchObject({ ok: false, file: 'p-1.md', message: 'The frontmatter nests too deeply to be read.' });
  });

  it('is larger than a notes file may be', () => {
    const text = `---\ntitle: x\n---\n${'a'.repeat(MAX_NOTES_FILE_LENGTH)}`;
    expect(parseNoteFile(text, 'p-1')).toMatchObject({ ok: false, line: 0, message: expect.stringMatching(/more than the 4\.0 MiB a notes file may hold/) });
    const note = read('---\ntitle: x\n---\n').note;
    expect(serializeNoteFile({ ...note, body: 'a'.repeat(MAX_NOTES_FILE_LENGTH) })).toMatchObject({ ok: false, message: expect.stringMatching(/would make a notes file of 4\.0 MiB/) });
  });

  it('reads a file of 40,000 tags and 10,000 annotations (over 2 MB)', () => {
    const note: PaperNote = {
      ...read('---\ntitle: x\n---\n').note,
      tags: Array.from({ length: 40_000 }, (_, i) => `topic-${i}`),
      annotations: Array.from({ length: 10_000 }, (_, i) => ({
        id: `a${i}`,
        anchor: { field: 'abstract' as const, exact: `quoted words ${i}`, prefix: 'before ', suffix: ' after', start: i, end: i + 14 },
        body: `A comment on passage ${i}.`,
        created: '2026-01-02T03:04:05.000Z',
      })),
    };
    const text = saved(serializeNoteFile(note));
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const back = read(text).note;
    expect(back.tags).toHaveLength(40_000);
    expect(back.annotations).toHaveLength(10_000);
    expect(back.annotations[9_999]).toEqual(note.annotations[9_999]);
  });

  it('names the file even for an id that is not a paper id', () => {
    expect(parseNoteFile('---\ntitle: [\n---\n', '../x')).toMatchObject({ ok: false, file: 'the notes file of "../x"' });
  });
});

describe('saves that would not read back', () => {
  const base: PaperNote = { id: 'p-1', title: 'T', status: 'unread', starred: false, tags: [], links: [], annotations: [], body: '' };

  it('refuse a note the file could not hold, instead of writing a file that cannot be read', () => {
    expect(serializeNoteFile({ ...base, links: [{ kind: 'paper', id: ' ' }] })).toEqual({
      ok: false,
      file: 'p-1.md',
      line: 0,
      message: 'These notes cannot be saved: link 1 is a paper link without an id.',
    });
  });

  it('give a file without frontmatter one when the body starts with a fence', () => {
    const { note, doc } = read('plain notes\n');
    const result = serializeNoteFile({ ...note, body: '---\ntitle: not a title\n---' }, doc);
    expect(result.ok && parseNoteFile(result.text, 'p-1')).toMatchObject({ ok: true, note: { title: '', body: '---\ntitle: not a title\n---' } });
  });

  it('keep the comment of a one-line tags field that becomes a list', () => {
    const { note, doc } = read('---\ntitle: T\ntags: rl # topic\n---\n');
    expect(saved(serializeNoteFile({ ...note, tags: ['rl', 'agents'] }, doc))).toBe('---\ntitle: T\ntags: [rl, agents] # topic\n---\n');
  });
});

/** The comments of a YAML text, as the lexer finds them. */
function comments(yaml: string): string[] {
  return [...new Lexer().lex(yaml)].filter((token) => CST.tokenType(token) === 'comment').map((t) => t.trim()).sort();
}

function frontmatterOf(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const close = lines.findIndex((l, i) => i > 0 && (l.trimEnd() === '---' || l.trimEnd() === '...'));
  return lines.slice(1, close).map((l) => `${l}\n`).join('');
}

/** The values of the keys that are not the note's fields. */
function unknownKeys(yaml: string): Record<string, unknown> {
  const doc = parseDocument(yaml);
  const js = doc.toJS({ maxAliasCount: -1 }) as Record<string, unknown> | null;
  const fields = ['title', 'status', 'starred', 'tags', 'links', 'annotations'];
  return Object.fromEntries(Object.entries(js ?? {}).filter(([k]) => !fields.includes(k)));
}

const CHANGES: Record<string, (note: PaperNote) => PaperNote> = {
  star: (n) => ({ ...n, starred: !n.starred }),
  status: (n) => ({ ...n, status: n.status === 'read' ? 'reading' : 'read' }),
  tag: (n) => ({ ...n, tags: [...n.tags.filter((t) => t !== 'added-tag'), 'added-tag'] }),
  title: (n) => ({ ...n, title: `${n.title} (revised)` }),
  annotation: (n) => ({
    ...n,
    annotations: [...n.annotations, { id: 'new-annotation', anchor: { field: 'abstract', exact: 'we propose', prefix: '', suffix: '', start: 0, end: 10 }, body: 'hm', created: '' }],
  }),
  body: (n) => ({ ...n, body: `${n.body}\nMore.` }),
};

describe('any frontmatter (property)', () => {
  it('reads as a note or an error, saves unchanged byte for byte, and saves a change faithfully or refuses it', () => {
    let rewritten = 0;
    let caught = 0;
    fc.assert(
      fc.property(notesFileArb, fc.constantFrom(...Object.keys(CHANGES)), (text, changeName) => {
        const result = parseNoteFile(text, 'p-1');
        if (!result.ok) {
          expect(result.file).toBe('p-1.md');
          expect(result.message).toMatch(/\S/);
          expect(result.message).not.toMatch(/\n/);
          return;
        }
        expect(saved(serializeNoteFile(result.note, result.doc))).toBe(text);
        const changed = CHANGES[changeName](result.note);
        const save = serializeNoteFile(changed, result.doc);
        if (!save.ok) {
          // A body edit is never refused. A field edit is, over a frontmatter marked as not
          // rewritable, or when the yaml library would write it back differently (it moves the
          // comment of an empty block scalar into the scalar, say): the check after writing
          // refuses rather than change what the file says.
          expect(changeName).not.toBe('body');
          if (result.notRewritable) expect(save.message).toMatch(/cannot be rewritten/);
          else {
            expect(save.message).toMatch(/would not (keep|read back)/);
            caught++;
          }
          return;
        }
        rewritten++;
        const back = parseNoteFile(save.text, 'p-1');
        expect(back.ok && back.note).toEqual(changed);
        expect(save.note).toEqual(changed);
        const before = frontmatterOf(text);
        const after = frontmatterOf(save.text);
        // A body edit keeps the frontmatter as it was; any other keeps the keys that are not the note's.
        if (changeName === 'body') expect(after).toBe(before);
        else expect(unknownKeys(after)).toEqual(unknownKeys(before));
        const kept = comments(after);
        for (const comment of comments(before)) {
          const at = kept.indexOf(comment);
          expect(at, `comment ${comment} kept in\n${save.text}`).toBeGreaterThanOrEqual(0);
          kept.splice(at, 1);
        }
        expect(text.includes('\r\n')).toBe(save.text.includes('\r\n'));
      }),
      { numRuns: 600 },
    );
    expect(rewritten).toBeGreaterThan(100);
    expect(caught).toBeLessThan(rewritten / 20);
  });
});

describe('work grows linearly with the notes file', () => {
  function bigNote(tags: number, annotations: number): string {
    const lines = ['---', 'title: Big', 'tags:'];
    for (let i = 0; i < tags; i++) lines.push(`  - tag-${i}`);
    lines.push('annotations:');
    for (let i = 0; i < annotations; i++) lines.push(`  - id: a${i}`, `    anchor: {exact: word ${i}, start: ${i}}`, `    body: note ${i}`);
    lines.push('---', '', 'body', '');
    return lines.join('\n');
  }

  function steps(tags: number, annotations: number): { read: number; save: number } {
    const text = bigNote(tags, annotations);
    const readWork = newWorkCounter();
    const parsed = parseNoteFile(text, 'p-1', { work: readWork });
    if (!parsed.ok) throw new Error(parsed.message);
    const saveWork = newWorkCounter();
    const note = { ...parsed.note, tags: [...parsed.note.tags, 'new'], annotations: [...parsed.note.annotations].reverse() };
    const save = serializeNoteFile(note, parsed.doc, { work: saveWork });
    expect(save.ok).toBe(true);
    return { read: readWork.steps, save: saveWork.steps };
  }

  it('reading and saving twice the tags and annotations takes twice the steps', () => {
    const single = steps(4000, 1000);
    const double = steps(8000, 2000);
    expect(single.read).toBeGreaterThan(5000);
    expect(single.save).toBeGreaterThan(10_000);
    expect(double.read / single.read).toBeGreaterThan(1.9);
    expect(double.read / single.read).toBeLessThan(2.1);
    expect(double.save / single.save).toBeGreaterThan(1.9);
    expect(double.save / single.save).toBeLessThan(2.1);
  });
});
