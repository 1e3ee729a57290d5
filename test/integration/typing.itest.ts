/**
 * Typing in an open digest: the library tells its listeners only what an edit changed,
 * the search index and similar papers look at just those papers, and the library kept
 * between windows follows the files on disk, not the unsaved text of an editor.
 */
import * as assert from 'node:assert/strict';
import { utimesSync } from 'node:fs';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { IndexChange, PaperIndexService, Services } from '../../src/services';
import { nodeHost } from '../../src/services/library/node-host';
import { WorkspaceIndex } from '../../src/services/library/workspace-index';
import { WorkspaceSearch } from '../../src/services/search-service';
import { WorkspaceSimilar } from '../../src/services/similar-service';
import { api, extension, keptLibraryStamp, keptLibraryText, readyApi, waitFor, workspaceUri, writeText } from './helpers';

/** A Markdown digest whose papers' abstracts name `tag`. */
function markdownDigest(tag: string, n: number): string {
  const papers = Array.from({ length: n }, (_, i) =>
    `## [${tag} Typing Paper ${i + 1}](https://example.org/${tag}/${i})\n\nWe type into ${tag} digest number ${i + 1} and watch what the library does.\n\n- ${i + 2} authors · Nov 14 · ▲ ${i + 3}\n`);
  return `# Daily Papers — Nov 14\n\n${papers.join('\n')}`;
}

const QUIET = 'typing-quiet.md';
const SEARCHED = 'typing-searched.md';
const KEPT = 'typing-kept.md';
const OTHER = 'typing-other.md';
/** Longer than the index's debounce of an edit (250 ms) and of the library's save (2 s). */
const PAST_EDIT_MS = 800;
const PAST_SAVE_MS = 3000;

