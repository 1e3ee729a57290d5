import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { digestCacheKey, textHash } from '../../src/core';
import { WorkspaceIndex, type WorkspaceIndexOptions } from '../../src/services/library/workspace-index';
import type { Services } from '../../src/services';
import { api, extension, readText, readyApi, waitFor, workspaceUri, writeText } from './helpers';

/** A Markdown digest with `n` papers whose titles start with `tag`. */
function markdownDigest(tag: string, n: number, date = 'Nov 12'): string {
  const papers = Array.from({ length: n }, (_, i) =>
    `## [${tag} Paper ${i + 1} On Cached Parsing](https://example.org/${tag}/${i})\n\nWe study how ${tag} number ${i + 1} parses once and is read back from a cache.\n\n- ${i + 2} authors · ${date} · ▲ ${i + 3}\n`);
  return `# Daily Papers — ${date}\n\n${papers.join('\n')}`;
}

const FILES = ['cache-alpha.md', 'cache-beta.md', 'cache-twin.md'];
/** Opened in an editor: the index keeps an open document's text even once its file is deleted. */
const EDITED = 'cache-edited.md';
const TEXTS = [markdownDigest('Alpha', 3), markdownDigest('Beta', 2), markdownDigest('Alpha', 3)];

let services: Services;
let main: WorkspaceIndex;
const made: WorkspaceIndex[] = [];
const uris = () => FILES.map((f) => workspaceUri(f));
const keys = () => uris().map((u) => u.toString());

const keyOf = (text: string) => digestCacheKey(textHash(text));

function workerScript(): vscode.Uri {
  return vscode.Uri.joinPath(extension().extensionUri, 'dist', 'digest-worker.js');
}

/** A WorkspaceIndex as a new window would make it, over its own storage folder. */
async function freshIndex(options: WorkspaceIndexOptions): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex(services.log, options);
  made.push(index);
  await index.ready();
  return index;
}

function storage(name: string): vscode.Uri {
  const root = services.context.storageUri;
  assert.ok(root, 'the test window has a workspace, so a storage folder');
  return vscode.Uri.joinPath(root, 'itest', name);
}

/** Every test file is indexed by `index` exactly as the running extension indexed it. */
function assertComplete(index: WorkspaceIndex): void {
  for (const key of keys()) {
    const got = index.digest(key)?.digest;
    assert.ok(got, `${key} is indexed`);
    assert.deepEqual(got, main.digest(key)?.digest, `${key} is indexed as by the extension`);
  }
  assert.equal(index.digests().length, main.digests().length);
  assert.equal(index.papers().length, main.papers().length);
}

