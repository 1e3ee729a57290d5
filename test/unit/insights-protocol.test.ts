import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeInsights, type InsightPaper } from '../../src/core/insights';
import {
  INSIGHTS_TEXT, isInsightsFigures, parseInsightsHostMessage, parseInsightsState, parseInsightsText, parseInsightsWebviewMessage, parsePeriod, parseQueryText,
} from '../../src/core/protocol';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const papers: InsightPaper[] = [
  { id: 'mamba-4f2a', title: 'Mamba', org: 'zai-org Z.ai', upvotes: 12, keywords: ['ssm'], digestTimes: [day('2025-11-03')] },
  { id: 'diffusion-9b1c', title: 'Diffusion', digestTimes: [day('2025-11-12'), day('2025-11-04')] },
];
const figures = computeInsights(papers, () => ({ status: 'read', annotations: [], body: 'x' }), { period: { from: day('2025-11-01'), to: day('2025-12-01') } });
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('parseInsightsWebviewMessage', () => {
  it('accepts each message the page sends, dropping extra fields', () => {
    expect(parseInsightsWebviewMessage({ type: 'ready', extra: 1 })).toEqual({ type: 'ready' });
    expect(parseInsightsWebviewMessage({ type: 'filter', query: '  org:"Z.ai" ' })).toEqual({ type: 'filter', query: 'org:"Z.ai"' });
    expect(parseInsightsWebviewMessage({ type: 'filter', query: 'digest:"Nov 6"' })).toEqual({ type: 'filter', query: 'digest:"Nov 6"' });
    expect(parseInsightsWebviewMessage({ type: 'trend', query: 'diffusion' })).toEqual({ type: 'trend', query: 'diffusion' });
    expect(parseInsightsWebviewMessage({ type: 'period' })).toEqual({ type: 'period' });
    expect(parseInsightsWebviewMessage({ type: 'period', period: { from: 0, to: 86_400_000 } })).toEqual({ type: 'period', period: { from: 0, to: 86_400_000 } });
    expect(parseInsightsWebviewMessage({ type: 'openPaper', id: 'mamba-4f2a' })).toEqual({ type: 'openPaper', id: 'mamba-4f2a' });
    expect(parseInsightsWebviewMessage({ type: 'save', chart: 'weeks', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' })).toMatchObject({ type: 'save', format: 'svg' });
    expect(parseInsightsWebviewMessage({ type: 'save', chart: 'trend', format: 'png', data: PNG })).toEqual({ type: 'save', chart: 'trend', format: 'png', data: PNG });
    expect(parseInsightsWebviewMessage({ type: 'drawn', ms: 12.5, charts: 6, extra: 1 })).toEqual({ type: 'drawn', ms: 12.5, charts: 6 });
  });

  it('rejects hostile and malformed messages', () => {
    const bad: unknown[] = [
      null, undefined, 42, 'filter', [], { type: 'nope' }, { type: '__proto__' }, { type: 'constructor' },
      { type: 'filter' }, { type: 'filter', query: '' }, { type: 'filter', query: '   ' }, { type: 'filter', query: 7 },
      { type: 'filter', query: 'x'.repeat(1001) }, { type: 'filter', query: 'a\nb' }, { type: 'trend', query: 'a\u0000' },
      { type: 'period', period: { from: 10, to: 5 } }, { type: 'period', period: { from: 0, to: Infinity } }, { type: 'period', period: { from: '0', to: '1' } },
      { type: 'period', period: { from: -8.64e15, to: 8.64e15 } }, { type: 'period', period: [0, 1] },
      { type: 'openPaper', id: '../../etc/passwd' }, { type: 'openPaper', id: '' }, { type: 'openPaper' },
      { type: 'save', chart: 'weeks', format: 'svg', data: '<script>alert(1)</script>' },
      { type: 'save', chart: 'weeks', format: 'svg', data: '<svg><script>x</script>' },
      { type: 'save', chart: 'weeks', format: 'gif', data: PNG },
      { type: 'save', chart: 'weeks', format: 'png', data: 'data:image/png;base64,' + PNG },
      { type: 'save', chart: 'weeks', format: 'png', data: 'R0lGODlhAQABAAAAACw=' },
      { type: 'save', chart: '../x', format: 'png', data: PNG },
      { type: 'save', chart: 'weeks', format: 'png', data: `${PNG}x` },
      { type: 'save', chart: 'weeks', format: 'svg', data: `<svg>${'x'.repeat(20_000_001)}</svg>` },
      { type: 'drawn' }, { type: 'drawn', ms: -1, charts: 1 }, { type: 'drawn', ms: NaN, charts: 1 }, { type: 'drawn', ms: Infinity, charts: 1 },
      { type: 'drawn', ms: '3', charts: 1 }, { type: 'drawn', ms: 3, charts: 1.5 },
    ];
    for (const message of bad) expect(parseInsightsWebviewMessage(message), JSON.stringify(message)?.slice(0, 80)).toBeUndefined();
  });

  it('property: never throws, and whatever it accepts is well-formed', () => {
    fc.assert(fc.property(fc.anything(), (value) => {
      const message = parseInsightsWebviewMessage(value);
      if (message?.type === 'filter' || message?.type === 'trend') expect(message.query.trim()).toBe(message.query);
    }));
    fc.assert(fc.property(fc.record({ type: fc.constantFrom('filter', 'trend', 'period', 'save', 'openPaper'), query: fc.string(), period: fc.anything(), id: fc.string(), chart: fc.string(), format: fc.string(), data: fc.string() }), (value) => {
      parseInsightsWebviewMessage(value);
    }));
  });
});

describe('parseInsightsHostMessage', () => {
  it('accepts the figures computeInsights makes, and a trend', () => {
    expect(parseInsightsHostMessage({ type: 'figures', figures })).toEqual({ type: 'figures', figures });
    const json = JSON.parse(JSON.stringify({ type: 'figures', figures }));
    expect(parseInsightsHostMessage(json)).toEqual(json);
    const trend = { query: 'ssm', points: [{ month: day('2025-11-01'), count: 1, total: 2 }], matched: 1, warnings: [] };
    expect(parseInsightsHostMessage({ type: 'trend', trend })).toEqual({ type: 'trend', trend });
    expect(isInsightsFigures(computeInsights([], () => undefined))).toBe(true);
  });

  it('rejects figures with anything out of shape', () => {
    const broken = [
      { ...figures, papers: -1 },
      { ...figures, weeks: [{ week: 'x', papers: 1, new: 0 }] },
      { ...figures, organisations: [{ label: 'a', count: 1.5, query: 'org:"a"' }] },
      { ...figures, keywords: { source: 'other', items: [] } },
      { ...figures, upvotes: { buckets: [{ from: 0, count: 1 }], unknown: 0 } },
      { ...figures, topPapers: [{ id: '<img src=x>', title: 't', upvotes: 1 }] },
      { ...figures, progress: { ...figures.progress, weeks: null } },
      { ...figures, weeks: Array.from({ length: 5001 }, () => ({ week: 0, papers: 0, new: 0 })) },
      { ...figures, period: { from: 5, to: 1 } },
    ];
    for (const f of broken) expect(parseInsightsHostMessage({ type: 'figures', figures: f })).toBeUndefined();
    expect(parseInsightsHostMessage({ type: 'trend', trend: { query: 'x', points: [], matched: 0, warnings: [1] } })).toBeUndefined();
    expect(parseInsightsHostMessage({ type: 'figures' })).toBeUndefined();
    expect(parseInsightsHostMessage('figures')).toBeUndefined();
  });
});

describe('state, text, queries and periods', () => {
  it('reads back a saved state, dropping what is malformed', () => {
    expect(parseInsightsState({ period: { from: 1, to: 2 }, trendQuery: 'rl', tables: ['weeks', 'weeks', 'bogus', 3] })).toEqual({ period: { from: 1, to: 2 }, trendQuery: 'rl', tables: ['weeks'] });
    expect(parseInsightsState('junk')).toEqual({ tables: [] });
  });

  it('takes translated words over the English, ignoring malformed ones', () => {
    const text = parseInsightsText({ title: 'Einblicke', weeks: '', upvotes: 5, __proto__: { saveSvg: 'x' } });
    expect(text.title).toBe('Einblicke');
    expect(text.weeks).toBe(INSIGHTS_TEXT.weeks);
    expect(text.upvotes).toBe(INSIGHTS_TEXT.upvotes);
    expect(text.saveSvg).toBe(INSIGHTS_TEXT.saveSvg);
  });

  it('checks queries and periods on their own', () => {
    expect(parseQueryText(' a ')).toBe('a');
    expect(parseQueryText('\u007f')).toBeUndefined();
    expect(parsePeriod({ from: 0, to: 1 })).toEqual({ from: 0, to: 1 });
    expect(parsePeriod({ from: 0, to: 0 })).toBeUndefined();
  });
});
