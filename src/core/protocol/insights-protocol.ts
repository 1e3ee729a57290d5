/**
 * The messages between the extension host and the insights webview, shared by both sides.
 * The host validates every message from the page (a filter or trend query is a string of the
 * search language, a saved chart is checked to be SVG or PNG before it is written); the page
 * ignores malformed figures instead of failing.
 */
import { isTime, type InsightsFigures, type KeywordFigure, type Period, type ProgressFigure, type RankedCount, type TopPaper, type TrendPoint, type UpvoteFigure, type WeekCount } from '../insights';
import { isPaperId } from '../model';

export const INSIGHTS_LIMITS = {
  /** A query typed or built from a label: longer is no query anyone means. */
  query: 1000,
  /** A saved chart, SVG text or PNG in base64. */
  image: 20_000_000,
  label: 2000,
  /** Entries of one figure's list (thirty years of weeks is 1,566). */
  list: 5000,
  /** A period of at most two centuries. */
  periodMs: 200 * 366 * 86_400_000,
} as const;

export const INSIGHTS_CHARTS = ['weeks', 'organisations', 'keywords', 'upvotes', 'topPapers', 'trend', 'progress'] as const;
export type InsightsChart = (typeof INSIGHTS_CHARTS)[number];

export interface TrendAnswer {
  query: string;
  points: TrendPoint[];
  /** Papers the query matched. */
  matched: number;
  /** What the query language said about the query (an unknown filter...), to show beside the chart. */
  warnings: string[];
}

export type InsightsHostMessage =
  | { type: 'figures'; figures: InsightsFigures }
  | { type: 'trend'; trend: TrendAnswer };

