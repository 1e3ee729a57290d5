/**
 * Saving a notes file through the store's file port, against an in-memory disk that another
 * writer (a second window, git, a hand edit) can change at any step, and whose writes can fail.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyNote, MAX_NOTES_FILE_LENGTH, parseNoteFile, type PaperNote } from '../../src/core';
import type { NoteFilePort } from '../../src/services/store/note-file-port';
import { readDiskText, SAVE_ATTEMPTS, saveNote, takeDiskText, type NoteFileState } from '../../src/services/store/save-plan';

const FILE = '/ws/.papers/notes/p-1.md';

type Step = 'read' | 'write';

/** A disk of text files held in a map. `between` runs after every read (as another writer would); `failWrites` makes writes fail. */
class MemoryDisk implements NoteFilePort<string> {
  readonly files = new Map<string, string>();
  reads = 0;
  writes = 0;
  between?: (disk: MemoryDisk, read: number) => void;
  failWrites?: string;
  readonly log: Step[] = [];

  read(file: string): Promise<string | undefined> {
    this.reads++;
    this.log.push('read');
    const text = this.files.get(file);
    this.between?.(this, this.reads);
    return Promise.resolve(text);
  }

  stat(file: string): Promise<{ mtime: number; size: number } | undefined> {
    const text = this.files.get(file);
    return Promise.resolve(text === undefined ? undefined : { mtime: 0, size: text.length });
  }

  writeAtomic(file: string, text: string): Promise<void> {
    this.log.push('write');
    if (this.failWrites) {
      // As a real disk does: the temporary file fails, the target is left as it was.
      const error = Object.assign(new Error(`${this.failWrites}: cannot write ${file}.tmp`), { code: this.failWrites });
      return Promise.reject(error);
    }
    this.writes++;
    const temp = `${file}.tmp`;
    this.files.set(temp, text);
    this.files.set(file, this.files.get(temp)!);
    this.files.delete(temp);
    return Promise.resolve();
  }
}

/** The state the store holds after reading `text` from disk. */
function readState(text: string | undefined): NoteFileState {
  const state: NoteFileState = { id: 'p-1', dirty: false };
  takeDiskText(state, text);
  return state;
}

function edit(state: NoteFileState, change: (note: PaperNote) => void): void {
  const note = structuredClone(state.note ?? emptyNote('p-1', 'A paper'));
  change(note);
  state.note = note;
  state.dirty = true;
}

function onDisk(disk: MemoryDisk): PaperNote {
  const parsed = parseNoteFile(disk.files.get(FILE) ?? '', 'p-1');
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.note;
}

const ORIGINAL = '---\ntitle: A paper\nstatus: reading\ntags:\n  - base\n---\n\nline one\nline two\nline three\n';

