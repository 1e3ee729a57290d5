import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import { paperId } from '../../src/core';
import { card, cardFrame, waitForFile } from './card-page';
import { FIXTURES, openWorkbench, waitUntil, type Workbench } from './harness';

const FIRST = '000_9ccde1c60d8efdfe.txt · 6 papers';
const MARKOV = 'The Markovian Thinker';
const MARKOV_ID = paperId(MARKOV);
const XLSTM_ID = paperId('xLSTM 7B: A Recurrent LLM for Fast and Efficient Inference');

const HOSTILE_DIGEST = readFileSync(join(FIXTURES, 'hostile', 'hostile-digest.txt.in'), 'utf8');
const HOSTILE_NOTE = readFileSync(join(FIXTURES, 'hostile', 'hostile-note.md.in'), 'utf8');
const HOSTILE_TITLE = HOSTILE_DIGEST.split('\n')[6];
const HOSTILE_ID = paperId(HOSTILE_TITLE);

async function titleOf(workbench: Workbench): Promise<string | null> {
  return card(workbench).locator('h1#title').textContent({ timeout: 1000 }).catch(() => null);
}

async function waitForTitle(workbench: Workbench, title: string): Promise<void> {
  await waitUntil(async () => (await titleOf(workbench)) === title, `the card titled ${title}`);
}

