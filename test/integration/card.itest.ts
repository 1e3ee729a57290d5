import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { paperId } from '../../src/core';
import type { Services } from '../../src/services';
import { cardTabs, readyServices, waitFor, workspaceUri } from './helpers';

const FIRST = '000_9ccde1c60d8efdfe.txt';
const XLSTM = 'xLSTM 7B: A Recurrent LLM for Fast and Efficient Inference';
const MARKOV = 'The Markovian Thinker';

async function closeCards(): Promise<void> {
  await vscode.window.tabGroups.close(cardTabs());
}

suite('paper card and note commands', () => {
  let s: Services;
  suiteSetup(async () => {
    s = await readyServices();
  });
  teardown(async () => {
    await closeCards();
    await vscode.workspace.getConfiguration('paperReader.card').update('openInNewPanel', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('opening cards reuses one panel by default', async () => {
    await vscode.commands.executeCommand('paperReader.card.open', paperId(XLSTM));
    await waitFor(() => cardTabs().length === 1, { message: 'a card tab' });
    assert.match(cardTabs()[0].label, /^xLSTM 7B/);
    await vscode.commands.executeCommand('paperReader.card.open', { id: paperId(MARKOV) });
    await waitFor(() => cardTabs()[0]?.label === MARKOV, { message: 'the card to show the second paper' });
    assert.equal(cardTabs().length, 1);
  });

  test('with paperReader.card.openInNewPanel each paper gets its own panel', async () => {
    await vscode.workspace.getConfiguration('paperReader.card').update('openInNewPanel', true, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('paperReader.card.open', paperId(XLSTM));
    await vscode.commands.executeCommand('paperReader.card.open', paperId(MARKOV));
    await vscode.commands.executeCommand('paperReader.card.open', paperId(XLSTM));
    await waitFor(() => cardTabs().length === 2, { message: 'two card tabs' });
  });

  test('the keybinding opens the card of the paper under the cursor', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri(FIRST));
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(22, 5, 22, 5);
    await vscode.commands.executeCommand('paperReader.card.open', { atCursor: true });
    await waitFor(() => cardTabs()[0]?.label.startsWith('xLSTM 7B'), { message: 'the card of the paper under the cursor' });
  });

  test('an unknown paper id opens nothing', async () => {
    await vscode.commands.executeCommand('paperReader.card.open', 'no-such-paper-00000000');
    await vscode.commands.executeCommand('paperReader.card.open', '../../etc/passwd');
    assert.equal(cardTabs().length, 0);
  });

  test('linking the editor selection stores the file, the line range and the quote, and reopens there', async () => {
    const id = paperId(XLSTM);
    const doc = await vscode.workspace.openTextDocument(workspaceUri(FIRST));
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(20, 0, 20, 10);
    await vscode.commands.executeCommand('paperReader.link.addSelection', id);
    const link = s.store.get(id)?.links.find((l) => l.kind === 'file');
    assert.deepEqual(link, { kind: 'file', path: FIRST, startLine: 20, endLine: 20, quote: 'xLSTM 7B:' });
    const text = readFileSync(workspaceUri('.papers', 'notes', `${id}.md`).fsPath, 'utf8');
    assert.match(text, /path: 000_9ccde1c60d8efdfe\.txt/);
    assert.match(text, /startLine: 20/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const { openFileLink } = await import('../../src/shared/note-actions');
    await openFileLink(FIRST, 20, 20);
    const active = vscode.window.activeTextEditor;
    assert.equal(active?.document.uri.fsPath, workspaceUri(FIRST).fsPath);
    assert.equal(active?.selection.start.line, 20);
  });

  test('a stored path outside the workspace is refused', async () => {
    const { resolveWorkspacePath } = await import('../../src/shared/workspace-paths');
    for (const path of ['../outside.txt', '/etc/passwd', 'a/../../b', 'C:/Windows/win.ini', 'a\\..\\b', '']) {
      assert.equal(resolveWorkspacePath(path), undefined, path);
    }
    assert.equal(resolveWorkspacePath(`sub/${FIRST}`)?.fsPath, workspaceUri('sub', FIRST).fsPath);
  });

  test('notes.openFile creates the notes file and opens it in an editor', async () => {
    const id = paperId(MARKOV);
    await vscode.commands.executeCommand('paperReader.notes.openFile', id);
    const path = workspaceUri('.papers', 'notes', `${id}.md`).fsPath;
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === path, { message: 'the notes file in the editor' });
    assert.ok(existsSync(path));
    assert.match(readFileSync(path, 'utf8'), /^---\ntitle: The Markovian Thinker\n/);
  });

  test('tag.remove and star.toggle change only what they name', async () => {
    const id = paperId(XLSTM);
    await vscode.commands.executeCommand('paperReader.tag.add', id, 'keep');
    await vscode.commands.executeCommand('paperReader.tag.add', id, 'drop');
    await vscode.commands.executeCommand('paperReader.tag.remove', id, 'drop');
    const before = s.store.get(id)?.starred ?? false;
    await vscode.commands.executeCommand('paperReader.star.toggle', id);
    const note = s.store.get(id);
    assert.ok(note?.tags.includes('keep'));
    assert.ok(!note?.tags.includes('drop'));
    assert.equal(note?.starred, !before);
  });

  test('export writes the chosen papers with their notes as Markdown and as CSL JSON', async () => {
    const id = paperId(XLSTM);
    await s.store.update(id, XLSTM, (n) => {
      n.tags = ['export-me'];
      n.body = 'Exported note text.';
    });
    const md = workspaceUri('.papers', 'exports', 'tagged.md');
    const csl = workspaceUri('.papers', 'exports', 'tagged.json');
    await vscode.commands.executeCommand('paperReader.export.markdown', { tag: 'export-me' }, md);
    await vscode.commands.executeCommand('paperReader.export.cslJson', { tag: 'export-me' }, csl);
    const markdown = readFileSync(md.fsPath, 'utf8');
    assert.match(markdown, /xLSTM 7B/);
    assert.match(markdown, /Exported note text\./);
    assert.doesNotMatch(markdown, /Markovian/);
    const items = JSON.parse(readFileSync(csl.fsPath, 'utf8')) as { id: string; title: string }[];
    assert.deepEqual(items.map((item) => item.id), [id]);
    assert.equal(items[0].title, XLSTM);
  });
});
