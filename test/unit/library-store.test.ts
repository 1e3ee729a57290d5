/**
 * The library kept between sessions: its file format (pure), and the store that reads and
 * writes it through a narrow file-system port, here an in-memory disk that can fail,
 * be cut short, and interleave two windows' writes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DIGEST_PARSER_VERSION, indexLibrary, libraryHeader, parseDigest, readLibraryRecord, recordMatches, serializeLibrary, textHash, type LibraryRecord,
} from '../../src/core';
import { LIBRARY_CHANGES_FILE, LIBRARY_FILE, LibraryStore, type StoreFiles } from '../../src/services/library/library-store';

const A = '# Digest Nov 6\n\n## [Sparse Attention at Scale](https://example.org/a)\n\n3 authors · Nov 6 · 12\n\nWe study sparse attention.\n\n## Second Paper\n\nAn abstract about retrieval.\n';
const B = 'Daily Papers\n\nNov 7\n\nA Real Title About Models\n\nAn abstract that says something about models and data.\n\n  • 3 authors\n·\nNov 7 3\n';

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function digestRecord(uri: string, text: string, size = text.length, mtime = 1_700_000_000_000): LibraryRecord {
  return { uri, size, mtime, hash: textHash(text), digest: parseDigest(text, uri) };
}
const plainRecord = (uri: string, size = 120, mtime = 1_700_000_000_000): LibraryRecord => ({ uri, size, mtime });

const RECORDS = [digestRecord('file:///ws/a.md', A), digestRecord('file:///ws/b.txt', B), plainRecord('file:///ws/README.md')];

function readAll(bytes: Uint8Array): LibraryRecord[] | string {
  const indexed = indexLibrary(bytes);
  if (!indexed.ok) return indexed.problem;
  return indexed.lines.spans.map((_, i) => readLibraryRecord(indexed.lines, i)!);
}

describe('the library file', () => {
  it('reads back what it wrote, digests of both formats and files that are no digest', () => {
    expect(readAll(encode(serializeLibrary(RECORDS)))).toEqual(RECORDS);
    expect(readAll(encode(serializeLibrary([])))).toEqual([]);
  });

  it('matches a record by size and time, never a racy one', () => {
    const record = RECORDS[0];
    expect(recordMatches(record, record.size, record.mtime)).toBe(true);
    expect(recordMatches(record, record.size + 1, record.mtime)).toBe(false);
    expect(recordMatches(record, record.size, record.mtime + 1)).toBe(false);
    expect(recordMatches({ ...record, racy: true }, record.size, record.mtime)).toBe(false);
    expect(readAll(encode(serializeLibrary([{ ...record, racy: true }])))).toEqual([{ ...record, racy: true }]);
  });

  it('discards a file of another version or format, or no library at all', () => {
    const text = serializeLibrary(RECORDS);
    expect(readAll(encode(text.replace(libraryHeader('test'), `paper-digest-library 2 ${DIGEST_PARSER_VERSION - 1} test`)))).toMatch(/version/);
    expect(readAll(encode(text.replace(libraryHeader('test'), 'paper-digest-library 0 1 test')))).toMatch(/version/);
    expect(readAll(encode('paper-digest-cache 1 1\nmd:1:3:abcdef01\t{}\n'))).toMatch(/version/);
    expect(readAll(encode(''))).toMatch(/version/);
    expect(readAll(new Uint8Array([0xff, 0xfe, 0x00, 0x0a]))).toMatch(/version/);
  });

  it('discards a file cut short anywhere, or one whose closing line counts other records', () => {
    const text = serializeLibrary(RECORDS);
    fc.assert(fc.property(fc.integer({ min: 0, max: text.length - 1 }), (cut) => {
      expect(typeof readAll(encode(text.slice(0, cut)))).toBe('string');
    }), { numRuns: 300 });
    expect(readAll(encode(text.replace(/end 3\n$/, 'end 2\n')))).toBe('cut short');
    expect(readAll(encode(`${text}{"uri":"file:///late"}\n`))).toBe('cut short');
    const lines = text.split('\n');
    expect(readAll(encode([lines[0], 'garbage', ...lines.slice(1)].join('\n')))).toBe('cut short');
  });

  it('loses only the record of a damaged line, and never takes JSON that is not a record', () => {
    const good = serializeLibrary(RECORDS).split('\n');
    const bad = [
      '{"uri": broken',
      '{"uri":"file:///x","size":-1,"mtime":1}',
      '{"uri":"file:///x","size":1,"mtime":"yesterday"}',
      '{"uri":"file:///x","size":1,"mtime":1,"hash":"1:2"}',
      '{"uri":"file:///x","size":1,"mtime":1,"hash":"1:2","digest":{"uri":"file:///elsewhere","papers":[],"diagnostics":[]}}',
      '{"uri":"file:///x","size":1,"mtime":1,"hash":"1:2","digest":{"uri":"file:///x","papers":[{"id":1}],"diagnostics":[]}}',
      '{"size":1,"mtime":1}',
    ];
    const text = [good[0], good[1], ...bad, good[2], good[3], `end ${2 + bad.length + 1}`, ''].join('\n');
    const indexed = indexLibrary(encode(text));
    expect(indexed.ok).toBe(true);
    if (!indexed.ok) return;
    const read = indexed.lines.spans.map((_, i) => readLibraryRecord(indexed.lines, i));
    expect(read.filter((r) => r !== undefined)).toEqual(RECORDS);
  });
});

/** An in-memory disk with the port's operations, each of which can be made to fail. */
class MemoryFiles implements StoreFiles {
  readonly files = new Map<string, Uint8Array>();
  failRename = false;
  failWrite = false;
  readonly log: string[] = [];
  /** Each operation waits for this before it acts (a test's scheduler interleaves two windows through it). */
  gate: <T>(label: string, act: () => T) => Promise<T> = (_label, act) => Promise.resolve(act());