suite('paper card: reading and writing', () => {
  let workbench: Workbench;

  suiteSetup(async () => {
    workbench = await openWorkbench({ settings: { 'workbench.colorTheme': 'Default Light Modern' } });
  });

  suiteTeardown(async () => {
    await workbench?.close();
  });

  test('clicking a paper in the tree opens its card with the digest says about it', async () => {
    const sidebar = await workbench.openView('Papers');
    await workbench.expandTreeItem(FIRST, sidebar);
    await workbench.clickTreeItemUntil(MARKOV, async () => (await titleOf(workbench)) === MARKOV, `the card titled ${MARKOV}`, sidebar);
    const view = card(workbench);
    assert.match((await view.locator('#abstract').textContent()) ?? '', /^Reinforcement learning \(RL\) has recently become/);
    assert.match((await view.locator('.occurrences').textContent()) ?? '', /000_9ccde1c60d8efdfe\.txt \(Nov 6\)/);
  });

  test('what is typed in the notes is saved to .papers/notes/<id>.md and previewed', async () => {
    const view = card(workbench);
    await view.locator('#notes textarea').click();
    await workbench.page.keyboard.type(`Typed in the card. See [[${XLSTM_ID}]] and **bold**.`);
    const text = await waitForFile(workbench, `.papers/notes/${MARKOV_ID}.md`, /Typed in the card\. See \[\[/);
    assert.match(text, /^---\ntitle: The Markovian Thinker\n---\n\nTyped in the card\./);
    const link = view.locator(`#preview a[data-paper-id="${XLSTM_ID}"]`);
    await link.waitFor();
    assert.equal(await view.locator('#preview strong').textContent(), 'bold');
  });

  test('status, star and tags are set from the card, by mouse and by keyboard', async () => {
    const view = card(workbench);
    await view.locator('vscode-radio[value="reading"]').click();
    await waitForFile(workbench, `.papers/notes/${MARKOV_ID}.md`, /status: reading/);
    await view.locator('#star').focus();
    await workbench.page.keyboard.press('Space');
    await waitForFile(workbench, `.papers/notes/${MARKOV_ID}.md`, /starred: true/);
    await view.locator('#tag-input input').click();
    await workbench.page.keyboard.type('long context');
    await workbench.page.keyboard.press('Enter');
    const text = await waitForFile(workbench, `.papers/notes/${MARKOV_ID}.md`, /tags:\n {2}- long context/);
    assert.match(text, /Typed in the card/);
    await view.locator('.tags .tag', { hasText: 'long context' }).waitFor();
  });

  test('a wikilink in the preview opens the linked paper in the same card', async () => {
    const view = card(workbench);
    await view.locator(`#preview a[data-paper-id="${XLSTM_ID}"]`).click();
    await waitForTitle(workbench, 'xLSTM 7B: A Recurrent LLM for Fast and Efficient Inference');
    // The backlink leads back.
    await view.locator('button.link', { hasText: MARKOV }).click();
    await waitForTitle(workbench, MARKOV);
    assert.equal(await view.locator('vscode-radio[value="reading"]').evaluate((r) => (r as HTMLInputElement).checked), true);
  });

  test('screenshots of the card in the light, the dark and the high-contrast theme', async () => {
    await workbench.screenshot('card-light');
    // The same notes in workbenches started in the other themes.
    const note = `.papers/notes/${MARKOV_ID}.md`;
    for (const [theme, name, bodyClass] of [
      ['Default Dark Modern', 'card-dark', /vscode-dark/],
      ['Default High Contrast', 'card-high-contrast', /vscode-high-contrast/],
    ] as const) {
      const other = await openWorkbench({ settings: { 'workbench.colorTheme': theme }, files: { [note]: workbench.readFile(note) } });
      try {
        const sidebar = await other.openView('Papers');
        await other.expandTreeItem(FIRST, sidebar);
        await other.clickTreeItemUntil(MARKOV, async () => (await titleOf(other)) === MARKOV, `the card titled ${MARKOV}`, sidebar);
        assert.match((await card(other).locator('body').getAttribute('class')) ?? '', bodyClass);
        await card(other).locator('.tags .tag', { hasText: 'long context' }).waitFor();
        await other.screenshot(name);
      } finally {
        await other.close();
      }
    }
  });

  test('a card hidden behind another editor comes back as it was, with what was just typed', async () => {
    const view = card(workbench);
    await view.locator('#notes textarea').click();
    await workbench.page.keyboard.press('Control+End');
    await workbench.page.keyboard.type(' Typed just before hiding.');
    // Hidden at once, well within the save delay: the edit must still reach the file.
    await workbench.runCommand('File: New Untitled Text File');
    await waitForFile(workbench, `.papers/notes/${MARKOV_ID}.md`, /Typed just before hiding\.\n$/);
    await workbench.page.locator('.tabs-container .tab', { hasText: MARKOV }).click();
    await waitForTitle(workbench, MARKOV);
    const value = await card(workbench).locator('#notes textarea').inputValue();
    assert.match(value, /\*\*bold\*\*\. Typed just before hiding\.$/);
  });

  test('after a window reload the card is back with its paper and notes', async () => {
    await workbench.page.reload();
    await workbench.page.locator('.monaco-workbench').waitFor();
    // The card's tab comes back; the workbench may bring another editor of its group to the front.
    const tab = workbench.page.locator('.tabs-container .tab', { hasText: MARKOV });
    await tab.waitFor();
    await tab.click();
    await waitForTitle(workbench, MARKOV);
    const value = await waitUntil(async () => {
      const v = await card(workbench).locator('#notes textarea').inputValue().catch(() => '');
      return v.includes('Typed in the card') ? v : undefined;
    }, 'the notes in the restored card');
    assert.match(value, /^Typed in the card\./);
  });

  test('notes changed on disk while the reader types in the card are merged, not overwritten', async () => {
    const path = `.papers/notes/${MARKOV_ID}.md`;
    const view = card(workbench);
    const keyboard = workbench.page.keyboard;
    await view.locator('#notes textarea').click();
    await keyboard.press('Control+End');
    await keyboard.type('\nLine typed in the card.');
    await waitForFile(workbench, path, /Line typed in the card\.\n$/);
    // Another writer (git, a hand edit) adds a line at the top while the editor still has the focus.
    const before = workbench.readFile(path);
    workbench.writeFiles({ [path]: before.replace('\n---\n\n', '\n---\n\nLine added on disk.\n') });
    await view.locator('#preview', { hasText: 'Line added on disk.' }).waitFor();
    await keyboard.type(' More typing.');
    const merged = await waitForFile(workbench, path, /Line typed in the card\. More typing\.\n$/);
    assert.match(merged, /\n---\n\nLine added on disk\.\nTyped in the card\./);
    // Once the reader leaves the editor, it shows both.
    await view.locator('#star').focus();
    await waitUntil(async () => (await view.locator('#notes textarea').inputValue()).startsWith('Line added on disk.\nTyped in the card.'), 'the merged notes in the editor');
  });

  test('nothing went wrong in the page', () => {
    assert.deepEqual(workbench.dialogs, []);
    const ours = workbench.consoleErrors.filter((m) => /paperReader|paper-digest-reader|Content Security Policy|webview\.js/i.test(m));
    assert.deepEqual(ours, []);
    assert.deepEqual(workbench.activationErrors(), []);
  });
});

suite('paper card: hostile digests and notes', () => {
  let workbench: Workbench;

  suiteSetup(async () => {
    workbench = await openWorkbench({
      files: { 'hostile/hostile.txt': HOSTILE_DIGEST, [`.papers/notes/${HOSTILE_ID}.md`]: HOSTILE_NOTE },
    });
  });

  suiteTeardown(async () => {
    await workbench?.close();
  });

  test('titles, abstracts, notes, tags, links and annotations with markup render as text, and nothing runs', async () => {
    await workbench.runCommand('Papers: Open Card');
    await workbench.page.locator('.quick-input-widget input[placeholder="Open the card of which paper?"]').waitFor();
    await workbench.page.keyboard.insertText('Attention Is All You Script');
    const row = workbench.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Attention Is All You Script' }).first();
    await row.waitFor();
    await row.click();
    await waitForTitle(workbench, HOSTILE_TITLE);
    const view = card(workbench);
    const frame = await cardFrame(workbench);

    // Digest text: exactly the characters of the file, as text.
    assert.equal(await view.locator('h1#title img, h1#title script').count(), 0);
    const abstract = (await view.locator('#abstract').textContent()) ?? '';
    assert.match(abstract, /<script>window\.__pwned='abstract';alert\('abstract'\)<\/script>/);
    assert.equal(await view.locator('#abstract script, #abstract img, #abstract b').count(), 0);
    assert.deepEqual(await view.locator('#abstract a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['https://example.com/code?a=1&b=']);
    assert.match((await view.locator('#meta').textContent()) ?? '', /<svg onload=/);

    // The notes: rendered Markdown, sanitised; every payload either dropped or shown as text.
    const preview = view.locator('#preview');
    await preview.getByText('HOSTILE-NOTE-RENDERED').waitFor();
    assert.equal(await preview.locator('script, iframe, style, img, [onclick], [onerror], [onload]').count(), 0);
    const hrefs = await preview.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) assert.doesNotMatch(href, /^(javascript|data):/i, href);
    assert.equal(await view.locator('#notes textarea').inputValue(), HOSTILE_NOTE.slice(HOSTILE_NOTE.indexOf('# Notes')).trimEnd());
    assert.equal(await view.locator('.tags .tag span').first().textContent(), `<b onmouseover="window.__pwned='tag'">tag</b>`);
    assert.equal(await view.locator('.tags b').count(), 0);
    assert.match((await view.locator('.list').first().textContent()) ?? '', /<script>window\.__pwned='link-title'<\/script>/);
    assert.equal(await view.locator('button.link:disabled').count(), 2, 'the javascript: link and the path outside the workspace cannot be opened');
    assert.match((await view.locator('.annotation .body').textContent()) ?? '', /^<img src=x onerror=/);
    assert.equal(await view.locator('.annotations img').count(), 0);

    // Clicking what looks like links runs nothing either.
    await preview.locator('a', { hasText: 'a javascript link' }).click().catch(() => undefined);
    await view.locator('button.link:disabled').first().click({ force: true }).catch(() => undefined);

    assert.equal(await frame.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    assert.equal(await workbench.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    assert.deepEqual(workbench.dialogs, []);
    const ours = workbench.consoleErrors.filter((m) => /__pwned|Content Security Policy|webview\.js/i.test(m));
    assert.deepEqual(ours, []);
    // The hostile notes file was read, not rewritten.
    assert.equal(workbench.readFile(`.papers/notes/${HOSTILE_ID}.md`), HOSTILE_NOTE);
    await frame.evaluate(() => window.scrollTo(0, 0));
    await workbench.screenshot('card-hostile');
  });
});
