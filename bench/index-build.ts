/**
 * Building the search over a library, against the two full-text libraries a
 * reader might reach for, on the same documents; and the heap the built
 * library holds per MB of digest text. MiniSearch is a dependency; FlexSearch
 * is loaded only if it is installed, and its row says so when it is not.
 */
import MiniSearch from 'minisearch';
import { PaperIndex, PaperSearch, parseDigest, type SearchDoc } from '../src/core';
import type { CorpusFile } from './corpus';
import { libraryOf } from './library';
import { collectGarbage, median, round, time } from './measure';
import { figure, type Figure } from './results';
import { docsOf } from './search-docs';

export interface ParsedFile {
  file: CorpusFile;
  uri: string;
  digest: ReturnType<typeof parseDigest>;
  bytes: number;
}

/** The texts both libraries index: what PaperSearch indexes, field by field. */
function plain(doc: SearchDoc): Record<string, string> {
  return {
    id: doc.id,
    title: doc.title,
    abstract: doc.abstract,
    authors: (doc.authors ?? []).join(' '),
    keywords: (doc.keywords ?? []).join(' '),
    tags: doc.tags.join(' '),
    notes: `${doc.notes} ${doc.annotations}`,
    org: doc.org ?? '',
  };
}
const FIELDS = ['title', 'abstract', 'authors', 'keywords', 'tags', 'notes', 'org'];

interface FlexDocument {
  add(doc: Record<string, string>): unknown;
}
type FlexModule = { Document: new (options: unknown) => FlexDocument };

/** FlexSearch when it is installed; a name esbuild cannot follow keeps it out of the bundle. */
function loadFlexSearch(): FlexModule | undefined {
  const name = ['flex', 'search'].join('');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name) as FlexModule;
  } catch {
    return undefined;
  }
}

export function indexBuildFigures(parsed: readonly ParsedFile[], options: { quick: boolean; log: (m: string) => void }): Figure[] {
  const figures: Figure[] = [];
  const add = (f: Parameters<typeof figure>[0]) => {
    const made = figure(f);
    figures.push(made);
    const goal = made.goal ? ` (goal ${made.goal.op} ${made.goal.value}: ${made.met ? 'met' : 'MISSED'})` : '';
    options.log(`  ${made.label}: ${made.value} ${made.unit}${goal}`);
  };
  const runs = options.quick ? 1 : 3;
  const entries = parsed.reduce((n, p) => n + p.digest.papers.length, 0);
  const { docs } = libraryOf(parsed);
  const plainDocs = docs.map(plain);

  const indexMs: number[] = [];
  const searchMs: number[] = [];
  const miniMs: number[] = [];
  const flexMs: number[] = [];
  const flex = loadFlexSearch();
  for (let r = 0; r < runs; r++) {
    collectGarbage();
    indexMs.push(time(() => {
      const index = new PaperIndex();
      for (const p of parsed) index.setDigest(p.digest, p.file.name);
      index.papers();
    }));
    collectGarbage();
    searchMs.push(time(() => new PaperSearch().upsertMany(docs)));
    collectGarbage();
    miniMs.push(time(() => new MiniSearch({ fields: FIELDS, idField: 'id' }).addAll(plainDocs)));
    if (flex) {
      collectGarbage();
      flexMs.push(time(() => {
        const index = new flex.Document({ document: { id: 'id', index: FIELDS } });
        for (const d of plainDocs) index.add(d);
      }));
    }
  }
  const ours = median(searchMs);
  const whole = median(indexMs) + ours;
  add({
    id: 'index.build.core',
    label: `Library build, ${entries.toLocaleString('en')} paper entries (PaperIndex + PaperSearch over parsed digests)`,
    value: round(whole, 0),
    unit: 'ms',
    goal: { op: '<=', value: 1500 },
    baseline: { label: 'MiniSearch addAll over the same documents', value: round(median(miniMs), 0), unit: 'ms' },
    runs,
    detail: `PaperIndex ${round(median(indexMs), 0)} ms, PaperSearch ${round(ours, 0)} ms for ${docs.length.toLocaleString('en')} papers`,
  });
  add({
    id: 'index.build.vsMiniSearch',
    label: 'Search index build speed-up over MiniSearch (same documents and fields)',
    value: round(median(miniMs) / ours, 2),
    unit: 'x',
    goal: { op: '>=', value: 2 },
    baseline: { label: 'MiniSearch 7 addAll', value: round(median(miniMs), 0), unit: 'ms' },
    runs,
    detail: `PaperSearch.upsertMany ${round(ours, 0)} ms`,
  });
  add({
    id: 'index.build.vsFlexSearch',
    label: 'Search index build speed-up over FlexSearch (same documents and fields)',
    value: flex ? round(median(flexMs) / ours, 2) : NaN,
    unit: 'x',
    goal: { op: '>=', value: 2 },
    ...(flex ? { baseline: { label: 'FlexSearch Document.add, default options', value: round(median(flexMs), 0), unit: 'ms' } } : {}),
    runs: flex ? runs : 0,
    detail: flex ? `PaperSearch.upsertMany ${round(ours, 0)} ms` : 'not installed (flexsearch is not among the devDependencies)',
  });
  return figures;
}

/** What the heap and array buffers hold (the index keeps its postings in typed arrays, outside the heap proper). */
function held(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Heap the built library holds per MB of the digest text it was built from, after a full GC. */
export function heapPerMB(files: readonly CorpusFile[], log: (m: string) => void): Figure | undefined {
  if (!collectGarbage()) {
    log('  heap: skipped (run node with --expose-gc)');
    return undefined;
  }
  const before = held();
  let bytes = 0;
  let built: { index: PaperIndex; search: PaperSearch } | undefined = (() => {
    const index = new PaperIndex();
    for (const f of files) {
      // A copy, so the corpus's own strings are not what the index holds on to.
      const text = f.text.split('').join('');
      bytes += Buffer.byteLength(text, 'utf8');
      index.setDigest(parseDigest(text, `file:///heap/${f.name}`), f.name);
    }
    const search = new PaperSearch();
    search.upsertMany(docsOf(index, index.papers()));
    return { index, search };
  })();
  collectGarbage();
  const heldMB = (held() - before) / 1e6;
  const made = figure({
    id: 'index.heapPerMB',
    label: 'Library heap per MB of digest text (process.memoryUsage heapUsed + arrayBuffers after indexing)',
    value: round(heldMB / (bytes / 1e6), 2),
    unit: 'MB/MB',
    goal: { op: '<=', value: 1.5 },
    baseline: { label: 'digest text indexed', value: round(bytes / 1e6, 1), unit: 'MB' },
    runs: 1,
    detail: `${round(heldMB, 1)} MB held by PaperIndex + PaperSearch for ${built.index.paperCount.toLocaleString('en')} papers of ${files.length} files`,
  });
  log(`  ${made.label}: ${made.value} ${made.unit} (goal <= 1.5: ${made.met ? 'met' : 'MISSED'})`);
  built = undefined;
  void built;
  return made;
}
