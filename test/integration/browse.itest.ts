import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { markdownText, paperId } from '../../src/core';
import { indexedServices, readyServices, waitFor, workspaceFolder, workspaceUri, writeText } from './helpers';

const FIRST = '000_9ccde1c60d8efdfe.txt';
const MAMBA = 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces';

async function openDigest(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
  await vscode.window.showTextDocument(doc);
  return waitFor(() => {
    const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString());
    return current?.languageId === 'paper-digest' ? current : undefined;
  }, { message: `${name} to get the paper-digest language` });
}

suite('digests in the editor', () => {
  let doc: vscode.TextDocument;
  suiteSetup(async () => {
    await indexedServices();
    doc = await openDigest(FIRST);
  });

  test('a recognised .txt digest gets the paper-digest language', () => {
    assert.equal(doc.languageId, 'paper-digest');
  });

  test('the outline lists every paper', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.equal(symbols.length, 6);
    assert.equal(symbols[0].name, 'Boundary-Guided Policy Optimization for Memory-efficient RL of Diffusion Large Language Models');
    assert.equal(symbols[0].selectionRange.start.line, 12);
    assert.equal(symbols[3].name, 'The Markovian Thinker');
  });

  test('each paper folds', async () => {
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
    const starts = ranges.map((r) => r.start);
    for (const line of [12, 20, 28, 36]) assert.ok(starts.includes(line), `a folding range starts at line ${line}: ${starts.join(',')}`);
    assert.ok(ranges.length >= 6);
  });

  test('each paper has CodeLenses for status, star, notes and the card', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
    const onFirst = lenses.filter((l) => l.range.start.line === 12).map((l) => l.command?.command);
    assert.deepEqual(onFirst, ['paperReader.status.set', 'paperReader.star.toggle', 'paperReader.notes.edit', 'paperReader.annotation.add', 'paperReader.card.open', 'paperReader.paper.copyBibtex']);
    assert.equal(lenses.filter((l) => l.command?.title === 'Open card').length, 6);
    // Placed without their commands, which are made only for the lenses shown: a large digest has thousands.
    const placed = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.equal(placed.length, lenses.length);
    assert.ok(placed.every((l) => l.command === undefined), JSON.stringify(placed.map((l) => l.command?.command)));
  });

  test('hovering a title shows the card summary', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(20, 3));
    // The digest's words go in as text: their punctuation is escaped, their spaces stay spaces.
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\(.)/g, '$1');
    assert.match(text, /xLSTM 7B: A Recurrent LLM for Fast and Efficient Inference/);
    assert.match(text, /8 authors · Mar 17/);
    assert.match(text, /Open card/);
  });

  test('the hover shows the paper\'s notes with their line breaks, as text', async () => {
    const { store } = await readyServices();
    const title = 'xLSTM 7B: A Recurrent LLM for Fast and Efficient Inference';
    const before = store.get(paperId(title))?.body ?? '';
    await store.update(paperId(title), title, (note) => {
      note.body = 'First thought.\n- not a list, a line\n\n<b>second</b> paragraph\n';
    });
    try {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(20, 3));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.ok(text.includes(`${markdownText('First thought.')}\\\n${markdownText('- not a list, a line')}\n\n${markdownText('<b>second</b> paragraph')}`), text);
    } finally {
      await store.update(paperId(title), title, (note) => {
        note.body = before;
      });
    }
  });

  test('a hostile title is shown in the hover as text: no link, HTML or command of its own', async () => {
    const { index } = await indexedServices();
    const title = 'Run [this](command:workbench.action.files.delete) or <command:paperReader.card.open> <img src=x onerror=alert(1)>';
    const uri = workspaceUri('hostile-title.txt');
    await writeText(uri, `Daily Papers\n\nNov 23\n\n${title}\n\nAn abstract with **markup** in it.\n\n  • 2 authors\n·\nNov 23 3\n`);
    try {
      await waitFor(() => index.papers().some((p) => p.paper.title === title), { message: 'the hostile title in the index' });
      const hostile = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(hostile);
      const hovers = await waitFor(async () => {
        const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(4, 2));
        return found.length > 0 && found;
      }, { message: 'the hover of the hostile title' });
      const card = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => typeof c !== 'string' && c.value.includes('Open card'));
      assert.ok(card, 'the paper hover');
      assert.equal(card.value.split('\n')[0], `**${markdownText(title)}**`);
      assert.deepEqual(card.isTrusted, { enabledCommands: ['paperReader.card.open', 'paperReader.paper.openArxiv', 'paperReader.paper.openPdf', 'paperReader.paper.copyBibtex'] });
      assert.ok(!card.supportHtml, 'no HTML is rendered');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri);
      // The suites after this one count the digests.
      await waitFor(() => index.digest(uri.toString()) === undefined, { message: 'the hostile digest to leave the index' });
    }
  });

  test('a malformed digest reports its problems with line numbers', async () => {
    const uri = workspaceUri('broken-digest.txt');
    await writeText(uri, 'Daily Papers\n\nNov 7\n\n  • many authors\n·\nNov 7 3\n\nA Real Title About Models\n\nAn abstract that says something about models and data.\n\n  • 3 authors\n·\nNov 7\n');
    const broken = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(broken);
    const problems = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(uri);
      return found.length > 0 ? found : undefined;
    }, { message: 'diagnostics for broken-digest.txt' });
    assert.ok(problems.every((d) => d.source === 'Paper Digest'));
    assert.ok(problems.some((d) => d.range.start.line >= 4 && d.range.start.line <= 6), problems.map((d) => `${d.range.start.line}: ${d.message}`).join('\n'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });
});

