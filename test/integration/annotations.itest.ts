import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { paperId } from '../../src/core';
import { applyEdit, block, open, select, shownIn, waitForWords, type AnnotationTestApi } from './annotation-helpers';
import { api, readText, readyApi, waitFor, workspaceUri, writeText } from './helpers';

const SEED = '000_9ccde1c60d8efdfe.txt';
const GAUSSIAN = 'Representing Long Volumetric Video with Temporal Gaussian Hierarchy';
const EDGE = 'Edge-MoE: Memory-Efficient Multi-Task Vision Transformer Architecture with Task-level Sparsity via Mixture-of-Experts';
const GAUSSIAN_ID = paperId(GAUSSIAN);
const FIRST_FILE = 'annotations-first.txt';
const SECOND_FILE = 'annotations-second.txt';
const MARKDOWN_FILE = 'annotations-digest.md';
const REDOWNLOADED_FILE = 'annotations-redownloaded.txt';
const WORDS = 'compactly model long volumetric videos';
const SHORT = 'Gaussian primitives';
const SHORT_CONTEXT = 'adaptively shares Gaussian primitives to represent';
const NEW_WORDS = 'dynamic view synthesis methods';

type Api = AnnotationTestApi;

function notesFile(): vscode.Uri {
  return workspaceUri('.papers', 'notes', `${GAUSSIAN_ID}.md`);
}

