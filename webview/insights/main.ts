/*
 * The insights page's web app (dist/insights.js): draws the figures the host
 * sends, and turns what the reader picks into filters of the Papers view.
 *
 * Charting library: Observable Plot (@observablehq/plot 0.6.17, with d3).
 * Measured for a bar + line chart, bundled by esbuild (browser, iife,
 * minified, tree-shaken):
 *   Observable Plot 0.6.17  256.5 KB (88.4 KB gzip)
 *   Chart.js 4.6.1          160.6 KB (56.3 KB gzip) with only the bar and line parts registered; 201.0 KB with chart.js/auto
 *   uPlot 1.6.32             50.9 KB (22.8 KB gzip), plus its stylesheet
 * None of the three bundles contains eval or new Function (d3-dsv's row
 * parser, the one use in d3, is not reached from Plot's charts and is shaken
 * out), so each runs under the page's CSP.
 * Plot it is, despite the size, because it draws SVG: each bar is an element
 * that takes keyboard focus, an accessible name and a click, which is what
 * this page needs (tab to a chart, arrows between bars, Enter filters), and
 * "Save SVG" is the chart itself. Chart.js and uPlot draw on a canvas: every
 * bar would need a shadow DOM of its own for the keyboard and screen readers,
 * and there would be no SVG to save. Plot's one inline <style> is dropped
 * (the CSP refuses it) and its rules are in this page's stylesheet. The
 * bundle is loaded only by this panel, never at activation.
 */
import type { InsightsFigures, Period } from '../../src/core/insights';
import { formatText, parseInsightsHostMessage, parseInsightsState, parseInsightsText, type InsightsChart, type InsightsState, type InsightsWebviewMessage } from '../../src/core/protocol';
import { h, replaceChildren } from '../dom';
import { chartsOf, isoDay, parseIsoDay, periodPresets, trendChart, type ChartAction } from './chart-data';
import { ChartView, type ChartHost } from './chart-view';
import { INSIGHTS_CSS } from './styles';
import { onThemeChange, readPalette, type Palette } from './theme';

const DAY_MS = 86_400_000;

// The CSP allows only styles carrying the nonce the host gave this script.
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';
const style = document.createElement('style');
style.nonce = nonce;
style.textContent = INSIGHTS_CSS;
document.head.append(style);

const vscode = acquireVsCodeApi<InsightsState>();
let state: InsightsState = parseInsightsState(vscode.getState());
const post = (message: InsightsWebviewMessage) => vscode.postMessage(message);
const saveState = (next: Partial<InsightsState>) => {
  state = { ...state, ...next };
  vscode.setState(state);
};

function readText() {
  try {
    return parseInsightsText(JSON.parse(document.getElementById('app')?.dataset.l10n ?? '{}'));
  } catch {
    return parseInsightsText(undefined);
  }
}

const root = document.getElementById('app');
if (root) start(root);