describe('saveNote', () => {
  it('creates a missing file with the edit', async () => {
    const disk = new MemoryDisk();
    const state = readState(undefined);
    edit(state, (n) => {
      n.starred = true;
    });
    const result = await saveNote(state, disk, FILE);
    expect(result).toEqual({ kind: 'saved', wrote: true, changedOnDisk: false, conflicts: [] });
    expect(disk.files.get(FILE)).toBe('---\ntitle: A paper\nstarred: true\n---\n');
    expect(state.dirty).toBe(false);
    expect(state.baseText).toBe(disk.files.get(FILE));
  });

  it('merges an edit made on disk since the last read instead of overwriting it', async () => {
    const disk = new MemoryDisk();
    disk.files.set(FILE, ORIGINAL);
    const state = readState(ORIGINAL);
    disk.files.set(FILE, ORIGINAL.replace('line one', 'line one, on disk').replace('status: reading', 'status: read'));
    edit(state, (n) => {
      n.tags.push('mine');
      n.body = n.body.replace('line three', 'line three, here');
    });
    const result = await saveNote(state, disk, FILE);
    expect(result).toMatchObject({ kind: 'saved', wrote: true, changedOnDisk: true, conflicts: [] });
    const saved = onDisk(disk);
    expect(saved.status).toBe('read');
    expect(saved.tags).toEqual(['base', 'mine']);
    expect(saved.body).toBe('line one, on disk\nline two\nline three, here');
    expect(state.note).toEqual(saved);
  });

  it('merges and tries again when another writer changes the file between the read and the write', async () => {
    const disk = new MemoryDisk();
    disk.files.set(FILE, ORIGINAL);
    const state = readState(ORIGINAL);
    // A second window stars the paper right after this save read the file.
    disk.between = (d, read) => {
      if (read === 1) d.files.set(FILE, ORIGINAL.replace('status: reading', 'status: reading\nstarred: true'));
    };
    edit(state, (n) => {
      n.tags.push('mine');
    });
    const result = await saveNote(state, disk, FILE);
    expect(result).toMatchObject({ kind: 'saved', wrote: true, changedOnDisk: true });
    expect(disk.log).toEqual(['read', 'read', 'read', 'write']);
    const saved = onDisk(disk);
    expect(saved.starred).toBe(true);
    expect(saved.tags).toEqual(['base', 'mine']);
  });

  it('gives up without writing when the file keeps changing, keeping the edit', async () => {
    const disk = new MemoryDisk();
    disk.files.set(FILE, ORIGINAL);
    const state = readState(ORIGINAL);
    disk.between = (d, read) => d.files.set(FILE, ORIGINAL.replace('line two', `line two (${read})`));
    edit(state, (n) => {
      n.tags.push('mine');
    });
    const result = await saveNote(state, disk, FILE);
    expect(result.kind).toBe('failed');
    expect(disk.writes).toBe(0);
    expect(disk.reads).toBe(SAVE_ATTEMPTS + 1);
    expect(state.dirty).toBe(true);
    expect(state.note?.tags).toEqual(['base', 'mine']);
    // Once the other writer stops, the next try writes both.
    disk.between = undefined;
    expect((await saveNote(state, disk, FILE)).kind).toBe('saved');
    expect(onDisk(disk).tags).toEqual(['base', 'mine']);
    expect(onDisk(disk).body).toMatch(/line two \(\d+\)/);
  });

  it('writes the file again, edit included, when it was deleted since the last read', async () => {
    const disk = new MemoryDisk();
    const state = readState(ORIGINAL);
    edit(state, (n) => {
      n.starred = true;
    });
    const result = await saveNote(state, disk, FILE);
    expect(result).toMatchObject({ kind: 'saved', wrote: true, changedOnDisk: true });
    const saved = onDisk(disk);
    expect(saved.starred).toBe(true);
    expect(saved.body).toBe('line one\nline two\nline three');
  });

  it('writes the file again when it is deleted between the read and the write', async () => {
    const disk = new MemoryDisk();
    disk.files.set(FILE, ORIGINAL);
    const state = readState(ORIGINAL);
    disk.between = (d, read) => {
      if (read === 1) d.files.delete(FILE);
    };
    edit(state, (n) => {
      n.status = 'read';
    });
    expect((await saveNote(state, disk, FILE)).kind).toBe('saved');
    expect(onDisk(disk)).toMatchObject({ status: 'read', tags: ['base'] });
  });

  for (const code of ['EACCES', 'ENOSPC']) {
    it(`keeps the edit in memory when the write fails with ${code}, and saves it on the next try`, async () => {
      const disk = new MemoryDisk();
      disk.files.set(FILE, ORIGINAL);
      const state = readState(ORIGINAL);
      disk.failWrites = code;
      edit(state, (n) => {
        n.body = 'kept while the write fails';
      });
      const result = await saveNote(state, disk, FILE);
      expect(result.kind).toBe('failed');
      expect(result.kind === 'failed' && (result.error as { code?: string }).code).toBe(code);
      expect(disk.files.get(FILE)).toBe(ORIGINAL);
      expect([...disk.files.keys()]).toEqual([FILE]);
      expect(state).toMatchObject({ dirty: true, baseText: ORIGINAL });
      expect(state.note?.body).toBe('kept while the write fails');
      disk.failWrites = undefined;
      expect(await saveNote(state, disk, FILE)).toMatchObject({ kind: 'saved', wrote: true });
      expect(onDisk(disk).body).toBe('kept while the write fails');
      expect(state.dirty).toBe(false);
    });
  }

  it('keeps the edit when the file cannot be read', async () => {
    const disk = new MemoryDisk();
    disk.read = () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
    const state = readState(ORIGINAL);
    edit(state, (n) => {
      n.starred = true;
    });
    expect((await saveNote(state, disk, FILE)).kind).toBe('failed');
    expect(state.dirty).toBe(true);
    expect(disk.writes).toBe(0);
  });

  it('never overwrites a frontmatter it cannot rewrite faithfully (a YAML alias), and saves once it is fixed', async () => {
    const aliased = '---\nshared: &t T\ntitle: *t\nstatus: reading\n---\nnotes\n';
    const disk = new MemoryDisk();
    disk.files.set(FILE, aliased);
    const state = readState(aliased);
    edit(state, (n) => {
      n.starred = true;
    });
    const result = await saveNote(state, disk, FILE);
    expect(result.kind).toBe('refused');
    expect(disk.files.get(FILE)).toBe(aliased);
    expect(disk.writes).toBe(0);
    expect(state.broken?.message).toMatch(/alias/i);
    expect(state.dirty).toBe(true);
    // Asked again, it still refuses without touching the file.
    expect((await saveNote(state, disk, FILE)).kind).toBe('refused');
    expect(disk.files.get(FILE)).toBe(aliased);
    // The reader fixes the file: reading it clears the refusal and the kept edit lands.
    const fixed = '---\ntitle: T\nstatus: reading\n---\nnotes\n';
    disk.files.set(FILE, fixed);
    expect(takeDiskText(state, fixed).kind).toBe('read');
    expect(await saveNote(state, disk, FILE)).toMatchObject({ kind: 'saved', wrote: true });
    expect(onDisk(disk)).toMatchObject({ title: 'T', status: 'reading', starred: true, body: 'notes' });
  });

  it('never overwrites a file that another writer broke between the read and the write', async () => {
    const broken = '---\ntitle: A paper\ntags: [unclosed\n---\n\nprecious\n';
    const disk = new MemoryDisk();
    disk.files.set(FILE, ORIGINAL);
    const state = readState(ORIGINAL);
    disk.between = (d, read) => {
      if (read === 1) d.files.set(FILE, broken);
    };
    edit(state, (n) => {
      n.starred = true;
    });
    expect((await saveNote(state, disk, FILE)).kind).toBe('refused');
    expect(disk.files.get(FILE)).toBe(broken);
    expect(state.broken?.line).toBeGreaterThan(0);
    expect(state.note?.starred).toBe(true);
  });

  it('reports conflicting edits of the same line and keeps both versions', async () => {
    const disk = new MemoryDisk();
    disk.files.set(FILE, ORIGINAL);
    const state = readState(ORIGINAL);
    disk.files.set(FILE, ORIGINAL.replace('line two', 'line two, on disk'));
    edit(state, (n) => {
      n.body = n.body.replace('line two', 'line two, here');
    });
    const result = await saveNote(state, disk, FILE);
    expect(result.kind).toBe('saved');
    expect(result.kind === 'saved' && result.conflicts.length).toBe(1);
    expect(disk.files.get(FILE)).toMatch(/line two, on disk[\s\S]*line two, here|line two, here[\s\S]*line two, on disk/);
  });

  it('does not write when the file already says what the note says', async () => {
    const disk = new MemoryDisk();
    disk.files.set(FILE, ORIGINAL);
    const state = readState(ORIGINAL);
    edit(state, () => undefined);
    expect(await saveNote(state, disk, FILE)).toEqual({ kind: 'saved', wrote: false, changedOnDisk: false, conflicts: [] });
    expect(disk.writes).toBe(0);
  });

  it('keeps every tag of both writers when the other one writes between the read and the write', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1 }), fc.uniqueArray(fc.constantFrom('w', 'x', 'y', 'z'), { minLength: 1 }), fc.boolean(), async (mine, theirs, starred) => {
        const disk = new MemoryDisk();
        disk.files.set(FILE, ORIGINAL);
        const state = readState(ORIGINAL);
        const other = ORIGINAL.replace('  - base\n', ['base', ...theirs].map((t) => `  - ${t}\n`).join(''));
        disk.between = (d, read) => {
          if (read === 1) d.files.set(FILE, other);
        };
        edit(state, (n) => {
          n.tags.push(...mine);
          n.starred = starred;
        });
        expect((await saveNote(state, disk, FILE)).kind).toBe('saved');
        const saved = onDisk(disk);
        expect([...saved.tags].sort()).toEqual(['base', ...mine, ...theirs].sort());
        expect(saved.starred).toBe(starred);
      }),
      { numRuns: 60 },
    );
  });
});

