/**
 * An atomic write replaces a file in one step: no reader ever finds it missing. VS Code's
 * own rename with overwrite deletes the target before renaming over it, so a reader that
 * looks in between (a second window, a watcher, git) finds no file, and a host that dies in
 * between leaves none.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { Services } from '../../src/services';
import type { AtomicFiles } from '../../src/shared/files';
import { api, readyApi, workspaceUri } from './helpers';

const FOLDER = 'atomic-writes';
const WRITES = 40;

suite('atomic writes', () => {
  let files: AtomicFiles;

  suiteSetup(async () => {
    await readyApi();
    // The writes every feature of the running extension makes, through this host's rename.
    files = ((await api()) as unknown as { services: Services }).services.files;
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(workspaceUri(FOLDER), { recursive: true }).then(undefined, () => undefined);
  });

  test('a file written again and again is never missing in between', async () => {
    const target = workspaceUri(FOLDER, 'replaced.md');
    await files.writeText(target, 'version 0\n');
    let looks = 0;
    let missing = 0;
    let looking = true;
    // Looks whenever the host is free: the write's steps are awaited, so these run between them.
    const look = () => {
      if (!looking) return;
      looks++;
      if (!existsSync(target.fsPath)) missing++;
      setImmediate(look);
    };
    look();
    try {
      for (let i = 1; i <= WRITES; i++) await files.writeText(target, `version ${i}\n`);
    } finally {
      looking = false;
    }
    assert.ok(looks > WRITES, `the file was looked at ${looks} times during ${WRITES} writes`);
    assert.equal(missing, 0, `the file was missing ${missing} of ${looks} times it was looked at`);
    assert.equal(readFileSync(target.fsPath, 'utf8'), `version ${WRITES}\n`);
  });
});
