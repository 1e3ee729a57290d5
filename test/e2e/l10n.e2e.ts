import * as assert from 'node:assert/strict';
import { suite, suiteTeardown, test } from 'mocha';
import { openWorkbench, waitUntil, type Workbench } from './harness';

// The workbench in Simplified Chinese: what the extension shows comes from package.nls.zh-cn.json
// (the view, its welcome) and l10n/bundle.l10n.zh-cn.json (the card, through the host).
const PAPERS = '论文';
const FIRST = '000_9ccde1c60d8efdfe.txt';
const MARKOV = 'The Markovian Thinker';

suite('display language: Simplified Chinese', () => {
  const opened: Workbench[] = [];
  suiteTeardown(async () => {
    for (const workbench of opened) await workbench.close();
  });

  test('the Papers view of an empty workspace greets the reader in Chinese', async () => {
    const workbench = await openWorkbench({ fixtures: false, language: 'zh-cn', waitForActivation: false });
    opened.push(workbench);
    const sidebar = await workbench.openView(PAPERS);
    const welcome = sidebar.locator('.welcome-view-content');
    await welcome.filter({ hasText: '此工作区中还没有论文简报。' }).waitFor();
    const text = (await welcome.innerText()).trim();
    assert.match(text, /新建简报文件/);
    assert.match(text, /paperReader\.digests/, 'the setting keeps its name and link');
    assert.doesNotMatch(text, /No paper digests|New Digest File/);
    await workbench.screenshot('l10n-zh-cn-welcome');
  });

  test('a paper card is in Chinese, and the extension host was given zh-cn', async () => {
    const workbench = await openWorkbench({ language: 'zh-cn' });
    opened.push(workbench);
    const sidebar = await workbench.openView(PAPERS);
    const digest = await workbench.waitForTreeItem(FIRST, sidebar);
    // The tree's own words: "6 篇论文" for the digest, "新" on its papers (the newest digest).
    const digestRow = (await workbench.treeItemLabels()).find((row) => row.includes(FIRST)) ?? '';
    assert.match(digestRow, /\d+ 篇论文/, `the digest row counts its papers in Chinese: ${digestRow}`);
    await digest.click();
    await workbench.page.keyboard.press('ArrowRight');
    const markov = await workbench.waitForTreeItem(MARKOV, sidebar);
    const markovRow = (await workbench.treeItemLabels()).find((row) => row.startsWith(MARKOV)) ?? '';
    assert.match(markovRow, /新/, `a new paper is marked in Chinese: ${markovRow}`);
    assert.doesNotMatch(markovRow, /\bnew\b/);
    await markov.click();
    const card = workbench.webview();
    await waitUntil(async () => (await card.locator('h1#title').textContent().catch(() => null)) === MARKOV, 'the card of The Markovian Thinker');
    // The host writes vscode.env.language into the card's <html lang>.
    assert.equal(await card.locator('html').getAttribute('lang'), 'zh-cn');
    const headings = (await card.locator('h2').allInnerTexts()).map((h) => h.trim());
    for (const heading of ['摘要', '状态', '标签', '笔记', '链接', '反向链接', '批注']) {
      assert.ok(headings.includes(heading), `heading ${heading} in ${JSON.stringify(headings)}`);
    }
    assert.ok(!headings.some((h) => /^(Abstract|Notes|Tags|Annotations)$/.test(h)), `no English heading: ${JSON.stringify(headings)}`);
    await workbench.screenshot('l10n-zh-cn-card');
  });
});