export type InsightsWebviewMessage =
  | { type: 'ready' }
  /** Filter the Papers tree with a search-language query (`org:"Z.ai"`, `digest:"Nov 6"`). */
  | { type: 'filter'; query: string }
  /** Figures of this period; no period for the whole library. */
  | { type: 'period'; period?: Period }
  | { type: 'trend'; query: string }
  | { type: 'openPaper'; id: string }
  /** Write a chart to a file the user picks: SVG as text, PNG as base64. */
  | { type: 'save'; chart: InsightsChart; format: 'svg' | 'png'; data: string }
  /** The figures just sent are on screen: how long drawing them took, in ms (performance.now deltas), and how many charts. */
  | { type: 'drawn'; ms: number; charts: number };

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nat(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function str(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** A query as the page may send it: some text, no control characters (a query is one line). */
export function parseQueryText(value: unknown): string | undefined {
  if (!str(value, INSIGHTS_LIMITS.query)) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return undefined;
  const query = value.trim();
  return query === '' ? undefined : query;
}

export function parsePeriod(value: unknown): Period | undefined {
  if (!isObj(value) || !isTime(value.from) || !isTime(value.to)) return undefined;
  const { from, to } = value;
  return from < to && to - from <= INSIGHTS_LIMITS.periodMs ? { from, to } : undefined;
}

function isChart(value: unknown): value is InsightsChart {
  return typeof value === 'string' && (INSIGHTS_CHARTS as readonly string[]).includes(value);
}

const PNG_BASE64 = /^iVBORw0KGgo[A-Za-z0-9+/]*={0,2}$/;

/** Is this what a chart saved as `format` looks like? SVG text with an svg root, or PNG's signature in base64. */
function isImage(format: unknown, data: unknown): format is 'svg' | 'png' {
  if (!str(data, INSIGHTS_LIMITS.image)) return false;
  if (format === 'svg') return /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(data) && /<\/svg>\s*$/.test(data);
  if (format === 'png') return data.length % 4 === 0 && PNG_BASE64.test(data);
  return false;
}

/** The message if it is one the insights page may send, otherwise undefined. Extra fields are dropped. */
export function parseInsightsWebviewMessage(value: unknown): InsightsWebviewMessage | undefined {
  if (!isObj(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'filter':
    case 'trend': {
      const query = parseQueryText(value.query);
      return query === undefined ? undefined : { type: value.type, query };
    }
    case 'period': {
      if (value.period === undefined || value.period === null) return { type: 'period' };
      const period = parsePeriod(value.period);
      return period ? { type: 'period', period } : undefined;
    }
    case 'openPaper':
      return isPaperId(value.id) ? { type: 'openPaper', id: value.id } : undefined;
    case 'drawn':
      return typeof value.ms === 'number' && Number.isFinite(value.ms) && value.ms >= 0 && nat(value.charts)
        ? { type: 'drawn', ms: value.ms, charts: value.charts }
        : undefined;
    case 'save':
      return isChart(value.chart) && isImage(value.format, value.data)
        ? { type: 'save', chart: value.chart, format: value.format, data: value.data as string }
        : undefined;
    default:
      return undefined;
  }
}

/** Every item of a list passes the check, and the list is of a size a figure can have. */
function listOf<T>(value: unknown, check: (item: Obj) => boolean): value is T[] {
  return Array.isArray(value) && value.length <= INSIGHTS_LIMITS.list && value.every((item) => isObj(item) && check(item));
}

const isRanked = (r: Obj) => str(r.label, INSIGHTS_LIMITS.label) && nat(r.count) && str(r.query, INSIGHTS_LIMITS.query);
const isWeek = (w: Obj) => isTime(w.week) && nat(w.papers) && nat(w.new);
const isTrendPoint = (p: Obj) => isTime(p.month) && nat(p.count) && nat(p.total);
const isProgressWeek = (w: Obj) => isTime(w.week) && nat(w.read) && nat(w.reading) && nat(w.unread);
const isTopPaper = (p: Obj) => isPaperId(p.id) && str(p.title, INSIGHTS_LIMITS.label) && nat(p.upvotes) && (p.org === undefined || str(p.org, INSIGHTS_LIMITS.label));

function isKeywords(value: unknown): value is KeywordFigure {
  return isObj(value) && (value.source === 'keywords' || value.source === 'title-words') && listOf<RankedCount>(value.items, isRanked);
}

function isUpvotes(value: unknown): value is UpvoteFigure {
  return isObj(value) && nat(value.unknown) &&
    listOf(value.buckets, (b) => nat(b.from) && (b.to === undefined || nat(b.to)) && nat(b.count) && str(b.query, INSIGHTS_LIMITS.query));
}

function isProgress(value: unknown): value is ProgressFigure {
  return isObj(value) && listOf(value.weeks, isProgressWeek) &&
    nat(value.read) && nat(value.reading) && nat(value.unread) && nat(value.annotated) && nat(value.withNotes);
}

export function isInsightsFigures(value: unknown): value is InsightsFigures {
  return (
    isObj(value) && nat(value.papers) && nat(value.inPeriod) &&
    (value.period === undefined || parsePeriod(value.period) !== undefined) &&
    (value.span === undefined || (isObj(value.span) && isTime(value.span.from) && isTime(value.span.to))) &&
    listOf<WeekCount>(value.weeks, isWeek) && listOf<RankedCount>(value.organisations, isRanked) && isKeywords(value.keywords) &&
    isUpvotes(value.upvotes) && listOf<TopPaper>(value.topPapers, isTopPaper) && isProgress(value.progress)
  );
}

function isTrendAnswer(value: unknown): value is TrendAnswer {
  return isObj(value) && str(value.query, INSIGHTS_LIMITS.query) && nat(value.matched) &&
    listOf<TrendPoint>(value.points, isTrendPoint) &&
    Array.isArray(value.warnings) && value.warnings.length <= 100 && value.warnings.every((w) => str(w, INSIGHTS_LIMITS.label));
}

/** The message if it is one the host may send, otherwise undefined. */
export function parseInsightsHostMessage(value: unknown): InsightsHostMessage | undefined {
  if (!isObj(value)) return undefined;
  switch (value.type) {
    case 'figures':
      return isInsightsFigures(value.figures) ? { type: 'figures', figures: value.figures } : undefined;
    case 'trend':
      return isTrendAnswer(value.trend) ? { type: 'trend', trend: value.trend } : undefined;
    default:
      return undefined;
  }
}

/** What the page keeps with getState/setState, so a hidden or reloaded panel comes back as it was. */
export interface InsightsState {
  period?: Period;
  trendQuery?: string;
  /** Charts shown as tables. */
  tables: InsightsChart[];
}

export function parseInsightsState(value: unknown): InsightsState {
  const state: InsightsState = { tables: [] };
  if (!isObj(value)) return state;
  const period = parsePeriod(value.period);
  if (period) state.period = period;
  const query = parseQueryText(value.trendQuery);
  if (query !== undefined) state.trendQuery = query;
  if (Array.isArray(value.tables)) state.tables = [...new Set(value.tables.filter(isChart))];
  return state;
}

/**
 * The page's own words in English. The host passes each through vscode.l10n.t and hands the
 * result to the page (see parseInsightsText); "{0}" stands for a value.
 */
export const INSIGHTS_TEXT = {
  title: 'Insights',
  period: 'Period',
  lastWeek: 'Last week',
  last4Weeks: 'Last 4 weeks',
  lastYear: 'Last 12 months',
  allTime: 'Whole library',
  from: 'From',
  to: 'To',
  apply: 'Apply',
  papersInPeriod: '{0} of {1} papers in this period',
  weeks: 'Papers per week',
  weeksNew: 'New papers',
  weeksAll: 'Papers in the week\u2019s digests',
  organisations: 'Top organisations',
  keywords: 'Top keywords',
  titleWords: 'Top title words (these digests carry no keywords)',
  upvotes: 'Upvotes',
  upvotesUnknown: '{0} papers without an upvote count',
  topPapers: 'Most upvoted papers',
  trend: 'Trend of a search',
  trendPlaceholder: 'A search, e.g. diffusion org:google',
  trendShow: 'Show trend',
  trendMatched: '{0} papers match',
  trendShare: 'Share of the month\u2019s papers',
  progress: 'Reading progress',
  progressSummary: '{0} read, {1} reading, {2} unread; {3} annotated, {4} with notes',
  read: 'Read',
  reading: 'Reading',
  unread: 'Unread',
  week: 'Week',
  month: 'Month',
  count: 'Papers',
  label: 'Name',
  upvotesCount: 'Upvotes',
  showTable: 'Show table',
  showChart: 'Show chart',
  saveSvg: 'Save SVG',
  savePng: 'Save PNG',
  saveFailed: 'This chart could not be made into an image.',
  activateHint: 'Press Enter to filter the Papers view',
  noData: 'Nothing to show for this period.',
  loading: 'Loading\u2026',
} as const;

export type InsightsTextKey = keyof typeof INSIGHTS_TEXT;
export type InsightsText = Record<InsightsTextKey, string>;

/** The translated words the page was given, over the English ones; anything malformed is ignored. */
export function parseInsightsText(value: unknown): InsightsText {
  const text: InsightsText = { ...INSIGHTS_TEXT };
  if (!isObj(value)) return text;
  for (const key of Object.keys(INSIGHTS_TEXT) as InsightsTextKey[]) {
    // Own words only: nothing inherited through a crafted prototype.
    const translated = Object.hasOwn(value, key) ? value[key] : undefined;
    if (str(translated, INSIGHTS_LIMITS.label) && translated.trim() !== '') text[key] = translated;
  }
  return text;
}
