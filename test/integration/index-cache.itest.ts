import * as assert from 'node:assert/strict';
import { utimesSync } from 'node:fs';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { WorkspaceIndex, type WorkspaceIndexOptions } from '../../src/services/library/workspace-index';
import { LIBRARY_CHANGES_FILE, LIBRARY_FILE } from '../../src/services/library/library-store';
import { nodeHost } from '../../src/services/library/node-host';
import type { Services } from '../../src/services';
import { SEED_DIGESTS, api, extension, keptLibrary, readText, readyApi, waitFor, workspaceUri, writeText } from './helpers';

/** A Markdown digest with `n` papers whose titles start with `tag`. */
function markdownDigest(tag: string, n: number, date = 'Nov 12'): string {
  const papers = Array.from({ length: n }, (_, i) =>
    `## [${tag} Paper ${i + 1} On Cached Parsing](https://example.org/${tag}/${i})\n\nWe study how ${tag} number ${i + 1} parses once and is read back from a cache.\n\n- ${i + 2} authors · ${date} · ▲ ${i + 3}\n`);
  return `# Daily Papers — ${date}\n\n${papers.join('\n')}`;
}

const FILES = ['cache-alpha.md', 'cache-beta.md', 'cache-twin.md'];
/** A candidate that is no digest: the library keeps that too, so it is not read again either. */
const README = 'cache-readme.md';
/** Opened in an editor: the index keeps an open document's text even once its file is deleted. */
const EDITED = 'cache-edited.md';
const TEXTS = [markdownDigest('Alpha', 3), markdownDigest('Beta', 2), markdownDigest('Alpha', 3)];

let services: Services;
let main: WorkspaceIndex;
const made: WorkspaceIndex[] = [];
const uris = () => FILES.map((f) => workspaceUri(f));
const keys = () => uris().map((u) => u.toString());
const seedKeys = () => SEED_DIGESTS.map((s) => workspaceUri(s.file).toString());

function workerScript(): vscode.Uri {
  return vscode.Uri.joinPath(extension().extensionUri, 'dist', 'digest-worker.js');
}

/**
 * A WorkspaceIndex as a new window would make it, over its own storage folder. It does not
 * follow file events: those of the files a test just wrote would reach it late, and make
 * what it read depend on when they came.
 */
async function freshIndex(options: Omit<WorkspaceIndexOptions, 'host'>): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex(services.log, { host: nodeHost, ...options, watchFiles: false });
  made.push(index);
  await index.ready();
  return index;
}

function storage(name: string): vscode.Uri {
  const root = services.context.storageUri;
  assert.ok(root, 'the test window has a workspace, so a storage folder');
  return vscode.Uri.joinPath(root, 'itest', name);
}

const libraryFile = (storageUri: vscode.Uri) => vscode.Uri.joinPath(storageUri, LIBRARY_FILE);

/**
 * How many of the index's digests were parsed for it: those of open editors whose files
 * are not candidates (left open by other suites, their files deleted) are parsed from the
 * editor's text in every new index, whatever the library holds.
 */
async function parsedFromEditors(index: WorkspaceIndex): Promise<number> {
  const candidates = new Set((await vscode.workspace.findFiles('**/*.{txt,md}', '**/.papers/**')).map((u) => u.toString()));
  return index.digests().filter((d) => !candidates.has(d.digest.uri)).length;
}
const parsedCount = (index: WorkspaceIndex) => index.stats.offThread + index.stats.onHost + index.stats.plainText;

/**
 * Dates every candidate an hour back. A file read within a moment of its last change may
 * change again unseen in the same tick of a coarse clock, so the library re-reads such
 * files; these tests are about files that have been left alone.
 */
async function settle(...only: vscode.Uri[]): Promise<void> {
  const files = only.length ? only : await vscode.workspace.findFiles('**/*.{txt,md}', '**/.papers/**');
  const past = new Date(Date.now() - 3_600_000);
  for (const uri of files) utimesSync(uri.fsPath, past, past);
}

/** Every test file is indexed by `index` exactly as the running extension indexed it. */
function assertComplete(index: WorkspaceIndex): void {
  for (const key of [...keys(), ...seedKeys()]) {
    const got = index.digest(key)?.digest;
    assert.ok(got, `${key} is indexed`);
    assert.deepEqual(got, main.digest(key)?.digest, `${key} is indexed as by the extension`);
  }
  assert.equal(index.digests().length, main.digests().length);
  assert.equal(index.papers().length, main.papers().length);
}

