/**
 * The search index kept between windows: WorkspaceSearch over a real parsed
 * library and an in-memory disk behind the store's file port. A second window
 * restores what the first saved; a snapshot it cannot use is discarded with a
 * line in the log and the index built again; two windows saving at once leave
 * a whole snapshot.
 */
import { describe, expect, it } from 'vitest';
import { PaperIndex, parseDigest, type PaperNote } from '../../src/core';
import type { NoteStoreService, PaperIndexService } from '../../src/services';
import type { StoreFiles } from '../../src/services/library/library-store';
import { SEARCH_SNAPSHOT_FILE, SearchSnapshotStore } from '../../src/services/library/search-store';
import { WorkspaceSearch } from '../../src/services/search-service';
import { fakeLibrary } from './fake-library';

const TOPICS = ['sparse attention', 'diffusion models', 'retrieval agents', 'video tokens', 'reward models', 'state space mamba'];

/** A Markdown digest of `n` papers, each about one of the topics. */
function digestText(date: string, n: number, offset = 0): string {
  const papers = Array.from({ length: n }, (_, i) => {
    const topic = TOPICS[(i + offset) % TOPICS.length];
    return `## [Paper ${date} ${i} on ${topic}](https://example.org/${encodeURIComponent(date)}/${i})\n\n3 authors · ${date} · ▲ ${i}\n\nWe study ${topic} at scale, number ${i + offset}, with ${TOPICS[(i + offset + 1) % TOPICS.length]}.\n`;
  });
  return `# Daily Papers — ${date}\n\n${papers.join('\n')}`;
}

/** The library a window finds: parsed digests by file name. */
function library(files: Record<string, string>): PaperIndexService {
  const index = new PaperIndex();
  for (const [name, text] of Object.entries(files)) index.setDigest(parseDigest(text, `file:///ws/${name}`), name);
  return fakeLibrary(index);
}

function notes(byId: Record<string, Partial<PaperNote>> = {}): NoteStoreService {
  const service = {
    get: (id: string) => (byId[id] ? { id, title: '', status: 'unread', starred: false, tags: [], links: [], body: '', annotations: [], ...byId[id] } : undefined),
    onDidChange: () => ({ dispose: () => undefined }),
  };
  return service as unknown as NoteStoreService;
}

/** An in-memory disk with the port's operations; `gate` lets a test interleave two windows' steps. */
class MemoryFiles implements StoreFiles {
  readonly files = new Map<string, Uint8Array>();
  gate: <T>(label: string, act: () => T) => Promise<T> = (_label, act) => Promise.resolve(act());

  read(name: string) {
    return this.gate(`read ${name}`, () => this.files.get(name));
  }

  write(name: string, bytes: Uint8Array) {
    return this.gate(`write ${name}`, () => void this.files.set(name, bytes.slice()));
  }

  rename(from: string, to: string) {
    return this.gate(`rename ${from}`, () => {
      const bytes = this.files.get(from);
      if (!bytes) throw new Error(`no ${from}`);
      this.files.delete(from);
      this.files.set(to, bytes);
    });
  }

  remove(name: string) {
    return this.gate(`remove ${name}`, () => void this.files.delete(name));
  }
}

