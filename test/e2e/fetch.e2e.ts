import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import { REPO, openWorkbench, waitUntil, type Workbench } from './harness';

const DAY = '2026-08-14';
const RESPONSE = readFileSync(join(REPO, 'test', 'hf-api', `${DAY}.json`), 'utf8');
const FIRST = (JSON.parse(RESPONSE) as { title: string; paper: { authors: { name: string }[] } }[])[0];

/**
 * A reader fetches a day of the Daily Papers from the palette. The API is a server on
 * 127.0.0.1 that replays a real response; no test reaches the real one.
 */
suite('fetch: Papers: Fetch Daily Papers…', () => {
  let server: Server;
  let workbench: Workbench;
  const requests: string[] = [];

  suiteSetup(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      response.end(RESPONSE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/daily_papers`;
    workbench = await openWorkbench({ settings: { 'paperReader.fetch.endpoint': endpoint } });
  });

  suiteTeardown(async () => {
    await workbench?.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('today is fetched into digests/, shown in the tree, and its card has authors and links out', async () => {
    const sidebar = await workbench.openView('Papers');
    await workbench.runCommand('Papers: Fetch Daily Papers…');
    // Today: one step, the pick closes. The server replays the same real day for any date.
    const today = new Date().toISOString().slice(0, 10);
    await workbench.acceptQuickPickEntry('Today');
    await workbench.waitForNotification(new RegExp(`Fetched \\d+ papers of ${today}`));
    assert.deepEqual(requests, [`/api/daily_papers?date=${today}`]);
    assert.ok(existsSync(workbench.path('digests', `${today}.md`)), 'the digest file is written');

    const row = await workbench.waitForTreeItem(new RegExp(`${today}\\.md · \\d+ papers`), sidebar);
    await row.click();
    await workbench.expandTreeItem(new RegExp(`${today}\\.md · \\d+ papers`), sidebar);
    const card = workbench.webview();
    // The tree redraws as the new digest comes in: a click can land on a row being replaced,
    // so click (again) until the card is there.
    await waitUntil(async () => {
      const paper = await workbench.waitForTreeItem(FIRST.title, sidebar);
      await paper.click().catch(() => undefined);
      return card.locator('#authors').waitFor({ timeout: 3_000 }).then(() => true, () => false);
    }, 'the card of the first fetched paper');
    assert.match((await card.locator('#authors').textContent()) ?? '', new RegExp(FIRST.paper.authors[1].name));
    for (const key of ['web-arxiv', 'web-pdf', 'web-code', 'copy-bibtex']) {
      await card.locator(`[data-key="${key}"]`).waitFor({ timeout: 10_000 });
    }
    await waitUntil(async () => (await card.locator('[data-key^="kw-"]').count()) > 0, 'keyword chips on the card');
    await workbench.screenshot('fetch-daily-papers-card');
  });
});