suite('Markdown digests off the host thread and cached', () => {
  suiteSetup(async () => {
    await readyApi();
    services = ((await api()) as unknown as { services: Services }).services;
    main = services.index as unknown as WorkspaceIndex;
    for (let i = 0; i < FILES.length; i++) await writeText(uris()[i], TEXTS[i]);
    await waitFor(() => keys().every((k) => main.digest(k)), { message: 'the Markdown digests in the index' });
  });

  suiteTeardown(async () => {
    made.forEach((index) => index.dispose());
    for (const uri of [...uris(), workspaceUri(EDITED)]) await vscode.workspace.fs.delete(uri);
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
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const before = main.stats.offThread;
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('## [Delta Paper 1'));
    await editor.edit((e) => e.replace(new vscode.Range(line, 0, line, doc.lineAt(line).text.length), '## An Edited Markdown Title'));
    await waitFor(() => main.papers().some((p) => p.paper.title === 'An Edited Markdown Title'), { message: 'the edited title in the index' });
    assert.equal(main.sourceOf(uri.toString()), 'worker');
    assert.ok(main.stats.offThread > before);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor(() => main.papers().some((p) => p.paper.title === 'Delta Paper 1 On Cached Parsing'), { message: 'the reverted title' });
  });

  test('a rescan parses no file whose text is unchanged', async () => {
    const index = await freshIndex({ workerScript: workerScript() });
    const before = { ...index.stats };
    await index.rescan();
    assert.equal(index.stats.offThread, before.offThread);
    assert.equal(index.stats.onHost, before.onHost);
    assert.equal(index.stats.plainText, before.plainText);
    assert.equal(index.stats.fromCache, before.fromCache);
    // Every digest file found again (some digests may be open documents only, not found by the scan).
    assert.ok(index.stats.unchanged - before.unchanged >= FILES.length + 3, `unchanged ${index.stats.unchanged - before.unchanged}`);
    assertComplete(index);
  });

  test('a second window serves unchanged Markdown digests from the cache and parses a changed one', async () => {
    const storageUri = storage('second-window');
    const first = await freshIndex({ storageUri, workerScript: workerScript() });
    assert.ok(keys().every((k) => first.sourceOf(k) === 'worker'));
    assertComplete(first);
    await first.flushCache();
    const cacheFile = vscode.Uri.joinPath(storageUri, 'digest-cache.jsonl');
    // One line per distinct Markdown text (the twin shares alpha's), after the header.
    const lines = (await readText(cacheFile)).trim().split('\n');
    const markdown = first.digests().filter((d) => first.sourceOf(d.digest.uri) === 'worker').length;
    assert.equal(lines.length, 1 + markdown - 1);
    assert.equal(lines.filter((l) => l.startsWith(`${keyOf(TEXTS[0])}\t`)).length, 1);

    const second = await freshIndex({ storageUri, workerScript: workerScript() });
    assert.deepEqual(keys().map((k) => second.sourceOf(k)), ['cache', 'cache', 'cache']);
    assert.equal(second.stats.offThread + second.stats.onHost, 0, 'no Markdown digest parsed');
    // The twin's text is alpha's: the cached digest is rewritten to the twin's uri.
    const twin = second.digest(keys()[2])!.digest;
    assert.equal(twin.uri, keys()[2]);
    assert.ok(twin.papers.every((p) => p.source.uri === keys()[2]));
    assertComplete(second);

    await writeText(uris()[1], markdownDigest('Gamma', 4));
    await waitFor(() => main.digest(keys()[1])?.digest.papers.length === 4, { message: 'the changed digest in the index' });
    const third = await freshIndex({ storageUri, workerScript: workerScript() });
    assert.deepEqual(keys().map((k) => third.sourceOf(k)), ['cache', 'worker', 'cache']);
    assert.equal(third.stats.offThread, 1);
    assertComplete(third);
    await writeText(uris()[1], TEXTS[1]);
    await waitFor(() => main.digest(keys()[1])?.digest.papers.length === 2, { message: 'the restored digest in the index' });
  });

  test('a corrupt or truncated cache file is ignored and the index is still complete', async () => {
    const storageUri = storage('corrupt');
    const cacheFile = vscode.Uri.joinPath(storageUri, 'digest-cache.jsonl');
    await vscode.workspace.fs.createDirectory(storageUri);
    await writeText(cacheFile, '\u0000\u0001 not a cache {"uri":\n');
    const garbage = await freshIndex({ storageUri, workerScript: workerScript() });
    assert.ok(keys().every((k) => garbage.sourceOf(k) === 'worker'));
    assertComplete(garbage);
    await garbage.flushCache();

    // Damage alpha's entry, and cut the file in the middle of beta's, moved to the end.
    const lines = (await readText(cacheFile)).split('\n').filter((l) => l !== '');
    const alpha = lines.findIndex((l) => l.startsWith(`${keyOf(TEXTS[0])}\t`));
    const beta = lines.findIndex((l) => l.startsWith(`${keyOf(TEXTS[1])}\t`));
    assert.ok(alpha > 0 && beta > 0, 'both entries were written');
    const others = lines.filter((_, i) => i !== alpha && i !== beta);
    const damaged = [...others, `${keyOf(TEXTS[0])}\t{"uri": broken`, lines[beta].slice(0, 60)].join('\n');
    await writeText(cacheFile, damaged);
    const truncated = await freshIndex({ storageUri, workerScript: workerScript() });
    assert.ok(keys().every((k) => truncated.sourceOf(k) === 'worker'));
    assertComplete(truncated);
  });

  test('without a worker, Markdown digests are parsed on the host', async () => {
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
