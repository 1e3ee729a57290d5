import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  computeInsights, insightPapersOf, mostUpvoted, monthsBetween, MAX_WEEKS, papersPerWeek, queryTrend, readingProgress,
  topKeywords, topOrganisations, upvoteHistogram, weekStart, weeksBetween, type InsightNote, type InsightPaper,
} from '../../src/core/insights';
import { PaperIndex } from '../../src/core/library';
import { parseQuery } from '../../src/core/search';
import type { Digest, Paper } from '../../src/core/model';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

function paper(id: string, days: string[], extra: Partial<InsightPaper> = {}): InsightPaper {
  return { id, title: `Paper ${id}`, digestTimes: days.map(day), ...extra };
}

const note = (status: InsightNote['status'], annotations = 0, body = ''): InsightNote => ({
  status,
  body,
  annotations: Array.from({ length: annotations }, (_, i) => ({ id: `a${i}`, anchor: { field: 'title', exact: 'x', prefix: '', suffix: '', start: 0, end: 1 }, body: '', created: '' })),
});

describe('weeks and months', () => {
  it('starts weeks on Monday, UTC', () => {
    expect(new Date(weekStart(day('2025-11-06'))).toISOString().slice(0, 10)).toBe('2025-11-03'); // a Thursday
    expect(weekStart(day('2025-11-03'))).toBe(day('2025-11-03'));
    expect(new Date(weekStart(day('2025-11-09') + 86_399_999)).toISOString().slice(0, 10)).toBe('2025-11-03'); // Sunday, last ms
    expect(new Date(weekStart(day('1969-12-31'))).toISOString().slice(0, 10)).toBe('1969-12-29');
  });

  it('runs every week and month between two days, and never more than decades of them', () => {
    expect(weeksBetween(day('2025-11-06'), day('2025-11-20')).map((w) => new Date(w).toISOString().slice(0, 10))).toEqual(['2025-11-03', '2025-11-10', '2025-11-17']);
    expect(monthsBetween(day('2024-11-30'), day('2025-02-01')).map((m) => new Date(m).toISOString().slice(0, 7))).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    const far = weeksBetween(day('1970-01-01'), day('9999-01-01'));
    expect(far).toHaveLength(MAX_WEEKS);
    expect(far[far.length - 1]).toBe(weekStart(day('9999-01-01')));
    expect(monthsBetween(day('1970-01-01'), day('9999-01-01'))).toHaveLength(600);
  });
});

describe('papersPerWeek', () => {
  it('counts the papers of each week, new ones apart, with empty weeks in between', () => {
    const weeks = papersPerWeek([
      paper('a', ['2025-11-03', '2025-11-05', '2025-11-20']), // twice in the first week: counted once
      paper('b', ['2025-11-04']),
      paper('c', ['2025-11-20']),
      paper('undated', []),
    ]);
    expect(weeks.map((w) => [new Date(w.week).toISOString().slice(0, 10), w.papers, w.new])).toEqual([
      ['2025-11-03', 2, 2],
      ['2025-11-10', 0, 0],
      ['2025-11-17', 2, 1],
    ]);
  });

  it('is empty for a library without dates and ignores times that are no day', () => {
    expect(papersPerWeek([])).toEqual([]);
    expect(papersPerWeek([{ id: 'x', title: 'x', digestTimes: [NaN, Infinity, 1e300] }])).toEqual([]);
    expect(papersPerWeek([{ id: 'x', title: 'x', digestTimes: null } as unknown as InsightPaper])).toEqual([]);
  });
});