describe('a notes file over the size limit', () => {
  const HUGE = `---\ntitle: A paper\n---\n${'a'.repeat(MAX_NOTES_FILE_LENGTH + 1)}`;

  it('is never read by a save: its size alone refuses it with a message, and the edit is kept', async () => {
    const disk = new MemoryDisk();
    disk.files.set(FILE, HUGE);
    const state = readState(undefined);
    edit(state, (n) => {
      n.starred = true;
    });
    const result = await saveNote(state, disk, FILE);
    expect(disk.reads).toBe(0);
    expect(result).toMatchObject({ kind: 'refused', changedOnDisk: true });
    expect(state.broken?.message).toMatch(/The notes file is 4\.0 MiB, more than the 4\.0 MiB a notes file may hold, so it is not read/);
    expect(state.dirty).toBe(true);
    expect(disk.files.get(FILE)).toBe(HUGE);
    expect(disk.writes).toBe(0);
  });

  it('is never read when the store takes a file in, and is read again once it is small enough', async () => {
    const disk = new MemoryDisk();
    disk.files.set(FILE, HUGE);
    const state: NoteFileState = { id: 'p-1', dirty: false };
    expect(takeDiskText(state, await readDiskText(disk, FILE))).toEqual({ kind: 'broken' });
    expect(disk.reads).toBe(0);
    expect(state.broken?.message).toMatch(/is 4\.0 MiB, more than the 4\.0 MiB/);
    // The same oversized file seen again is no news.
    expect(takeDiskText(state, await readDiskText(disk, FILE))).toEqual({ kind: 'same' });
    disk.files.set(FILE, ORIGINAL);
    expect(takeDiskText(state, await readDiskText(disk, FILE))).toEqual({ kind: 'read', conflicts: [] });
    expect(disk.reads).toBe(1);
    expect(state.broken).toBeUndefined();
    expect(state.note?.status).toBe('reading');
  });
});
