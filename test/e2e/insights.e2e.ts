import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import type { FrameLocator } from 'playwright-core';
import { orgQuery } from '../../src/core';
import { generateCorpus } from '../../bench/corpus';
import { readSeedPapers } from '../../bench/seeds';
import { FIXTURES, openWorkbench, waitUntil, type Workbench } from './harness';

/**
 * A year of daily digests grown from the seed digests, ending the day before the seeds'
 * "Nov 6", so the insights have a year of weeks to draw and four full weeks of organisations.
 */
function generatedYear(): Record<string, string> {
  const files = generateCorpus(readSeedPapers(FIXTURES), { files: 365, seed: 2026, start: '2025-11-06' });
  return Object.fromEntries(files.map((file) => [`year/${file.name}`, file.text]));
}

const CHARTS = ['weeks', 'organisations', 'keywords', 'upvotes', 'topPapers', 'progress'];

/** The insights page: the webview frame whose page has the charts. */
function insights(workbench: Workbench): FrameLocator {
  return workbench.webview();
}

/**
 * Opens the Papers view and waits until it holds every digest of the year: with more than 60
 * digests the view files them under Year › Month, so the years' "N digests" are added up.
 */
async function waitForScan(workbench: Workbench, year: Record<string, string>): Promise<void> {
  const expected = Object.keys(year).length;
  await workbench.openView('Papers');
  await waitUntil(async () => {
    const rows = await workbench.treeItemLabels();
    const digests = rows.map((row) => /^20\d\d (\d+) digests?$/.exec(row)).reduce((n, m) => n + (m ? Number(m[1]) : 0), 0);
    return digests >= expected;
  }, `the Papers view to hold the ${expected} digests of the year`, 120_000);
}

/** A digest row of the filtered view, opening its year and month first when the view files them so. */
async function filteredDigestRow(workbench: Workbench): Promise<void> {
  const digest = /\d+ of \d+ papers?$/;
  await waitUntil(async () => (await workbench.treeItem(digest).count()) > 0 || (await workbench.treeItem(/^20\d\d\s*\d+ digests?$/).count()) > 0, 'the filtered Papers view');
  if ((await workbench.treeItem(digest).count()) > 0) return;
  await workbench.expandTreeItem(/^20\d\d\s*\d+ digests?$/);
  await workbench.expandTreeItem(/^(January|February|March|April|May|June|July|August|September|October|November|December)\s*\d+ digests?$/);
  await workbench.waitForTreeItem(digest);
}

/** Opens Show Insights from the palette and waits until every chart is drawn. */
async function openInsights(workbench: Workbench): Promise<FrameLocator> {
  await workbench.runCommand('Papers: Show Insights');
  const page = insights(workbench);
  await page.locator('h1', { hasText: 'Insights' }).waitFor();
  for (const chart of CHARTS) await page.locator(`section[aria-labelledby="chart-${chart}"] .plot-box svg`).first().waitFor();
  // No tooltip of the activity bar over the screenshots.
  await workbench.page.mouse.move(900, 600);
  await waitUntil(async () => /of [\d,]+ papers in this period/.test((await page.locator('p.summary').textContent()) ?? ''), 'the period summary');
  return page;
}

