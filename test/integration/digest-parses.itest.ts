import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { paperId } from '../../src/core';
import { block, open, replaceText, revertDocuments, select, shownIn, waitForWords, type AnnotationTestApi } from './annotation-helpers';
import { api, readText, readyApi, waitFor, workspaceUri, writeText } from './helpers';

const SEED = '000_9ccde1c60d8efdfe.txt';
const TEXT_FILE = 'parses-digest.txt';
const MARKDOWN_FILE = 'parses-digest.md';
const LONGMAMBA = "LongMamba: Enhancing Mamba's Long Context Capabilities via Training-Free Receptive Field Enlargement";
const XLSTM = 'xLSTM 7B: A Recurrent LLM for Fast and Efficient Inference';
const WORDS = 'a training-free technique';

/** Asks every provider the editor has for a digest, and checks each answered from the digest. */
async function exercise(doc: vscode.TextDocument, annotated: vscode.Range): Promise<void> {
  // Papers are classes in the outline (Markdown's own headings are there too).
  const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri))
    .filter((s) => s.kind === vscode.SymbolKind.Class);
  assert.deepEqual(symbols.map((s) => s.name), [LONGMAMBA, XLSTM], `the outline of ${doc.fileName}`);
  const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
  assert.ok(folds.length >= 2, `folding ranges in ${doc.fileName}`);
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
  assert.ok(lenses.some((lens) => lens.command?.command === 'paperReader.annotation.add'), `CodeLenses in ${doc.fileName}`);
  const titleLine = symbols[0].selectionRange.start;
  const cardHover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, titleLine.translate(0, 2));
  assert.ok(hoverText(cardHover).includes('Open card'), `the paper hover in ${doc.fileName}`);
  const noteHover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, annotated.start.translate(0, 2));
  // The comment is shown as text (white space escaped), so one word of it is looked for.
  assert.match(hoverText(noteHover), /Zyzzyva/, `the annotation hover in ${doc.fileName}`);
  if (doc.languageId === 'paper-digest') {
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', doc.uri);
    assert.ok(tokens && tokens.data.length > 0, `semantic tokens in ${doc.fileName}`);
  }
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

