import * as assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { nextUnread, paperId, type ReadingStatus } from '../../src/core';
import type { Services } from '../../src/services';
import { acceptFirst, cardTabs, readText, readyServices, waitFor, workspaceUri, writeText } from './helpers';

const XLSTM = 'xLSTM 7B: A Recurrent LLM for Fast and Efficient Inference';

async function notesFile(id: string): Promise<string> {
  return readText(workspaceUri('.papers', 'notes', `${id}.md`));
}

suite('similar papers and the reading flow', () => {
  let s: Services;
  suiteSetup(async () => {
    s = await readyServices();
    await s.similar.ready();
  });
  teardown(async () => {
    await vscode.window.tabGroups.close(cardTabs());
    await vscode.commands.executeCommand('paperReader.tree.clearFilter');
  });

  test('Find Similar Papers lists the five papers most like this one and opens the card of the one chosen', async () => {
    const id = paperId(XLSTM);
    const similar = s.similar.similar(id);
    assert.equal(similar.length, 5);
    assert.ok(similar.every((p) => p.id !== id && p.shared.length > 0 && s.index.paper(p.id)), JSON.stringify(similar));
    // Another recurrent or efficient-inference model is closest to xLSTM, by the words they share.
    assert.ok(similar[0].shared.some((w) => /^(LLMs?|inference|recurrent|linear|Transformers?)$/i.test(w)), similar[0].shared.join(', '));
    const picked = await acceptFirst(() => vscode.commands.executeCommand<string | undefined>('paperReader.similar.find', id));
    assert.equal(picked, similar[0].id);
    const title = s.index.paper(similar[0].id)!.paper.title;
    await waitFor(() => cardTabs()[0]?.label === (title.length > 48 ? `${title.slice(0, 47)}…` : title), { message: `the card of ${title}` });
  });

  test('the similar papers follow the library: a new digest with a near copy of a paper puts it first', async () => {
    const id = paperId(XLSTM);
    const entry = s.index.paper(id)!.paper;
    const uri = workspaceUri('similar-digests', '2026-08-14.md');
    const twinTitle = 'Fast recurrent xLSTM LLMs for efficient inference at 7B scale';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`# Daily Papers — Aug 14\n\n## ${twinTitle}\n\n2 authors · Aug 13 · 4\n\n${entry.abstract}\n\n## A Second Paper So the Digest Has Two\n\n1 author · Aug 12\n\nNothing to see here.\n`));
    try {
      await waitFor(() => s.index.paper(paperId(twinTitle)), { timeout: 30_000, message: 'the new digest in the library' });
      await waitFor(() => s.similar.similar(id)[0]?.id === paperId(twinTitle), { timeout: 15_000, message: 'the near copy to come first' });
    } finally {
      await vscode.workspace.fs.delete(workspaceUri('similar-digests'), { recursive: true });
    }
    await waitFor(() => !s.similar.similar(id).some((p) => p.id === paperId(twinTitle)), { timeout: 15_000, message: 'the deleted digest to leave the list' });
  });

  test('Next Unread walks the unread papers newest digest first, and the status set on the way lands in the notes files', async () => {
    // The newest digest of the library, whatever other suites left behind: its papers come first.
    const titles = ['Reading Order One: The First Paper of the Newest Digest', 'Reading Order Two: Its Second Paper', 'Reading Order Three: Its Third Paper'];
    const ids = titles.map((t) => paperId(t));
    const uri = workspaceUri('reading-order', '2099-12-30.md');
    await writeText(uri, `# Daily Papers — Dec 30\n\n${titles.map((t, i) => `## ${t}\n\n${i + 2} authors · Dec 29\n\nA paper to read in order, number ${i + 1}.\n`).join('\n')}`);
    try {
      await waitFor(() => ids.every((id) => s.index.paper(id)), { timeout: 30_000, message: 'the newest digest in the library' });
      assert.equal(s.index.digests()[0]?.digest.uri, uri.toString());
      const statusOf = (pid: string): ReadingStatus => s.store.get(pid)?.status ?? 'unread';
      assert.equal(nextUnread(s.index.digests().map((d) => d.digest), statusOf), ids[0]);

      const first = await vscode.commands.executeCommand<string | undefined>('paperReader.reading.next');
      assert.equal(first, ids[0]);
      // Shown in its digest and in the card.
      const paper = s.index.paper(ids[0])!.paper;
      await waitFor(() => vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === paper.source.uri && e.selection.active.line === paper.source.titleLine), { message: 'the paper in its digest' });
      await waitFor(() => cardTabs().length === 1, { message: 'the card' });

      await vscode.commands.executeCommand('paperReader.status.set', ids[0], 'read');
      await waitFor(async () => /status: read/.test(await notesFile(ids[0]).catch(() => '')), { message: `${ids[0]}.md to say read` });
      // With the first read, the second comes next.
      const second = await vscode.commands.executeCommand<string | undefined>('paperReader.reading.next');
      assert.equal(second, ids[1]);
      await vscode.commands.executeCommand('paperReader.status.set', ids[1], 'reading');
      await waitFor(async () => /status: reading/.test(await notesFile(ids[1]).catch(() => '')), { message: `${ids[1]}.md to say reading` });
      // Neither comes back, even from the first: one is read, the other being read.
      assert.equal(await vscode.commands.executeCommand<string | undefined>('paperReader.reading.next', { after: ids[0] }), ids[2]);
      assert.equal(statusOf(ids[2]), 'unread');
    } finally {
      await vscode.window.tabGroups.close(cardTabs());
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(workspaceUri('reading-order'), { recursive: true });
      for (const id of ids) await vscode.workspace.fs.delete(workspaceUri('.papers', 'notes', `${id}.md`)).then(undefined, () => undefined);
    }
    await waitFor(() => ids.every((id) => !s.index.paper(id)), { timeout: 15_000, message: 'the deleted digest to leave the library' });
  });

  test('Next Unread keeps to the papers the tree filter shows', async () => {
    await vscode.commands.executeCommand('paperReader.tree.filter', 'inference');
    const visible = new Set(await s.search.matchingIds('inference', 1000));
    assert.ok(visible.size > 1 && visible.size < s.index.papers().length, String(visible.size));
    const id = await vscode.commands.executeCommand<string | undefined>('paperReader.reading.next');
    assert.ok(id && visible.has(id), `${id} is not among ${[...visible].join(', ')}`);
  });
});