let services: Services;
const made: vscode.Disposable[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freshIndex(storageUri?: vscode.Uri, watchFiles = false): WorkspaceIndex {
  const workerScript = vscode.Uri.joinPath(extension().extensionUri, 'dist', 'digest-worker.js');
  const index = new WorkspaceIndex(services.log, { host: nodeHost, storageUri, workerScript, watchFiles });
  made.push(index);
  return index;
}

/** Every notice the index gives from now on. */
function notices(index: PaperIndexService): IndexChange[] {
  const seen: IndexChange[] = [];
  made.push(index.onDidChange((change) => seen.push(change)));
  return seen;
}

async function write(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri(name);
  await writeText(uri, text);
  // Dated an hour back: a file read just after it changed is read again later (a coarse clock may hide a change).
  const past = new Date(Date.now() - 3_600_000);
  utimesSync(uri.fsPath, past, past);
  return uri;
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

/** Types `text` after the first occurrence of `after` in the editor's document, without saving. */
async function typeAfter(editor: vscode.TextEditor, after: string, text: string): Promise<void> {
  const at = editor.document.getText().indexOf(after);
  assert.ok(at >= 0, `the document holds "${after}"`);
  const ok = await editor.edit((edit) => edit.insert(editor.document.positionAt(at + after.length), text));
  assert.ok(ok, 'the edit was applied');
}

/** The index as a service whose walks over every paper of the library are counted. */
function countingWalks(index: PaperIndexService): { counted: PaperIndexService; walks: () => number } {
  let walks = 0;
  const counted = Object.create(index, {
    papers: { value: () => {
      walks++;
      return index.papers();
    } },
  }) as PaperIndexService;
  return { counted, walks: () => walks };
}

suite('typing in an open digest', () => {
  suiteSetup(async () => {
    await readyApi();
    services = ((await api()) as unknown as { services: Services }).services;
    // The browser's VS Code saves an edit a second later by default: these edits are to stay unsaved.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
  });

  suiteTeardown(async () => {
    for (const name of [QUIET, SEARCHED, KEPT, OTHER]) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === workspaceUri(name).toString());
      if (doc) {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
    made.forEach((d) => d.dispose());
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
    for (const name of [QUIET, SEARCHED, KEPT, OTHER]) await vscode.workspace.fs.delete(workspaceUri(name)).then(undefined, () => undefined);
    const root = services.context.storageUri;
    if (root) await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, 'itest-typing'), { recursive: true }).then(undefined, () => undefined);
  });

  test('an edit that leaves the papers as they were tells no listener; one that changes a paper names just it', async () => {
    const uri = await write(QUIET, markdownDigest('Quiet', 4));
    const index = freshIndex();
    await index.ready();
    const editor = await open(uri);
    const key = uri.toString();
    await waitFor(() => index.digest(key), { message: 'the open digest in the index' });
    const seen = notices(index);

    // Blank lines at the end: the text differs, its papers do not.
    await editor.edit((edit) => edit.insert(editor.document.positionAt(editor.document.getText().length), '\n\n\n'));
    await sleep(PAST_EDIT_MS);
    await index.refresh(uri);
    assert.equal(seen.length, 0, 'no notice for an edit that changed no paper');

    await typeAfter(editor, 'Quiet digest number 2', ' with a typo fixed');
    const changed = await waitFor(() => seen.at(0), { message: 'the notice of the edited paper' });
    const edited = index.digest(key)?.digest.papers[1];
    assert.ok(edited, 'the digest still holds its papers');
    assert.ok(edited.abstract.includes('with a typo fixed'), 'the index holds the unsaved edit');
    assert.deepEqual([...(changed.ids ?? [])], [edited.id], 'the notice names only the edited paper');
  });

  test('after an edit, the search index and similar papers look only at the edited paper', async () => {
    const uri = await write(SEARCHED, markdownDigest('Searched', 6));
    const index = freshIndex();
    await index.ready();
    const { counted, walks } = countingWalks(index);
    const search = new WorkspaceSearch(counted, services.store);
    const similar = new WorkspaceSimilar(counted, services.log);
    made.push(search, similar);
    await similar.ready();
    assert.equal((await search.matchingIds('Searched', 10)).length, 6);
    const built = walks();
    assert.equal(built, 2, 'the first build of each walks the library once');
    const edits = notices(index);
    let similarUpdates = 0;
    made.push(similar.onDidChange(() => similarUpdates++));

    const editor = await open(uri);
    await typeAfter(editor, 'Searched digest number 3', ' about zymurgical fermentation');
    const edited = () => index.digest(uri.toString())?.digest.papers[2];
    await waitFor(() => edited()?.abstract.includes('zymurgical') && edits.length > 0, { message: 'the edit in the index, and its notice' });
    const id = edited()?.id;
    assert.deepEqual(await search.matchingIds('zymurgical', 10), [id], 'the search finds the edited text');
    await waitFor(() => similarUpdates > 0, { message: 'similar papers to take the edit in' });
    assert.equal(walks(), built, 'no sync walked the library again');
    assert.equal(search.stats.checked, 1, 'the search looked at the edited paper alone');
    assert.equal(similar.stats.checked, 1, 'similar papers looked at the edited paper alone');
    assert.equal(search.stats.fullSyncs, 1);
    assert.equal(similar.stats.fullSyncs, 1);
  });

  test('similar papers are built once the search index has caught up with the library, not beside it', async () => {
    const index = freshIndex();
    await index.ready();
    const { counted, walks } = countingWalks(index);
    const search = new WorkspaceSearch(counted, services.store);
    const similar = new WorkspaceSimilar(counted, services.log, search.caughtUp());
    made.push(search, similar);
    let caughtUp = false;
    void search.caughtUp().then(() => {
      caughtUp = true;
    });
    await similar.ready();
    assert.ok(caughtUp, 'the search index was ready first');
    assert.equal(walks(), 2, 'each walked the library once');
    assert.ok(similar.isReady());
  });

  test('unsaved edits leave the kept library as it is, and put off no save a change on disk made due; saving is kept', async function () {
    this.timeout(60_000);
    const root = services.context.storageUri;
    assert.ok(root, 'the test window has a workspace, so a storage folder');
    const storageUri = vscode.Uri.joinPath(root, 'itest-typing');
    const uri = await write(KEPT, markdownDigest('Kept', 3));
    const other = await write(OTHER, markdownDigest('Other', 2));
    const index = freshIndex(storageUri, true);
    await index.ready();
    await index.flushStore();
    const kept = await keptLibraryText(storageUri);
    const keptAt = await keptLibraryStamp(storageUri);
    assert.ok(kept.includes(uri.toString()), 'the library holds the digest');

    const editor = await open(uri);
    await typeAfter(editor, 'Kept digest number 1', ' being typed into');
    await waitFor(() => index.digest(uri.toString())?.digest.papers[0].abstract.includes('being typed into'), { message: 'the unsaved edit in the index' });
    await sleep(PAST_SAVE_MS);
    await index.flushStore();
    assert.ok(editor.document.isDirty, 'the edit is still unsaved');
    assert.equal(await keptLibraryStamp(storageUri), keptAt, 'the library was not written again');
    assert.equal(await keptLibraryText(storageUri), kept);

    // A file changed on disk while the reader types: the library is saved as soon as it would be without the typing.
    await writeText(other, markdownDigest('Changed', 2));
    const typingUntil = Date.now() + 8000;
    let savedWhileTyping = false;
    for (let i = 0; Date.now() < typingUntil; i++) {
      await typeAfter(editor, 'being typed into', ` ${i}`);
      await sleep(300);
      if (await keptLibraryStamp(storageUri) !== keptAt) {
        savedWhileTyping = true;
        break;
      }
    }
    assert.ok(savedWhileTyping, 'the library was saved while the reader kept typing');
    assert.ok((await keptLibraryText(storageUri)).includes('Changed Typing Paper'), 'the saved library holds the file changed on disk');
    assert.ok(!(await keptLibraryText(storageUri)).includes('being typed into'), 'it does not hold the unsaved text');

    // Saved: the file on disk changed, and the library follows it.
    assert.ok(await editor.document.save(), 'the document was saved');
    await waitFor(async () => (await keptLibraryText(storageUri)).includes('being typed into'), { timeout: 15_000, message: 'the saved text in the kept library' });
  });
});