/** A library written by a window that read every candidate, its files left alone since. */
async function writtenLibrary(name: string): Promise<vscode.Uri> {
  await settle();
  const storageUri = storage(name);
  const first = await freshIndex({ storageUri, workerScript: workerScript() });
  assert.ok(keys().every((k) => first.sourceOf(k) === 'worker'));
  assert.ok(first.stats.sniffed >= FILES.length + SEED_DIGESTS.length + 1, `sniffed ${first.stats.sniffed}`);
  assertComplete(first);
  await first.flushStore();
  return storageUri;
}

suite('the library kept between windows', () => {
  suiteSetup(async () => {
    await readyApi();
    services = ((await api()) as unknown as { services: Services }).services;
    main = services.index as unknown as WorkspaceIndex;
    for (let i = 0; i < FILES.length; i++) await writeText(uris()[i], TEXTS[i]);
    await writeText(workspaceUri(README), '# Notes\n\nNothing here is a paper.\n\n## Setup\n\nRun the script.\n');
    await waitFor(() => keys().every((k) => main.digest(k)), { message: 'the Markdown digests in the index' });
  });

  suiteTeardown(async () => {
    made.forEach((index) => index.dispose());
    for (const uri of [...uris(), workspaceUri(EDITED), workspaceUri(README)]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await waitFor(() => keys().every((k) => !main.digest(k)), { message: 'the Markdown digests to leave the index' });
    const root = services.context.storageUri;
    if (root) await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, 'itest'), { recursive: true });
  });

  test('the extension parses a Markdown digest in the worker', () => {
    assert.equal(main.sourceOf(keys()[0]), 'worker');
    assert.ok(main.stats.offThread >= FILES.length, `offThread ${main.stats.offThread}`);
    assert.equal(main.stats.onHost, 0);
    assert.equal(main.digest(keys()[0])?.digest.papers.length, 3);
  });

  test('unsaved edits of an open Markdown digest are parsed by the worker', async () => {
    const uri = workspaceUri(EDITED);
    await writeText(uri, markdownDigest('Delta', 2));
    await waitFor(() => main.digest(uri.toString()), { message: 'the digest to edit in the index' });
    // The browser's VS Code saves an edit a second later by default: this edit is to stay unsaved, and be reverted.
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const before = main.stats.offThread;
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('## [Delta Paper 1'));
    await editor.edit((e) => e.replace(new vscode.Range(line, 0, line, doc.lineAt(line).text.length), '## An Edited Markdown Title'));
    await waitFor(() => main.papers().some((p) => p.paper.title === 'An Edited Markdown Title'), { message: 'the edited title in the index' });
    assert.equal(main.sourceOf(uri.toString()), 'worker');
    assert.ok(main.stats.offThread > before);
    // Revert acts on the active editor: make sure it is this digest's.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await files.update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => main.papers().some((p) => p.paper.title === 'Delta Paper 1 On Cached Parsing'), { timeout: 20_000, message: 'the reverted title' });
    // Back to the file on disk, whose digest the index already had: nothing is parsed.
    await waitFor(() => main.sourceOf(uri.toString()) === 'worker' && !main.papers().some((p) => p.paper.title === 'An Edited Markdown Title'), { message: 'the file\'s digest back' });
  });

  test('a rescan reads and parses no file that is unchanged', async () => {
    await settle();
    const index = await freshIndex({ workerScript: workerScript() });
    const before = { ...index.stats };
    await index.rescan();
    assert.deepEqual(
      { sniffed: index.stats.sniffed, offThread: index.stats.offThread, onHost: index.stats.onHost, plainText: index.stats.plainText },
      { sniffed: before.sniffed, offThread: before.offThread, onHost: before.onHost, plainText: before.plainText },
    );
    // Every digest file found again (some digests may be open documents only, not found by the scan).
    assert.ok(index.stats.unchanged - before.unchanged >= FILES.length + SEED_DIGESTS.length, `unchanged ${index.stats.unchanged - before.unchanged}`);
    assertComplete(index);
  });

  test('a second window shows every unchanged digest, of either format, without reading a file', async () => {
    const storageUri = await writtenLibrary('second-window');
    const lines = (await readText(libraryFile(storageUri))).trim().split('\n');
    const candidates = (await vscode.workspace.findFiles('**/*.{txt,md}', '**/.papers/**')).length;
    assert.equal(lines.length, 1 + candidates + 1, 'a header, one record per candidate file, digest or not, and the closing line');

    const second = await freshIndex({ storageUri, workerScript: workerScript() });
    assert.deepEqual([...keys(), ...seedKeys()].map((k) => second.sourceOf(k)), [...keys(), ...seedKeys()].map(() => 'store'));
    assert.deepEqual(
      { sniffed: second.stats.sniffed, readWhole: second.stats.readWhole, parsed: parsedCount(second) },
      { sniffed: 0, readWhole: 0, parsed: await parsedFromEditors(second) },
      'no candidate read, not even the README, and no file\'s digest parsed',
    );
    // The twin's text is alpha's, but it is its own file: its digest has its own uri.
    const twin = second.digest(keys()[2])!.digest;
    assert.equal(twin.uri, keys()[2]);
    assert.ok(twin.papers.every((p) => p.source.uri === keys()[2]));
    assertComplete(second);
  });

  test('a second window shows the whole kept library before the listing of candidates has to end', async () => {
    const storageUri = await writtenLibrary('shown');
    const second = new WorkspaceIndex(services.log, { host: nodeHost, storageUri, workerScript: workerScript(), watchFiles: false });
    made.push(second);
    // What the search waits for: the kept library, each file's size and time checked.
    await second.shown();
    assert.deepEqual([...keys(), ...seedKeys()].map((k) => second.sourceOf(k)), [...keys(), ...seedKeys()].map(() => 'store'));
    assertComplete(second);
    await second.ready();
    assertComplete(second);
  });

  test('changed, new and deleted files are read, parsed and dropped on the way', async () => {
    const storageUri = await writtenLibrary('changes');
    const added = workspaceUri('cache-added.md');
    await writeText(uris()[1], markdownDigest('Gamma', 4));
    await writeText(added, markdownDigest('Epsilon', 1));
    await vscode.workspace.fs.delete(uris()[2]);
    await waitFor(() => main.digest(keys()[1])?.digest.papers.length === 4 && main.digest(added.toString()) && !main.digest(keys()[2]), { message: 'the changes in the index' });
    try {
      const next = await freshIndex({ storageUri, workerScript: workerScript() });
      assert.equal(next.sourceOf(keys()[0]), 'store');
      assert.equal(next.sourceOf(keys()[1]), 'worker');
      assert.equal(next.sourceOf(added.toString()), 'worker');
      assert.equal(next.digest(keys()[2]), undefined);
      assert.equal(next.stats.sniffed, 2, 'only the changed and the new file are read');
      assert.equal(parsedCount(next), 2 + await parsedFromEditors(next));
      await next.flushStore();
      const kept = await keptLibrary(storageUri);
      assert.ok(kept.has(added.toString()), 'the new file is in the library');
      assert.ok(!kept.has(keys()[2]), 'the deleted file left the library');
      assert.ok(kept.get(keys()[1])?.digest?.papers.some((p) => p.title.includes('Gamma Paper 4')), 'the changed digest is kept as it is now');
    } finally {
      await vscode.workspace.fs.delete(added);
      await writeText(uris()[1], TEXTS[1]);
      await writeText(uris()[2], TEXTS[2]);
      await waitFor(() => main.digest(keys()[1])?.digest.papers.length === 2 && main.digest(keys()[2]) && !main.digest(added.toString()), { message: 'the files restored in the index' });
    }
  });

  test('a change of one digest is saved to the library\'s changes; the library file is left as it was', async () => {
    const storageUri = await writtenLibrary('one-change');
    const library = await readText(libraryFile(storageUri));
    await writeText(uris()[1], markdownDigest('Zeta', 2));
    await waitFor(() => main.digest(keys()[1])?.digest.papers[0].title.startsWith('Zeta'), { message: 'the change in the index' });
    // A file read within 2 s of its change is kept as racy, and read again by the next window.
    await new Promise((done) => setTimeout(done, 2100));
    try {
      const next = await freshIndex({ storageUri, workerScript: workerScript() });
      assert.equal(next.stats.sniffed, 1, 'only the changed file is read');
      await next.flushStore();
      assert.equal(await readText(libraryFile(storageUri)), library, 'the library file is not written again');
      const changes = await readText(vscode.Uri.joinPath(storageUri, LIBRARY_CHANGES_FILE));
      assert.equal(changes.trim().split('\n').length, 3, 'a header, the changed record and the closing line');
      const kept = await keptLibrary(storageUri);
      assert.equal(kept.size, library.trim().split('\n').length - 2, 'every file is still kept');
      assert.ok(kept.get(keys()[1])?.digest?.papers[0].title.startsWith('Zeta'), 'the changed digest is kept as it is now');
      const third = await freshIndex({ storageUri, workerScript: workerScript() });
      assert.equal(third.stats.sniffed, 0, 'the next window reads no file');
      assertComplete(third);
    } finally {
      await writeText(uris()[1], TEXTS[1]);
      await waitFor(() => main.digest(keys()[1])?.digest.papers[0].title.startsWith('Beta'), { message: 'the file restored in the index' });
    }
  });

  test('a file touched without a change of text is read again but not parsed', async () => {
    const storageUri = await writtenLibrary('touched');
    const later = new Date(Date.now() - 1_800_000);
    utimesSync(uris()[0].fsPath, later, later);
    const next = await freshIndex({ storageUri, workerScript: workerScript() });
    assert.equal(next.stats.sniffed, 1);
    assert.equal(parsedCount(next), await parsedFromEditors(next));
    assert.equal(next.digest(keys()[0])?.digest.papers.length, 3);
  });

  test('a corrupt, truncated or older library is discarded, the index is complete, and the library is written anew', async () => {
    const storageUri = await writtenLibrary('damaged');
    const file = libraryFile(storageUri);
    const good = await readText(file);
    const damages: Array<[string, string]> = [
      ['garbage', '\u0000\u0001 not a library {"uri":\n'],
      ['truncated', good.slice(0, Math.floor(good.length / 2))],
      ['without its closing line', good.slice(0, good.lastIndexOf('end '))],
      ['of an older version', good.replace(/^paper-digest-library \d+ \d+/, 'paper-digest-library 0 1')],
    ];
    for (const [what, text] of damages) {
      await writeText(file, text);
      const index = await freshIndex({ storageUri, workerScript: workerScript() });
      assert.ok(keys().every((k) => index.sourceOf(k) === 'worker'), `${what}: every Markdown digest parsed again`);
      assert.equal(index.stats.fromStore, 0, what);
      assertComplete(index);
      await index.flushStore();
      // Records are written in the order the files were examined, a few at a time; each library written has an id of its own.
      const sorted = (t: string) => t.split('\n').filter((line) => !line.startsWith('paper-digest-library ')).sort();
      assert.deepEqual(sorted(await readText(file)), sorted(good), `${what}: the library is written anew, as it was`);
    }
  });

  test('a damaged record costs only its own file', async () => {
    const storageUri = await writtenLibrary('damaged-record');
    const file = libraryFile(storageUri);
    const lines = (await readText(file)).split('\n');
    const beta = lines.findIndex((l) => l.startsWith(`{"uri":${JSON.stringify(keys()[1])}`));
    assert.ok(beta > 0, 'beta has a record');
    lines[beta] = lines[beta].slice(0, 80);
    await writeText(file, lines.join('\n'));
    const index = await freshIndex({ storageUri, workerScript: workerScript() });
    assert.deepEqual(keys().map((k) => index.sourceOf(k)), ['store', 'worker', 'store']);
    assert.equal(index.stats.sniffed, 1);
    assertComplete(index);
  });

  test('two windows saving at once leave a whole library that a third reads', async () => {
    const storageUri = await writtenLibrary('two-windows');
    await vscode.workspace.fs.delete(libraryFile(storageUri));
    const [a, b] = await Promise.all([0, 1].map(() => freshIndex({ storageUri, workerScript: workerScript() })));
    await Promise.all([a.flushStore(), b.flushStore(), a.flushStore()]);
    const names = (await vscode.workspace.fs.readDirectory(storageUri)).map(([n]) => n);
    assert.ok(names.includes(LIBRARY_FILE), 'the library is written');
    assert.deepEqual(names.filter((n) => n.endsWith('.tmp')), [], 'no temporary file is left behind');
    const third = await freshIndex({ storageUri, workerScript: workerScript() });
    assert.equal(third.stats.sniffed, 0);
    assertComplete(third);
  });

  test('without a worker, Markdown digests are checked and parsed on the host', async () => {
    const missing = vscode.Uri.joinPath(storage('no-worker'), 'no-such-worker.js');
    const index = await freshIndex({ workerScript: missing });
    assert.ok(keys().every((k) => index.sourceOf(k) === 'host'));
    assert.equal(index.stats.offThread, 0);
    assertComplete(index);
  });

  test('when the worker crashes, what it held is parsed on the host', async () => {
    const script = vscode.Uri.joinPath(storage('crashing-worker'), 'crash.js');
    await writeText(script, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    const index = await freshIndex({ workerScript: script });
    assert.ok(keys().every((k) => index.sourceOf(k) === 'host'));
    assert.equal(index.stats.offThread, 0);
    assertComplete(index);
  });
});
