import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { paperId } from '../../src/core';
import type { Services } from '../../src/services';
import { makeReadOnly, readyServices, waitFor, workspaceUri } from './helpers';

const MARKOV = 'The Markovian Thinker';
const XLSTM = 'xLSTM 7B: A Recurrent LLM for Fast and Efficient Inference';
const LONGMAMBA = "LongMamba: Enhancing Mamba's Long Context Capabilities via Training-Free Receptive Field Enlargement";
const BGPO = 'Boundary-Guided Policy Optimization for Memory-efficient RL of Diffusion Large Language Models';

function notePath(id: string): string {
  return workspaceUri('.papers', 'notes', `${id}.md`).fsPath;
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Suites before this one may have kept notes on a paper: a test that needs none deletes them first. */
async function withoutNotes(s: Services, id: string): Promise<void> {
  if (!existsSync(notePath(id))) return;
  rmSync(notePath(id));
  await waitFor(() => {
    const note = s.store.get(id);
    return !note || (!note.starred && note.tags.length === 0 && note.status === 'unread' && note.body === '') || undefined;
  }, { message: 'the deleted notes forgotten' });
}

suite('notes store', () => {
  let s: Services;
  suiteSetup(async () => {
    s = await readyServices();
  });

  test('commands write the notes file with the expected frontmatter', async () => {
    const id = paperId(MARKOV);
    await withoutNotes(s, id);
    await vscode.commands.executeCommand('paperReader.star.toggle', id);
    await vscode.commands.executeCommand('paperReader.status.set', id, 'reading');
    await vscode.commands.executeCommand('paperReader.tag.add', { id }, 'rl');
    const text = await waitFor(() => {
      const t = readIfExists(notePath(id));
      return t?.includes('tags:') ? t : undefined;
    }, { message: 'the notes file with tags' });
    assert.equal(text, `---\ntitle: ${MARKOV}\nstatus: reading\nstarred: true\ntags:\n  - rl\n---\n`);
    assert.deepEqual({ ...s.store.get(id), body: undefined }, { id, title: MARKOV, status: 'reading', starred: true, tags: ['rl'], links: [], annotations: [], body: undefined });
    // No temporary file is left beside it.
    const names = (await vscode.workspace.fs.readDirectory(workspaceUri('.papers', 'notes'))).map(([n]) => n);
    assert.deepEqual(names.filter((n) => n.endsWith('.tmp')), []);
  });

  test('an edit made on disk reaches the model through the watcher', async () => {
    const id = paperId(XLSTM);
    mkdirSync(workspaceUri('.papers', 'notes').fsPath, { recursive: true });
    writeFileSync(notePath(id), `---\ntitle: "${XLSTM}"\nstatus: read\ntags: [inference, lstm]\n---\n\nWritten by hand.\n`);
    const note = await waitFor(() => (s.store.get(id)?.status === 'read' ? s.store.get(id) : undefined), { timeout: 30_000, message: 'the hand edit in the store' });
    assert.deepEqual(note?.tags, ['inference', 'lstm']);
    assert.equal(note?.body, 'Written by hand.');
  });

  test('a write over a file changed on disk since it was read merges both edits', async () => {
    const id = paperId(LONGMAMBA);
    await s.store.update(id, LONGMAMBA, (n) => {
      n.tags = ['base'];
      n.body = 'line one\nline two\nline three';
    });
    const path = notePath(id);
    assert.match(readFileSync(path, 'utf8'), /line three/);
    // Another writer (git, a second window) changes the file; before the watcher reports it,
    // this window saves its own edit made from the old copy.
    writeFileSync(path, readFileSync(path, 'utf8').replace('line one', 'line one, edited on disk').replace('  - base', '  - base\n  - theirs'));
    await s.store.update(id, LONGMAMBA, (n) => {
      n.tags.push('mine');
      n.body = n.body.replace('line three', 'line three, edited here');
    });
    const text = readFileSync(path, 'utf8');
    assert.match(text, /line one, edited on disk/);
    assert.match(text, /line three, edited here/);
    for (const tag of ['base', 'theirs', 'mine']) assert.match(text, new RegExp(`- ${tag}\\n`), `tag ${tag} kept`);
    assert.deepEqual([...(s.store.get(id)?.tags ?? [])].sort(), ['base', 'mine', 'theirs']);
  });

  test('conflicting edits of the same lines keep both versions in the file', async () => {
    const id = paperId('Representing Long Volumetric Video with Temporal Gaussian Hierarchy');
    const title = 'Representing Long Volumetric Video';
    await s.store.update(id, title, (n) => {
      n.body = 'first\nshared line\nlast';
    });
    const path = notePath(id);
    writeFileSync(path, readFileSync(path, 'utf8').replace('shared line', 'shared line as changed on disk'));
    await s.store.update(id, title, (n) => {
      n.body = n.body.replace('shared line', 'shared line as changed here');
    });
    const text = readFileSync(path, 'utf8');
    assert.match(text, /shared line as changed on disk/);
    assert.match(text, /shared line as changed here/);
    assert.match(text, /^first$/m);
    assert.match(text, /^last$/m);
  });

  test('a folder that cannot be written reports an error, keeps the edit and saves it once writable', async () => {
    const id = paperId(BGPO);
    await withoutNotes(s, id);
    const dir = workspaceUri('.papers', 'notes').fsPath;
    mkdirSync(dir, { recursive: true });
    let undo = makeReadOnly(dir);
    let blocker: string | undefined;
    if (!undo) {
      // No way to make a folder read-only here: block the folder with a file instead.
      blocker = `${dir}.moved`;
      renameSync(dir, blocker);
      writeFileSync(dir, 'not a folder');
      undo = () => {
        rmSync(dir);
        renameSync(blocker!, dir);
      };
    }
    try {
      await s.store.update(id, BGPO, (n) => {
        n.body = 'kept while the folder is read-only';
      });
      assert.equal(readIfExists(notePath(id)), undefined, 'nothing written');
      assert.equal(s.store.get(id)?.body, 'kept while the folder is read-only', 'the edit stays in memory');
      assert.match(s.store.problem(id) ?? '', /Could not save the notes .*\.papers\/notes\/.*kept/s);
    } finally {
      undo();
    }
    // The retry timer writes it without any further action from the reader.
    const text = await waitFor(() => readIfExists(notePath(id)), { timeout: 20_000, message: 'the retried write' });
    assert.match(text, /kept while the folder is read-only/);
    await waitFor(() => s.store.problem(id) === undefined, { message: 'the problem to clear' });
  });

  test('an unparsable notes file is reported, never overwritten, and edits wait for it to be fixed', async () => {
    const id = paperId('Mamba: Linear-Time Sequence Modeling with Selective State Spaces');
    const path = notePath(id);
    const broken = '---\ntitle: Mamba\ntags: [unclosed\n---\n\nMy precious notes.\r\n';
    mkdirSync(workspaceUri('.papers', 'notes').fsPath, { recursive: true });
    writeFileSync(path, broken);
    const problem = await waitFor(() => s.store.problem(id), { timeout: 30_000, message: 'the parse problem' });
    assert.match(problem, new RegExp(`${id}\\.md`), 'names the file');
    assert.match(problem, /line \d+/, 'names the line');
    await s.store.update(id, 'Mamba', (n) => {
      n.starred = true;
    });
    assert.equal(readFileSync(path, 'utf8'), broken, 'left byte-identical');
    assert.match(s.store.problem(id) ?? '', /kept in memory/);
    // Fixing the file by hand lets the kept edit land, merged with what the file says.
    writeFileSync(path, '---\ntitle: Mamba\ntags: [fixed]\n---\n\nMy precious notes.\n');
    const text = await waitFor(() => {
      const t = readFileSync(path, 'utf8');
      return t.includes('starred: true') ? t : undefined;
    }, { timeout: 30_000, message: 'the kept edit to land' });
    assert.match(text, /tags: \[fixed\]/);
    assert.match(text, /My precious notes\./);
    assert.equal(s.store.problem(id), undefined);
  });

  test('a notes file that cannot be rewritten faithfully (a YAML alias) is never overwritten; the edit waits and says so', async () => {
    // Before, parseNoteFile threw on the alias and the edit stayed in memory with no message.
    const id = paperId(XLSTM);
    const path = notePath(id);
    const aliased = '---\nshared: &t T\ntitle: *t\nstatus: reading\n---\nnotes\n';
    mkdirSync(workspaceUri('.papers', 'notes').fsPath, { recursive: true });
    writeFileSync(path, aliased);
    await waitFor(() => s.store.get(id)?.status === 'reading' || s.store.problem(id), { timeout: 30_000, message: 'the aliased file to be read' });
    await s.store.update(id, XLSTM, (n) => {
      n.starred = true;
    });
    assert.equal(readFileSync(path, 'utf8'), aliased, 'left byte-identical');
    const problem = await waitFor(() => s.store.problem(id), { timeout: 10_000, message: 'the refusal' });
    assert.match(problem, new RegExp(`${id}\\.md`), 'names the file');
    assert.match(problem, /alias/i, 'says why');
    writeFileSync(path, '---\ntitle: T\nstatus: reading\n---\nnotes\n');
    const text = await waitFor(() => {
      const t = readFileSync(path, 'utf8');
      return t.includes('starred: true') ? t : undefined;
    }, { timeout: 30_000, message: 'the kept edit to land once the file is fixed' });
    assert.match(text, /status: reading/);
    assert.equal(s.store.problem(id), undefined);
    rmSync(path, { force: true });
  });
});