suite('insights: the charts of a year of digests, and filtering the Papers view from them', () => {
  let workbench: Workbench;
  let year: Record<string, string>;

  suiteSetup(async () => {
    year = generatedYear();
    workbench = await openWorkbench({ files: year, settings: { 'workbench.colorTheme': 'Default Light Modern' }, viewport: { width: 1400, height: 1000 } });
    await waitForScan(workbench, year);
  });

  suiteTeardown(async () => {
    await workbench?.close();
  });

  test('Show Insights draws every chart with its bars named for screen readers, and the same numbers as tables', async () => {
    const page = await openInsights(workbench);
    const summary = (await page.locator('p.summary').textContent()) ?? '';
    const [, inPeriod, papers] = /^([\d,]+) of ([\d,]+) papers/.exec(summary) ?? [];
    assert.ok(Number(papers.replace(/,/g, '')) > 5000, summary);
    assert.ok(Number(inPeriod.replace(/,/g, '')) > 100, summary);
    // A year of weeks, each a bar with its numbers as its name.
    const weeks = page.locator('section[aria-labelledby="chart-weeks"] [data-key]');
    assert.ok((await weeks.count()) >= 52, `weeks drawn: ${await weeks.count()}`);
    assert.match((await weeks.first().getAttribute('aria-label')) ?? '', /^\w{3} \d+, \d{4}: Papers in the week’s digests [\d,]+, New papers [\d,]+$/);
    const orgs = page.locator('section[aria-labelledby="chart-organisations"] [data-key][role="button"]');
    assert.ok((await orgs.count()) >= 5, `organisations drawn: ${await orgs.count()}`);
    // The table of a chart: one row per bar, the same numbers.
    const section = page.locator('section[aria-labelledby="chart-organisations"]');
    const firstLabel = (await orgs.first().getAttribute('aria-label')) ?? '';
    await section.getByRole('button', { name: 'Show table' }).click();
    const firstRow = section.locator('table tbody tr').first();
    await firstRow.waitFor();
    const [name, count] = firstLabel.split(/: Papers /);
    assert.equal((await firstRow.locator('th').textContent())?.trim(), name);
    assert.equal((await firstRow.locator('td').textContent())?.trim(), count);
    await section.getByRole('button', { name: 'Show chart' }).click();
    await section.locator('.plot-box svg').waitFor();
    // The page told the host it had drawn the charts; the host logged how long that took.
    const drawn = await waitUntil(() => /insights: drew (\d+) charts in ([\d.]+) ms/.exec(workbench.extensionLog()) ?? undefined, 'the host to log the charts drawn');
    assert.ok(Number(drawn[1]) >= CHARTS.length, drawn[0]);
    assert.deepEqual(workbench.unexpectedConsoleErrors(), []);
  });

  test('screenshots of the insights in the light, the dark and the high-contrast theme', async () => {
    await workbench.screenshot('insights-light');
    for (const [theme, name, bodyClass] of [
      ['Default Dark Modern', 'insights-dark', /vscode-dark/],
      ['Default High Contrast', 'insights-high-contrast', /vscode-high-contrast/],
    ] as const) {
      const other = await openWorkbench({ files: year, settings: { 'workbench.colorTheme': theme }, viewport: { width: 1400, height: 1000 } });
      try {
        await waitForScan(other, year);
        const page = await openInsights(other);
        assert.match((await page.locator('body').getAttribute('class')) ?? '', bodyClass);
        await other.screenshot(name);
      } finally {
        await other.close();
      }
    }
  });

  test('clicking an organisation\'s bar filters the Papers view to its papers', async () => {
    const page = insights(workbench);
    const bar = page.locator('section[aria-labelledby="chart-organisations"] [data-key][role="button"]').first();
    const label = (await bar.getAttribute('aria-label')) ?? '';
    const [org, count] = label.split(/: Papers /);
    assert.ok(org && Number(count) > 0, label);
    await bar.click();
    const query = orgQuery(org);
    // The view says what it is filtered by and how many papers match: at least the bar's, which counts the period alone.
    const message = await waitUntil(async () => {
      const text = (await workbench.sidebar().innerText().catch(() => '')) ?? '';
      return new RegExp(`Filter: ${query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — ([\\d,]+) papers?`).exec(text) ?? undefined;
    }, `the Papers view filtered by ${query}`);
    assert.ok(Number(message[1].replace(/,/g, '')) >= Number(count), `${message[0]} for a bar of ${count}`);
    // Only digests holding a paper of the organisation are left, each saying how many of its papers are.
    await filteredDigestRow(workbench);
    await workbench.screenshot('insights-filtered');
    // The keyboard does the same: Enter on the next bar filters by that organisation.
    await bar.focus();
    await workbench.page.keyboard.press('ArrowDown');
    await workbench.page.keyboard.press('Enter');
    const next = page.locator('section[aria-labelledby="chart-organisations"] [data-key][tabindex="0"]');
    const nextOrg = ((await next.getAttribute('aria-label')) ?? '').split(/: Papers /)[0];
    assert.notEqual(nextOrg, org);
    await waitUntil(async () => ((await workbench.sidebar().innerText().catch(() => '')) ?? '').includes(`Filter: ${orgQuery(nextOrg)}`), `the Papers view filtered by ${orgQuery(nextOrg)}`);
  });

  test('choosing another period draws the period\'s charts again and leaves the whole library\'s weekly charts as drawn', async () => {
    const page = insights(workbench);
    const svg = (chart: string) => page.locator(`section[aria-labelledby="chart-${chart}"] .plot-box svg`).first();
    const summary = page.locator('p.summary');
    // Marks on the drawn charts: a chart drawn again is a new SVG element, without the mark.
    for (const chart of CHARTS) await svg(chart).evaluate((element) => element.setAttribute('data-test-mark', 'before'));
    const before = (await summary.textContent()) ?? '';
    const select = page.getByRole('combobox', { name: 'Period' });
    const chosen = await select.inputValue();
    await select.selectOption({ label: 'Whole library' });
    const after = await waitUntil(async () => {
      const text = (await summary.textContent()) ?? '';
      return text !== before ? text : undefined;
    }, 'the summary of the whole library');
    const [, inPeriod, papers] = /^([\d,]+) of ([\d,]+) papers/.exec(after) ?? [];
    assert.equal(inPeriod, papers, after);
    await waitUntil(async () => (await svg('organisations').getAttribute('data-test-mark')) === null, 'the organisations drawn again');
    for (const chart of ['organisations', 'upvotes']) assert.equal(await svg(chart).getAttribute('data-test-mark'), null, `${chart} drawn again`);
    for (const chart of ['weeks', 'progress']) assert.equal(await svg(chart).getAttribute('data-test-mark'), 'before', `${chart} left as drawn`);
    await select.selectOption(chosen);
    await waitUntil(async () => ((await summary.textContent()) ?? '') === before, 'the period chosen before');
    assert.deepEqual(workbench.unexpectedConsoleErrors(), []);
  });
});
