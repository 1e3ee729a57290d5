import { describe, expect, it } from 'vitest';
import { computeInsights, insightsPageHtml, type InsightPaper } from '../../src/core/insights';
import { INSIGHTS_TEXT, parseInsightsText } from '../../src/core/protocol';
import { chartsOf, isoDay, itemLabel, parseIsoDay, periodPresets, progressSeriesAction, tableOf, trendChart } from '../../webview/insights/chart-data';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const t = parseInsightsText(undefined);
const papers: InsightPaper[] = [
  { id: 'a', title: 'Paper A', org: 'zai-org Z.ai', upvotes: 12, digestTimes: [day('2025-11-03')] },
  { id: 'b', title: 'Paper B', org: 'google Google', upvotes: 3, digestTimes: [day('2025-11-12')] },
  { id: 'c', title: 'Paper C', digestTimes: [day('2025-11-13')] },
];
const notes = new Map([['a', { status: 'read' as const, annotations: [], body: '' }]]);
const figures = computeInsights(papers, (id) => notes.get(id));

describe('chart specs', () => {
  const byId = new Map(chartsOf(figures, t).map((spec) => [spec.id, spec]));

  it('makes every chart of the page, in order', () => {
    expect([...byId.keys()]).toEqual(['weeks', 'organisations', 'keywords', 'upvotes', 'topPapers', 'progress']);
  });

  it('gives each bar the action the page posts: a filter, a period or a paper', () => {
    expect(byId.get('organisations')!.items.map((i) => i.action)).toEqual([
      { kind: 'filter', query: 'org:"google Google"' },
      { kind: 'filter', query: 'org:"zai-org Z.ai"' },
    ]);
    const weeks = byId.get('weeks')!.items;
    expect(weeks.map((w) => w.label)).toEqual(['Nov 3, 2025', 'Nov 10, 2025']);
    expect(weeks[1].action).toEqual({ kind: 'period', period: { from: day('2025-11-10'), to: day('2025-11-17') } });
    expect(byId.get('topPapers')!.items[0].action).toEqual({ kind: 'openPaper', id: 'a' });
    expect(byId.get('upvotes')!.items.slice(0, 3).map((i) => i.label)).toEqual(['0', '1\u20134', '5\u20139']);
    expect(progressSeriesAction(1)).toEqual({ kind: 'filter', query: 'status:reading' });
  });

  it('shows the same numbers in the table as in the chart, and names each bar by them', () => {
    const weeks = byId.get('weeks')!;
    expect(tableOf(weeks)).toEqual({ head: ['Week', INSIGHTS_TEXT.weeksAll, INSIGHTS_TEXT.weeksNew], rows: [['Nov 3, 2025', '1', '1'], ['Nov 10, 2025', '2', '2']] });
    expect(itemLabel(weeks, weeks.items[1])).toBe(`Nov 10, 2025: ${INSIGHTS_TEXT.weeksAll} 2, ${INSIGHTS_TEXT.weeksNew} 2`);
    const progress = byId.get('progress')!;
    expect(progress.note).toBe('1 read, 0 reading, 2 unread; 0 annotated, 0 with notes');
    expect(tableOf(progress).rows).toEqual([['Nov 3, 2025', '1', '0', '0'], ['Nov 10, 2025', '0', '0', '2']]);
  });

  it('labels the keyword chart by where its words come from', () => {
    expect(byId.get('keywords')!.title).toBe(INSIGHTS_TEXT.titleWords);
    const withKeywords = computeInsights([{ ...papers[0], keywords: ['ssm'] }], () => undefined);
    expect(chartsOf(withKeywords, t)[2].title).toBe(INSIGHTS_TEXT.keywords);
  });

  it('makes a trend chart with the share of each month and what the query language warned', () => {
    const spec = trendChart({ query: 'ssm foo:bar', matched: 1, warnings: ['Unknown filter "foo"'], points: [{ month: day('2025-10-01'), count: 1, total: 3 }, { month: day('2025-11-01'), count: 0, total: 0 }] }, t);
    expect(spec.items.map((i) => i.values)).toEqual([[1, 33.3], [0, 0]]);
    expect(spec.items[0].action).toEqual({ kind: 'period', period: { from: day('2025-10-01'), to: day('2025-11-01') } });
    expect(spec.note).toBe('1 papers match \u00b7 Unknown filter "foo"');
  });
});

describe('periods', () => {
  it('offers presets ending with the newest digest day', () => {
    const presets = periodPresets({ from: day('2025-01-01'), to: day('2025-11-13') }, t);
    expect(presets.map((p) => p.label)).toEqual([t.lastWeek, t.last4Weeks, t.lastYear, t.allTime]);
    expect(presets[0].period).toEqual({ from: day('2025-11-07'), to: day('2025-11-14') });
    expect(presets[3].period).toBeUndefined();
    expect(periodPresets(undefined, t)).toEqual([{ label: t.allTime }]);
  });

  it('reads and writes the days of the date inputs', () => {
    expect(isoDay(day('2025-11-03'))).toBe('2025-11-03');
    expect(parseIsoDay('2025-11-03')).toBe(day('2025-11-03'));
    expect(parseIsoDay('2025-13-40')).toBeUndefined();
    expect(parseIsoDay('yesterday')).toBeUndefined();
  });
});

describe('insightsPageHtml', () => {
  it('allows the one script and styles by nonce, blob images for PNG, nothing else', () => {
    const html = insightsPageHtml({ nonce: 'abc123', cspSource: 'https://file+.vscode-resource.example', scriptUri: 'https://x/dist/insights.js', l10n: { title: 'Einblicke "<b>"' } });
    const csp = /content="([^"]*)"/.exec(html)![1];
    expect(csp).toBe("default-src 'none'; script-src 'nonce-abc123'; style-src 'nonce-abc123' https://file+.vscode-resource.example; font-src https://file+.vscode-resource.example; img-src https://file+.vscode-resource.example blob:");
    expect(csp).not.toMatch(/unsafe/);
    expect(html).toContain('<script nonce="abc123" src="https://x/dist/insights.js"></script>');
    expect(html).toContain('data-l10n="{&quot;title&quot;:&quot;Einblicke \\&quot;&lt;b&gt;\\&quot;&quot;}"');
    expect(html).not.toContain('<b>');
  });

  it('keeps a hostile nonce or script address from breaking out of their attributes', () => {
    const html = insightsPageHtml({ nonce: `x' 'unsafe-eval`, cspSource: 'vscode', scriptUri: '"><script>alert(1)</script>' });
    expect(html).not.toContain("'unsafe-eval'");
    expect(html).toContain("script-src 'nonce-xunsafe-eval'");
    expect(html.match(/<script/g)).toHaveLength(1);
  });
});