suite('inline annotations', () => {
  let a: Api;
  let seed: string;
  let firstAnnotation: string;
  let shortAnnotation: string;

  suiteSetup(async () => {
    await readyApi();
    a = (await api()) as unknown as Api;
    await a.services.store.ready();
    seed = (await readText(workspaceUri(SEED))).replace(/\r\n/g, '\n');
    await writeText(workspaceUri(FIRST_FILE), `Nov 6\n\n${block(seed, GAUSSIAN)}\n\n${block(seed, EDGE)}\n`);
  });

  // Leave the workspace as the other suites expect it: no extra digests, no annotations on a seed paper.
  suiteTeardown(async () => {
    // Unsaved edits are dropped first, so closing asks nothing.
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.path.includes('/annotations-'))) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [id, title] of [[GAUSSIAN_ID, GAUSSIAN], [paperId(EDGE), EDGE]]) {
      await a?.services.store.update(id, title, (note) => {
        note.annotations = [];
      });
    }
    for (const name of [FIRST_FILE, SECOND_FILE, MARKDOWN_FILE, REDOWNLOADED_FILE]) {
      const uri = workspaceUri(name);
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
      // Re-read now rather than wait for the file watcher (the index keeps a file while VS Code keeps its document).
      await a?.services.index.refresh(uri);
    }
  });

  test('Annotate Selection saves the annotation and shows a thread and a highlight over exactly the words', async () => {
    const editor = await open(FIRST_FILE);
    select(editor, WORDS);
    const body = 'Is this **measured**?\n<img src=x onerror=alert(1)> and a second line';
    const id = await vscode.commands.executeCommand<string | undefined>('paperReader.annotation.add', { body, tag: 'green' });
    assert.equal(typeof id, 'string', 'the command returns the new annotation id');
    firstAnnotation = id!;

    const range = await waitForWords(a, editor.document, firstAnnotation, WORDS);
    assert.ok(a.annotations.highlights(editor.document.uri).get('green')!.some((r) => r.isEqual(range)), 'highlighted in green');
    const thread = shownIn(a, editor.document.uri, firstAnnotation)!.thread!;
    const comment = thread.comments[0];
    assert.equal(typeof comment.body === 'string' ? comment.body : comment.body.value, body);
    assert.equal(thread.canReply, true);

    // Hovering the words shows the comment as text: the markup in it is escaped, never rendered as HTML.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, range.start.translate(0, 3));
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /measured/);
    assert.ok(!hoverText.includes('**measured**'), hoverText);
    // Its lines stay lines (a hard line break), and its spaces spaces, so it wraps between words.
    assert.match(hoverText, /measured\\\*\\\*\\\?\\\n\\<img/);
    assert.ok(!hoverText.includes('&nbsp;'), hoverText);
    const markdown = hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => typeof c !== 'string' && 'isTrusted' in c);
    assert.ok(markdown.length > 0 && markdown.every((c) => c.supportHtml !== true && c.isTrusted !== true), 'HTML in a comment is never rendered');

    const stored = a.services.store.get(GAUSSIAN_ID)!.annotations.find((x) => x.id === firstAnnotation)!;
    assert.deepEqual({ field: stored.anchor.field, exact: stored.anchor.exact, tag: stored.tag, body: stored.body }, { field: 'abstract', exact: WORDS, tag: 'green', body });
    const file = await waitFor(async () => {
      const text = await readText(notesFile()).catch(() => '');
      return text.includes(firstAnnotation) ? text : undefined;
    }, { message: 'the notes file to hold the annotation' });
    assert.match(file, /exact: compactly model long volumetric videos/);
    assert.match(file, /field: abstract/);
  });

  test('a selection outside a title or abstract is refused and nothing is saved', async () => {
    const editor = await open(FIRST_FILE);
    select(editor, '7 authors');
    const before = a.services.store.get(GAUSSIAN_ID)!.annotations.length;
    const id = await vscode.commands.executeCommand<string | undefined>('paperReader.annotation.add', { body: 'nope' });
    assert.equal(id, undefined);
    // A selection running from the title into the abstract is refused too.
    const doc = editor.document;
    const title = doc.getText().indexOf(GAUSSIAN);
    const abstract = doc.getText().indexOf('This paper aims');
    editor.selection = new vscode.Selection(doc.positionAt(title + 5), doc.positionAt(abstract + 10));
    assert.equal(await vscode.commands.executeCommand('paperReader.annotation.add', { body: 'nope' }), undefined);
    assert.equal(a.services.store.get(GAUSSIAN_ID)!.annotations.length, before);
  });

  test('editing the digest above the paper keeps the highlight on the same words; the moved anchor is written on save', async () => {
    const editor = await open(FIRST_FILE);
    const doc = editor.document;
    const before = await waitForWords(a, doc, firstAnnotation, WORDS);
    const storedStart = a.services.store.get(GAUSSIAN_ID)!.annotations.find((x) => x.id === firstAnnotation)!.anchor.start;

    // A new paper above, and words added to the abstract before the quote.
    await applyEdit(doc, (edit) => {
      edit.insert(doc.uri, new vscode.Position(2, 0), 'An Inserted Paper About Something Else\n\nIts abstract pushes every line of the digest down by four.\n\n');
      const aims = doc.getText().indexOf('This paper aims');
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(aims), doc.positionAt(aims + 'This paper aims'.length)), 'This new paper clearly aims');
    });
    const after = await waitFor(() => {
      const shown = shownIn(a, doc.uri, firstAnnotation);
      return shown?.range && shown.range.start.line === before.start.line + 4 ? shown.range : undefined;
    }, { message: 'the highlight to follow the words down' });
    assert.equal(doc.getText(after), WORDS);
    await waitForWords(a, doc, firstAnnotation, WORDS);

    // Not written while typing...
    const unsaved = a.services.store.get(GAUSSIAN_ID)!.annotations.find((x) => x.id === firstAnnotation)!;
    assert.equal(unsaved.anchor.start, storedStart);
    // ...but on save, with the new offset.
    await doc.save();
    const moved = await waitFor(() => {
      const stored = a.services.store.get(GAUSSIAN_ID)!.annotations.find((x) => x.id === firstAnnotation)!;
      return stored.anchor.start !== storedStart ? stored : undefined;
    }, { message: 'the moved anchor to be stored' });
    // "This paper aims" became "This new paper clearly aims": 12 more characters before the words.
    assert.equal(moved.anchor.start, storedStart + 12);
    assert.equal(moved.anchor.exact, WORDS);
    assert.equal(moved.anchor.prefix, 'Temporal Gaussian Hierarchy, to ');
    const file = await waitFor(async () => {
      const text = await readText(notesFile());
      return text.includes(`start: ${moved.anchor.start}`) ? text : undefined;
    }, { message: 'the notes file to hold the new offset' });
    assert.match(file, /exact: compactly model long volumetric videos/);
  });

  test('deleting the quoted words orphans the annotation: no thread or highlight on other text', async () => {
    const editor = await open(FIRST_FILE);
    const doc = editor.document;
    // A short quote with lookalikes in the same abstract ("4D Gaussian primitives", "number of Gaussian primitives", ...).
    select(editor, SHORT, SHORT_CONTEXT);
    shortAnnotation = (await vscode.commands.executeCommand<string>('paperReader.annotation.add', { body: 'which primitives?' }))!;
    assert.ok(shortAnnotation);
    const shortRange = await waitForWords(a, doc, shortAnnotation, SHORT);
    assert.equal(doc.getText(new vscode.Range(shortRange.start.translate(0, -'adaptively shares '.length), shortRange.end)), 'adaptively shares Gaussian primitives');

    await applyEdit(doc, (edit) => {
      const text = doc.getText();
      for (const gone of [WORDS, 'and adaptively shares Gaussian primitives to represent unchanged scene content over different temporal segments']) {
        const at = text.indexOf(gone);
        assert.ok(at >= 0, gone);
        edit.delete(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + gone.length)));
      }
    });
    for (const id of [firstAnnotation, shortAnnotation]) {
      const orphan = await waitFor(() => {
        const shown = shownIn(a, doc.uri, id);
        return shown?.orphaned ? shown : undefined;
      }, { message: `annotation ${id} to be orphaned` }).catch((error: Error) => {
        const shown = shownIn(a, doc.uri, id);
        const where = shown?.range ? JSON.stringify(doc.getText(shown.range)) : 'nowhere';
        throw new Error(`${error.message}; ${id === firstAnnotation ? 'long' : 'short'} quote shown at ${where}, document version ${doc.version}, language ${doc.languageId}`);
      });
      assert.equal(orphan.range, undefined);
      assert.equal(orphan.thread, undefined);
    }
    const ids = a.annotations.threads(doc.uri).map((thread) => thread.comments.map((c) => (typeof c.body === 'string' ? c.body : c.body.value)).join());
    assert.deepEqual(ids, [], 'no thread anywhere in the digest');
    assert.deepEqual([...a.annotations.highlights(doc.uri).values()].flat(), [], 'no highlight anywhere in the digest');
    const orphans = a.annotations.orphans().filter((o) => o.digestUri === doc.uri.toString()).map((o) => o.annotation.id).sort();
    assert.deepEqual(orphans, [firstAnnotation, shortAnnotation].sort());
    // The notes keep both annotations: an orphan is never deleted on its own.
    assert.equal(a.services.store.get(GAUSSIAN_ID)!.annotations.length, 2);
  });

  test('an orphan is re-attached to newly selected words', async () => {
    const editor = await open(FIRST_FILE);
    // With an annotation named, as the orphan list does.
    select(editor, 'view synthesis');
    const done = await vscode.commands.executeCommand<boolean>('paperReader.annotation.reattach', { paperId: GAUSSIAN_ID, annotationId: shortAnnotation });
    assert.equal(done, true);
    await waitForWords(a, editor.document, shortAnnotation, 'view synthesis');
    assert.ok(shownIn(a, editor.document.uri, firstAnnotation)?.orphaned, 'the other one stays an orphan');
    // Delete it, as the orphan list's button does.
    assert.equal(await vscode.commands.executeCommand('paperReader.annotation.delete', { paperId: GAUSSIAN_ID, annotationId: shortAnnotation }), true);
    await waitFor(() => shownIn(a, editor.document.uri, shortAnnotation) === undefined, { message: 'the deleted annotation to go' });

    // With nothing named, as from the editor's context menu: the paper's one orphan.
    select(editor, NEW_WORDS);
    assert.equal(await vscode.commands.executeCommand<boolean>('paperReader.annotation.reattach'), true);
    await waitForWords(a, editor.document, firstAnnotation, NEW_WORDS);
    const stored = a.services.store.get(GAUSSIAN_ID)!.annotations;
    assert.deepEqual(stored.map((x) => [x.id, x.anchor.exact]), [[firstAnnotation, NEW_WORDS]]);
  });

  test("from a paper's CodeLens with nothing selected in it, the paper's title is annotated", async () => {
    const editor = await open(FIRST_FILE);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const id = await vscode.commands.executeCommand<string>('paperReader.annotation.add', { paperId: paperId(EDGE), body: 'FPGA paper' });
    assert.ok(id);
    await waitForWords(a, editor.document, id, EDGE);
    assert.equal(a.services.store.get(paperId(EDGE))!.annotations[0].anchor.field, 'title');
  });

  test('the same paper in a second digest shows the annotation, and reveal selects its words there', async () => {
    const other = 'A Made-Up Paper About Anchoring Notes\n\nThis abstract exists so that the shared paper is not the first one in the file.\n\n  • 2 authors\n·\nNov 7';
    await writeText(workspaceUri(SECOND_FILE), `Nov 7\n\n${other}\n\n${block(seed, GAUSSIAN)}\n`);
    const editor = await open(SECOND_FILE);
    const range = await waitForWords(a, editor.document, firstAnnotation, NEW_WORDS);
    assert.ok(range.start.line > 6, 'on the paper further down in this file');

    editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.equal(await vscode.commands.executeCommand('paperReader.annotation.reveal', GAUSSIAN_ID, firstAnnotation), true);
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.uri.toString(), editor.document.uri.toString());
    assert.equal(active.document.getText(active.selection), NEW_WORDS);
  });

  test('a Markdown digest holding the paper shows the annotation on the same words despite markup', async () => {
    const abstract = block(seed, GAUSSIAN).split('\n')[2].replace('dynamic view synthesis', '*dynamic* view\nsynthesis');
    await writeText(workspaceUri(MARKDOWN_FILE), `# Papers — Nov 8\n\n## [${GAUSSIAN}](https://example.org/paper)\n\n7 authors · Dec 12, 2024\n\n${abstract}\n`);
    const editor = await open(MARKDOWN_FILE);
    // The highlight starts on the word, after the emphasis mark, and runs over the line break.
    const range = await waitForWords(a, editor.document, firstAnnotation, 'dynamic* view\nsynthesis methods');
    assert.equal(range.start.character, editor.document.lineAt(range.start.line).text.indexOf('*dynamic*') + 1);
  });

  test('a re-downloaded digest whose quote changed slightly re-attaches approximately and stores the new quote at once', async () => {
    const changed = block(seed, GAUSSIAN).replace('dynamic view synthesis methods', 'dynamic view-synthesis methods');
    await writeText(workspaceUri(REDOWNLOADED_FILE), `Nov 9\n\n${changed}\n`);
    const editor = await open(REDOWNLOADED_FILE);
    await waitForWords(a, editor.document, firstAnnotation, 'dynamic view-synthesis methods');
    assert.equal(editor.document.isDirty, false);
    // No unsaved edits to wait for: the fuzzy match is written straight away.
    const stored = await waitFor(() => {
      const annotation = a.services.store.get(GAUSSIAN_ID)!.annotations.find((x) => x.id === firstAnnotation)!;
      return annotation.anchor.exact === 'dynamic view-synthesis methods' ? annotation : undefined;
    }, { message: 'the new quote to be stored' });
    assert.equal(stored.body, 'Is this **measured**?\n<img src=x onerror=alert(1)> and a second line');

    // The second digest, open and saved, still has the old wording: it shows the annotation
    // there but does not write its wording back (the two would rewrite the anchor in turn).
    const second = vscode.workspace.textDocuments.find((d) => d.uri.toString() === workspaceUri(SECOND_FILE).toString())!;
    assert.equal(second.isDirty, false);
    await a.services.store.update(GAUSSIAN_ID, GAUSSIAN, (note) => {
      note.annotations.find((x) => x.id === firstAnnotation)!.replies = [{ body: 'a reply', created: '2026-01-01T00:00:00.000Z' }];
    });
    await waitFor(() => shownIn(a, second.uri, firstAnnotation)?.thread?.comments.length === 2, { message: 'the second digest to show the reply' });
    await waitForWords(a, second, firstAnnotation, NEW_WORDS);
    const after = a.services.store.get(GAUSSIAN_ID)!.annotations.find((x) => x.id === firstAnnotation)!;
    assert.equal(after.anchor.exact, 'dynamic view-synthesis methods');
  });
});
