/**
 * The notes store under faults, in a real extension host on the real disk: a host that died
 * mid-write, a read-only folder, a full disk, a second window, an edit during a save, a branch
 * switch. Each test counts three things: no edit lost, no file corrupted, the user told.
 * "Another window" (or "the next start") is a second NoteStore on the same workspace, as a second
 * window's extension host builds; its file port can be wrapped to land a write at an exact step.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { paperId } from '../../src/core';
import type { Services } from '../../src/services';
import type { NoteFilePort } from '../../src/services/store/note-file-port';
import { NoteStore } from '../../src/services/store/note-store';
import { vscodeNoteFiles } from '../../src/services/store/vscode-note-files';
import { nodeHost } from '../../src/services/library/node-host';
import { atomicFiles } from '../../src/shared/files';
import { makeReadOnly, readyServices, waitFor, workspaceUri } from './helpers';

/** The notes files as the extension on this host reads and writes them. */
const noteFiles = vscodeNoteFiles(atomicFiles(nodeHost.renameOver));

const notesDir = () => workspaceUri('.papers', 'notes').fsPath;
const notePath = (id: string) => `${notesDir()}/${id}.md`;
const readIfExists = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
const tempFiles = (id: string) => readdirSync(notesDir()).filter((name) => name.startsWith(`.${id}.md.`) && name.endsWith('.tmp'));

/** A log that keeps what the store tells: its warnings are the messages the reader is shown. */
function capturedLog(): { log: vscode.LogOutputChannel; lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string) => {
    lines.push(`${level} ${message}`);
  };
  const log = { info: keep('info'), warn: keep('warn'), error: keep('error'), debug: keep('debug'), trace: keep('trace'), dispose: () => undefined };
  return { log: log as unknown as vscode.LogOutputChannel, lines };
}

/** A second store on the same workspace folder (another window, or this one after a restart). */
async function secondStore(files: NoteFilePort<vscode.Uri> = noteFiles): Promise<{ store: NoteStore; lines: string[] }> {
  const { log, lines } = capturedLog();
  const store = new NoteStore(log, files);
  await store.ready();
  return { store, lines };
}

const FULL_SCHEME = 'paper-reader-full-disk';

/**
 * The real disk seen through a file-system provider that can run out of space: while `full`,
 * every write fails as Node's fs does on a full disk (ENOSPC), before any byte lands.
 */
class FullDisk implements vscode.FileSystemProvider {
  full = true;
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private real(uri: vscode.Uri): vscode.Uri {
    return vscode.Uri.file(uri.path);
  }
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): Thenable<vscode.FileStat> {
    return vscode.workspace.fs.stat(this.real(uri));
  }
  readDirectory(uri: vscode.Uri): Thenable<[string, vscode.FileType][]> {
    return vscode.workspace.fs.readDirectory(this.real(uri));
  }
  createDirectory(uri: vscode.Uri): Thenable<void> {
    return vscode.workspace.fs.createDirectory(this.real(uri));
  }
  readFile(uri: vscode.Uri): Thenable<Uint8Array> {
    return vscode.workspace.fs.readFile(this.real(uri));
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): Thenable<void> {
    if (this.full) throw Object.assign(new Error(`ENOSPC: no space left on device, write '${uri.path}'`), { code: 'ENOSPC' });
    return vscode.workspace.fs.writeFile(this.real(uri), content);
  }
  delete(uri: vscode.Uri): Thenable<void> {
    return vscode.workspace.fs.delete(this.real(uri));
  }
  rename(from: vscode.Uri, to: vscode.Uri, options: { overwrite: boolean }): Thenable<void> {
    return vscode.workspace.fs.rename(this.real(from), this.real(to), options);
  }
}

/** The store's file port, sent through the FullDisk provider. */
function throughProvider(): NoteFilePort<vscode.Uri> {
  const via = (uri: vscode.Uri) => uri.with({ scheme: FULL_SCHEME });
  return {
    read: (uri) => noteFiles.read(via(uri)),
    stat: (uri) => noteFiles.stat(via(uri)),
    writeAtomic: (uri, text) => noteFiles.writeAtomic(via(uri), text),
  };
}

