import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { WorkspaceIndex } from '../../src/services/library/workspace-index';
import { nodeHost } from '../../src/services/library/node-host';
import type { Services } from '../../src/services';
import { api, extension, readyApi, waitFor, workspaceUri, writeText } from './helpers';

/** A one-paper plain-text digest whose title names where it is. */
function digest(where: string): string {
  return `Daily Papers\n\nNov 7\n\nA Paper Kept In ${where}\n\nAn abstract that says something about models and data.\n\n  • 3 authors\n·\nNov 7 3\n`;
}

const FOLDERS = {
  filesExclude: 'hidden-by-files-exclude',
  searchExclude: 'hidden-by-search-exclude',
  ownExclude: 'hidden-by-paper-reader-exclude',
  visible: 'visible-folder',
} as const;
const fileOf = (folder: string) => workspaceUri(folder, 'digest.txt');
const keyOf = (folder: string) => fileOf(folder).toString();

let services: Services;
const made: WorkspaceIndex[] = [];

async function freshIndex(): Promise<WorkspaceIndex> {
  // Not following file events: those of the files just written would reach it late and read them again.
  const index = new WorkspaceIndex(services.log, { host: nodeHost, workerScript: vscode.Uri.joinPath(extension().extensionUri, 'dist', 'digest-worker.js'), watchFiles: false });
  made.push(index);
  await index.ready();
  return index;
}

async function setExcludes(on: boolean): Promise<void> {
  const target = vscode.ConfigurationTarget.Workspace;
  const own = vscode.workspace.getConfiguration('paperReader').inspect<string[]>('exclude')?.defaultValue ?? [];
  await vscode.workspace.getConfiguration('files').update('exclude', on ? { [`**/${FOLDERS.filesExclude}`]: true, '**/never-there-*.{txt,md}': true } : undefined, target);
  await vscode.workspace.getConfiguration('search').update('exclude', on ? { [`**/${FOLDERS.searchExclude}/**`]: true, [`**/${FOLDERS.visible}/**`]: false } : undefined, target);
  await vscode.workspace.getConfiguration('paperReader').update('exclude', on ? [...own, `**/${FOLDERS.ownExclude}/*.txt`] : undefined, target);
}

suite('which files are candidates', () => {
  suiteSetup(async () => {
    await readyApi();
    services = ((await api()) as unknown as { services: Services }).services;
    await setExcludes(true);
    for (const folder of Object.values(FOLDERS)) await writeText(fileOf(folder), digest(folder));
  });

  suiteTeardown(async () => {
    made.forEach((index) => index.dispose());
    await setExcludes(false);
    for (const folder of Object.values(FOLDERS)) await vscode.workspace.fs.delete(workspaceUri(folder), { recursive: true });
    await waitFor(() => Object.values(FOLDERS).every((f) => !services.index.digest(keyOf(f))), { message: 'the test digests to leave the index' });
  });

  test('files hidden by files.exclude, search.exclude or paperReader.exclude are not read', async () => {
    const index = await freshIndex();
    assert.ok(index.digest(keyOf(FOLDERS.visible)), 'the digest in the visible folder is indexed');
    for (const folder of [FOLDERS.filesExclude, FOLDERS.searchExclude, FOLDERS.ownExclude]) {
      assert.equal(index.digest(keyOf(folder)), undefined, `${folder} is not indexed`);
    }
    // Only the candidates were read: the seeds, the visible digest and whatever else the workspace holds, not the hidden three.
    const candidates = await vscode.workspace.findFiles('**/*.{txt,md}', `{**/.papers/**,**/${FOLDERS.filesExclude}/**,**/${FOLDERS.searchExclude}/**,**/${FOLDERS.ownExclude}/**}`);
    // Open documents with unsaved edits are read from their editors, not from disk.
    const dirty = candidates.filter((uri) => vscode.workspace.textDocuments.some((d) => d.isDirty && d.uri.toString() === uri.toString())).length;
    assert.equal(index.stats.sniffed + dirty, candidates.length);
  });

  test('the running extension keeps them out as they appear, and takes them in once the settings let it', async () => {
    const { index } = services;
    await waitFor(() => index.digest(keyOf(FOLDERS.visible)), { message: 'the visible digest in the index' });
    for (const folder of [FOLDERS.filesExclude, FOLDERS.searchExclude, FOLDERS.ownExclude]) {
      assert.equal(index.digest(keyOf(folder)), undefined, `${folder} is not indexed`);
    }
    await setExcludes(false);
    await waitFor(() => Object.values(FOLDERS).every((f) => index.digest(keyOf(f))), { message: 'every test digest in the index once nothing hides them' });
    await setExcludes(true);
    await waitFor(() => [FOLDERS.filesExclude, FOLDERS.searchExclude, FOLDERS.ownExclude].every((f) => !index.digest(keyOf(f))), { message: 'the hidden digests to leave the index again' });
    assert.ok(index.digest(keyOf(FOLDERS.visible)));
  });
});
