import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import { openWorkbench, type Workbench } from './harness';

// One row per seed digest: "<date> <file> · <N> papers".
const SEEDS = [
  { file: '000_9ccde1c60d8efdfe.txt', papers: 6 },
  { file: '001_3597d4dd633941ce.txt', papers: 18 },
  { file: '002_192ceaad66bef3ca.txt', papers: 28 },
];
const FIRST_PAPER = 'Boundary-Guided Policy Optimization for Memory-efficient RL of Diffusion Large Language Models';

suite('foundation: the Papers view', () => {
  let workbench: Workbench;

  suiteSetup(async () => {
    workbench = await openWorkbench();
  });

  suiteTeardown(async () => {
    await workbench?.close();
  });

  test('the activity bar opens the Papers view with one item per seed digest', async () => {
    const sidebar = await workbench.openView('Papers');
    for (const seed of SEEDS) {
      const row = await workbench.waitForTreeItem(`${seed.file} · ${seed.papers} papers`, sidebar);
      assert.equal(await row.getAttribute('aria-level'), '1', `${seed.file} is a top-level item`);
    }
    const digestRows = (await workbench.treeItemLabels(sidebar)).filter((label) => / · \d+ papers$/.test(label));
    assert.equal(digestRows.length, SEEDS.length, `digest rows: ${JSON.stringify(digestRows)}`);
    assert.ok(digestRows.some((label) => label.startsWith('Nov 6 ')), `a digest is labelled with its date: ${JSON.stringify(digestRows)}`);
  });

  test('expanding a digest shows its papers', async () => {
    const sidebar = await workbench.openView('Papers');
    await workbench.expandTreeItem(`${SEEDS[0].file} · 6 papers`, sidebar);
    const paper = await workbench.waitForTreeItem(FIRST_PAPER, sidebar);
    assert.equal(await paper.getAttribute('aria-level'), '2', 'papers are children of their digest');
    await workbench.screenshot('foundation-papers-view');
  });

  test('the extension activates with no error in its log and the page logs no unexpected error', async () => {
    assert.deepEqual(workbench.activationErrors(), []);
    assert.match(workbench.extensionLog(), /\S/, 'the output channel "Paper Digest Reader" has content');
    assert.deepEqual(workbench.unexpectedConsoleErrors(), []);
    assert.deepEqual(workbench.dialogs, []);
  });
});
