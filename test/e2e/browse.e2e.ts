import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import { openWorkbench, waitUntil, type Workbench } from './harness';

const MAMBA = 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces';
const FIRST_DIGEST = '000_9ccde1c60d8efdfe.txt';

suite('browse: tree grouping, filter, digest editor and quick-pick search', () => {
  let workbench: Workbench;

  suiteSetup(async () => {
    workbench = await openWorkbench();
    await workbench.openView('Papers');
    await workbench.waitForTreeItem(`${FIRST_DIGEST} · 6 papers`);
  });

  suiteTeardown(async () => {
    await workbench?.close();
  });

  test('grouping by status puts every paper under Unread', async () => {
    await workbench.runCommand('Papers: Group by Status');
    const unread = await workbench.waitForTreeItem(/^Unread/);
    assert.match((await unread.getAttribute('aria-label')) ?? '', /Unread/);
    await workbench.expandTreeItem(/^Unread/);
    await workbench.waitForTreeItem(MAMBA);
    await workbench.screenshot('browse-group-by-status');
    await workbench.runCommand('Papers: Group by Digest');
    await workbench.waitForTreeItem(`${FIRST_DIGEST} · 6 papers`);
  });

  test('the filter keeps only matching papers', async () => {
    await workbench.runCommand('Papers: Filter Papers…');
    await workbench.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Filter Papers' }).waitFor();
    await workbench.page.keyboard.insertText('mamba upvotes>10');
    await workbench.page.keyboard.press('Enter');
    // The filter applies once the search answers: only the digest holding Mamba stays.
    await waitUntil(async () => {
      const labels = await workbench.treeItemLabels();
      return labels.some((l) => l.startsWith('Dec 11')) && !labels.some((l) => l.startsWith('Nov 6'));
    }, 'only the digest holding Mamba to stay');
    await workbench.expandTreeItem(/^Dec 11/);
    await workbench.waitForTreeItem(MAMBA);
    const labels = await workbench.treeItemLabels();
    assert.ok(!labels.some((l) => l.startsWith('Nov 6')), `the Nov 6 digest has no Mamba paper with >10 upvotes: ${JSON.stringify(labels)}`);
    await workbench.screenshot('browse-filtered-tree');
    await workbench.runCommand('Papers: Clear Filter');
    await workbench.waitForTreeItem(`${FIRST_DIGEST} · 6 papers`);
  });

  test('a digest opens with its language, outline and CodeLens', async () => {
    await workbench.expandTreeItem(`${FIRST_DIGEST} · 6 papers`);
    await workbench.page.locator('.monaco-workbench').focus();
    await workbench.page.keyboard.press('Control+P');
    await workbench.page.keyboard.insertText(FIRST_DIGEST);
    await workbench.page.locator('.quick-input-widget .monaco-list-row').first().waitFor();
    await workbench.page.keyboard.press('Enter');
    const lens = workbench.page.locator('.contentWidgets .codelens-decoration, .codelens-decoration').filter({ hasText: 'Open card' }).first();
    await lens.waitFor({ timeout: 30_000 });
    await waitUntil(async () => (await workbench.page.locator('.statusbar').innerText()).includes('Paper Digest'), 'the status bar to show the Paper Digest language');
    await workbench.screenshot('browse-digest-editor');
  });

  test('"Papers: Search" brings Mamba into the first three results for "mamba"', async () => {
    await workbench.runCommand('Papers: Search');
    const widget = workbench.page.locator('.quick-input-widget');
    await widget.waitFor({ state: 'visible' });
    await workbench.page.keyboard.insertText('mamba');
    const rows = widget.locator('.monaco-list-row');
    const firstThree = await waitUntil(async () => {
      const labels = (await rows.evaluateAll((all) => all.slice(0, 3).map((row) => row.getAttribute('aria-label') ?? ''))) as string[];
      return labels.some((l) => l.includes(MAMBA)) ? labels : undefined;
    }, 'Mamba among the first three results');
    assert.ok(firstThree.length > 0);
    await workbench.screenshot('browse-quick-pick');
    await workbench.page.keyboard.press('Escape');
  });
});
