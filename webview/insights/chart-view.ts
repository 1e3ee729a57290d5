/**
 * One chart of the page: its heading, a toolbar (table toggle, Save SVG, Save
 * PNG), the chart and the same numbers as a table, the text alternative a
 * screen reader reads.
 */
import type { InsightsChart, InsightsText, InsightsWebviewMessage } from '../../src/core/protocol';
import { h, replaceChildren } from '../dom';
import { tableOf, type ChartAction, type ChartSpec } from './chart-data';
import { pngBase64, svgText } from './export-image';
import { drawChart } from './plot-charts';
import type { Palette } from './theme';

export interface ChartHost {
  text: InsightsText;
  palette: () => Palette;
  activate: (action: ChartAction) => void;
  post: (message: InsightsWebviewMessage) => void;
  /** Whether this chart shows its table, and telling the page when the reader toggles it. */
  showsTable: (chart: InsightsChart) => boolean;
  setShowsTable: (chart: InsightsChart, shown: boolean) => void;
}

export class ChartView {
  readonly element: HTMLElement;
  private readonly heading = h('h2');
  private readonly note = h('p', { class: 'note' });
  private readonly legend = h('div', { class: 'legend', 'aria-hidden': 'true' });
  private readonly plotBox = h('div', { class: 'plot-box' });
  private readonly tableBox = h('div', { class: 'table-box' });
  private readonly saveError = h('p', { class: 'note', role: 'alert', hidden: '' });
  private readonly tableButton: HTMLButtonElement;
  private spec: ChartSpec | undefined;
  /** The spec as last rendered, to tell an unchanged chart (the weekly ones when the period changes). */
  private rendered = '';

  constructor(readonly id: InsightsChart, private readonly host: ChartHost, wide = false) {
    const t = host.text;
    const headingId = `chart-${id}`;
    this.heading.id = headingId;
    this.tableButton = h('button', { type: 'button', 'aria-pressed': 'false' }, t.showTable);
    this.tableButton.addEventListener('click', () => {
      const shown = !this.host.showsTable(id);
      this.host.setShowsTable(id, shown);
      this.showMode();
    });
    const svgButton = h('button', { type: 'button' }, t.saveSvg);
    svgButton.addEventListener('click', () => void this.save('svg'));
    const pngButton = h('button', { type: 'button' }, t.savePng);
    pngButton.addEventListener('click', () => void this.save('png'));
    this.element = h('section', { class: wide ? 'chart wide' : 'chart', 'aria-labelledby': headingId },
      h('div', { class: 'chart-head' }, this.heading, h('div', { class: 'toolbar' }, this.tableButton, svgButton, pngButton)),
      this.saveError, this.note, this.legend, this.plotBox, this.tableBox);
  }

  /**
   * Shows the spec, drawn `width` pixels wide (see width(): the page reads every chart's width
   * before drawing any, so the browser lays the page out once, not once per chart). A spec equal
   * to the one shown is not drawn again.
   */
  render(spec: ChartSpec, width = this.width()): void {
    const text = JSON.stringify(spec);
    if (text === this.rendered && this.spec) return;
    this.rendered = text;
    this.spec = spec;
    this.heading.textContent = spec.title;
    this.note.textContent = spec.note ?? '';
    this.note.hidden = !spec.note;
    const swatches = spec.kind === 'stacked' ? ['swatch-green', 'swatch-0', 'swatch-lines'] : ['swatch-0', 'swatch-1'];
    replaceChildren(this.legend, spec.series.length > 1 && spec.kind !== 'trend'
      ? spec.series.map((name, i) => h('span', {}, h('span', { class: `swatch ${swatches[i] ?? ''}` }), name))
      : []);
    this.renderTable(spec);
    this.draw(width);
    this.showMode();
  }

  /** The width the chart is drawn to. */
  width(): number {
    return this.plotBox.clientWidth || this.element.clientWidth || 640;
  }

  /** Draws the chart again (new width, new theme), keeping keyboard focus on the same bar. */
  draw(width = this.width()): void {
    const spec = this.spec;
    if (!spec) return;
    if (spec.items.length === 0) {
      replaceChildren(this.plotBox, [h('p', { class: 'empty' }, this.host.text.noData)]);
      return;
    }
    const active = document.activeElement;
    const focusKey = active instanceof SVGElement && this.plotBox.contains(active) ? active.dataset.key : undefined;
    const svg = drawChart(spec, { width, palette: this.host.palette(), activate: this.host.activate, focusKey });
    this.plotBox.replaceChildren(svg);
    if (focusKey) svg.querySelector<SVGElement>(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  private renderTable(spec: ChartSpec): void {
    const { head, rows } = tableOf(spec);
    const table = h('table', {},
      h('caption', { class: 'note' }, spec.title),
      h('thead', {}, h('tr', {}, ...head.map((cell, i) => h('th', { scope: 'col', class: i > 0 ? 'number' : undefined }, cell)))),
      h('tbody', {}, ...rows.map((row, r) => {
        const action = spec.items[r].action;
        const first = action ? h('button', { type: 'button' }, row[0]) : row[0];
        if (action && first instanceof HTMLElement) first.addEventListener('click', () => this.host.activate(action));
        return h('tr', {}, h('th', { scope: 'row' }, first), ...row.slice(1).map((cell) => h('td', { class: 'number' }, cell)));
      })));
    this.tableBox.replaceChildren(table);
  }

  private showMode(): void {
    const table = this.host.showsTable(this.id);
    this.tableBox.hidden = !table;
    this.plotBox.hidden = table;
    this.legend.hidden = table;
    this.tableButton.setAttribute('aria-pressed', String(table));
    this.tableButton.textContent = table ? this.host.text.showChart : this.host.text.showTable;
  }

  private async save(format: 'svg' | 'png'): Promise<void> {
    const svg = this.plotBox.querySelector('svg');
    if (!(svg instanceof SVGSVGElement)) return;
    // Plot gives the SVG its width and height, so a chart hidden behind its table saves as well.
    const palette = this.host.palette();
    let data: string;
    try {
      data = format === 'svg' ? svgText(svg, palette) : await pngBase64(svg, palette);
    } catch {
      // The browser could not raster the chart: say so where the reader clicked.
      this.saveError.textContent = this.host.text.saveFailed;
      this.saveError.hidden = false;
      return;
    }
    this.saveError.hidden = true;
    this.host.post({ type: 'save', chart: this.id, format, data });
  }
}
