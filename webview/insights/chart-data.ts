/**
 * The figures as charts: for each chart, its items (a bar, a point), the
 * numbers of each, what activating one does, and the same numbers as a
 * table. Pure, so the page's charts and tables cannot disagree, and tested
 * without a browser.
 */
import { WEEK_MS, recentPeriod, statusQuery, type InsightsFigures, type Period } from '../../src/core/insights';
import { formatText, type InsightsChart, type InsightsText, type TrendAnswer } from '../../src/core/protocol';

export type ChartAction =
  | { kind: 'filter'; query: string }
  | { kind: 'period'; period: Period }
  | { kind: 'openPaper'; id: string };

export interface ChartItem {
  /** Stable within the chart: keeps keyboard focus on the same bar across renders. */
  key: string;
  label: string;
  /** One number per series of the chart. */
  values: number[];
  /** A time, for charts over time. */
  time?: number;
  action?: ChartAction;
}

/** How the page draws the chart. */
export type ChartKind = 'weekly' | 'ranked' | 'histogram' | 'trend' | 'stacked';

export interface ChartSpec {
  id: InsightsChart;
  kind: ChartKind;
  title: string;
  /** Below the title: what the numbers leave out, or what a query matched. */
  note?: string;
  /** Names of the series, in the order of each item's values. */
  series: string[];
  /** Heading of the table's first column. */
  labelHeading: string;
  items: ChartItem[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 3, 2025": the way digests write a day, in UTC as digest days are. */
export function dayLabel(time: number): string {
  const date = new Date(time);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

export function monthLabel(time: number): string {
  const date = new Date(time);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

function nextMonth(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

export function weeksChart(figures: InsightsFigures, t: InsightsText): ChartSpec {
  return {
    id: 'weeks',
    kind: 'weekly',
    title: t.weeks,
    series: [t.weeksAll, t.weeksNew],
    labelHeading: t.week,
    items: figures.weeks.map((w) => ({
      key: `w${w.week}`,
      label: dayLabel(w.week),
      time: w.week,
      values: [w.papers, w.new],
      action: { kind: 'period', period: { from: w.week, to: w.week + WEEK_MS } },
    })),
  };
}

export function organisationsChart(figures: InsightsFigures, t: InsightsText): ChartSpec {
  return {
    id: 'organisations',
    kind: 'ranked',
    title: t.organisations,
    series: [t.count],
    labelHeading: t.label,
    items: figures.organisations.map((o, i) => ({ key: `o${i}:${o.label}`, label: o.label, values: [o.count], action: { kind: 'filter', query: o.query } })),
  };
}

export function keywordsChart(figures: InsightsFigures, t: InsightsText): ChartSpec {
  return {
    id: 'keywords',
    kind: 'ranked',
    title: figures.keywords.source === 'keywords' ? t.keywords : t.titleWords,
    series: [t.count],
    labelHeading: t.label,
    items: figures.keywords.items.map((k, i) => ({ key: `k${i}:${k.label}`, label: k.label, values: [k.count], action: { kind: 'filter', query: k.query } })),
  };
}

export function upvotesChart(figures: InsightsFigures, t: InsightsText): ChartSpec {
  const { buckets, unknown } = figures.upvotes;
  return {
    id: 'upvotes',
    kind: 'histogram',
    title: t.upvotes,
    note: unknown > 0 ? formatText(t.upvotesUnknown, unknown) : undefined,
    series: [t.count],
    labelHeading: t.upvotesCount,
    items: buckets.map((b) => ({
      key: `u${b.from}`,
      label: b.to === undefined ? `${b.from}+` : b.to === b.from + 1 ? String(b.from) : `${b.from}\u2013${b.to - 1}`,
      values: [b.count],
      action: { kind: 'filter', query: b.query },
    })),
  };
}

export function topPapersChart(figures: InsightsFigures, t: InsightsText): ChartSpec {
  return {
    id: 'topPapers',
    kind: 'ranked',
    title: t.topPapers,
    series: [t.upvotesCount],
    labelHeading: t.label,
    items: figures.topPapers.map((p) => ({ key: `p${p.id}`, label: p.title, values: [p.upvotes], action: { kind: 'openPaper', id: p.id } })),
  };
}

export function progressChart(figures: InsightsFigures, t: InsightsText): ChartSpec {
  const p = figures.progress;
  return {
    id: 'progress',
    kind: 'stacked',
    title: t.progress,
    note: formatText(t.progressSummary, p.read, p.reading, p.unread, p.annotated, p.withNotes),
    series: [t.read, t.reading, t.unread],
    labelHeading: t.week,
    items: p.weeks.map((w) => ({
      key: `s${w.week}`,
      label: dayLabel(w.week),
      time: w.week,
      values: [w.read, w.reading, w.unread],
      action: { kind: 'period', period: { from: w.week, to: w.week + WEEK_MS } },
    })),
  };
}

/** What activating one part of a stacked bar does: list the papers of that status. */
export function progressSeriesAction(series: number): ChartAction {
  return { kind: 'filter', query: statusQuery((['read', 'reading', 'unread'] as const)[series] ?? 'unread') };
}

export function trendChart(trend: TrendAnswer, t: InsightsText): ChartSpec {
  return {
    id: 'trend',
    kind: 'trend',
    title: `${t.trend}: ${trend.query}`,
    note: [formatText(t.trendMatched, trend.matched), ...trend.warnings].join(' \u00b7 '),
    series: [t.count, t.trendShare],
    labelHeading: t.month,
    items: trend.points.map((p) => ({
      key: `m${p.month}`,
      label: monthLabel(p.month),
      time: p.month,
      values: [p.count, p.total === 0 ? 0 : Math.round((1000 * p.count) / p.total) / 10],
      action: { kind: 'period', period: { from: p.month, to: nextMonth(p.month) } },
    })),
  };
}

/** Every chart of the figures, in page order. */
export function chartsOf(figures: InsightsFigures, t: InsightsText): ChartSpec[] {
  return [weeksChart, organisationsChart, keywordsChart, upvotesChart, topPapersChart, progressChart].map((chart) => chart(figures, t));
}

/** The chart as rows of text: a header, then one row per item. */
export function tableOf(spec: ChartSpec): { head: string[]; rows: string[][] } {
  return {
    head: [spec.labelHeading, ...spec.series],
    rows: spec.items.map((item) => [item.label, ...item.values.map((v) => v.toLocaleString('en'))]),
  };
}

/** A bar's accessible name: its label and every number, "Nov 3, 2025: Papers 12, New papers 3". */
export function itemLabel(spec: ChartSpec, item: ChartItem): string {
  return `${item.label}: ${item.values.map((v, i) => `${spec.series[i]} ${v.toLocaleString('en')}`).join(', ')}`;
}

/** The presets of the period chooser, relative to the library's newest digest. */
export function periodPresets(span: Period | undefined, t: InsightsText): { label: string; period?: Period }[] {
  if (!span) return [{ label: t.allTime }];
  return [
    { label: t.lastWeek, period: recentPeriod(span, 7) },
    { label: t.last4Weeks, period: recentPeriod(span, 28) },
    { label: t.lastYear, period: recentPeriod(span, 365) },
    { label: t.allTime },
  ];
}

/** "2025-11-03" for a date input, and back (UTC days). */
export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function parseIsoDay(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(time) ? undefined : time;
}