function logged() {
  const lines: string[] = [];
  return { lines, log: { info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`) } };
}

/** A window's search over `files` and `disk`, as the extension builds it. */
function window(files: Record<string, string>, disk: MemoryFiles, store = notes(), saveDelayMs = 60_000) {
  const { lines, log } = logged();
  const search = new WorkspaceSearch(library(files), store, { snapshots: new SearchSnapshotStore(disk, log), log, saveDelayMs });
  return { search, lines };
}

const FILES = { 'a.md': digestText('Nov 6', 30), 'b.md': digestText('Nov 7', 30, 2), 'c.md': digestText('Nov 8', 30, 4) };
const QUERIES = ['sparse attention', 'diffusion', 'mamba', 'retreival', 'video tok', 'reward models scale', 'number 12', 'is:new'];

/**
 * Every match of each query, with its score. Papers of equal score come in
 * the order they were indexed, which a restored index and a fresh one need
 * not share: within a score, by id.
 */
async function answers(search: WorkspaceSearch): Promise<unknown[]> {
  const all = [];
  for (const query of QUERIES) {
    const results = (await search.query(query, 1000)).map((r) => ({ id: r.doc.id, score: r.score, matches: r.matches }));
    all.push(results.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)));
  }
  return all;
}

/** A first window that built its index and saved it. */
async function saved(files: Record<string, string> = FILES, disk = new MemoryFiles()): Promise<MemoryFiles> {
  const first = window(files, disk);
  await first.search.query('anything');
  expect(first.search.stats.source).toBe('built');
  expect(await first.search.flushSnapshot()).toBe(true);
  first.search.dispose();
  return disk;
}

describe('the search index kept between windows', () => {
  it('a second window restores the index the first saved, and answers as it did', async () => {
    const disk = new MemoryFiles();
    const first = window(FILES, disk);
    const expected = await answers(first.search);
    expect(await first.search.flushSnapshot()).toBe(true);
    expect(disk.files.has(SEARCH_SNAPSHOT_FILE)).toBe(true);
    expect([...disk.files.keys()]).toEqual([SEARCH_SNAPSHOT_FILE]);

    const second = window(FILES, disk);
    expect(await answers(second.search)).toEqual(expected);
    expect(second.search.stats).toMatchObject({ source: 'snapshot', restored: 90, reindexed: 0 });
    expect(second.lines).toContainEqual(expect.stringMatching(/^info search index restored from its snapshot: 90 papers, 0 to index again, in \d+ ms$/));
    // Nothing changed: nothing to save.
    expect(await second.search.flushSnapshot()).toBe(false);
  });

  it('a second window restores the saved index once its library is shown, before any query, and not before', async () => {
    const disk = await saved();
    let show = () => undefined as void;
    const shown = new Promise<void>((resolve) => (show = resolve));
    const { lines, log } = logged();
    const papers = library(FILES);
    let walks = 0;
    const later = {
      ...papers,
      shown: () => shown,
      ready: () => new Promise<void>(() => undefined),
      papers: () => {
        walks++;
        return papers.papers();
      },
      paper: (id: string) => papers.paper(id),
      digest: (uri: string) => papers.digest(uri),
      onDidChange: () => ({ dispose: () => undefined }),
    } as unknown as PaperIndexService;
    const search = new WorkspaceSearch(later, notes(), { snapshots: new SearchSnapshotStore(disk, log), log, saveDelayMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The window's start comes first: nothing is looked at until the library is shown.
    expect(walks).toBe(0);
    expect(search.stats.source).toBeUndefined();
    show();
    for (let i = 0; i < 100 && search.stats.source === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(search.stats).toMatchObject({ source: 'snapshot', restored: 90, reindexed: 0, fullSyncs: 1 });
    expect(lines).toContainEqual(expect.stringMatching(/^info search index restored from its snapshot: 90 papers, 0 to index again/));
    // The first query finds the index ready: it syncs nothing more.
    expect((await search.query('sparse attention', 5)).length).toBeGreaterThan(0);
    expect(walks).toBe(1);
    expect(search.stats.fullSyncs).toBe(1);
    search.dispose();
  });

  it('indexes again only the papers changed, new or gone since, and then answers as a window that built everything', async () => {
    const disk = await saved();
    const changed = {
      'a.md': digestText('Nov 6', 30).replace('We study sparse attention at scale, number 0,', 'We study quantum annealing at scale, number 0,'),
      'b.md': digestText('Nov 7', 25, 2),
      'c.md': FILES['c.md'],
      'd.md': digestText('Nov 9', 4, 1),
    };
    const store = notes();
    const second = window(changed, disk, store);
    const fresh = new WorkspaceSearch(library(changed), store);
    expect(await answers(second.search)).toEqual(await answers(fresh));
    expect((await second.search.query('quantum annealing')).map((r) => r.doc.title)).toEqual(['Paper Nov 6 0 on sparse attention']);
    // One changed abstract and four new papers; the five papers gone from b.md are dropped.
    expect(second.search.stats).toMatchObject({ source: 'snapshot', restored: 84, reindexed: 5 });
    expect(await second.search.flushSnapshot()).toBe(true);
    const third = window(changed, disk, store);
    await third.search.query('x');
    expect(third.search.stats).toMatchObject({ source: 'snapshot', restored: 89, reindexed: 0 });
  });

  it('a note changed since is indexed again from the note', async () => {
    const disk = await saved();
    const id = library(FILES).papers()[3].id;
    const second = window(FILES, disk, notes({ [id]: { body: 'my thoughts on hypernetworks', tags: ['to-read'] } }));
    expect((await second.search.query('hypernetworks tag:to-read')).map((r) => r.doc.id)).toEqual([id]);
    expect(second.search.stats).toMatchObject({ source: 'snapshot', restored: 89, reindexed: 1 });
  });

  const damage: [string, (bytes: Uint8Array) => Uint8Array, RegExp][] = [
    ['corrupt', (bytes) => {
      const copy = bytes.slice();
      copy[Math.floor(copy.length / 2)] ^= 0x40;
      return copy;
    }, /discarded the search index snapshot: damaged; the index is built again/],
    ['truncated', (bytes) => bytes.slice(0, Math.floor(bytes.length * 0.7)), /discarded the search index snapshot: cut short; the index is built again/],
    ['of an older version', (bytes) => {
      const copy = bytes.slice();
      new DataView(copy.buffer).setUint32(4, 0, true);
      return copy;
    }, /discarded the search index snapshot: another version; the index is built again/],
    ['not a snapshot at all', () => new TextEncoder().encode('paper-digest-library 1 1\nend 0\n'), /discarded the search index snapshot: (not a search snapshot|cut short)/],
  ];
  for (const [what, spoil, line] of damage) {
    it(`a snapshot ${what} is discarded with a line in the log, the index built again and saved whole`, async () => {
      const disk = await saved();
      disk.files.set(SEARCH_SNAPSHOT_FILE, spoil(disk.files.get(SEARCH_SNAPSHOT_FILE)!));
      const second = window(FILES, disk);
      expect(await answers(second.search)).toEqual(await answers(new WorkspaceSearch(library(FILES), notes())));
      expect(second.search.stats.source).toBe('built');
      expect(second.lines.some((l) => line.test(l) && l.startsWith('info '))).toBe(true);
      expect(await second.search.flushSnapshot()).toBe(true);
      const third = window(FILES, disk);
      await third.search.query('x');
      expect(third.search.stats).toMatchObject({ source: 'snapshot', restored: 90 });
    });
  }

  it('a snapshot of another library is discarded, not patched paper by paper', async () => {
    const disk = await saved({ 'x.md': digestText('Jan 1', 40), 'y.md': digestText('Jan 2', 40, 3) });
    const second = window(FILES, disk);
    expect(await answers(second.search)).toEqual(await answers(new WorkspaceSearch(library(FILES), notes())));
    expect(second.search.stats.source).toBe('built');
    expect(second.lines.some((l) => /^info discarded the search index snapshot: it holds 0 of the library's 90 papers as they are \(another library\)/.test(l))).toBe(true);
  });

  it('an unreadable snapshot is logged and the index built', async () => {
    const disk = await saved();
    disk.gate = (label, act) => (label.startsWith('read') ? Promise.reject(new Error('EACCES')) : Promise.resolve(act()));
    const second = window(FILES, disk);
    await second.search.query('mamba');
    expect(second.search.stats.source).toBe('built');
    expect(second.lines.some((l) => l.startsWith('warn could not read the search index snapshot') && l.includes('EACCES'))).toBe(true);
  });

  it('two windows saving at once: the last rename wins, and each reads a whole snapshot', async () => {
    const disk = await saved();
    const filesA = { ...FILES, 'd.md': digestText('Nov 9', 3) };
    const filesB = { ...FILES, 'e.md': digestText('Nov 10', 5, 3) };
    const a = window(filesA, disk);
    const b = window(filesB, disk);
    await a.search.query('x');
    await b.search.query('x');
    // Hold every write and rename until both windows have written their temporary files.
    const held: (() => void)[] = [];
    disk.gate = (label, act) => (label.startsWith('read') ? Promise.resolve(act()) : new Promise((resolve, reject) => held.push(() => {
      try {
        resolve(act());
      } catch (error) {
        reject(error as Error);
      }
    })));
    const savingA = a.search.flushSnapshot();
    const savingB = b.search.flushSnapshot();
    const release = async () => {
      while (held.length < 2) await new Promise((r) => setTimeout(r, 1));
      held.splice(0, 2).forEach((go) => go());
    };
    await release(); // both temporary files written
    // A reader between the writes and the renames sees the old snapshot, whole.
    const between = window(FILES, disk);
    await between.search.query('x');
    expect(between.search.stats).toMatchObject({ source: 'snapshot', restored: 90 });
    await release(); // both renames: A's first, then B's
    expect(await Promise.all([savingA, savingB])).toEqual([true, true]);
    expect([...disk.files.keys()]).toEqual([SEARCH_SNAPSHOT_FILE]);
    disk.gate = (_label, act) => Promise.resolve(act());
    const after = window(filesB, disk);
    await after.search.query('x');
    expect(after.search.stats).toMatchObject({ source: 'snapshot', restored: 95, reindexed: 0 });
  });

  it('saves once indexing has been quiet for a while, not on every change', async () => {
    const disk = new MemoryFiles();
    const writes: string[] = [];
    disk.gate = (label, act) => {
      if (label.startsWith('write')) writes.push(label);
      return Promise.resolve(act());
    };
    let files: Record<string, string> = FILES;
    let changed: () => void = () => undefined;
    let current = { files, index: library(FILES) };
    const now = () => {
      if (current.files !== files) current = { files, index: library(files) };
      return current.index;
    };
    const live = {
      ready: () => Promise.resolve(),
      shown: () => Promise.resolve(),
      papers: () => now().papers(),
      digest: (uri: string) => now().digest(uri),
      onDidChange: (listener: () => void) => {
        changed = listener;
        return { dispose: () => undefined };
      },
    } as unknown as PaperIndexService;
    const { log } = logged();
    const search = new WorkspaceSearch(live, notes(), { snapshots: new SearchSnapshotStore(disk, log), log, saveDelayMs: 400 });
    for (let i = 0; i < 4; i++) {
      files = { ...FILES, 'd.md': digestText('Nov 9', i + 1) };
      changed();
      await search.query('mamba');
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(writes).toEqual([]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(writes).toHaveLength(1);
    expect(search.stats.saved).toBe(1);
    search.dispose();
  });
});
