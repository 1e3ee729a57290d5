import * as assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { paperId, type InsightsFigures } from '../../src/core';
import type { InsightsApi, InsightsExchange } from '../../src/features/insights';
import type { Services } from '../../src/services';
import { api, readyApi, waitFor } from './helpers';

const MARKOV = 'The Markovian Thinker';

interface Api {
  services: Services;
  insights: InsightsApi;
}

function insightsTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('paperReader.insights'));
}

/** Every message between the host and the page from now on. */
function record(insights: InsightsApi): { seen: InsightsExchange[]; dispose(): void } {
  const seen: InsightsExchange[] = [];
  const subscription = insights.onDidExchange((exchange) => seen.push(exchange));
  return { seen, dispose: () => subscription.dispose() };
}

function figuresSent(seen: readonly InsightsExchange[]): InsightsFigures[] {
  return seen.flatMap((e) => (e.from === 'host' && e.message.type === 'figures' ? [e.message.figures] : []));
}

suite('insights panel', () => {
  let a: Api;
  suiteSetup(async () => {
    await readyApi();
    a = (await api()) as unknown as Api;
    await a.services.store.ready();
  });
  teardown(async () => {
    await vscode.window.tabGroups.close(insightsTabs());
  });

  test('Show Insights opens one panel whose page says ready and is answered with the library\'s figures, drawn', async () => {
    const log = record(a.insights);
    try {
      await vscode.commands.executeCommand('paperReader.insights.open');
      await waitFor(() => insightsTabs().length === 1, { message: 'an insights tab' });
      assert.equal(insightsTabs()[0].label, 'Insights');
      await waitFor(() => log.seen.some((e) => e.from === 'page' && e.message.type === 'ready'), { message: 'the page to say ready', timeout: 20_000 });
      const figures = await waitFor(() => figuresSent(log.seen).at(-1), { message: 'the host to send the figures' });
      assert.equal(figures.papers, a.services.index.papers().length);
      assert.ok(figures.papers > 0);
      // The period is the last four weeks of the library until the page asks for another.
      const span = figures.span;
      assert.ok(span && figures.period, JSON.stringify({ span, period: figures.period }));
      assert.equal(figures.period.to - figures.period.from, 28 * 86_400_000);
      assert.ok(figures.inPeriod > 0 && figures.inPeriod <= figures.papers);
      assert.ok(figures.weeks.length > 0);
      assert.ok(figures.organisations.length > 0);
      assert.match(figures.organisations[0].query, /^org:/);
      const drawn = await waitFor(() => log.seen.find((e) => e.from === 'page' && e.message.type === 'drawn'), { message: 'the page to report the charts drawn' });
      assert.ok(drawn.message.type === 'drawn' && drawn.message.charts >= 6, JSON.stringify(drawn.message));

      // Opening it again reveals the same panel.
      await vscode.commands.executeCommand('paperReader.insights.open');
      assert.equal(insightsTabs().length, 1);
      assert.equal(a.insights.panel()?.title, 'Insights');
    } finally {
      log.dispose();
    }
  });

  test('a note changed while the panel is open sends the reading progress again', async () => {
    const id = paperId(MARKOV);
    const before = a.services.store.get(id)?.status ?? 'unread';
    const log = record(a.insights);
    try {
      await vscode.commands.executeCommand('paperReader.insights.open');
      const first = await waitFor(() => figuresSent(log.seen).at(-1), { message: 'the first figures', timeout: 20_000 });
      const read = first.progress.read;
      await a.services.store.update(id, MARKOV, (note) => {
        note.status = before === 'read' ? 'reading' : 'read';
      });
      const next = await waitFor(() => figuresSent(log.seen).find((f) => f.progress.read !== read), { message: 'figures with the new reading progress' });
      assert.equal(next.progress.read, before === 'read' ? read - 1 : read + 1);
    } finally {
      log.dispose();
      await a.services.store.update(id, MARKOV, (note) => {
        note.status = before;
      });
    }
  });

  test('closing the panel forgets it; the command opens a new one', async () => {
    await vscode.commands.executeCommand('paperReader.insights.open');
    await waitFor(() => insightsTabs().length === 1, { message: 'the insights tab' });
    assert.ok(a.insights.panel());
    await vscode.window.tabGroups.close(insightsTabs());
    await waitFor(() => a.insights.panel() === undefined, { message: 'the panel to be forgotten' });
    await vscode.commands.executeCommand('paperReader.insights.open');
    await waitFor(() => insightsTabs().length === 1, { message: 'a new insights tab' });
  });
});
