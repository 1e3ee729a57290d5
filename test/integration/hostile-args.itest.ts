// Every command that takes a paper or an annotation, called with arguments meant to break out of
// the workspace: nothing is written outside the workspace folder (a snapshot of the folders
// around it is compared), no file is made from a hostile id, no command fails with an
// unhandled error; each argument is refused with a message or silently.
import * as assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { paperId } from '../../src/core';
import type { Services } from '../../src/services';
import { api, readyApi, workspaceFolder } from './helpers';
import { stubWindow, type WindowStubs } from './window-stubs';

const MARKER = 'hostile-marker';
const KNOWN = paperId('The Markovian Thinker');

/** The command families whose first argument names a paper or an annotation. */
const PAPER_COMMAND = /^paperReader\.(card|notes|status|star|tag|link|paper|annotation)\./;

/** Commands whose second argument is a value (a status, a tag, a URL, a colour) to try hostile values in. */
const SECOND_ARG = new Set(['paperReader.status.set', 'paperReader.tag.add', 'paperReader.tag.remove', 'paperReader.link.addUrl', 'paperReader.link.addPaper', 'paperReader.annotation.setColour']);

/** A getter that writes where it can, should anything read it. */
function withGetter(): object {
  const value = {};
  Object.defineProperty(value, 'id', { enumerable: true, get: () => `../../${MARKER}-getter` });
  Object.defineProperty(value, 'paperId', { enumerable: true, get: () => `../../${MARKER}-getter` });
  return value;
}

function hostileValues(): unknown[] {
  const polluted: unknown = JSON.parse(`{"__proto__": {"id": "../../${MARKER}-proto", "paperId": "../${MARKER}-proto"}, "constructor": {"prototype": {"id": "x"}}}`);
  return [
    `../../${MARKER}-a`,
    `../../../../${MARKER}-b`,
    `..\\..\\${MARKER}-c`,
    join(tmpdir(), `${MARKER}-d`),
    `/${MARKER}-e`,
    `%2e%2e/%2e%2e/${MARKER}-f`,
    `%2e%2e%2f${MARKER}-g`,
    `file:///tmp/${MARKER}-h`,
    `${MARKER}-${'a'.repeat(10_000)}`,
    `${MARKER}\u0000x`,
    'con',
    withGetter(),
    polluted,
    { id: `../${MARKER}-i` },
    { paperId: `../../../${MARKER}-j`, annotationId: `../${MARKER}-k` },
    { paperId: KNOWN, annotationId: `../../${MARKER}-l`, reply: -1 },
    { paperId: KNOWN, annotationId: { toString: () => `${MARKER}-m` } },
    [`../${MARKER}-n`],
    42,
    Number.NaN,
    -1,
    true,
    null,
    undefined,
    Symbol(MARKER),
    () => MARKER,
    new Proxy({}, { get: () => { throw new Error('read'); }, getOwnPropertyDescriptor: () => { throw new Error('read'); } }),
  ];
}

/**
 * How a command ended. A command that asks (a quick pick of its own making) is answered by
 * closing the pick, as a reader pressing Escape would.
 */
async function settle(run: Thenable<unknown>): Promise<string> {
  let outcome: string | undefined;
  void Promise.resolve(run).then(() => { outcome = 'settled'; }, (error: unknown) => { outcome = `rejected: ${String(error)}`; });
  const deadline = Date.now() + 20_000;
  while (outcome === undefined && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (outcome === undefined) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
  return outcome ?? 'still running after 20 s';
}

/** Every path under `dir`, with size and modification time, except the subtrees skipped. */
function snapshot(dir: string, skip: string[]): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (skip.includes(path)) continue;
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path, { throwIfNoEntry: false });
        found.set(relative(dir, path), stat ? `${stat.size}:${stat.mtimeMs}` : 'gone');
      }
    }
  };
  walk(dir);
  return found;
}

