// Symbolic links in the notes' way (a storage folder, a notes folder, a notes file) that lead out
// of the workspace folder: nothing is read or written through them, and the reader is told which
// link was refused. And a storageFolder setting that leaves the workspace folder is refused with
// a message, the default folder is used.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite, suiteSetup, suiteTeardown, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { paperId } from '../../src/core';
import type { Services } from '../../src/services';
import { isExcludedUri } from '../../src/services/library/digest-files';
import { api, readyApi, waitFor, workspaceFolder } from './helpers';
import { stubWindow, type WindowStubs } from './window-stubs';

const XLSTM = 'xLSTM 7B: A Recurrent LLM for Fast and Efficient Inference';
const ID = paperId(XLSTM);
const OUTSIDE_NOTE = `---\ntitle: "${XLSTM}"\nstatus: read\ntags: [outside]\n---\n\nA file outside the workspace.\n`;

async function setStorageFolder(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('paperReader').update('storageFolder', value, vscode.ConfigurationTarget.Workspace);
}

suite('links and settings that lead out of the workspace', function () {
  this.timeout(60_000);
  let services: Services;
  let stubs: WindowStubs;
  let workspace: string;
  let outside: string;

  suiteSetup(async () => {
    await readyApi();
    services = ((await api()) as unknown as { services: Services }).services;
    await services.store.ready();
    workspace = workspaceFolder().uri.fsPath;
    // A folder beside the workspace folder, never inside it.
    outside = mkdtempSync(join(dirname(workspace), 'outside-'));
    mkdirSync(join(outside, 'notes'));
    writeFileSync(join(outside, 'notes', `${ID}.md`), OUTSIDE_NOTE);
    writeFileSync(join(outside, 'lone.md'), OUTSIDE_NOTE);
    stubs = stubWindow();
  });

  teardown(async () => {
    await setStorageFolder(undefined);
    await services.store.ready();
  });

  suiteTeardown(() => {
    stubs?.restore();
    rmSync(outside, { recursive: true, force: true });
  });

  /** Stars the paper; resolves once the store has tried to save it. */
  async function starAndSettle(): Promise<void> {
    await services.store.update(ID, XLSTM, (note) => { note.starred = true; });
  }

  function outsideUntouched(): void {
    assert.equal(readFileSync(join(outside, 'notes', `${ID}.md`), 'utf8'), OUTSIDE_NOTE);
    assert.equal(readFileSync(join(outside, 'lone.md'), 'utf8'), OUTSIDE_NOTE);
    assert.deepEqual(readdirSync(join(outside, 'notes')), [`${ID}.md`]);
    assert.deepEqual(readdirSync(outside).sort(), ['lone.md', 'notes']);
  }

  async function refusalNamed(link: string): Promise<void> {
    await waitFor(() => stubs.messages.some((m) => m.kind === 'warning' && m.text.includes(link) && /symbolic link/.test(m.text)), { message: `a warning naming ${link}` });
  }

  for (const [name, make, link] of [
    ['a storage folder', (ws: string, out: string) => symlinkSync(out, join(ws, 'linked-store'), 'dir'), 'linked-store'],
    ['a notes folder', (ws: string, out: string) => {
      mkdirSync(join(ws, 'store-b'));
      symlinkSync(join(out, 'notes'), join(ws, 'store-b', 'notes'), 'dir');
    }, 'store-b/notes'],
    ['a notes file', (ws: string, out: string) => {
      mkdirSync(join(ws, 'store-c', 'notes'), { recursive: true });
      symlinkSync(join(out, 'lone.md'), join(ws, 'store-c', 'notes', `${ID}.md`), 'file');
    }, `store-c/notes/${ID}.md`],
  ] as const) {
    test(`${name} that is a link out of the workspace is neither read nor written`, async () => {
      make(workspace, outside);
      const storage = link.split('/')[0];
      stubs.messages.length = 0;
      await setStorageFolder(storage);
      await waitFor(() => services.store.fileUri(ID)?.fsPath.startsWith(join(workspace, storage)), { message: 'the store to use the new folder' });
      await services.store.ready();
      await refusalNamed(link);
      assert.equal(services.store.get(ID)?.tags.includes('outside') ?? false, false, 'the linked file was not read');
      stubs.messages.length = 0;
      await starAndSettle();
      // The warning was shown once, for the read; the failed save names the link again.
      await waitFor(() => stubs.messages.some((m) => m.kind === 'error' && m.text.includes(link)), { message: 'the failed save names the link' });
      outsideUntouched();
    });
  }

  for (const [label, setting] of [['"../escaped-store"', () => '../escaped-store'], ['an absolute path', () => join(dirname(workspace), 'escaped-absolute')]] as const) {
    test(`a storageFolder of ${label} is refused with a message and the default is used`, async () => {
      const value = setting();
      stubs.messages.length = 0;
      await setStorageFolder(value);
      await waitFor(() => stubs.messages.some((m) => m.kind === 'warning' && m.text.includes('paperReader.storageFolder') && m.text.includes(value)), { message: 'a warning naming the setting' });
      assert.equal(services.store.fileUri(ID)?.fsPath, join(workspace, '.papers', 'notes', `${ID}.md`));
      assert.ok(isExcludedUri(vscode.Uri.file(join(workspace, '.papers', 'notes', `${ID}.md`))), 'the scan leaves the notes folder in use out');
      await starAndSettle();
      const saved = join(workspace, '.papers', 'notes', `${ID}.md`);
      await waitFor(() => readFileSync(saved, 'utf8').includes('starred: true'), { message: 'the note saved in the default folder' });
      assert.deepEqual(readdirSync(dirname(workspace)).filter((n) => n.startsWith('escaped')), [], 'nothing made outside the workspace folder');
    });
  }
});
