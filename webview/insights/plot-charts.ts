/**
 * Draws a chart spec with Observable Plot (why Plot: see main.ts), and makes
 * each bar or point a keyboard target: the chart is one tab stop, arrow keys
 * move between its items (a roving tabindex), Enter or Space activates one,
 * as a click does. Every item carries its numbers as its accessible name.
 */
import * as Plot from '@observablehq/plot';
import { WEEK_MS } from '../../src/core/insights';
import { itemLabel, progressSeriesAction, type ChartAction, type ChartItem, type ChartSpec } from './chart-data';
import type { Palette } from './theme';

export interface DrawOptions {
  width: number;
  palette: Palette;
  /** Also told which series of the item was activated (the part of a stacked bar). */
  activate: (action: ChartAction) => void;
  /** The key of the item to give keyboard focus to once drawn, if any. */
  focusKey?: string;
}

/** One activatable element's item. */
interface Target {
  key: string;
  label: string;
  action?: ChartAction;
}

export const PLOT_CLASS = 'insights-plot';
const HEIGHT = 220;

/** Clips a tick label; the full text is in the item's accessible name and the table. */
function short(text: string, max = 36): string {
  return text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
}

let measure: CanvasRenderingContext2D | null | undefined;
/** The page's font, read once per chart: reading a computed style after the page changed makes the browser restyle it. */
let font = '11px sans-serif';

/** How wide a tick label is drawn (Plot's 11px in the page's font), in pixels; a guess where no canvas is. */
function textWidth(text: string): number {
  measure ??= document.createElement('canvas').getContext('2d');
  if (!measure) return text.length * 7;
  measure.font = font;
  // The canvas and the SVG do not always pick the same face of a font list: a little room to spare.
  return measure.measureText(text).width * 1.1;
}

/** The text, cut with an ellipsis until it is at most `width` pixels wide. */
function fitText(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  let end = text.length - 1;
  while (end > 1 && textWidth(`${text.slice(0, end)}\u2026`) > width) end--;
  return `${text.slice(0, end)}\u2026`;
}

/**
 * A render transform that hands each drawn element with its target to `wire`:
 * Plot draws one element per entry of the (filtered) index, in its order.
 */
function wired(targets: readonly Target[], wire: (element: SVGElement, target: Target) => void): Plot.RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next!(index, scales, values, dimensions, context);
    if (g) {
      const elements = [...g.children] as SVGElement[];
      elements.forEach((element, k) => {
        const target = targets[index[k]];
        if (target) wire(element, target);
      });
    }
    return g;
  };
}

