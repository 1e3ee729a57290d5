import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import type { Locator } from 'playwright-core';
import { openWorkbench, UI_TIMEOUT, waitUntil, type Workbench } from './harness';

const MAMBA = 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces';
const LONG_MAMBA = "LongMamba: Enhancing Mamba's Long Context Capabilities via Training-Free Receptive Field Enlargement";
const FIRST_DIGEST = '000_9ccde1c60d8efdfe.txt';
const FIRST_DIGEST_TITLES = [
  'Boundary-Guided Policy Optimization for Memory-efficient RL of Diffusion Large Language Models',
  'xLSTM 7B: A Recurrent LLM for Fast and Efficient Inference',
  LONG_MAMBA,
  'The Markovian Thinker',
  'Representing Long Volumetric Video with Temporal Gaussian Hierarchy',
  'Edge-MoE: Memory-Efficient Multi-Task Vision Transformer Architecture with Task-level Sparsity via Mixture-of-Experts',
];
const STATUS_GROUPS = ['Reading 0 papers', 'Unread 52 papers', 'Read 0 papers'];

/**
 * The text of `selectors` (joined by a space) in each row of a list or tree inside `within`, in
 * the list's order: rows are placed by their data-index, and the DOM keeps them in whatever
 * order it rendered them.
 */
async function rowTexts(within: Locator, ...selectors: string[]): Promise<string[]> {
  const rows = await within.locator('.monaco-list-row').evaluateAll((all, parts) => all.map((row) => ({
    index: Number(row.getAttribute('data-index')),
    text: parts.map((part) => row.querySelector(part)?.textContent?.trim() ?? '').filter(Boolean).join(' '),
  })), selectors);
  return rows.sort((a, b) => a.index - b.index).map((row) => row.text);
}

function sameList(actual: string[], expected: string[]): boolean {
  return actual.length === expected.length && actual.every((item, i) => item === expected[i]);
}

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
    await workbench.waitForTreeItem(/^Unread/);
    // No paper has notes yet: all 52 are unread, none reading or read.
    await waitUntil(async () => sameList(await rowTexts(workbench.sidebar(), '.label-name', '.label-description'), STATUS_GROUPS), `the status groups ${JSON.stringify(STATUS_GROUPS)}`);
    await workbench.expandTreeItem(/^Unread/);
    await workbench.waitForTreeItem(MAMBA);
    await workbench.screenshot('browse-group-by-status');
    await workbench.runCommand('Papers: Group by Digest');
    await workbench.waitForTreeItem(`${FIRST_DIGEST} · 6 papers`);
  });

  test('a paper row shows its abstract in a tooltip when the pointer rests on it', async () => {
    await workbench.expandTreeItem(/^Nov 6/);
    const row = await workbench.waitForTreeItem('The Markovian Thinker');
    await row.hover();
    // The tooltip is made only now (resolveTreeItem), not with the row.
    const tooltip = workbench.page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Reinforcement learning (RL) has recently become a strong recipe' }).first();
    await tooltip.waitFor({ timeout: UI_TIMEOUT });
    // The tooltip's text is escaped for Markdown: its spaces are drawn as no-break spaces.
    const text = (await tooltip.innerText()).replace(/\s+/g, ' ');
    // The title (bold), then the date, organisation and status, then the abstract.
    const at = (part: string) => text.indexOf(part);
    assert.ok(at('The Markovian Thinker') >= 0 && at('The Markovian Thinker') < at('unread') && at('unread') < at('Reinforcement learning'), JSON.stringify(text.slice(0, 80)));
    await workbench.screenshot('browse-tree-tooltip');
    await workbench.page.mouse.move(0, 0);
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
    const mamba = await workbench.waitForTreeItem(MAMBA);
    // One digest, and in it one paper: LongMamba (Nov 6) has no upvotes, the others no "mamba".
    const names = await rowTexts(workbench.sidebar(), '.label-name');
    assert.deepEqual(names, ['Dec 11', MAMBA], 'only the Dec 11 digest and its Mamba paper are left');
    assert.match((await rowTexts(workbench.sidebar(), '.label-description'))[0], /· 1 of 18 papers$/);
    // The filter's word is lit up in the title.
    const lit = await mamba.locator('.label-name .highlight').allTextContents();
    assert.deepEqual(lit, ['Mamba'], 'the filter word highlighted in the paper label');
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
    // The Outline lists the digest's papers, in the digest's order.
    await workbench.runCommand('Explorer: Focus on Outline View');
    const outline = workbench.view('Outline');
    await waitUntil(async () => sameList(await rowTexts(outline, '.label-name'), FIRST_DIGEST_TITLES), 'the Outline to list the six papers of the digest');
    await workbench.screenshot('browse-digest-editor');
  });

  test('"Papers: Search" brings Mamba into the first three results for "mamba"', async () => {
    await workbench.runCommand('Papers: Search');
    const widget = workbench.page.locator('.quick-input-widget');
    await widget.waitFor({ state: 'visible' });
    await workbench.page.keyboard.insertText('mamba');
    // The pick opens on the papers of the newest digest; the results for "mamba" are in once it
    // lists both Mamba and LongMamba, which no one digest holds together.
    const results = await waitUntil(async () => {
      const names = await rowTexts(widget, '.label-name');
      return names.includes(MAMBA) && names.includes(LONG_MAMBA) ? names : undefined;
    }, 'the results for "mamba"');
    assert.ok(results.slice(0, 3).includes(MAMBA), `Mamba among the first three results: ${JSON.stringify(results.slice(0, 5))}`);
    await workbench.screenshot('browse-quick-pick');
    await workbench.page.keyboard.press('Escape');
  });
});
