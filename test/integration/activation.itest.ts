import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { SEED_DIGESTS, api, baseName, extension, readyApi, workspaceFolder } from './helpers';

suite('activation', () => {
  test('the workspace is a fresh copy of the seed digests, not the repository', async () => {
    const folder = workspaceFolder();
    assert.ok(!folder.uri.path.includes('/test/fixtures'), `workspace ${folder.uri.path} must be a temp copy`);
    const names = (await vscode.workspace.fs.readDirectory(folder.uri)).map(([name]) => name).sort();
    for (const seed of SEED_DIGESTS) assert.ok(names.includes(seed.file), `${seed.file} missing from ${names.join(', ')}`);
  });

  test('the extension is active in the extension host', async () => {
    await extension().activate();
    assert.equal(extension().isActive, true);
  });

  test('its commands are registered with VS Code', async () => {
    await extension().activate();
    const contributed = (extension().packageJSON.contributes?.commands ?? []) as { command: string }[];
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map(({ command }) => command).filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], 'every command in package.json has a handler');
  });

  test('activate() returns the index API', async () => {
    const exports = await api();
    assert.equal(typeof exports.index?.ready, 'function', 'index.ready');
    assert.equal(typeof exports.index?.digests, 'function', 'index.digests');
  });

  test('the index holds the three seed digests with their dates and 6, 18 and 28 papers', async () => {
    const { index } = await readyApi();
    const seen = index.digests()
      .map(({ digest }) => digest)
      .filter((digest) => SEED_DIGESTS.some((seed) => seed.file === baseName(digest.uri)))
      .map((digest) => ({ file: baseName(digest.uri), date: digest.digestDate, papers: digest.papers.length }))
      .sort((a, b) => a.file.localeCompare(b.file));
    assert.deepEqual(seen, SEED_DIGESTS.map(({ file, date, papers }) => ({ file, date, papers })));
  });
});
