import {
  computeInsights, insightPapersOf, librarySpan, queryTrend, recentPeriod, parseQuery,
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
 * figures read them are kept until the library changes (a note changes only the reading
 * progress), and each step gives the event loop back before it starts: on 50,000 papers the
 * figures take a good part of a frame, and the editor stays responsive meanwhile.
 */
export class InsightsFigureSource {
  private papers: InsightPaper[] | undefined;

  constructor(private readonly services: Pick<Services, 'index' | 'store' | 'search'>) {}

  /** The library changed: its papers are read again next time. */
  invalidate(): void {
    this.papers = undefined;
  }

  async figures(chosen: ChosenPeriod): Promise<InsightsFigures> {
    const papers = await this.libraryPapers();
    await yieldToHost();
    const { store } = this.services;
    const noteOf = (id: string) => store.get(id);
    if (chosen.kind === 'whole') return computeInsights(papers, noteOf);
    const span = librarySpan(papers);
    const period = chosen.kind === 'period' ? chosen.period : span && recentPeriod(span);
    return computeInsights(papers, noteOf, period ? { period } : {});
  }

  /** How many papers of each month match a query of the search language, as the search reads it. */
  async trend(query: string): Promise<TrendAnswer> {
    const ids = await this.services.search.matchingIds(query, Number.MAX_SAFE_INTEGER);
    const papers = await this.libraryPapers();
    await yieldToHost();
    return {
      query,
      points: queryTrend(ids, papers),
      matched: ids.length,
      warnings: parseQuery(query).warnings.map((w) => w.message),
    };
  }

  private async libraryPapers(): Promise<InsightPaper[]> {
    await Promise.all([this.services.index.ready(), this.services.store.ready()]);
    if (!this.papers) {
      await yieldToHost();
      this.papers = insightPapersOf(this.services.index);
    }
    return this.papers;
  }
}
