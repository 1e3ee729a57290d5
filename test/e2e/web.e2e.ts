import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import type { Locator } from 'playwright-core';
import { paperId } from '../../src/core';
import { extensionLogs } from '../../scripts/code-server.mjs';
import { openWorkbench, waitUntil, type Workbench } from './harness';

// The extension in the browser's web worker extension host, as in vscode.dev: package.json's
// `browser` entry (dist/extension-web.js), files only through vscode.workspace.fs.
const WEB_WORKER = { 'remote.extensionKind': { 'paper-digest-reader.paper-digest-reader': ['web'] } };
const FIRST = '000_9ccde1c60d8efdfe.txt · 6 papers';
const MARKOV = 'The Markovian Thinker';
const MARKOV_ID = paperId(MARKOV);
const MAMBA = 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces';
const LONG_MAMBA = "LongMamba: Enhancing Mamba's Long Context Capabilities via Training-Free Receptive Field Enlargement";

/** The rows' labels in the order shown (the list recycles its rows, so DOM order is not it). */
async function rowTexts(widget: Locator): Promise<string[]> {
  const rows = await widget.locator('.monaco-list-row').evaluateAll((all) => all.map((row) => ({
    index: Number(row.getAttribute('data-index')),
    text: row.querySelector('.label-name')?.textContent?.trim() ?? '',
  })));
  return rows.sort((a, b) => a.index - b.index).map((row) => row.text).filter(Boolean);
}

suite('web extension: the browser entry in a web worker extension host', () => {
  let workbench: Workbench;

  suiteSetup(async () => {
    // The Node extension host's log never shows this activation: it happens in the browser.
    workbench = await openWorkbench({ settings: WEB_WORKER, waitForActivation: false });
  });

  suiteTeardown(async () => {
    await workbench?.close();
  });

  test('the Papers view fills with the seed digests', async () => {
    const sidebar = await workbench.openView('Papers');
    await workbench.waitForTreeItem(FIRST, sidebar);
    await workbench.waitForTreeItem('001_3597d4dd633941ce.txt · 18 papers', sidebar);
    await workbench.waitForTreeItem('002_192ceaad66bef3ca.txt · 28 papers', sidebar);
  });

  test('the extension runs in the web worker host, not in the Node one', async () => {
    // The Node host's log names every extension it activates; the extension is not among them.
    const nodeHost = extensionLogs(workbench.userDataDir).exthost.map(({ text }) => text).join('\n');
    assert.match(nodeHost, /_doActivateExtension/, 'the Node extension host log was read');
    assert.doesNotMatch(nodeHost, /_doActivateExtension paper-digest-reader\.paper-digest-reader/);
    await workbench.runCommand('Developer: Show Running Extensions');
    const row = workbench.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Paper Digest Reader' }).first();
    await row.waitFor();
    const text = await row.innerText();
    await workbench.screenshot('web-running-extensions');
    assert.match(text, /Web Worker/i, `the running extension's host: ${text}`);
  });

  test('a card opens and what is typed in its notes is saved to disk', async () => {
    const sidebar = await workbench.openView('Papers');
    await workbench.expandTreeItem(FIRST, sidebar);
    const view = workbench.webview();
    const shown = async () => (await view.locator('h1#title').textContent({ timeout: 1000 }).catch(() => null)) === MARKOV;
    await workbench.clickTreeItemUntil(MARKOV, shown, 'the card of The Markovian Thinker', sidebar);
    await view.locator('#notes textarea').click();
    await workbench.page.keyboard.type('Typed in the browser.');
    const text = await waitUntil(() => {
      try {
        const note = workbench.readFile(`.papers/notes/${MARKOV_ID}.md`);
        return note.includes('Typed in the browser.') ? note : undefined;
      } catch {
        return undefined;
      }
    }, 'the notes file on disk');
    assert.match(text, /^---\ntitle: The Markovian Thinker\n---\n\nTyped in the browser\./);
    await workbench.screenshot('web-card');
  });

  test('"Papers: Search" finds Mamba', async () => {
    await workbench.runCommand('Papers: Search');
    const widget = workbench.page.locator('.quick-input-widget');
    await widget.waitFor({ state: 'visible' });
    await workbench.page.keyboard.insertText('mamba');
    // The pick opens on the papers of the newest digest; the results for "mamba" are in once it
    // lists both Mamba and LongMamba, which no one digest holds together.
    const results = await waitUntil(async () => {
      const names = await rowTexts(widget);
      return names.includes(MAMBA) && names.includes(LONG_MAMBA) ? names : undefined;
    }, 'the results for "mamba"');
    assert.ok(results.slice(0, 3).includes(MAMBA), `Mamba among the first three results: ${JSON.stringify(results.slice(0, 5))}`);
    await workbench.screenshot('web-search');
    await workbench.page.keyboard.press('Escape');
  });

  test('the page logs no unexpected error', () => {
    assert.deepEqual(workbench.unexpectedConsoleErrors(), []);
  });
});
