import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, SEED_DIGESTS, api, baseName, extension, readText, readyApi, waitFor, workspaceFolder } from './helpers';

suite('activation', () => {
  test('the workspace is a fresh copy of the seed digests, not the repository', async () => {
    const folder = workspaceFolder();
    assert.ok(!folder.uri.path.includes('/test/fixtures'), `workspace ${folder.uri.path} must be a temp copy`);
    const names = (await vscode.workspace.fs.readDirectory(folder.uri)).map(([name]) => name).sort();
    for (const seed of SEED_DIGESTS) assert.ok(names.includes(seed.file), `${seed.file} missing from ${names.join(', ')}`);
  });

  // Runs before any test asks for the extension (activate(), api()), so only an activation
  // event of the manifest can have started it; the extension host's log says which one.
  test('the workspace\'s notes folder activates it, through its workspaceContains event', async () => {
    const ext = extension();
    await waitFor(() => ext.isActive, { timeout: 30_000, message: 'the extension to activate without being asked' });
    const logUri = (ext.exports as { services?: { context?: vscode.ExtensionContext } }).services?.context?.logUri;
    assert.ok(logUri, 'activate() hands out the extension context');
    const event = await waitFor(() => activationEvent(vscode.Uri.joinPath(logUri, '..')), { message: 'the activation in the extension host log' });
    assert.match(event, /^workspaceContains:/, `activated by ${event}`);
    // Not the .txt and .md files any repository has: the library's own folder.
    assert.equal(event, 'workspaceContains:.papers', `activated by ${event}`);
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

/**
 * The event the extension host logged for activating the extension ("workspaceContains:…",
 * "onCommand:…", or "api" for an explicit activate()), from the host logs beside the extension's
 * own log folder; undefined until the log has it.
 */
async function activationEvent(hostLogs: vscode.Uri): Promise<string | undefined> {
  const line = new RegExp(`_doActivateExtension ${EXTENSION_ID.replace(/\./g, '\\.')}, startup: \\w+, activationEvent: '([^']*)'`);
  for (const [name] of await vscode.workspace.fs.readDirectory(hostLogs)) {
    if (!/exthost\d*\.log$/i.test(name)) continue;
    const found = line.exec(await readText(vscode.Uri.joinPath(hostLogs, name)));
    if (found) return found[1];
  }
  return undefined;
}
