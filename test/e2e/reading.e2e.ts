import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import { paperId } from '../../src/core';
import { card, cardFrame, waitForFile } from './card-page';
import { openWorkbench, waitUntil, type Workbench } from './harness';

async function cardTitle(workbench: Workbench, not?: string): Promise<string> {
  return waitUntil(async () => {
    const title = await card(workbench).locator('h1#title').textContent().catch(() => null);
    return title && title !== not ? title : undefined;
  }, not ? `a card other than ${not}` : 'a card');
}

/** A key pressed in the card, outside any text field: the section heading takes the click. */
async function pressInCard(workbench: Workbench, key: string): Promise<void> {
  await card(workbench).locator('#abstract-h').click();
  await workbench.page.keyboard.press(key);
}

suite('reading flow: Next Unread and the card keys', () => {
  let workbench: Workbench;

  suiteSetup(async () => {
    workbench = await openWorkbench({ settings: { 'workbench.colorTheme': 'Default Light Modern' } });
  });

  suiteTeardown(async () => {
    await workbench?.close();
  });

  test('three papers walked with Next Unread and the keys r, g, s and n: each status lands in its notes file', async () => {
    await workbench.openView('Papers');
    const unread = await workbench.unreadInStatusBar();
    assert.ok(unread >= 3, `the newest digest has ${unread} unread papers`);

    await workbench.runCommand('Papers: Next Unread');
    const first = await cardTitle(workbench);
    assert.match((await card(workbench).locator('#key-hints').textContent()) ?? '', /r read · g reading/);
    await pressInCard(workbench, 'r');
    await waitForFile(workbench, `.papers/notes/${paperId(first)}.md`, /status: read/);
    await workbench.unreadInStatusBar(unread - 1);

    await pressInCard(workbench, 'n');
    const second = await cardTitle(workbench, first);
    await pressInCard(workbench, 'g');
    await waitForFile(workbench, `.papers/notes/${paperId(second)}.md`, /status: reading/);
    await pressInCard(workbench, 's');
    await waitForFile(workbench, `.papers/notes/${paperId(second)}.md`, /starred: true/);

    await pressInCard(workbench, 'n');
    const third = await cardTitle(workbench, second);
    assert.notEqual(third, first);
    // Keys typed in the notes are notes, not commands.
    await card(workbench).locator('#notes textarea').click();
    await workbench.page.keyboard.type('rgsn typed');
    const typed = await waitForFile(workbench, `.papers/notes/${paperId(third)}.md`, /rgsn typed/);
    assert.doesNotMatch(typed, /status:|starred:/);
    assert.equal(await cardTitle(workbench), third);
    await pressInCard(workbench, 'r');
    await waitForFile(workbench, `.papers/notes/${paperId(third)}.md`, /status: read/);
    await workbench.unreadInStatusBar(unread - 3);
    // Where the walk left the first two.
    assert.match(workbench.readFile(`.papers/notes/${paperId(first)}.md`), /status: read/);
    assert.match(workbench.readFile(`.papers/notes/${paperId(second)}.md`), /status: reading/);

    // The status bar item runs Next Unread too.
    await workbench.page.locator('.statusbar-item', { hasText: /\d+ unread/ }).first().click();
    const fourth = await cardTitle(workbench, third);
    assert.ok(![first, second].includes(fourth), fourth);
  });

  test('the card lists the similar papers with the words they share, and one click opens one', async () => {
    const view = card(workbench);
    const items = view.locator('#similar li:not(.empty)');
    await waitUntil(async () => (await items.count()) === 5, 'five similar papers on the card');
    const shared = await view.locator('#similar .shared').allTextContents();
    assert.equal(shared.length, 5);
    for (const line of shared) assert.match(line, /^Shares: \S/);
    const frame = await cardFrame(workbench);
    await frame.evaluate(() => document.getElementById('similar-h')?.scrollIntoView({ block: 'start' }));
    await workbench.screenshot('card-similar');

    const before = await cardTitle(workbench);
    const target = (await items.first().locator('button.link').textContent())?.trim() ?? '';
    await items.first().locator('button.link').click();
    assert.equal(await cardTitle(workbench, before), target);
  });

  test('nothing went wrong in the page', () => {
    assert.deepEqual(workbench.dialogs, []);
    const ours = workbench.consoleErrors.filter((m) => /paperReader|paper-digest-reader|Content Security Policy|webview\.js/i.test(m));
    assert.deepEqual(ours, []);
    assert.deepEqual(workbench.activationErrors(), []);
  });
});
