/**
 * The fields the Hugging Face API gives a paper (authors, arXiv id, code
 * link, keywords): what searching by them costs, and the BibTeX export.
 * The generated corpus is HF text, which lists no names, so each paper gets
 * fields drawn from its id, as many and as skewed as the API's: 3 to 14
 * authors, family names as common as in ML papers (Wang, Li, Zhang...),
 * an arXiv id for nearly all, a code link for two in five, and keywords
 * that are phrases of the paper's own abstract, as the API's are.
 */
import { exportBibtex, exportCslJson, fnv1a, type ExportItem, type Paper, type SearchDoc } from '../src/core';
import { PaperSearch } from '../src/core';
import { libraryOf, searchLatency, type ParsedDigest } from './library';
import { collectGarbage, median, round, time } from './measure';
import { Prng } from './prng';
import { benchQueries } from './queries';
import type { CorpusFile } from './corpus';
import { figure, type Figure } from './results';

export interface FieldOptions {
  quick: boolean;
  log: (message: string) => void;
}

const FAMILIES = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'He',
  'Lin', 'Luo', 'Gao', 'Kim', 'Lee', 'Park', 'Singh', 'Kumar', 'Smith', 'Müller', 'García', 'Rossi', 'Nguyen', 'Tanaka', 'Suzuki',
  'Ivanov', 'Kowalski', 'Dubois', 'Schölkopf', 'LeCun', 'Bengio', 'Hinton', 'Sutskever', 'Karpathy', 'Vaswani', 'Devlin', 'Raffel'];
const GIVENS = ['Wei', 'Jing', 'Yi', 'Hao', 'Xin', 'Yu', 'Jun', 'Lei', 'Min', 'Tao', 'Jie', 'Yang', 'Ming', 'Qi', 'Rui', 'Bo', 'Ji-woo',
  'Seo-yeon', 'Amit', 'Priya', 'John', 'Maria', 'Luca', 'Anna', 'Hiroshi', 'Yuki', 'Olga', 'Piotr', 'Élodie', 'Bernhard', 'Yann',
  'Yoshua', 'Geoffrey', 'Ilya', 'Andrej', 'Ashish', 'Jacob', 'Colin', 'Noam', 'Aidan'];

/** Skewed towards the front of the list: a few family names are most of them. */
const skewed = <T>(rng: Prng, items: readonly T[]): T => items[Math.floor(items.length * rng.next() ** 2.5)];

/** Fields of one paper, the same for its id in every run. */
function fieldsOf(id: string, abstract: string): Pick<Paper, 'authors' | 'arxivId' | 'code' | 'keywords'> {
  const rng = new Prng(parseInt(fnv1a(id), 16));
  const authors = Array.from({ length: rng.int(3, 14) }, () => `${rng.pick(GIVENS)} ${skewed(rng, FAMILIES)}`);
  if (rng.chance(0.05)) authors[0] = `${rng.pick(['Qwen', 'DreamX', 'GLM', 'Kimi'])} Team`;
  const arxivId = rng.chance(0.95) ? `${rng.int(23, 26)}${String(rng.int(1, 12)).padStart(2, '0')}.${String(rng.int(1, 29999)).padStart(5, '0')}` : undefined;
  const code = rng.chance(0.4) ? `https://github.com/lab-${rng.int(1, 500)}/repo-${rng.int(1, 9999)}` : undefined;
  const words = abstract.toLowerCase().split(/[^a-z0-9-]+/).filter((w) => w.length > 3);
  const keywords = words.length < 2 ? [] : Array.from({ length: rng.int(3, 6) }, () => {
    const at = rng.int(0, words.length - 2);
    return `${words[at]} ${words[at + 1]}`;
  });
  return { authors, arxivId, code, keywords };
}

const withFields = (doc: SearchDoc): SearchDoc => ({ ...doc, ...fieldsOf(doc.id, doc.abstract) });

/** Queries by the new fields, common and rare, alone and with words, a few still being typed. */
function fieldQueries(docs: readonly SearchDoc[]): string[] {
  const rare = docs.map((d) => d.authors?.[d.authors.length - 1] ?? '').find((name) => /Bengio|Raffel|Devlin/.test(name)) ?? 'Colin Raffel';
  const ids = docs.map((d) => d.arxivId).filter((id): id is string => id !== undefined);
  return [
    'author:wang', 'author:"wei zhang"', `author:"${rare}"`, 'author:"nobody here"', '-author:li', 'author:wa', 'author:wan',
    'author:scholkopf', `arxiv:${ids[0]}`, `arxiv:${ids[ids.length >> 1]}v2`, 'arxiv:2199.99999', '-arxiv:2301.00001',
    'has:code', '-has:code', 'has:pdf is:new', 'has:code upvotes>20', '-has:arxiv',
    'diffusion author:li', 'reasoning has:code', 'mamba -has:arxiv', `language author:"${rare}"`, 'agents author:zhang has:code',
    'lecun', 'zhang', 'raffel diffusion', 'speculative decoding has:code', 'tokenization', 'world models -author:wang',
  ];
}