suite('one parse of each open digest per version', () => {
  let a: AnnotationTestApi;
  let annotationId: string;

  suiteSetup(async () => {
    await readyApi();
    a = (await api()) as unknown as AnnotationTestApi;
    await a.services.store.ready();
    const seed = (await readText(workspaceUri(SEED))).replace(/\r\n/g, '\n');
    await writeText(workspaceUri(TEXT_FILE), `Nov 6\n\n${block(seed, LONGMAMBA)}\n\n${block(seed, XLSTM)}\n`);
    const abstractOf = (title: string) => block(seed, title).split('\n')[2];
    await writeText(workspaceUri(MARKDOWN_FILE), [
      '# Papers — Nov 7', '',
      `## [${LONGMAMBA}](https://example.org/longmamba)`, '', '10 authors · Apr 22', '', abstractOf(LONGMAMBA), '',
      `## [${XLSTM}](https://example.org/xlstm)`, '', '8 authors · Mar 17', '', abstractOf(XLSTM), '',
    ].join('\n'));
  });

  suiteTeardown(async () => {
    await revertDocuments('/parses-digest');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await a?.services.store.update(paperId(LONGMAMBA), LONGMAMBA, (note) => {
      note.annotations = [];
    });
    for (const name of [TEXT_FILE, MARKDOWN_FILE]) {
      const uri = workspaceUri(name);
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
      await a?.services.index.refresh(uri);
    }
  });

  test('the outline, folding, CodeLens, hovers, semantic tokens and annotations share one parse of each version', async () => {
    const atStart = a.services.documents.parses;
    const textEditor = await open(TEXT_FILE);
    // A plain-text digest is recognised and given its language (which reopens the document).
    const text = await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.toString() === textEditor.document.uri.toString() && d.languageId === 'paper-digest'), { message: 'the digest language' });
    const editor = await vscode.window.showTextDocument(text, { preview: false });
    select(editor, WORDS);
    annotationId = (await vscode.commands.executeCommand<string>('paperReader.annotation.add', { body: 'Zyzzyva?' }))!;
    assert.ok(annotationId, 'the annotation was saved');
    await exercise(text, await waitForWords(a, text, annotationId, WORDS));
    assert.equal(a.services.documents.parses - atStart, 1, 'the text digest parsed once, though its language changed');
    const markdown = (await open(MARKDOWN_FILE, vscode.ViewColumn.Two)).document;
    assert.equal(markdown.languageId, 'markdown');
    const docs = [text, markdown];
    const ranges = new Map<vscode.TextDocument, vscode.Range>();
    for (const doc of docs) ranges.set(doc, await waitForWords(a, doc, annotationId, WORDS));

    for (const doc of docs) await exercise(doc, ranges.get(doc)!);
    const versions = () => docs.reduce((sum, doc) => sum + doc.version, 0);
    const parsesBefore = a.services.documents.parses;
    const versionsBefore = versions();
    // Asking again about versions already parsed parses nothing.
    for (const doc of docs) await exercise(doc, ranges.get(doc)!);
    assert.equal(a.services.documents.parses, parsesBefore, 'no parse for versions already parsed');

    // Each edit makes a version, which every provider and the annotations ask about.
    for (let round = 1; round <= 3; round++) {
      for (const doc of docs) {
        // Words typed before the quote: it moves along the line.
        await replaceText(doc, WORDS, `very ${WORDS}`);
        const moved = await waitFor(() => {
          const range = shownIn(a, doc.uri, annotationId)?.range;
          return range && !range.isEqual(ranges.get(doc)!) && doc.getText(range) === WORDS ? range : undefined;
        }, { message: `the annotation placed again in ${doc.fileName}` });
        ranges.set(doc, moved);
        await exercise(doc, moved);
      }
    }
    const parsed = a.services.documents.parses - parsesBefore;
    assert.equal(versions() - versionsBefore, 6, 'six edits, six versions');
    assert.equal(parsed, 6, `each new version parsed once (${parsed} parses for 6 versions)`);
  });

  test('a large Markdown digest is parsed a section at a time, and an edit re-reads only its section at once', async () => {
    const name = 'parses-large-digest.md';
    const titles = Array.from({ length: 400 }, (_, i) => `Large Digest Paper ${i + 1}: Sliced Parsing of Long Markdown Files`);
    const abstract = 'We read long Markdown digests in pieces so that the editor stays responsive while they are parsed. '.repeat(18);
    await writeText(workspaceUri(name), ['# Papers — Nov 8', '', ...titles.flatMap((t, i) => [`## ${t}`, '', `${(i % 7) + 2} authors · Nov 7 · ▲ ${i}`, '', abstract, ''])].join('\n'));
    try {
      const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
      assert.ok(doc.getText().length > 700_000, String(doc.getText().length));
      // Too large to parse at once: the first answer waits for the slices.
      assert.equal(a.services.documents.get(doc), undefined, 'parsed in one go on opening');
      const parsed = new Promise<void>((resolve) => {
        const listener = a.services.documents.onDidParse((d) => {
          if (d === doc) resolve(listener.dispose());
        });
      });
      const digest = await a.services.documents.parsed(doc);
      assert.deepEqual(digest?.papers.map((p) => p.title), titles);
      await parsed;
      await vscode.window.showTextDocument(doc);
      const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)).filter((sym) => sym.kind === vscode.SymbolKind.Class);
      assert.equal(symbols.length, 400);

      // An edit in one paper: the new version is there at once, from one section read again.
      const line = doc.getText().split('\n').indexOf(`## ${titles[200]}`);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(line, 3), 'Edited ');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const now = a.services.documents.get(doc);
      assert.equal(now?.papers[200].title, `Edited ${titles[200]}`);
      assert.equal(now?.papers.length, 400);
    } finally {
      await revertDocuments('/parses-large-digest');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(workspaceUri(name)).then(undefined, () => undefined);
      await a.services.index.refresh(workspaceUri(name));
    }
  });
});
