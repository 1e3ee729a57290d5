import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { paperId } from '../../src/core';
import type { Services } from '../../src/services';
import { acceptFirst, api, readyApi, waitFor, workspaceUri, writeText } from './helpers';

const FILE = 'markdown-parity/2026-08-14.md';
const TITLE = 'Markdown Parity: Every Digest Command in a Markdown Digest';
const OTHER = 'A Second Paper So the Cursor Has a Choice';
const ID = paperId(TITLE);
const DIGEST = `# Daily Papers — Aug 14

## [${TITLE}](https://huggingface.co/papers/2608.00001)

3 authors · Aug 13 · 12

Readers keep Markdown digests beside text digests and expect the same commands in both, as
for Mamba state space models with long context.

## ${OTHER}

2 authors · Aug 12

Nothing to see here.
`;

/**
 * A Markdown digest gets every command a text digest offers: each is run with the cursor in
 * the paper and no argument, as the editor context menu and the keybindings run them.
 */
suite('Markdown digests on par with text digests', () => {
  let s: Services;
  let editor: vscode.TextEditor;

  suiteSetup(async () => {
    await readyApi();
    s = ((await api()) as unknown as { services: Services }).services;
    await writeText(workspaceUri(FILE), DIGEST);
    await waitFor(() => s.index.paper(ID), { timeout: 30_000, message: 'the Markdown digest in the index' });
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(FILE)));
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes(TITLE));
    editor.selection = new vscode.Selection(line, 4, line, 4);
    assert.equal(s.index.paperAt(editor.document.uri.toString(), line)?.id, ID);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(workspaceUri(FILE).fsPath, { force: true });
    rmSync(workspaceUri('markdown-parity').fsPath, { recursive: true, force: true });
    rmSync(workspaceUri('.papers', 'notes', `${ID}.md`).fsPath, { force: true });
  });

  const focusDigest = async () => {
    editor = await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
  };

  test('the reading status, the star and a tag land on the paper under the cursor', async () => {
    await focusDigest();
    await vscode.commands.executeCommand('paperReader.status.set', undefined, 'reading');
    await vscode.commands.executeCommand('paperReader.star.toggle');
    await vscode.commands.executeCommand('paperReader.tag.add', undefined, 'markdown');
    const note = await waitFor(() => s.store.get(ID), { message: 'the note of the paper under the cursor' });
    assert.equal(note.status, 'reading');
    assert.equal(note.starred, true);
    assert.deepEqual(note.tags, ['markdown']);
    assert.equal(s.store.get(paperId(OTHER)), undefined, 'the other paper is untouched');
  });

  test('Open Card (Ctrl+Alt+O) and Edit Notes open the card of the paper under the cursor', async () => {
    await focusDigest();
    await vscode.commands.executeCommand('paperReader.card.open', { atCursor: true });
    const tab = await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label.includes('Markdown Parity')), { message: 'the card tab' });
    assert.ok(tab);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await focusDigest();
    await vscode.commands.executeCommand('paperReader.notes.edit');
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label.includes('Markdown Parity')), { message: 'the card tab from Edit Notes' });
  });

  test('Annotate Selection (Ctrl+Alt+A) saves an annotation on the selected words', async () => {
    await focusDigest();
    const text = editor.document.getText();
    const start = editor.document.positionAt(text.indexOf('same commands'));
    editor.selection = new vscode.Selection(start, start.translate(0, 'same commands'.length));
    const id = await vscode.commands.executeCommand<string | undefined>('paperReader.annotation.add', { body: 'Does it?' });
    assert.ok(id, 'an annotation id');
    const annotation = await waitFor(() => s.store.get(ID)?.annotations.find((a) => a.id === id), { message: 'the saved annotation' });
    assert.equal(annotation.anchor.exact, 'same commands');
  });

  test('Copy BibTeX copies the entry of the paper under the cursor, with its arXiv id', async () => {
    await focusDigest();
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes(TITLE));
    editor.selection = new vscode.Selection(line, 4, line, 4);
    const entry = await vscode.commands.executeCommand<string | undefined>('paperReader.paper.copyBibtex');
    assert.ok(entry?.includes('Markdown Parity'), entry);
    assert.ok(entry?.includes('2608.00001'), entry);
    assert.equal(await vscode.env.clipboard.readText(), entry);
  });

  test('Find Similar Papers from the editor context menu lists the papers most like the one under the cursor', async () => {
    await focusDigest();
    await s.similar.ready();
    await waitFor(() => (s.similar.similar(ID).length > 0 ? true : undefined), { message: 'the Markdown paper in the similar-papers model' });
    const expected = s.similar.similar(ID)[0].id;
    assert.notEqual(expected, ID);
    // The context menu hands the command the document; the paper is the one under the cursor.
    const picked = await acceptFirst(() => vscode.commands.executeCommand<string | undefined>('paperReader.similar.find', editor.document.uri));
    assert.equal(picked, expected);
  });

  test('the CodeLens and the hover of a paper with an arXiv id offer arXiv, PDF and BibTeX', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 100);
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes(TITLE));
    const commands = lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.command);
    for (const command of ['paperReader.paper.openArxiv', 'paperReader.paper.openPdf', 'paperReader.paper.copyBibtex']) assert.ok(commands.includes(command), `${command} in ${JSON.stringify(commands)}`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, 6));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /command:paperReader\.paper\.openArxiv/);
    assert.match(text, /command:paperReader\.paper\.openPdf/);
  });

  test('Re-attach Annotation gives an orphaned annotation the words selected in the Markdown digest', async () => {
    await focusDigest();
    const orphaned = s.store.get(ID)?.annotations.find((a) => a.anchor.exact === 'same commands');
    assert.ok(orphaned, 'the annotation made above');
    // The annotated words leave the digest (unsaved), so the annotation is an orphan.
    const text = editor.document.getText();
    const gone = 'expect the same commands in both';
    const at = text.indexOf(gone);
    await editor.edit((edit) => edit.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + gone.length)), 'watch zebras graze quietly on plains'));
    const annotations = ((await api()) as unknown as { annotations: { orphans(): Array<{ annotation: { id: string } }> } }).annotations;
    await waitFor(() => annotations.orphans().some((o) => o.annotation.id === orphaned.id) || undefined, { message: 'the annotation orphaned' });
    const start = editor.document.positionAt(editor.document.getText().indexOf('zebras graze'));
    editor.selection = new vscode.Selection(start, start.translate(0, 'zebras graze'.length));
    // With nothing named, as from the editor's context menu: the paper's one orphan.
    assert.equal(await vscode.commands.executeCommand<boolean>('paperReader.annotation.reattach'), true);
    await waitFor(() => s.store.get(ID)?.annotations.find((a) => a.id === orphaned.id)?.anchor.exact === 'zebras graze' || undefined, { message: 'the annotation on the new words' });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