/** The real port, with `after` run once, right after the first read of `id`'s file that follows `arm()`. */
function interruptedPort(id: string, after: () => Promise<void>): { port: NoteFilePort<vscode.Uri>; arm: () => void; fired: () => boolean } {
  let armed = false;
  let fired = false;
  return {
    port: {
      async read(uri) {
        const text = await noteFiles.read(uri);
        if (armed && uri.path.endsWith(`/${id}.md`)) {
          armed = false;
          await after();
          fired = true;
        }
        return text;
      },
      stat: noteFiles.stat,
      writeAtomic: noteFiles.writeAtomic,
    },
    arm: () => {
      armed = true;
    },
    fired: () => fired,
  };
}

suite('faults: no edit lost, no file corrupted, the user told', () => {
  let s: Services;
  suiteSetup(async () => {
    s = await readyServices();
    mkdirSync(notesDir(), { recursive: true });
  });

  test('a host that died between the temporary write and the rename leaves the notes file intact; the next start ignores the temporary file and removes it once stale', async () => {
    const title = 'JaxMARL: Multi-Agent RL Environments in JAX';
    const id = paperId(title);
    const saved = `---\ntitle: "${title}"\nstatus: reading\ntags:\n  - marl\n---\n\nWhat was saved.\n`;
    writeFileSync(notePath(id), saved);
    // What the atomic write leaves when the host dies before the rename: the new text, cut short, beside the file.
    const stale = `${notesDir()}/.${id}.md.0a1b2c3d4e5f.tmp`;
    writeFileSync(stale, `---\ntitle: "${title}"\nstatus: read\ntags:\n  - ma`);
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(stale, hourAgo, hourAgo);
    // A temporary file just written may be another window's write in progress: it is left alone.
    const fresh = `${notesDir()}/.${id}.md.ffeeddccbbaa.tmp`;
    writeFileSync(fresh, 'another window is writing');
    const { store, lines } = await secondStore();
    try {
      assert.equal(readFileSync(notePath(id), 'utf8'), saved, 'the notes file is intact');
      assert.deepEqual({ status: store.get(id)?.status, tags: store.get(id)?.tags, body: store.get(id)?.body }, { status: 'reading', tags: ['marl'], body: 'What was saved.' });
      assert.equal(store.problem(id), undefined);
      assert.equal(store.all().filter((n) => n.id.includes('tmp')).length, 0, 'no note read from a temporary file');
      assert.equal(existsSync(stale), false, 'the stale temporary file is removed');
      assert.equal(existsSync(fresh), true, 'a fresh one is left to its writer');
      assert.ok(lines.some((line) => line.startsWith('info') && line.includes('.tmp')), `the removal is logged: ${lines.join('\n')}`);
      await store.update(id, title, (n) => {
        n.starred = true;
      });
      const text = readFileSync(notePath(id), 'utf8');
      assert.match(text, /starred: true/);
      assert.match(text, /- marl\n/);
      assert.match(text, /What was saved\./);
    } finally {
      store.dispose();
      rmSync(fresh, { force: true });
    }
  });

  test('a read-only notes folder keeps the edit in memory, tells the reader, and saves it with the next edit once writable', async () => {
    const title = 'SOAP: Improving and Stabilizing Shampoo using Adam';
    const id = paperId(title);
    const other = paperId('FastDraft: How to Train Your Draft');
    let undo = makeReadOnly(notesDir());
    let restore: (() => void) | undefined;
    if (!undo) {
      // No way to make a folder read-only here: block the folder with a file instead.
      const moved = `${notesDir()}.moved`;
      renameSync(notesDir(), moved);
      writeFileSync(notesDir(), 'not a folder');
      restore = () => {
        rmSync(notesDir());
        renameSync(moved, notesDir());
      };
      undo = restore;
    }
    try {
      await s.store.update(id, title, (n) => {
        n.body = 'written while the folder was read-only';
      });
      assert.equal(readIfExists(notePath(id)), undefined, 'nothing written');
      assert.equal(s.store.get(id)?.body, 'written while the folder was read-only', 'the edit stays in memory');
      const problem = s.store.problem(id) ?? '';
      assert.match(problem, /Could not save the notes of "SOAP/);
      assert.match(problem, restore ? /\.papers\/notes/ : /permission denied/);
      assert.match(problem, /kept and will be saved/);
    } finally {
      undo();
    }
    // The next edit, of any paper, retries the failed one at once.
    await s.store.update(other, 'FastDraft: How to Train Your Draft', (n) => {
      n.tags.push('drafting');
    });
    // Well before the retry timer (5 s after the failure) would.
    await waitFor(() => readIfExists(notePath(id))?.includes('written while the folder was read-only'), { timeout: 3_000, message: 'the kept edit, saved by the next edit' });
    assert.match(readIfExists(notePath(other)) ?? '', /- drafting/);
    // The file is in place a moment before the save that renamed it returns and clears the problem.
    await waitFor(() => s.store.problem(id) === undefined, { timeout: 3_000, message: 'the problem is cleared' });
    assert.deepEqual(tempFiles(id), []);
  });

  test('a full disk (ENOSPC from the file-system provider) leaves the file as it was, keeps the edit, names the cause, and saves once there is room', async () => {
    const title = 'Sophia: A Scalable Stochastic Second-order Optimizer for Language Model Pre-training';
    const id = paperId(title);
    const before = `---\ntitle: "${title}"\nstatus: reading\n---\n\nFirst thoughts.\n`;
    writeFileSync(notePath(id), before);
    const disk = new FullDisk();
    const registration = vscode.workspace.registerFileSystemProvider(FULL_SCHEME, disk);
    const { store, lines } = await secondStore(throughProvider());
    try {
      assert.equal(store.get(id)?.body, 'First thoughts.');
      await store.update(id, title, (n) => {
        n.status = 'read';
        n.body += '\nSecond thoughts, on a full disk.';
      });
      assert.equal(readFileSync(notePath(id), 'utf8'), before, 'the file is left as it was');
      assert.deepEqual(tempFiles(id), [], 'no temporary file is left');
      assert.equal(store.get(id)?.status, 'read', 'the edit stays in memory');
      const problem = store.problem(id) ?? '';
      assert.match(problem, /the disk is full/, problem);
      assert.match(problem, /kept and will be saved/);
      assert.ok(lines.some((line) => line.startsWith('warn') && line.includes('the disk is full')), 'the reader is told');
      disk.full = false;
      await store.flushAll();
      const text = readFileSync(notePath(id), 'utf8');
      assert.match(text, /status: read\n/);
      assert.match(text, /First thoughts\.\nSecond thoughts, on a full disk\./);
      assert.equal(store.problem(id), undefined);
    } finally {
      store.dispose();
      registration.dispose();
    }
  });

  test('two windows editing different fields of one note: the second window saves between the first one\'s read and write, and both edits are kept', async () => {
    const title = 'AdANNS: A Framework for Adaptive Semantic Search';
    const id = paperId(title);
    await s.store.update(id, title, (n) => {
      n.tags = ['search'];
      n.body = 'Shared notes.';
    });
    // This window (the second store) stars the paper; the other window (the extension's own store)
    // adds a tag and saves right after this window's save has read the file.
    const race = interruptedPort(id, () => s.store.update(id, title, (n) => {
      n.tags.push('from-the-other-window');
    }));
    const { store } = await secondStore(race.port);
    try {
      assert.deepEqual(store.get(id)?.tags, ['search']);
      race.arm();
      await store.update(id, title, (n) => {
        n.starred = true;
      });
      assert.ok(race.fired(), 'the other window saved between the read and the write');
      const text = readFileSync(notePath(id), 'utf8');
      assert.match(text, /starred: true/, 'this window\'s edit is on disk');
      assert.match(text, /- from-the-other-window\n/, 'the other window\'s edit is on disk');
      assert.match(text, /Shared notes\./);
      assert.deepEqual(store.get(id)?.tags, ['search', 'from-the-other-window']);
      // The other window picks this window's star up through its watcher.
      await waitFor(() => s.store.get(id)?.starred === true, { timeout: 20_000, message: 'the star in the other window' });
      assert.deepEqual(s.store.get(id)?.tags, ['search', 'from-the-other-window']);
    } finally {
      store.dispose();
    }
  });

  test('an external edit during a save is merged; a conflicting one keeps the disk\'s value and the reader is told', async () => {
    const title = 'FlashFFTConv: Efficient Convolutions for Long Sequences with Tensor Cores';
    const id = paperId(title);
    const original = `---\ntitle: "${title}"\nstatus: reading\n---\n\nfirst line\nsecond line\n`;
    writeFileSync(notePath(id), original);
    let external = '';
    const during = interruptedPort(id, () => {
      writeFileSync(notePath(id), external);
      return Promise.resolve();
    });
    const { store, lines } = await secondStore(during.port);
    try {
      // A hand edit of the body lands while this save of a tag is under way.
      external = original.replace('second line', 'second line, edited by hand');
      during.arm();
      await store.update(id, title, (n) => {
        n.tags.push('fft');
      });
      assert.ok(during.fired());
      let text = readFileSync(notePath(id), 'utf8');
      assert.match(text, /second line, edited by hand/);
      assert.match(text, /- fft\n/);
      assert.equal(store.problem(id), undefined);
      // Both change the status: the disk's value wins, this window's is named in the message.
      external = text.replace('status: reading', 'status: read');
      during.arm();
      await store.update(id, title, (n) => {
        n.status = 'unread';
      });
      text = readFileSync(notePath(id), 'utf8');
      assert.match(text, /status: read\n/);
      assert.match(text, /- fft\n/);
      assert.match(text, /second line, edited by hand/);
      const told = lines.find((line) => line.startsWith('warn') && line.includes('changed on disk while you edited them'));
      assert.ok(told, `the reader is told: ${lines.join('\n')}`);
      assert.match(told, /unread/);
    } finally {
      store.dispose();
    }
  });

  test('a branch switch that replaces .papers/ is read again, and an edit made afterwards never brings the old branch back', async () => {
    const title = 'CATS: Contextually-Aware Thresholding for Sparsity in Large Language Models';
    const id = paperId(title);
    const gone = paperId('ESSA: Evolutionary Strategies for Scalable Alignment');
    await s.store.update(id, title, (n) => {
      n.status = 'reading';
      n.tags = ['this-branch'];
      n.body = 'Notes of this branch.';
    });
    await s.store.update(gone, 'ESSA: Evolutionary Strategies for Scalable Alignment', (n) => {
      n.starred = true;
    });
    // Both branches' folders wait beside the workspace, out of the watcher's sight, as a
    // checkout's would in the object store: only the swap itself happens inside the workspace.
    const papers = workspaceUri('.papers').fsPath;
    const outside = dirname(workspaceUri().fsPath);
    const parked = join(outside, 'papers-parked');
    const other = join(outside, 'papers-other-branch');
    mkdirSync(`${other}/notes`, { recursive: true });
    writeFileSync(`${other}/notes/${id}.md`, `---\ntitle: "${title}"\nstatus: read\ntags:\n  - other-branch\n---\n\nNotes of the other branch.\n`);
    // The switch: the folder is renamed away and another put in its place.
    renameSync(papers, parked);
    renameSync(other, papers);
    try {
      await waitFor(() => s.store.get(id)?.status === 'read', { timeout: 30_000, message: 'the other branch\'s note' });
      assert.deepEqual(s.store.get(id)?.tags, ['other-branch']);
      assert.equal(s.store.get(id)?.body, 'Notes of the other branch.');
      await waitFor(() => s.store.get(gone) === undefined, { timeout: 30_000, message: 'the note the other branch does not have to go' });
      await s.store.update(id, title, (n) => {
        n.starred = true;
      });
      const text = readFileSync(notePath(id), 'utf8');
      assert.match(text, /starred: true/);
      assert.match(text, /- other-branch\n/);
      assert.doesNotMatch(text, /this-branch/);
      assert.doesNotMatch(text, /status: reading/);
      assert.equal(existsSync(notePath(gone)), false, 'no stale note written into the other branch');
      assert.equal(s.store.problem(id), undefined);
    } finally {
      // Back to the first branch, for the tests that follow.
      renameSync(papers, other);
      renameSync(parked, papers);
      rmSync(other, { recursive: true, force: true });
      await waitFor(() => s.store.get(gone)?.starred === true, { timeout: 30_000, message: 'the first branch\'s notes again' });
    }
  });
});