/** Heap a PaperSearch holds beyond its documents, in MB, without and with the fields; undefined without --expose-gc. */
function heldBy(plain: readonly SearchDoc[], docs: readonly SearchDoc[]): { plain: number; fields: number } | undefined {
  const measure = (of: readonly SearchDoc[]): number => {
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const search = new PaperSearch();
    search.upsertMany(of);
    collectGarbage();
    const after = process.memoryUsage().heapUsed;
    // Read after the measurement, so the index is still alive for it.
    return search.size === of.length ? (after - before) / 1e6 : NaN;
  };
  if (!collectGarbage()) return undefined;
  return { plain: measure(plain), fields: measure(docs) };
}

/** Search by the new fields at the full corpus size, against the standard query set on the same index. */
export function paperFieldFigures(parsed: readonly ParsedDigest[], files: readonly CorpusFile[], options: FieldOptions): Figure[] {
  const figures: Figure[] = [];
  const add = (f: Omit<Figure, 'met'>) => {
    const result = figure(f);
    figures.push(result);
    const goal = result.goal ? ` (goal ${result.goal.op} ${result.goal.value}: ${result.met ? 'met' : 'MISSED'})` : '';
    options.log(`  ${result.label}: ${result.value} ${result.unit}${goal}`);
  };
  const { index, docs: plain } = libraryOf(parsed);
  const docs = plain.map(withFields);

  const held = heldBy(plain, docs);
  if (held) {
    add({
      id: 'fields.index.memory',
      label: 'Search index heap with authors and keywords',
      value: round(held.fields, 1),
      unit: 'MB',
      baseline: { label: 'the same papers without authors and keywords', value: round(held.plain, 1), unit: 'MB' },
      runs: 1,
      detail: 'PaperSearch alone, after full GC; the documents themselves are not counted',
    });
  }

  const buildRuns = options.quick ? 1 : 3;
  const plainBuild: number[] = [];
  const fieldBuild: number[] = [];
  let search = new PaperSearch();
  let plainSearch = new PaperSearch();
  for (let r = 0; r < buildRuns; r++) {
    plainBuild.push(time(() => {
      plainSearch = new PaperSearch();
      plainSearch.upsertMany(plain);
    }));
    fieldBuild.push(time(() => {
      search = new PaperSearch();
      search.upsertMany(docs);
    }));
  }
  add({
    id: 'fields.index.build',
    label: `Search index build with authors and keywords, ${docs.length.toLocaleString('en')} papers`,
    value: Math.round(median(fieldBuild)),
    unit: 'ms',
    baseline: { label: 'the same papers without authors and keywords', value: Math.round(median(plainBuild)), unit: 'ms' },
    runs: buildRuns,
    detail: `${docs.reduce((n, d) => n + (d.authors?.length ?? 0), 0).toLocaleString('en')} author names`,
  });

  const runs = options.quick ? 2 : 5;
  const queries = fieldQueries(docs);
  const fields = searchLatency(search, queries, runs);
  const standard = searchLatency(plainSearch, benchQueries(files), runs);
  const standardWithFields = searchLatency(search, benchQueries(files), runs);
  // A name never asked for before: the scan over every name that later keystrokes are spared.
  const unseen = median(Array.from({ length: runs * 5 }, (_, i) => time(() => search.search(`author:"nobody ${i}"`, 50))));
  const worst = queries
    .map((q, i) => ({ q, ms: fields.perQuery[i] }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map(({ q, ms }) => `"${q}" ${round(ms, 2)} ms`)
    .join(', ');
  add({
    id: 'fields.search.p95',
    label: `Query latency p95, ${queries.length} queries by author:, arxiv:, has: and authors' names`,
    value: round(fields.p95, 3),
    unit: 'ms',
    goal: { op: '<=', value: 5 },
    baseline: { label: 'p95 of the standard query set, same papers without the fields', value: round(standard.p95, 3), unit: 'ms' },
    runs,
    detail: `p50 ${round(fields.p50, 3)} ms; slowest: ${worst}; the standard set with the fields indexed: p95 ${round(standardWithFields.p95, 3)} ms; an author: value not asked before ${round(unseen, 2)} ms`,
  });

  const items: ExportItem[] = index.papers().slice(0, 10_000).map((entry) => ({ paper: { ...entry.paper, ...fieldsOf(entry.id, entry.paper.abstract) }, digests: [entry.occurrences[0].source.uri] }));
  const exportRuns = options.quick ? 2 : 5;
  const bib: number[] = [];
  const csl: number[] = [];
  for (let r = 0; r < exportRuns; r++) {
    bib.push(time(() => exportBibtex(items)));
    csl.push(time(() => JSON.stringify(exportCslJson(items))));
  }
  add({
    id: 'fields.export.bibtex',
    label: `BibTeX export of ${items.length.toLocaleString('en')} papers with authors`,
    value: Math.round(median(bib)),
    unit: 'ms',
    baseline: { label: 'CSL-JSON export of the same papers, serialised', value: Math.round(median(csl)), unit: 'ms' },
    runs: exportRuns,
  });
  return figures;
}