  read(name: string) {
    return this.gate(`read ${name}`, () => this.files.get(name));
  }

  write(name: string, bytes: Uint8Array) {
    return this.gate(`write ${name}`, () => {
      this.log.push(`write ${name}`);
      if (this.failWrite) throw new Error('disk full');
      this.files.set(name, bytes);
    });
  }

  rename(from: string, to: string) {
    return this.gate(`rename ${from}`, () => {
      this.log.push(`rename ${from} ${to}`);
      if (this.failRename) throw new Error('rename refused');
      const bytes = this.files.get(from);
      if (!bytes) throw new Error(`no ${from}`);
      this.files.delete(from);
      this.files.set(to, bytes);
    });
  }

  remove(name: string) {
    return this.gate(`remove ${name}`, () => {
      this.files.delete(name);
    });
  }
}

const quiet = { info: () => undefined, warn: () => undefined };

describe('LibraryStore', () => {
  it('saves and loads the records', async () => {
    const disk = new MemoryFiles();
    expect(await new LibraryStore(disk, quiet).save(RECORDS)).toBe(true);
    const loaded = await new LibraryStore(disk, quiet).load();
    expect(loaded.problem).toBeUndefined();
    expect([...loaded.records.values()]).toEqual(RECORDS);
  });

  it('loads nothing, without a problem, when there is no library yet', async () => {
    expect(await new LibraryStore(new MemoryFiles(), quiet).load()).toEqual({ records: new Map() });
  });

  it('writes a temporary file and renames it over the library, never the library itself', async () => {
    const disk = new MemoryFiles();
    const store = new LibraryStore(disk, quiet);
    await store.save(RECORDS);
    await store.save(RECORDS.slice(1));
    expect(disk.log).not.toContain(`write ${LIBRARY_FILE}`);
    const atomic = (op: string) => /^write (library|library-changes)\.jsonl\.\S+\.tmp$/.test(op) || /^rename (library|library-changes)\.jsonl\.\S+\.tmp \1\.jsonl$/.test(op);
    expect(disk.log.filter((op) => !atomic(op))).toEqual([]);
    expect([...disk.files.keys()].sort()).toEqual([LIBRARY_CHANGES_FILE, LIBRARY_FILE]);
  });

  it('keeps the old library whole when a write or a rename fails, and leaves no temporary file', async () => {
    const disk = new MemoryFiles();
    const warnings: string[] = [];
    const store = new LibraryStore(disk, { info: () => undefined, warn: (m) => warnings.push(m) });
    await store.save(RECORDS);
    const before = disk.files.get(LIBRARY_FILE);
    disk.failRename = true;
    expect(await store.save(RECORDS.slice(2))).toBe(false);
    disk.failRename = false;
    disk.failWrite = true;
    expect(await store.save(RECORDS.slice(2))).toBe(false);
    expect(disk.files.get(LIBRARY_FILE)).toBe(before);
    expect([...disk.files.keys()]).toEqual([LIBRARY_FILE]);
    expect(warnings).toHaveLength(2);
    expect([...(await store.load()).records.values()]).toEqual(RECORDS);
  });

  it('discards a truncated, corrupt or older library with a problem to rebuild it', async () => {
    const whole = serializeLibrary(RECORDS);
    for (const text of [whole.slice(0, whole.length - 30), '\u0000garbage\n', whole.replace(libraryHeader('test'), 'paper-digest-library 0 0 test')]) {
      const disk = new MemoryFiles();
      disk.files.set(LIBRARY_FILE, encode(text));
      const loaded = await new LibraryStore(disk, quiet).load();
      expect(loaded.records.size).toBe(0);
      expect(loaded.problem).toBeDefined();
    }
  });

  it('removes the cache file of earlier versions', async () => {
    const disk = new MemoryFiles();
    disk.files.set('digest-cache.jsonl', encode('paper-digest-cache 1 1\n'));
    await new LibraryStore(disk, quiet).load();
    await Promise.resolve();
    expect(disk.files.has('digest-cache.jsonl')).toBe(false);
  });

  it('two windows saving at once, in any interleaving, leave a whole library of one of them', async () => {
    const mine = RECORDS;
    const theirs = [digestRecord('file:///ws/c.md', A.replace('Sparse', 'Dense')), plainRecord('file:///ws/d.txt')];
    await fc.assert(fc.asyncProperty(fc.scheduler(), fc.boolean(), async (s, withOld) => {
      const disk = new MemoryFiles();
      if (withOld) disk.files.set(LIBRARY_FILE, encode(serializeLibrary([plainRecord('file:///ws/old.txt')])));
      disk.gate = (label, act) => s.schedule(Promise.resolve(label)).then(act);
      const saves = Promise.all([new LibraryStore(disk, quiet).save(mine), new LibraryStore(disk, quiet).save(theirs)]);
      expect(await s.waitFor(saves)).toEqual([true, true]);
      disk.gate = (_label, act) => Promise.resolve(act());
      expect([...disk.files.keys()]).toEqual([LIBRARY_FILE]);
      const loaded = await new LibraryStore(disk, quiet).load();
      expect(loaded.problem).toBeUndefined();
      expect([mine, theirs]).toContainEqual([...loaded.records.values()]);
    }), { numRuns: 100 });
  });
});