export function drawChart(spec: ChartSpec, options: DrawOptions): SVGSVGElement {
  const { palette } = options;
  const drawn: { element: SVGElement; target: Target }[] = [];
  const wire = (element: SVGElement, target: Target) => drawn.push({ element, target });
  const outline = palette.contrastBorder ? { stroke: palette.contrastBorder, strokeWidth: 1 } : {};
  const itemTargets = spec.items.map((item) => ({ key: item.key, label: itemLabel(spec, item), action: item.action }));
  const [first, second] = palette.series;
  const common = {
    width: Math.max(280, options.width),
    height: HEIGHT,
    className: PLOT_CLASS,
    style: { color: palette.foreground, background: 'transparent', fontSize: '11px', fontFamily: 'inherit' },
    ariaLabel: spec.title,
  };
  let plot: Element;
  switch (spec.kind) {
    case 'weekly': {
      const at = (item: ChartItem) => new Date(item.time ?? 0);
      plot = Plot.plot({
        ...common,
        x: { type: 'utc', label: null },
        y: { grid: true, label: null },
        marks: [
          Plot.rectY(spec.items, { x1: at, x2: (d: ChartItem) => new Date((d.time ?? 0) + WEEK_MS), y: (d: ChartItem) => d.values[0], fill: first, insetLeft: 0.5, insetRight: 0.5, ...outline, title: (d: ChartItem) => itemLabel(spec, d), render: wired(itemTargets, wire) }),
          Plot.lineY(spec.items, { x: (d: ChartItem) => new Date((d.time ?? 0) + WEEK_MS / 2), y: (d: ChartItem) => d.values[1], stroke: second, strokeWidth: 1.5 }),
          Plot.ruleY([0], { stroke: palette.lines }),
        ],
      });
      break;
    }
    case 'ranked': {
      font = `11px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
      // The names get the room they need, up to 45% of the chart; a longer one is cut to fit it.
      const room = Math.max(80, Math.round(common.width * 0.45));
      const labels = new Map(spec.items.map((item) => [item.key, fitText(short(item.label), room)]));
      const widest = Math.max(0, ...[...labels.values()].map(textWidth));
      plot = Plot.plot({
        ...common,
        height: Math.max(80, 24 * spec.items.length + 30),
        marginLeft: Math.min(room, Math.ceil(widest) + 14),
        y: { domain: spec.items.map((item) => item.key), tickFormat: (key: string) => labels.get(key) ?? '', label: null },
        x: { grid: true, label: null },
        marks: [
          Plot.barX(spec.items, { y: 'key', x: (d: ChartItem) => d.values[0], fill: first, ...outline, title: (d: ChartItem) => itemLabel(spec, d), render: wired(itemTargets, wire) }),
          Plot.ruleX([0], { stroke: palette.lines }),
        ],
      });
      break;
    }
    case 'histogram':
      plot = Plot.plot({
        ...common,
        x: { domain: spec.items.map((item) => item.label), label: null },
        y: { grid: true, label: null },
        marks: [
          Plot.barY(spec.items, { x: 'label', y: (d: ChartItem) => d.values[0], fill: first, ...outline, title: (d: ChartItem) => itemLabel(spec, d), render: wired(itemTargets, wire) }),
          Plot.ruleY([0], { stroke: palette.lines }),
        ],
      });
      break;
    case 'trend': {
      const at = (item: ChartItem) => new Date(item.time ?? 0);
      plot = Plot.plot({
        ...common,
        x: { type: 'utc', label: null },
        y: { grid: true, label: null },
        marks: [
          Plot.lineY(spec.items, { x: at, y: (d: ChartItem) => d.values[0], stroke: first, strokeWidth: 2 }),
          Plot.dot(spec.items, { x: at, y: (d: ChartItem) => d.values[0], fill: first, r: 3, ...outline, title: (d: ChartItem) => itemLabel(spec, d), render: wired(itemTargets, wire) }),
          Plot.ruleY([0], { stroke: palette.lines }),
        ],
      });
      break;
    }
    case 'stacked': {
      // One rectangle per week and status, stacked in the order of the series.
      // Statuses no paper of the week has draw nothing and are no keyboard stop.
      const parts = spec.items.flatMap((item) => item.values.map((value, series) => ({ item, series, value, at: 0 }))).filter((p) => p.value > 0);
      parts.forEach((p, i) => (p.at = i));
      const partTargets = parts.map((p) => ({
        key: `${p.item.key}:${p.series}`,
        label: `${p.item.label}: ${spec.series[p.series]} ${p.value.toLocaleString('en')}`,
        action: progressSeriesAction(p.series),
      }));
      plot = Plot.plot({
        ...common,
        x: { type: 'utc', label: null },
        y: { grid: true, label: null },
        color: { domain: spec.series, range: [palette.series[2], first, palette.lines] },
        marks: [
          Plot.rectY(parts, {
            x1: (p: (typeof parts)[number]) => new Date(p.item.time ?? 0),
            x2: (p: (typeof parts)[number]) => new Date((p.item.time ?? 0) + WEEK_MS),
            y: 'value',
            fill: (p: (typeof parts)[number]) => spec.series[p.series],
            order: spec.series,
            insetLeft: 0.5,
            insetRight: 0.5,
            ...outline,
            title: (p: (typeof parts)[number]) => partTargets[p.at].label,
            render: wired(partTargets, wire),
          }),
          Plot.ruleY([0], { stroke: palette.lines }),
        ],
      });
      break;
    }
  }
  const svg = plot as SVGSVGElement;
  // Plot adds an inline <style> the page's CSP would refuse; the page's stylesheet has its rules.
  svg.querySelectorAll('style').forEach((style) => style.remove());
  makeKeyboardTargets(drawn, options);
  return svg;
}

function makeKeyboardTargets(drawn: { element: SVGElement; target: Target }[], options: DrawOptions): void {
  const { palette } = options;
  const focusAt = drawn.findIndex((d) => d.target.key === options.focusKey);
  drawn.forEach(({ element, target }, i) => {
    element.setAttribute('tabindex', i === Math.max(0, focusAt) ? '0' : '-1');
    element.setAttribute('role', target.action ? 'button' : 'img');
    element.setAttribute('aria-label', target.label);
    element.dataset.key = target.key;
    element.classList.add('insights-target');
    const activate = () => {
      if (target.action) options.activate(target.action);
    };
    element.addEventListener('click', activate);
    element.addEventListener('focus', () => {
      element.setAttribute('stroke', palette.focus);
      element.setAttribute('stroke-width', '2');
    });
    element.addEventListener('blur', () => {
      if (palette.contrastBorder) element.setAttribute('stroke', palette.contrastBorder);
      else element.removeAttribute('stroke');
      element.setAttribute('stroke-width', palette.contrastBorder ? '1' : '0');
    });
    element.addEventListener('keydown', (event: KeyboardEvent) => {
      const move = ({ ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 } as Record<string, number>)[event.key];
      let next: number | undefined;
      if (move !== undefined) next = Math.min(drawn.length - 1, Math.max(0, i + move));
      else if (event.key === 'Home') next = 0;
      else if (event.key === 'End') next = drawn.length - 1;
      else if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        activate();
        return;
      }
      if (next === undefined) return;
      event.preventDefault();
      element.setAttribute('tabindex', '-1');
      const to = drawn[next].element;
      to.setAttribute('tabindex', '0');
      to.focus();
    });
  });
  if (focusAt >= 0) drawn[focusAt].element.focus();
}
