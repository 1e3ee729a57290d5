/**
 * The insights page's figures over the whole library, as the page opens:
 * from the PaperIndex to every figure (the weekly ones over the whole
 * library, the period ones over its last four weeks) and a query's trend.
 * Choosing the whole library as the period, the most work, is measured too,
 * and so are the figures again once the library's papers are kept (the
 * panel's InsightPapers), unchanged or after one digest changed.
 */
import {
  computeInsights, InsightPapers, insightPapersOf, librarySpan, queryTrend, recentPeriod, type PaperIndex, type PaperNote, type PaperSearch,
} from '../src/core';
import { median, paired, round, time } from './measure';
import { docsOf, syntheticNote } from './search-docs';
import { reported, type FigureOptions } from './similar';
import type { Figure } from './results';

export function insightsFigures(index: PaperIndex, search: PaperSearch, options: FigureOptions): Figure[] {
  const notes = new Map<string, PaperNote>();
  for (const entry of index.papers()) {
    const note = syntheticNote(entry.id, entry.paper.title);
    if (note) notes.set(entry.id, note);
  }
  const noteOf = (id: string) => notes.get(id);
  const trendQuery = 'org:"z.ai"';
  let matching: string[] = [];
  const searchMs = median(Array.from({ length: 3 }, () => time(() => {
    matching = search.search(trendQuery, search.size).map((r) => r.doc.id);
  })));
  let sink = 0;
  // As the panel opens: nothing kept from before.
  const everything = (kept = new InsightPapers()) => {
    const papers = kept.of(index);
    const span = librarySpan(papers);
    const figures = computeInsights(papers, noteOf, span ? { period: recentPeriod(span), span } : { span });
    sink += figures.weeks.length + queryTrend(matching, papers, span).length;
  };
  const runs = options.quick ? 3 : 9;
  const run = paired(runs, () => everything(), () => {
    sink += docsOf(index, index.papers()).length;
  });
  const kept = new InsightPapers();
  everything(kept);
  const unchanged = median(Array.from({ length: 5 }, () => time(() => everything(kept))));
  // One digest saved again: a new parse of the same text.
  const edited = index.digests()[Math.floor(index.digests().length / 2)];
  const oneDigest = median(Array.from({ length: 5 }, () => time(() => {
    index.setDigest({ ...edited.digest }, edited.name);
    everything(kept);
  })));
  const papers = insightPapersOf(index);
  const parts = {
    input: median(Array.from({ length: 3 }, () => time(() => insightPapersOf(index)))),
    figures: median(Array.from({ length: 3 }, () => time(() => computeInsights(papers, noteOf, { period: recentPeriod(librarySpan(papers)!) })))),
    whole: median(Array.from({ length: 3 }, () => time(() => computeInsights(papers, noteOf)))),
    trend: median(Array.from({ length: 3 }, () => time(() => queryTrend(matching, papers)))),
  };
  if (sink === -1) options.log('');
  return [
    reported({
      id: 'insights.compute',
      label: `Insights page over ${papers.length.toLocaleString('en')} papers: PaperIndex to every figure (period: last 4 weeks) and a trend`,
      value: round(median(run.subject), 1),
      unit: 'ms',
      goal: { op: '<=', value: 200 },
      baseline: { label: 'the search documents of every paper (docsOf), as a search rebuild makes them', value: round(median(run.baseline), 1), unit: 'ms' },
      runs,
      detail: `with the library's papers kept: ${round(unchanged, 1)} ms unchanged, ${round(oneDigest, 1)} ms after one digest changed; reading the index ${round(parts.input, 1)} ms, the figures ${round(parts.figures, 1)} ms (${round(parts.whole, 1)} ms with the whole library as the period, its title words counted as keywords), the trend of ${trendQuery} (${matching.length} papers) ${round(parts.trend, 1)} ms; the search for its ids took ${round(searchMs, 1)} ms`,
    }, options.log),
  ];
}