describe('period figures', () => {
  const papers = [
    paper('a', ['2025-11-03'], { org: 'zai-org Z.ai', upvotes: 120, keywords: ['RL', 'reasoning'] }),
    paper('b', ['2025-11-04'], { org: 'zai-org  Z.ai ', upvotes: 4, keywords: ['rl'] }),
    paper('c', ['2025-11-05'], { org: 'google Google', upvotes: 0 }),
    paper('d', ['2025-10-01'], { org: 'google Google', upvotes: 5000 }),
    paper('e', ['2025-11-06']),
  ];
  const november = { from: day('2025-11-01'), to: day('2025-12-01') };

  it('ranks the organisations of the period, spaces and case folded, with the query that lists them', () => {
    expect(topOrganisations(papers, november)).toEqual([
      { label: 'zai-org Z.ai', count: 2, query: 'org:"zai-org Z.ai"' },
      { label: 'google Google', count: 1, query: 'org:"google Google"' },
    ]);
    expect(topOrganisations(papers, undefined, 1)).toEqual([{ label: 'google Google', count: 2, query: 'org:"google Google"' }]);
    // Both have two: ties go by label.
    expect(topOrganisations(papers).map((o) => o.count)).toEqual([2, 2]);
  });

  it('makes org queries the search language reads as one filter, even from a name with quotes', () => {
    const [org] = topOrganisations([paper('q', ['2025-11-03'], { org: 'The "Best" Lab of All' })]);
    const parsed = parseQuery(org.query);
    expect(parsed.filters).toEqual([{ kind: 'org', value: 'lab of all', negated: false }]);
    expect(parsed.warnings).toEqual([]);
  });

  it('ranks keywords, or the title words when no paper carries keywords', () => {
    expect(topKeywords(papers, november)).toEqual({
      source: 'keywords',
      items: [{ label: 'RL', count: 2, query: '"RL"' }, { label: 'reasoning', count: 1, query: '"reasoning"' }],
    });
    const titles = [paper('x', ['2025-11-03'], { title: 'Diffusion models for video' }), paper('y', ['2025-11-03'], { title: 'Video diffusion, faster: the Diffusion model' })];
    const figure = topKeywords(titles);
    expect(figure.source).toBe('title-words');
    expect(figure.items.slice(0, 3)).toEqual([
      { label: 'diffusion', count: 2, query: '"diffusion"' },
      { label: 'model', count: 2, query: '"model"' },
      { label: 'video', count: 2, query: '"video"' },
    ]);
  });

  it('buckets upvotes, with papers that have none apart, and bucket queries that select the bucket', () => {
    const figure = upvoteHistogram(papers);
    expect(figure.unknown).toBe(1);
    const counts = Object.fromEntries(figure.buckets.map((b) => [`${b.from}-${b.to ?? ''}`, b.count]));
    expect(counts).toMatchObject({ '0-1': 1, '1-5': 1, '100-250': 1, '1000-': 1, '5-10': 0 });
    expect(figure.buckets[0].query).toBe('upvotes=0');
    expect(figure.buckets[2].query).toBe('upvotes>=5 upvotes<10');
    expect(figure.buckets[figure.buckets.length - 1].query).toBe('upvotes>=1000');
    expect(parseQuery(figure.buckets[2].query).filters).toHaveLength(2);
    expect(upvoteHistogram([paper('h', ['2025-11-03'], { upvotes: -3 }), paper('i', ['2025-11-03'], { upvotes: NaN })]).unknown).toBe(2);
  });

  it('lists the most upvoted papers of the period, ties by title', () => {
    expect(mostUpvoted(papers, november).map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(mostUpvoted(papers, undefined, 2)).toEqual([
      { id: 'd', title: 'Paper d', upvotes: 5000, org: 'google Google' },
      { id: 'a', title: 'Paper a', upvotes: 120, org: 'zai-org Z.ai' },
    ]);
    const tied = ['z', 'y', 'x'].map((id) => paper(id, ['2025-11-03'], { upvotes: 7 }));
    expect(mostUpvoted(tied).map((p) => p.id)).toEqual(['x', 'y', 'z']);
    expect(mostUpvoted(tied, undefined, 0)).toEqual([]);
  });

  it('property: the most upvoted are the top of a full sort', () => {
    fc.assert(fc.property(fc.array(fc.record({ up: fc.option(fc.integer({ min: -5, max: 50 }), { nil: undefined }), t: fc.constantFrom('a', 'b', 'c') })), fc.nat(12), (rows, limit) => {
      const input = rows.map((r, i) => paper(`p${String(i).padStart(3, '0')}`, ['2025-11-03'], { title: r.t, ...(r.up === undefined ? {} : { upvotes: r.up }) }));
      const sorted = input.filter((p) => p.upvotes !== undefined && p.upvotes >= 0)
        .sort((a, b) => b.upvotes! - a.upvotes! || (a.title < b.title ? -1 : a.title > b.title ? 1 : a.id < b.id ? -1 : 1));
      expect(mostUpvoted(input, undefined, limit).map((p) => p.id)).toEqual(sorted.slice(0, limit).map((p) => p.id));
    }));
  });
});

describe('queryTrend', () => {
  it('counts matching papers per month of their first digest, next to all papers of the month', () => {
    const papers = [paper('a', ['2025-01-10', '2025-03-01']), paper('b', ['2025-01-20']), paper('c', ['2025-03-05']), paper('d', [])];
    const trend = queryTrend(['a', 'c', 'd', 'nowhere'], papers);
    expect(trend.map((p) => [new Date(p.month).toISOString().slice(0, 7), p.count, p.total])).toEqual([
      ['2025-01', 1, 2],
      ['2025-02', 0, 0],
      ['2025-03', 1, 1],
    ]);
    expect(queryTrend(new Set(['a']), [])).toEqual([]);
  });
});

describe('readingProgress', () => {
  it('counts statuses by the week of each paper\u2019s newest digest, and annotated papers', () => {
    const papers = [paper('a', ['2025-11-03', '2025-11-12']), paper('b', ['2025-11-04']), paper('c', ['2025-11-05']), paper('d', [])];
    const notes = new Map([['a', note('read', 2)], ['b', note('reading', 0, 'Some notes')], ['d', note('read')]]);
    const figure = readingProgress(papers, (id) => notes.get(id));
    expect(figure).toMatchObject({ read: 2, reading: 1, unread: 1, annotated: 1, withNotes: 1 });
    expect(figure.weeks.map((w) => [new Date(w.week).toISOString().slice(0, 10), w.read, w.reading, w.unread])).toEqual([
      ['2025-11-03', 0, 1, 1],
      ['2025-11-10', 1, 0, 0],
    ]);
  });

  it('reads a hostile note as unread', () => {
    const figure = readingProgress([paper('a', ['2025-11-03'])], () => ({ status: 'done' as never, annotations: 'x' as never, body: 5 as never }));
    expect(figure).toMatchObject({ read: 0, reading: 0, unread: 1, annotated: 0, withNotes: 0 });
  });
});

describe('computeInsights', () => {
  it('gives every figure, the period ones over the period only', () => {
    const papers = [
      paper('a', ['2025-10-01'], { org: 'Old Lab', upvotes: 9 }),
      paper('b', ['2025-11-04'], { org: 'New Lab', upvotes: 3 }),
    ];
    const period = { from: day('2025-11-01'), to: day('2025-12-01') };
    const figures = computeInsights(papers, () => undefined, { period, top: 5 });
    expect(figures.papers).toBe(2);
    expect(figures.inPeriod).toBe(1);
    expect(figures.period).toEqual(period);
    expect(figures.span).toEqual({ from: day('2025-10-01'), to: day('2025-11-04') });
    expect(figures.organisations.map((o) => o.label)).toEqual(['New Lab']);
    expect(figures.topPapers.map((p) => p.id)).toEqual(['b']);
    expect(figures.weeks.reduce((n, w) => n + w.new, 0)).toBe(2);
    expect(figures.progress.unread).toBe(2);
    expect(computeInsights([], () => undefined)).toMatchObject({ papers: 0, weeks: [], organisations: [], topPapers: [] });
  });
});

describe('insightPapersOf', () => {
  it('gives each paper of the index the days of its digests, undated digests left out', () => {
    const mk = (uri: string, digestDate: string | undefined, papers: Partial<Paper>[]): Digest => ({
      uri,
      digestDate,
      diagnostics: [],
      papers: papers.map((p, i) => ({ id: p.id!, title: p.title ?? p.id!, abstract: '', links: [], source: { uri, titleLine: i, startLine: i, endLine: i }, ...p })),
    });
    const index = new PaperIndex();
    index.setDigest(mk('file:///a.txt', 'Nov 3, 2025', [{ id: 'p', upvotes: 1 }, { id: 'q', org: 'Lab', keywords: ['k'] }]), 'a.txt');
    index.setDigest(mk('file:///b.txt', 'Nov 10, 2025', [{ id: 'p', upvotes: 8 }]), 'b.txt');
    index.setDigest(mk('file:///notes.txt', undefined, [{ id: 'r' }]), 'notes.txt');
    const byId = new Map(insightPapersOf(index).map((p) => [p.id, p]));
    expect(byId.get('p')).toEqual({ id: 'p', title: 'p', upvotes: 8, digestTimes: [day('2025-11-10'), day('2025-11-03')] });
    expect(byId.get('q')).toEqual({ id: 'q', title: 'q', org: 'Lab', keywords: ['k'], digestTimes: [day('2025-11-03')] });
    expect(byId.get('r')?.digestTimes).toEqual([]);
  });
});

describe('labels', () => {
  it('clips a huge organisation or title to a label, its query still finding the papers', () => {
    const huge = 'Lab '.repeat(50_000);
    const [org] = topOrganisations([paper('a', ['2025-11-03'], { org: huge })]);
    expect(org.label.length).toBeLessThanOrEqual(300);
    const [filter] = parseQuery(org.query).filters;
    expect(filter.kind).toBe('org');
    expect(huge.toLowerCase()).toContain((filter as { value: string }).value);
    const [top] = mostUpvoted([paper('b', ['2025-11-03'], { title: huge, upvotes: 1 })]);
    expect(top.title.length).toBeLessThanOrEqual(300);
  });
});