/** Paths holding the marker, anywhere under `dir`. */
function markerPaths(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    let entries;
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(at, entry.name);
      if (entry.name.includes(MARKER)) found.push(path);
      if (entry.isDirectory() && !entry.isSymbolicLink()) walk(path);
    }
  };
  walk(dir);
  return found;
}

suite('hostile command arguments', function () {
  this.timeout(480_000);
  let stubs: WindowStubs;
  let workspace: string;
  let root: string;
  let services: Services;

  suiteSetup(async () => {
    await readyApi();
    services = ((await api()) as unknown as { services: Services }).services;
    await services.store.ready();
    workspace = workspaceFolder().uri.fsPath;
    // <temp>/paper-reader-test-*/integration/workspace: everything the run made around the workspace.
    root = dirname(dirname(workspace));
    stubs = stubWindow();
  });

  suiteTeardown(() => stubs?.restore());

  test('every paper and annotation command refuses hostile arguments and writes nothing outside the workspace', async () => {
    const commands = (await vscode.commands.getCommands(true)).filter((id) => PAPER_COMMAND.test(id)).sort();
    // The list comes from VS Code; these must be among them, or the filter missed the commands.
    for (const expected of ['paperReader.annotation.setColour', 'paperReader.tag.add', 'paperReader.status.set', 'paperReader.card.open', 'paperReader.notes.openFile', 'paperReader.paper.openArxiv']) {
      assert.ok(commands.includes(expected), `${expected} is registered`);
    }
    const userData = join(dirname(workspace), 'user-data');
    const skip = [workspace, userData, join(dirname(workspace), 'results.json')];
    const before = snapshot(root, skip);
    const tmpBefore = new Set(readdirSync(tmpdir()));
    const notesBefore = new Set(services.store.all().map((n) => n.id));

    for (const command of commands) {
      for (const value of hostileValues()) {
        const calls: unknown[][] = [[value], [value, value], [{ paperId: value, annotationId: value }, 'green']];
        if (SECOND_ARG.has(command)) calls.push([KNOWN, value], [{ paperId: KNOWN, annotationId: 'a' }, value]);
        for (const args of calls) {
          const outcome = await settle(vscode.commands.executeCommand(command, ...args));
          // A registered command reports its own failure; a rejection here is an error that escaped it.
          assert.ok(outcome === 'settled', `${command}(${args.map((a) => typeof a).join(', ')}): ${outcome}`);
        }
      }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    // Writes still queued land before the disk is compared.
    await (services.store as unknown as { flushAll(): Promise<void> }).flushAll();

    const unhandled = stubs.messages.filter((m) => m.kind === 'error' && / failed: /.test(m.text));
    assert.deepEqual(unhandled, [], 'no command failed with an unhandled error');
    assert.deepEqual(markerPaths(root), [], 'no file or folder made from a hostile id, inside the workspace or out');
    assert.deepEqual([...readdirSync(tmpdir())].filter((name) => name.includes(MARKER) && !tmpBefore.has(name)), []);
    assert.deepEqual(readdirSync('/').filter((name) => name.includes(MARKER)), []);
    const after = snapshot(root, skip);
    const changed = [...after].filter(([path, stamp]) => before.get(path) !== stamp).map(([path]) => path);
    assert.deepEqual(changed, [], 'nothing outside the workspace folder was written');
    const newNotes = services.store.all().map((n) => n.id).filter((id) => !notesBefore.has(id) && id !== KNOWN);
    assert.deepEqual(newNotes, [], 'no note was made for a hostile id');
    assert.ok(stubs.messages.some((m) => m.kind === 'error' && /is not a paper id|not a paper/i.test(m.text)), 'hostile ids are refused with a message');
  });

  test('the store refuses an id that is not a paper id before making a path of it', async () => {
    for (const id of [`../../../../${MARKER}-store`, `/${MARKER}-store`, 'con', '']) {
      await assert.rejects(services.store.update(id, 'x', (note) => { note.starred = true; }), /is not a paper id/);
      assert.throws(() => services.store.fileUri(id), /is not a paper id/);
    }
    assert.deepEqual(markerPaths(root), []);
  });
});