suite('workspace index', () => {
  test('the same paper in two digests is one paper that knows both, and new papers are marked', async () => {
    const { index } = await indexedServices();
    const uri = workspaceUri('2099-01-01-repeat.txt');
    // Dated after every other digest, holding one seed paper (reformatted) and one paper of its own.
    await writeText(uri, 'Daily Papers\n\nJan 1\n\nMAMBA: linear-time sequence modeling with selective state spaces\n\nFoundation models, re-posted\nwith a hard-wrapped abstract.\n\n  • 2 authors\n·\nDec 1, 2023 40\n\nA Paper Nobody Has Seen Before\n\nIt is only in this digest.\n\n  • 3 authors\n·\nJan 1\n');
    try {
      const repeated = await waitFor(() => {
        const entry = index.papers().find((p) => p.paper.title.startsWith('MAMBA'));
        return entry && entry.occurrences.length === 2 ? entry : undefined;
      }, { message: 'the repeated paper to know both digests' });
      assert.equal(repeated.id, index.papers().find((p) => p.occurrences.some((o) => o.title === MAMBA))?.id);
      assert.deepEqual(new Set(repeated.occurrences.map((p) => p.source.uri)).size, 2);
      assert.equal(repeated.occurrences[0].source.uri, uri.toString(), 'the newest digest comes first');
      assert.equal(repeated.isNew, false, 'a paper seen in an older digest is not new');
      assert.equal(index.digests()[0].digest.uri, uri.toString());
      const fresh = index.papers().find((p) => p.paper.title === 'A Paper Nobody Has Seen Before');
      assert.equal(fresh?.isNew, true);
      assert.ok(index.papers().filter((p) => p.isNew).every((p) => p.occurrences.every((o) => o.source.uri === uri.toString())));
    } finally {
      await vscode.workspace.fs.delete(uri);
      await waitFor(() => index.digest(uri.toString()) === undefined, { message: 'the repeat digest to leave the index' });
    }
  });

  test('follows files being added, changed and deleted', async () => {
    const { index } = await indexedServices();
    const uri = workspaceUri('added-digest.txt');
    const before = index.digests().length;
    await writeText(uri, 'Daily Papers\n\nNov 20\n\nA Freshly Added Paper On Sparse Attention\n\nWe study sparse attention in long-context models and show it works.\n\n  • 4 authors\n·\nNov 20 5\n');
    await waitFor(() => index.digest(uri.toString())?.digest.papers.length === 1, { message: 'the added digest in the index' });
    assert.equal(index.digests().length, before + 1);

    await writeText(uri, 'Daily Papers\n\nNov 20\n\nA Freshly Added Paper On Sparse Attention\n\nWe study sparse attention.\n\n  • 4 authors\n·\nNov 20 5\n\nA Second Paper Appears\n\nIt has an abstract too, about retrieval.\n\n  • 2 authors\n·\nNov 19\n');
    await waitFor(() => index.digest(uri.toString())?.digest.papers.length === 2, { message: 'the changed digest in the index' });
    assert.ok(index.papers().some((p) => p.paper.title === 'A Second Paper Appears'));

    await vscode.workspace.fs.delete(uri);
    await waitFor(() => index.digest(uri.toString()) === undefined, { message: 'the deleted digest to leave the index' });
    assert.equal(index.digests().length, before);
    assert.ok(!index.papers().some((p) => p.paper.title === 'A Second Paper Appears'));
  });

  test('a digest deleted right after it was read, which the file watcher reports neither created nor deleted, leaves the index', async () => {
    const { index } = await indexedServices();
    const uri = workspaceUri('short-lived-digest.txt');
    // VS Code's watcher folds a creation and a deletion in one batch of events into none. A
    // listing under way, or a fetch, reads such a file in between: no event tells it is gone.
    await writeText(uri, 'Daily Papers\n\nNov 22\n\nA Paper Whose Digest Lives For A Moment\n\nIts file is deleted as soon as it was read.\n\n  • 2 authors\n·\nNov 22 3\n');
    await index.refresh(uri);
    assert.ok(index.digest(uri.toString()), 'the digest was read');
    await vscode.workspace.fs.delete(uri);
    await waitFor(() => index.digest(uri.toString()) === undefined, { message: 'the short-lived digest to leave the index' });
  });

  test('a folder of digests moved into the workspace, which the file watcher reports as the folder alone, is indexed', async () => {
    const { index } = await indexedServices();
    const root = workspaceFolder().uri.fsPath;
    // Made beside the workspace folder, on the same file system, so that the rename is one step.
    const outside = mkdtempSync(join(dirname(root), 'moved-in-'));
    const made = join(outside, 'moved-digests');
    mkdirSync(made);
    const day = (n: number): string => `Daily Papers\n\nNov ${n}\n\nA Paper Of A Folder Moved In, Number ${n}\n\nIts digest arrives inside a folder moved into the workspace.\n\n  • 2 authors\n·\nNov ${n} 3\n`;
    writeFileSync(join(made, 'moved-1.txt'), day(1));
    writeFileSync(join(made, 'moved-2.txt'), day(2));
    const target = join(root, 'moved-digests');
    try {
      renameSync(made, target);
      const keys = ['moved-1.txt', 'moved-2.txt'].map((name) => workspaceUri('moved-digests', name).toString());
      await waitFor(() => keys.every((key) => index.digest(key)), { message: 'the digests of the moved folder in the index' });
      assert.equal(index.papers().filter((p) => p.paper.title.startsWith('A Paper Of A Folder Moved In')).length, 2);
    } finally {
      rmSync(target, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
    await waitFor(() => !index.papers().some((p) => p.paper.title.startsWith('A Paper Of A Folder Moved In')), { message: 'the moved folder\'s papers to leave once it is deleted' });
  });

  test('a digest deleted while shown in an editor leaves the library when its tab closes', async () => {
    const { index } = await indexedServices();
    const uri = workspaceUri('deleted-while-open.txt');
    await writeText(uri, 'Daily Papers\n\nNov 21\n\nA Paper Whose Digest Is Deleted While Open\n\nIts digest is shown in an editor when the file goes.\n\n  • 2 authors\n·\nNov 21 3\n');
    await waitFor(() => index.digest(uri.toString()), { message: 'the digest in the index' });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.workspace.fs.delete(uri);
    // Closing the tab lets it go at once, though VS Code keeps the closed document in
    // workspace.textDocuments for minutes.
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor(() => index.digest(uri.toString()) === undefined, { message: 'the deleted digest to leave the index once its tab closed' });
  });

  test('unsaved edits of an open digest update the index', async () => {
    const { index } = await indexedServices();
    const doc = await openDigest(FIRST);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.replace(new vscode.Range(12, 0, 12, doc.lineAt(12).text.length), 'An Edited Title That Is Not Saved'));
    await waitFor(() => index.papers().some((p) => p.paper.title === 'An Edited Title That Is Not Saved'), { message: 'the unsaved title in the index' });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(() => index.papers().some((p) => p.paper.title.startsWith('Boundary-Guided Policy Optimization')), { message: 'the reverted title back in the index' });
  });
});

suite('search', () => {
  test('"mamba" finds the Mamba paper first among its peers', async () => {
    const { search, index } = await indexedServices();
    const ids = await search.matchingIds('mamba', 3);
    assert.ok(ids.map((id) => index.paper(id)?.paper.title).includes(MAMBA), ids.join(', '));
  });

  test('typos and prefixes still find papers', async () => {
    const { search, index } = await indexedServices();
    const titles = async (q: string) => (await search.matchingIds(q, 5)).map((id) => index.paper(id)?.paper.title);
    assert.ok((await titles('mamb')).includes(MAMBA));
    assert.ok((await titles('mambaa')).includes(MAMBA));
  });

  test('filters narrow results', async () => {
    const { search, index } = await indexedServices();
    const many = (await search.matchingIds('upvotes>5', 100)).map((id) => index.paper(id)!.paper);
    assert.ok(many.length > 0);
    assert.ok(many.every((p) => (p.upvotes ?? 0) > 5));
    const digestNov6 = new Set(await search.matchingIds('digest:"Nov 6"', 1000));
    const expected = index.papers().filter((p) => p.occurrences.some((o) => index.digest(o.source.uri)?.digest.digestDate === 'Nov 6'));
    assert.ok(expected.length >= 6);
    assert.deepEqual(digestNov6, new Set(expected.map((p) => p.id)));
    const authors = (await search.matchingIds('authors>7 diffusion', 100)).map((id) => index.paper(id)!.paper);
    assert.ok(authors.every((p) => (p.authorCount ?? 0) > 7));
    const { store } = await indexedServices();
    const read = index.papers().filter((p) => store.get(p.id)?.status === 'read').map((p) => p.id);
    assert.deepEqual(new Set(await search.matchingIds('status:read', 1000)), new Set(read));
    assert.equal((await search.matchingIds('status:unread', 1000)).length, index.papers().filter((p) => (store.get(p.id)?.status ?? 'unread') === 'unread').length);
  });
});
