import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { paperId } from '../../src/core';
import { revealAnnotation } from '../../src/shared/reveal-annotation';
import { block, open, replaceText, revertDocuments, select, shownIn, waitForWords, type AnnotationTestApi } from './annotation-helpers';
import { api, cardTabs, readText, readyApi, waitFor, workspaceUri, writeText } from './helpers';

const SEED = '000_9ccde1c60d8efdfe.txt';
const FILE = 'reveal-reworded.txt';
const LONGMAMBA = "LongMamba: Enhancing Mamba's Long Context Capabilities via Training-Free Receptive Field Enlargement";
const LONGMAMBA_ID = paperId(LONGMAMBA);
const QUOTE = 'a training-free technique that significantly enhances the long-context capabilities';
const REWORDED = 'a training free technique that significantly enhances the long-context capabilities';

suite('revealing an annotation', () => {
  let a: AnnotationTestApi;

  suiteSetup(async () => {
    await readyApi();
    a = (await api()) as unknown as AnnotationTestApi;
    await a.services.store.ready();
    const seed = (await readText(workspaceUri(SEED))).replace(/\r\n/g, '\n');
    await writeText(workspaceUri(FILE), `Nov 6\n\n${block(seed, LONGMAMBA)}\n`);
  });

  suiteTeardown(async () => {
    await revertDocuments('/reveal-');
    await vscode.window.tabGroups.close(cardTabs());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await a?.services.store.update(LONGMAMBA_ID, LONGMAMBA, (note) => {
      note.annotations = [];
    });
    const uri = workspaceUri(FILE);
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await a?.services.index.refresh(uri);
  });

  test('the card and Reveal Annotation select the same words, found approximately after the quote changed', async () => {
    const editor = await open(FILE, vscode.ViewColumn.One);
    const doc = editor.document;
    select(editor, QUOTE);
    const id = await vscode.commands.executeCommand<string>('paperReader.annotation.add', { body: 'how much longer?' });
    assert.ok(id, 'the annotation was saved');
    await waitForWords(a, doc, id, QUOTE);

    // Reworded and not saved: the highlight finds the words approximately, and the notes keep the old quote.
    await replaceText(doc, 'a training-free technique', 'a training free technique');
    const highlighted = await waitForWords(a, doc, id, REWORDED);
    const stored = a.services.store.get(LONGMAMBA_ID)!.annotations.find((x) => x.id === id)!;
    assert.equal(stored.anchor.exact, QUOTE);
    assert.equal(doc.getText().indexOf(stored.anchor.exact), -1, 'the stored quote is nowhere in the text');

    // From the card, in the column beside the digest: the card's reveal is this function, given the card's column.
    await vscode.commands.executeCommand('paperReader.card.open', LONGMAMBA_ID);
    const cardColumn = await waitFor(() => vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => cardTabs().includes(t)))?.viewColumn, { message: 'the card' });
    assert.notEqual(cardColumn, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const fromCard = await revealAnnotation(a.services, LONGMAMBA_ID, id, { besideColumn: cardColumn });
    assert.equal(fromCard.status, 'revealed');
    if (fromCard.status !== 'revealed') return;
    assert.equal(fromCard.editor.document.uri.toString(), doc.uri.toString());
    assert.equal(fromCard.editor.viewColumn, vscode.ViewColumn.One, 'the digest opens beside the card, not over it');
    assert.ok(fromCard.range.isEqual(highlighted), `the card selects the highlighted words, not ${doc.getText(fromCard.range)}`);
    assert.ok(fromCard.editor.selection.isEqual(highlighted));
    assert.equal(cardTabs().length, 1, 'the card stays open');

    // From the command, with the selection elsewhere.
    fromCard.editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.equal(await vscode.commands.executeCommand('paperReader.annotation.reveal', LONGMAMBA_ID, id), true);
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.uri.toString(), doc.uri.toString());
    assert.ok(active.selection.isEqual(highlighted), `the command selects the highlighted words, not ${active.document.getText(active.selection)}`);
    assert.equal(active.document.getText(active.selection), REWORDED);
    // ...and opens the annotation's thread there.
    const thread = shownIn(a, doc.uri, id)?.thread;
    assert.equal(thread?.collapsibleState, vscode.CommentThreadCollapsibleState.Expanded);
  });

  test('a hostile or unknown argument is refused and moves nothing', async () => {
    const editor = await open(FILE, vscode.ViewColumn.One);
    const before = new vscode.Selection(1, 0, 1, 0);
    editor.selection = before;
    for (const args of [
      [{ paperId: '../../x', annotationId: 'a' }],
      ['../../x', 'a'],
      [LONGMAMBA_ID, { annotationId: 'a' }],
      [42],
      [[LONGMAMBA_ID, 'a']],
      [Object.create({ paperId: LONGMAMBA_ID, annotationId: 'a' })],
      ['x'.repeat(1_000_000), 'a'],
      [LONGMAMBA_ID, 'no-such-annotation'],
    ]) {
      assert.equal(await vscode.commands.executeCommand('paperReader.annotation.reveal', ...args), false, JSON.stringify(args).slice(0, 80));
    }
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
    assert.ok(vscode.window.activeTextEditor!.selection.isEqual(before), 'the selection did not move');
  });
});