/** A library of years in small: `n` digest records, each its own file. */
function library(n: number, mtime = 1_700_000_000_000): LibraryRecord[] {
  return Array.from({ length: n }, (_, i) => digestRecord(`file:///ws/2024-01-${String(i).padStart(3, '0')}.md`, A.replace('Sparse', `Sparse ${i}`), A.length, mtime));
}

/** A disk with a library of 40 records saved by `store`, as a window leaves it. */
async function savedLibrary(): Promise<{ disk: MemoryFiles; records: LibraryRecord[]; store: LibraryStore }> {
  const disk = new MemoryFiles();
  const records = library(40);
  const store = new LibraryStore(disk, quiet);
  await store.save(records);
  return { disk, records, store };
}

const written = (disk: MemoryFiles, from: number) => disk.log.slice(from).filter((op) => op.startsWith('write ')).map((op) => op.replace(/\.[^.]+\.tmp$/, ''));

describe('LibraryStore: the changes since the library was written', () => {
  it('a save after one file changed writes that record to the changes file, not the library', async () => {
    const { disk, records, store } = await savedLibrary();
    const library0 = disk.files.get(LIBRARY_FILE);
    const changed = digestRecord(records[7].uri, A.replace('Sparse', 'Denser'), A.length + 1, records[7].mtime + 1);
    const next = records.map((r, i) => (i === 7 ? changed : r));
    const before = disk.log.length;
    expect(await store.save(next)).toBe(true);
    expect(written(disk, before)).toEqual(['write library-changes.jsonl']);
    expect(disk.files.get(LIBRARY_FILE)).toBe(library0);
    const changes = decode(disk.files.get(LIBRARY_CHANGES_FILE)!);
    expect(changes.split('\n')).toHaveLength(4);
    expect(changes).toContain('Denser');
    expect(disk.files.get(LIBRARY_CHANGES_FILE)!.length).toBeLessThan(library0!.length / 8);
    expect([...(await new LibraryStore(disk, quiet).load()).records.values()]).toEqual(next);
  });

  it('a removed file is a line of the changes, and the next window does not see it', async () => {
    const { disk, records, store } = await savedLibrary();
    await store.save(records.slice(1));
    expect(decode(disk.files.get(LIBRARY_CHANGES_FILE)!)).toContain(`{"uri":${JSON.stringify(records[0].uri)},"removed":true}`);
    const loaded = await new LibraryStore(disk, quiet).load();
    expect(loaded.problem).toBeUndefined();
    expect([...loaded.records.values()]).toEqual(records.slice(1));
  });

  it('writes the library anew once the changes grow past a share of it, and removes the changes', async () => {
    const { disk, records, store } = await savedLibrary();
    const touched = records.map((r, i) => (i < 20 ? { ...r, mtime: r.mtime + 1 } : r));
    const before = disk.log.length;
    await store.save(touched);
    expect(written(disk, before)).toEqual(['write library.jsonl']);
    expect([...disk.files.keys()]).toEqual([LIBRARY_FILE]);
    expect([...(await new LibraryStore(disk, quiet).load()).records.values()]).toEqual(touched);
  });

  it('ignores changes that amend another library, and changes cut short', async () => {
    const disk = new MemoryFiles();
    const records = library(40);
    const first = new LibraryStore(disk, quiet);
    await first.save(records);
    await first.load();
    const second = new LibraryStore(disk, quiet);
    await second.load();
    // The second window writes the library anew; the first, which read the old one, writes changes to it.
    const theirs = records.map((r) => ({ ...r, mtime: r.mtime + 5 }));
    await second.save(theirs);
    await first.save(records.map((r, i) => (i === 3 ? { ...r, mtime: r.mtime + 9 } : r)));
    expect(disk.files.has(LIBRARY_CHANGES_FILE)).toBe(true);
    expect([...(await new LibraryStore(disk, quiet).load()).records.values()]).toEqual(theirs);

    const store = new LibraryStore(disk, quiet);
    await store.load();
    await store.save(theirs.map((r, i) => (i === 3 ? { ...r, mtime: r.mtime + 1 } : r)));
    const changes = disk.files.get(LIBRARY_CHANGES_FILE)!;
    disk.files.set(LIBRARY_CHANGES_FILE, changes.subarray(0, changes.length - 3));
    expect([...(await new LibraryStore(disk, quiet).load()).records.values()]).toEqual(theirs);
  });

  it('after any saves and reopenings, a window loads exactly the records last saved', async () => {
    const paths = { changes: 0, whole: 0 };
    const step = fc.oneof(
      fc.record({ kind: fc.constant('touch' as const), at: fc.nat(), by: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('add' as const), name: fc.stringMatching(/^[a-z]{1,6}$/) }),
      fc.record({ kind: fc.constant('reopen' as const) }),
    );
    await fc.assert(fc.asyncProperty(fc.array(fc.array(step, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), async (saves) => {
      const disk = new MemoryFiles();
      let store = new LibraryStore(disk, quiet);
      let records = library(30);
      await store.save(records);
      let saved = records;
      for (const steps of saves) {
        for (const s of steps) {
          if (s.kind === 'reopen') {
            store = new LibraryStore(disk, quiet);
            expect([...(await store.load()).records.values()].sort(byUri)).toEqual([...saved].sort(byUri));
          } else if (s.kind === 'add' && !records.some((r) => r.uri === `file:///ws/${s.name}.txt`)) {
            records = [...records, digestRecord(`file:///ws/${s.name}.txt`, B)];
          } else if (s.kind === 'remove' && records.length > 0) {
            records = records.filter((_, i) => i !== s.at % records.length);
          } else if (s.kind === 'touch' && records.length > 0) {
            records = records.map((r, i) => (i === s.at % records.length ? { ...r, mtime: r.mtime + s.by } : r));
          }
        }
        const before = disk.log.length;
        expect(await store.save(records)).toBe(true);
        saved = records;
        const names = written(disk, before);
        if (names.includes('write library.jsonl')) paths.whole++;
        else paths.changes++;
        const loaded = await new LibraryStore(disk, quiet).load();
        expect(loaded.problem).toBeUndefined();
        expect([...loaded.records.values()].sort(byUri)).toEqual([...records].sort(byUri));
      }
    }), { numRuns: 40 });
    // Both ways of saving were taken.
    expect(paths.changes).toBeGreaterThan(0);
    expect(paths.whole).toBeGreaterThan(0);
  });
});

const byUri = (a: LibraryRecord, b: LibraryRecord) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0);
