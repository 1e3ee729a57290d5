import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { Services } from '../../src/services';
import { nodeHost } from '../../src/services/library/node-host';
import { SEARCH_SNAPSHOT_FILE, SearchSnapshotStore } from '../../src/services/library/search-store';
import { storeFilesIn } from '../../src/services/library/store-files';
import { atomicFiles } from '../../src/shared/files';
import { WorkspaceIndex } from '../../src/services/library/workspace-index';
import { WorkspaceSearch } from '../../src/services/search-service';
import { api, extension, readyApi, waitFor } from './helpers';

let services: Services;
const made: vscode.Disposable[] = [];

function storage(): vscode.Uri {
  const root = services.context.storageUri;
  assert.ok(root, 'the test window has a workspace, so a storage folder');
  return vscode.Uri.joinPath(root, 'itest-search');
}

/** The library and the search a new window on this workspace makes, over `storageUri`. */
async function openWindow(storageUri: vscode.Uri): Promise<{ index: WorkspaceIndex; search: WorkspaceSearch }> {
  const workerScript = vscode.Uri.joinPath(extension().extensionUri, 'dist', 'digest-worker.js');
  const index = new WorkspaceIndex(services.log, { host: nodeHost, storageUri, workerScript, watchFiles: false });
  await index.ready();
  const search = new WorkspaceSearch(index, services.store, { snapshots: new SearchSnapshotStore(storeFilesIn(storageUri, atomicFiles(nodeHost.renameOver).renameOver), services.log), log: services.log });
  made.push(index, search);
  return { index, search };
}

suite('the search index kept between windows', () => {
  suiteSetup(async () => {
    await readyApi();
    services = ((await api()) as unknown as { services: Services }).services;
  });

  suiteTeardown(async () => {
    made.forEach((d) => d.dispose());
    await vscode.workspace.fs.delete(storage(), { recursive: true }).then(undefined, () => undefined);
  });

  test('a second window answers its first search from the index the first one saved', async () => {
    const storageUri = storage();
    const first = await openWindow(storageUri);
    const papers = first.index.papers();
    assert.ok(papers.length > 10, `the seed workspace has papers (${papers.length})`);
    const queries = [papers[0].paper.title, papers[Math.floor(papers.length / 2)].paper.title.split(' ').slice(0, 2).join(' '), 'model', 'difusion'];
    const answers = async (search: WorkspaceSearch) => {
      const all = [];
      for (const query of queries) all.push((await search.query(query, 30)).map((r) => ({ id: r.doc.id, matches: r.matches })));
      return all;
    };
    const expected = await answers(first.search);
    assert.equal(first.search.stats.source, 'built');
    assert.ok(expected[0].some((r) => r.id === papers[0].id), 'a paper is found by its title');
    assert.equal(await first.search.flushSnapshot(), true);
    const onDisk = await vscode.workspace.fs.stat(vscode.Uri.joinPath(storageUri, SEARCH_SNAPSHOT_FILE));
    assert.ok(onDisk.size > 0);

    const second = await openWindow(storageUri);
    assert.deepEqual(await answers(second.search), expected);
    assert.equal(second.search.stats.source, 'snapshot');
    assert.equal(second.search.stats.restored, second.index.papers().length);
    assert.equal(second.search.stats.reindexed, 0);
  });

  test('a second window restores the saved index once its library is shown, with no query made', async () => {
    const storageUri = storage();
    const first = await openWindow(storageUri);
    await first.search.query('model', 5);
    await first.search.flushSnapshot();
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(storageUri, SEARCH_SNAPSHOT_FILE));

    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
    const workerScript = vscode.Uri.joinPath(extension().extensionUri, 'dist', 'digest-worker.js');
    const index = new WorkspaceIndex(services.log, { host: nodeHost, storageUri, workerScript, watchFiles: false });
    const search = new WorkspaceSearch(index, services.store, { snapshots: new SearchSnapshotStore(storeFilesIn(storageUri, atomicFiles(nodeHost.renameOver).renameOver), log), log });
    made.push(index, search);
    await index.shown();
    // No query: the window restores its index on its own, so the first search finds it ready.
    await waitFor(() => search.stats.source, { timeout: 30_000, message: 'the search index restored without a query' });
    assert.equal(search.stats.source, 'snapshot');
    assert.equal(search.stats.fullSyncs, 1);
    assert.ok(lines.some((line) => line.startsWith('search index restored from its snapshot: ')), lines.join('\n'));
    await index.ready();
    const papers = index.papers();
    const results = await search.query(papers[0].paper.title, 10);
    assert.ok(results.some((r) => r.doc.id === papers[0].id), 'a paper is found by its title');
    assert.equal(search.stats.reindexed, 0);
  });

  test('a damaged snapshot is discarded and the index built again', async () => {
    const storageUri = storage();
    const file = vscode.Uri.joinPath(storageUri, SEARCH_SNAPSHOT_FILE);
    const bytes = await vscode.workspace.fs.readFile(file);
    await vscode.workspace.fs.writeFile(file, bytes.slice(0, Math.floor(bytes.length / 2)));
    const window = await openWindow(storageUri);
    const results = await window.search.query('model', 30);
    assert.ok(results.length > 0);
    assert.equal(window.search.stats.source, 'built');
    assert.equal(await window.search.flushSnapshot(), true);
    const again = await openWindow(storageUri);
    await again.search.query('model', 30);
    assert.equal(again.search.stats.source, 'snapshot');
  });
});
