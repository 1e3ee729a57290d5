import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { paperId } from '../../src/core';
import { block, open, select, shownIn, waitForWords, type AnnotationTestApi } from './annotation-helpers';
import { api, readText, readyApi, workspaceUri, writeText } from './helpers';

const SEED = '000_9ccde1c60d8efdfe.txt';
const FILE = 'drafts-digest.txt';
const LONGMAMBA = "LongMamba: Enhancing Mamba's Long Context Capabilities via Training-Free Receptive Field Enlargement";
const WORDS = 'a training-free technique';

suite('cancelling a new annotation thread', () => {
  let a: AnnotationTestApi;
  let controller: vscode.CommentController;

  suiteSetup(async () => {
    await readyApi();
    a = (await api()) as unknown as AnnotationTestApi;
    await a.services.store.ready();
    const seed = (await readText(workspaceUri(SEED))).replace(/\r\n/g, '\n');
    await writeText(workspaceUri(FILE), `Nov 6\n\n${block(seed, LONGMAMBA)}\n`);
    // Threads the extension did not create, as a thread started from the gutter is.
    controller = vscode.comments.createCommentController('paperReader.test.drafts', 'Draft tests');
  });

  suiteTeardown(async () => {
    controller?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await a?.services.store.update(paperId(LONGMAMBA), LONGMAMBA, (note) => {
      note.annotations = [];
    });
    const uri = workspaceUri(FILE);
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await a?.services.index.refresh(uri);
  });

  test('Cancel closes the thread whether the widget passes its reply or code passes the thread, and never an annotation\'s', async () => {
    const editor = await open(FILE);
    const range = select(editor, WORDS);
    // The comment widget's Cancel button passes a CommentReply (this failed: the reply has no dispose()).
    const fromWidget = controller.createCommentThread(editor.document.uri, range, []);
    assert.equal(await vscode.commands.executeCommand('paperReader.annotation.cancelDraft', { thread: fromWidget, text: 'half a comment' }), true);
    const fromCode = controller.createCommentThread(editor.document.uri, range, []);
    assert.equal(await vscode.commands.executeCommand('paperReader.annotation.cancelDraft', fromCode), true);

    // An annotation's own thread is not a draft: cancelling it does nothing.
    const id = await vscode.commands.executeCommand<string>('paperReader.annotation.add', { body: 'a saved one' });
    await waitForWords(a, editor.document, id, WORDS);
    const saved = shownIn(a, editor.document.uri, id)!.thread!;
    assert.equal(await vscode.commands.executeCommand('paperReader.annotation.cancelDraft', { thread: saved, text: '' }), false);
    assert.equal(shownIn(a, editor.document.uri, id)?.thread, saved);
    // Nor does anything that is no thread.
    for (const arg of [undefined, 42, { thread: {} }, 'thread']) {
      assert.equal(await vscode.commands.executeCommand('paperReader.annotation.cancelDraft', arg), false);
    }
  });
});