function start(root: HTMLElement): void {
  const t = readText();
  let palette: Palette = readPalette();
  let figures: InsightsFigures | undefined;

  const choosePeriod = (period: Period | undefined) => {
    saveState({ period });
    post(period ? { type: 'period', period } : { type: 'period' });
  };
  const activate = (action: ChartAction) => {
    if (action.kind === 'filter') post({ type: 'filter', query: action.query });
    else if (action.kind === 'openPaper') post({ type: 'openPaper', id: action.id });
    else choosePeriod(action.period);
  };
  const host: ChartHost = {
    text: t,
    palette: () => palette,
    activate,
    post,
    showsTable: (chart: InsightsChart) => state.tables.includes(chart),
    setShowsTable: (chart: InsightsChart, shown: boolean) =>
      saveState({ tables: shown ? [...state.tables.filter((c) => c !== chart), chart] : state.tables.filter((c) => c !== chart) }),
  };

  // The period: presets relative to the newest digest, or two days typed in.
  const preset = h('select', { 'aria-label': t.period });
  const from = h('input', { type: 'date', 'aria-label': t.from });
  const to = h('input', { type: 'date', 'aria-label': t.to });
  const apply = h('button', { type: 'button' }, t.apply);
  const summary = h('p', { class: 'summary', role: 'status' }, t.loading);
  let presets: ReturnType<typeof periodPresets> = [];
  preset.addEventListener('change', () => choosePeriod(presets[Number(preset.value)]?.period));
  apply.addEventListener('click', () => {
    const start = parseIsoDay(from.value);
    const end = parseIsoDay(to.value);
    if (start !== undefined && end !== undefined && end >= start) choosePeriod({ from: start, to: end + DAY_MS });
  });

  // The trend of any search, asked of the host, which runs the search language.
  const trendInput = h('input', { type: 'search', placeholder: t.trendPlaceholder, 'aria-label': t.trend, value: state.trendQuery ?? '' });
  const trendButton = h('button', { type: 'submit', class: 'primary' }, t.trendShow);
  const trendForm = h('form', { class: 'controls' }, trendInput, trendButton);
  trendForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = trendInput.value.trim();
    if (query === '') return;
    saveState({ trendQuery: query });
    post({ type: 'trend', query });
  });

  const views = new Map<InsightsChart, ChartView>();
  for (const id of ['weeks', 'organisations', 'keywords', 'upvotes', 'topPapers', 'progress', 'trend'] as const) {
    views.set(id, new ChartView(id, host, id === 'weeks' || id === 'progress' || id === 'trend'));
  }
  const trendView = views.get('trend')!;
  trendView.element.hidden = true;
  const grid = h('div', { class: 'charts' }, ...[...views.values()].map((v) => v.element));
  replaceChildren(root, [
    h('h1', {}, t.title),
    h('div', { class: 'controls' }, h('label', {}, `${t.period} `, preset), from, to, apply),
    summary,
    trendForm,
    grid,
  ]);

  const showPeriod = (f: InsightsFigures) => {
    presets = periodPresets(f.span, t);
    const chosen = presets.findIndex((p) => p.period?.from === f.period?.from && p.period?.to === f.period?.to);
    replaceChildren(preset, presets.map((p, i) => h('option', { value: String(i), selected: i === chosen }, p.label)));
    if (chosen < 0) preset.append(h('option', { value: '-1', selected: true, disabled: true }, `${t.from} \u2013 ${t.to}`));
    const range = f.period ?? f.span;
    from.value = range ? isoDay(range.from) : '';
    to.value = range ? isoDay(f.period ? range.to - DAY_MS : range.to) : '';
    summary.textContent = formatText(t.papersInPeriod, f.inPeriod.toLocaleString('en'), f.papers.toLocaleString('en'));
  };

  window.addEventListener('message', (event: MessageEvent) => {
    const message = parseInsightsHostMessage(event.data);
    if (!message) return;
    if (message.type === 'figures') {
      const started = performance.now();
      figures = message.figures;
      showPeriod(figures);
      const specs = chartsOf(figures, t);
      // Every width read before any chart is drawn: one layout of the page, not one per chart.
      const widths = specs.map((spec) => views.get(spec.id)?.width());
      specs.forEach((spec, i) => views.get(spec.id)?.render(spec, widths[i]));
      // Once the frame with the new charts has been laid out and painted, the host hears how long it took.
      requestAnimationFrame(() => setTimeout(() => post({ type: 'drawn', ms: performance.now() - started, charts: specs.length }), 0));
    } else {
      trendView.element.hidden = false;
      trendView.render(trendChart(message.trend, t));
    }
  });

  // Charts are drawn to the width they have, and in the theme's colours: both can change.
  let pending: ReturnType<typeof setTimeout> | undefined;
  const redraw = () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      palette = readPalette();
      const drawn = [...views.values()];
      const widths = drawn.map((view) => view.width());
      drawn.forEach((view, i) => view.draw(widths[i]));
    }, 120);
  };
  onThemeChange(redraw);
  let lastWidth = grid.clientWidth;
  new ResizeObserver(() => {
    if (Math.abs(grid.clientWidth - lastWidth) < 8) return;
    lastWidth = grid.clientWidth;
    redraw();
  }).observe(grid);

  post({ type: 'ready' });
  if (state.period) post({ type: 'period', period: state.period });
  if (state.trendQuery) post({ type: 'trend', query: state.trendQuery });
}
