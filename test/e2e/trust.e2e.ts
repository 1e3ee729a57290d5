import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import { openWorkbench, type Workbench } from './harness';

/**
 * Someone who clones a digest repository opens it in Restricted Mode: the extension runs no
 * workspace code, so it must work there, not switch itself off.
 */
suite('workspace trust: Restricted Mode', () => {
  let workbench: Workbench;

  suiteSetup(async () => {
    workbench = await openWorkbench({ restricted: true });
  });

  suiteTeardown(async () => {
    await workbench?.close();
  });

  test('the seed workspace opens in Restricted Mode and the Papers view lists its digests', async () => {
    const restricted = workbench.page.locator('.statusbar-item', { hasText: 'Restricted Mode' });
    await restricted.first().waitFor({ timeout: 30_000 });
    const sidebar = await workbench.openView('Papers');
    await workbench.waitForTreeItem('000_9ccde1c60d8efdfe.txt · 6 papers', sidebar);
    await workbench.waitForTreeItem('002_192ceaad66bef3ca.txt · 28 papers', sidebar);
    const rows = (await workbench.treeItemLabels(sidebar)).filter((label) => / · \d+ papers$/.test(label));
    assert.equal(rows.length, 3, `digest rows in Restricted Mode: ${JSON.stringify(rows)}`);
    await workbench.screenshot('trust-restricted-mode');
  });
});
