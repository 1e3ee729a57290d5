import {
  computeInsights, InsightPapers, librarySpan, queryTrend, recentPeriod, parseQuery,
  type InsightPaper, type InsightsFigures, type Period, type TrendAnswer,
} from '../../core';
import type { Services } from '../../services';

/** Which period the page asked for: the last four weeks until it says otherwise, or the whole library. */
export type ChosenPeriod = { kind: 'recent' } | { kind: 'whole' } | { kind: 'period'; period: Period };

/** Gives the event loop back, so a keystroke or a tree redraw waiting behind a long step goes first. */
function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The figures of the insights page from the services' library. The library's papers as the
 * figures read them are kept between computations, and a library change reads again only the
 * papers of the digests it touched (a note changes only the reading progress); each step gives
 * the event loop back before it starts: on 50,000 papers the figures take a good part of a
 * frame, and the editor stays responsive meanwhile.
 */
export class InsightsFigureSource {
  private readonly library = new InsightPapers();
  /** The span of the papers last read, worked out once per library. */
  private spanOf: { papers: readonly InsightPaper[]; span: Period | undefined } | undefined;
  /** How long the last figures took to work out, in ms: reading the library (near 0 when unchanged) and the figures themselves. */
  lastTimes = { read: 0, figures: 0 };

  constructor(private readonly services: Pick<Services, 'index' | 'store' | 'search'>) {}

  async figures(chosen: ChosenPeriod): Promise<InsightsFigures> {
    const papers = await this.libraryPapers();
    await yieldToHost();
    const started = performance.now();
    const { store } = this.services;
    const noteOf = (id: string) => store.get(id);
    const span = this.span(papers);
    const period = chosen.kind === 'period' ? chosen.period : chosen.kind === 'recent' ? span && recentPeriod(span) : undefined;
    const figures = computeInsights(papers, noteOf, period ? { period, span } : { span });
    this.lastTimes.figures = performance.now() - started;
    return figures;
  }

  /** How many papers of each month match a query of the search language, as the search reads it. */
  async trend(query: string): Promise<TrendAnswer> {
    const ids = await this.services.search.matchingIds(query, Number.MAX_SAFE_INTEGER);
    const papers = await this.libraryPapers();
    await yieldToHost();
    return {
      query,
      points: queryTrend(ids, papers, this.span(papers)),
      matched: ids.length,
      warnings: parseQuery(query).warnings.map((w) => w.message),
    };
  }

  private span(papers: readonly InsightPaper[]): Period | undefined {
    if (this.spanOf?.papers !== papers) this.spanOf = { papers, span: librarySpan(papers) };
    return this.spanOf.span;
  }

  private async libraryPapers(): Promise<readonly InsightPaper[]> {
    await Promise.all([this.services.index.ready(), this.services.store.ready()]);
    await yieldToHost();
    const started = performance.now();
    const papers = this.library.of(this.services.index);
    this.lastTimes.read = performance.now() - started;
    return papers;
  }
}
