/**
 * The figures that need no editor: parsing, the index, search, incremental
 * updates, memory, re-anchoring and the scaling curve, over a generated corpus.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { createAnchor, reanchor, type AnchorResult } from '../src/core';
import { PaperIndex } from '../src/core';
import { DigestParser, parseDigest } from '../src/core';
import { parseHfText } from '../src/core';
import { PaperSearch, type SearchDoc } from '../src/core';
import type { AnnotationAnchor, Digest } from '../src/core';
import type { CorpusFile } from './corpus';
import { calibrationWorkload, collectGarbage, median, paired, round, time } from './measure';
import { Prng } from './prng';
import { benchQueries, grepWords } from './queries';
import { libraryOf, searchLatency } from './library';
import { figure, type Figure, type ScalingRow } from './results';
import { toSearchDoc } from '../src/core';
import { docsOf, syntheticNote } from './search-docs';

export const RIPGREP = '/usr/bin/rg';

export interface PureOptions {
  /** Fewer runs and smaller sizes, for a quick look while working. */
  quick: boolean;
  log: (message: string) => void;
  /** Where the corpus is written for ripgrep. */
  workDir: string;
}

interface Parsed {
  file: CorpusFile;
  uri: string;
  digest: Digest;
  bytes: number;
}

const MB = 1e6;
const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');
const uriOf = (file: CorpusFile) => `file:///corpus/${file.name}`;

export function parseAll(files: readonly CorpusFile[]): Parsed[] {
  return files.map((file) => ({ file, uri: uriOf(file), digest: parseDigest(file.text, uriOf(file)), bytes: byteLength(file.text) }));
}

export class Bench {
  private readonly calibrate = calibrationWorkload();
  readonly figures: Figure[] = [];
  readonly scaling: ScalingRow[] = [];

  constructor(private readonly options: PureOptions) {}

  private runs(full: number, quick = Math.max(1, Math.ceil(full / 3))): number {
    return this.options.quick ? quick : full;
  }

  private add(f: Parameters<typeof figure>[0]): Figure {
    const result = figure(f);
    this.figures.push(result);
    const goal = result.goal ? ` (goal ${result.goal.op} ${result.goal.value}: ${result.met ? 'met' : 'MISSED'})` : '';
    this.options.log(`  ${result.label}: ${result.value} ${result.unit}${goal}`);
    return result;
  }

  /** HF text parser throughput, against splitting the same text into lines, and against remark-parse. */
  parseThroughput(files: readonly CorpusFile[]): void {
    const hf = files.filter((f) => f.format === 'hf-text');
    const bytes = hf.reduce((n, f) => n + byteLength(f.text), 0);
    let sink = 0;
    const parseEach = () => {
      for (const f of hf) sink += parseHfText(f.text, f.name).papers.length;
    };
    const splitEach = () => {
      for (const f of hf) sink += f.text.split('\n').length;
    };
    const runs = this.runs(7, 2);
    const run = paired(runs, parseEach, splitEach);
    const mbps = (ms: number) => round(bytes / MB / (ms / 1000), 1);
    this.add({
      id: 'parse.hf.throughput',
      label: 'HF text parser throughput',
      value: mbps(median(run.subject)),
      unit: 'MB/s',
      goal: { op: '>=', value: 200 },
      baseline: { label: "String.split('\\n') over the same text", value: mbps(median(run.baseline)), unit: 'MB/s' },
      runs,
      detail: `${hf.length} files, ${round(bytes / MB, 1)} MB`,
    });

    // remark-parse is slow: give both a sample of the same files, a megabyte and a half or so.
    const sample: CorpusFile[] = [];
    let sampleBytes = 0;
    for (const f of hf) {
      if (sampleBytes >= (this.options.quick ? 0.4 : 1.5) * MB) break;
      sample.push(f);
      sampleBytes += byteLength(f.text);
    }
    const remark = unified().use(remarkParse);
    const remarkRuns = this.runs(3, 1);
    const versus = paired(
      remarkRuns,
      () => {
        for (const f of sample) sink += parseHfText(f.text, f.name).papers.length;
      },
      () => {
        for (const f of sample) sink += remark.parse(f.text).children.length;
      },
    );
    this.add({
      id: 'parse.hf.vsRemark',
      label: 'HF text parser speed-up over remark-parse',
      value: round(median(versus.baseline) / median(versus.subject), 1),
      unit: 'x',
      goal: { op: '>=', value: 20 },
      baseline: { label: 'unified().use(remarkParse).parse over the same bytes', value: mbps(median(versus.baseline) * (bytes / sampleBytes)), unit: 'MB/s' },
      runs: remarkRuns,
      detail: `${sample.length} files, ${round(sampleBytes / MB, 2)} MB`,
    });
    if (sink === -1) this.options.log('');
  }

  /** Both formats as the first scan meets them: every file of the corpus parsed once. */
  parseCorpus(files: readonly CorpusFile[]): Parsed[] {
    const calibration = time(this.calibrate);
    const hf: Parsed[] = [];
    const md: Parsed[] = [];
    const hfMs = time(() => {
      for (const f of files) if (f.format === 'hf-text') hf.push(...parseAll([f]));
    });
    const mdMs = time(() => {
      for (const f of files) if (f.format === 'markdown') md.push(...parseAll([f]));
    });
    const mdBytes = md.reduce((n, p) => n + p.bytes, 0);
    const hfBytes = hf.reduce((n, p) => n + p.bytes, 0);
    this.add({
      id: 'parse.markdown.throughput',
      label: 'Markdown digest parser throughput (remark + gfm + frontmatter)',
      value: round(mdBytes / MB / (mdMs / 1000), 2),
      unit: 'MB/s',
      baseline: { label: 'calibration workload, same invocation', value: round(calibration, 1), unit: 'ms' },
      runs: 1,
      detail: `${md.length} files, ${round(mdBytes / MB, 1)} MB in ${Math.round(mdMs)} ms; the ${hf.length} HF text files (${round(hfBytes / MB, 1)} MB) took ${Math.round(hfMs)} ms`,
    });
    const byName = new Map([...hf, ...md].map((p) => [p.file.name, p]));
    return files.map((f) => byName.get(f.name)!);
  }

  build(parsed: readonly Parsed[]): { index: PaperIndex; search: PaperSearch } {
    const { index, docs } = libraryOf(parsed);
    const search = new PaperSearch();
    search.upsertMany(docs);
    return { index, search };
  }

  /** Index build time for a corpus, median of `runs`, with the calibration workload between runs. */
  private timeBuild(parsed: readonly Parsed[], runs: number): { ms: number; calibrationMs: number; built: ReturnType<Bench['build']> } {
    let built: ReturnType<Bench['build']> | undefined;
    const result = paired(runs, () => {
      built = this.build(parsed);
    }, this.calibrate, 0);
    return { ms: median(result.subject), calibrationMs: median(result.baseline), built: built! };
  }

  /**
   * One digest of the workspace changed on disk: re-parse it, update the
   * PaperIndex, and re-index in search the papers whose search document
   * changed (a paper of the digest whose text and metadata are as they were
   * keeps its postings). Returns the median time and how many papers were
   * re-indexed per update.
   */
  private incremental(built: ReturnType<Bench['build']>, target: Parsed, runs: number): { ms: number; reindexed: number; papers: number; sections: number; reparsed: number } {
    const { index, search } = built;
    const edited = editDigestText(target.file.text);
    // One parser, as the extension keeps one: it has read the file once, and re-reads
    // only the Markdown sections that an edit changed.
    const parser = new DigestParser();
    parser.parse(target.file.text, target.uri);
    let reindexed = 0;
    const update = (text: string) => {
      const before = index.digest(target.uri)?.digest.papers.map((p) => p.id) ?? [];
      const digest = parser.parse(text, target.uri);
      index.setDigest(digest, target.file.name);
      const ids = new Set([...before, ...digest.papers.map((p) => p.id)]);
      const docs = [];
      const digestOf = (uri: string) => index.digest(uri);
      for (const id of ids) {
        const entry = index.paper(id);
        if (!entry) {
          search.remove(id);
          continue;
        }
        const doc = toSearchDoc(entry, syntheticNote(id, entry.paper.title), digestOf);
        if (!sameDoc(search.get(id), doc)) docs.push(doc);
      }
      reindexed = docs.length;
      search.upsertMany(docs);
    };
    const times: number[] = [];
    update(edited);
    update(target.file.text);
    for (let r = 0; r < runs; r++) times.push(time(() => update(r % 2 === 0 ? edited : target.file.text)));
    update(edited);
    update(target.file.text);
    // What the last change cost the parser: sections of the text, and how many remark read.
    const { sections, parsed: reparsed } = parser.lastStats();
    return { ms: median(times), reindexed, papers: target.digest.papers.length, sections, reparsed };
  }

  /** Index, queries, ripgrep and incremental updates at the full size. */
  indexAndSearch(parsed: readonly Parsed[], files: readonly CorpusFile[]): void {
    const entries = parsed.reduce((n, p) => n + p.digest.papers.length, 0);
    const buildRuns = this.runs(3, 1);
    const build = this.timeBuild(parsed, buildRuns);
    const { index, search } = build.built;
    this.add({
      id: 'index.build',
      label: `Index build, ${entries.toLocaleString('en')} paper entries (PaperIndex + PaperSearch)`,
      value: Math.round(build.ms),
      unit: 'ms',
      baseline: { label: 'calibration workload between runs', value: round(build.calibrationMs, 1), unit: 'ms' },
      runs: buildRuns,
      detail: `${parsed.length} digests, ${index.paperCount.toLocaleString('en')} distinct papers`,
    });

    this.snapshotRestore(index, entries);

    const queries = benchQueries(files);
    const queryRuns = this.runs(5, 2);
    const latency = searchLatency(search, queries, queryRuns);
    const grep = this.ripgrep(queries, parsed.map((p) => p.file));
    this.add({
      id: 'search.p50',
      label: `Query latency p50 (${queries.length} queries with filters, limit 50)`,
      value: round(latency.p50, 3),
      unit: 'ms',
      runs: queryRuns,
    });
    const ratios = grep.perQuery
      .map((rg, i) => (rg === undefined ? undefined : rg / latency.perQuery[i]))
      .filter((r): r is number => r !== undefined);
    const worst = queries
      .map((q, i) => ({ q, ms: latency.perQuery[i] }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map(({ q, ms }) => `"${q}" ${round(ms, 2)} ms`)
      .join(', ');
    this.add({
      id: 'search.p95',
      label: 'Query latency p95',
      value: round(latency.p95, 3),
      unit: 'ms',
      goal: { op: '<=', value: 5 },
      baseline: { label: 'rg -i -F -l, same words and files, warm cache (median over queries)', value: round(median(grep.perQuery.filter((t): t is number => t !== undefined)), 1), unit: 'ms' },
      runs: queryRuns,
      detail: `slowest: ${worst}`,
    });
    this.add({
      id: 'search.vsRipgrep',
      label: 'Search speed-up over rg -i (median over queries with words)',
      value: round(median(ratios), 1),
      unit: 'x',
      goal: { op: '>=', value: 50 },
      baseline: { label: 'rg -i -F -l per query', value: round(median(grep.perQuery.filter((t): t is number => t !== undefined)), 1), unit: 'ms' },
      runs: grep.runs,
      detail: `${ratios.length} queries with words; lowest ratio ${round(Math.min(...ratios), 1)}x; ${grep.version}`,
    });

    const hfTarget = middleOf(parsed, 'hf-text');
    const mdTarget = middleOf(parsed, 'markdown');
    const incRuns = this.runs(21, 5);
    const calibration = median(Array.from({ length: 3 }, () => time(this.calibrate)));
    const hf = this.incremental(build.built, hfTarget, incRuns);
    this.add({
      id: 'index.incremental',
      label: `Incremental update, one HF digest of ${parsed.length} changed (re-parse + PaperIndex + search)`,
      value: round(hf.ms, 2),
      unit: 'ms',
      goal: { op: '<=', value: 10 },
      baseline: { label: 'full index build', value: Math.round(build.ms), unit: 'ms' },
      runs: incRuns,
      detail: `${hfTarget.file.name}, ${round(hfTarget.bytes / 1000, 1)} KB; a word inserted in one abstract: ${hf.reindexed} of ${hf.papers} papers re-indexed (the others' search documents are unchanged); calibration ${round(calibration, 1)} ms`,
    });
    if (mdTarget) {
      const md = this.incremental(build.built, mdTarget, this.runs(9, 3));
      this.add({
        id: 'index.incremental.markdown',
        label: 'Incremental update, one Markdown digest changed',
        value: round(md.ms, 2),
        unit: 'ms',
        goal: { op: '<=', value: 10 },
        baseline: { label: 'full index build', value: Math.round(build.ms), unit: 'ms' },
        runs: this.runs(9, 3),
        detail: `${mdTarget.file.name}, ${round(mdTarget.bytes / 1000, 1)} KB; a word inserted in one abstract: ${md.reparsed} of ${md.sections} sections re-parsed with remark (the others reused from the previous parse), ${md.reindexed} of ${md.papers} papers re-indexed`,
      });
    }
  }

  /**
   * What a reopened window does instead of building the search index: decode
   * the snapshot the last window saved and take back every paper whose text
   * is unchanged, beside the build of the same papers, run for run.
   */
  snapshotRestore(index: PaperIndex, entries: number): void {
    const docs = docsOf(index, index.papers());
    const built = new PaperSearch();
    built.upsertMany(docs);
    let bytes: Uint8Array | undefined;
    const snapshotMs = time(() => {
      const steps = built.snapshotSteps();
      let step = steps.next();
      while (!step.done) step = steps.next();
      bytes = step.value;
    });
    if (!bytes) throw new Error('the snapshot was not taken');
    const snapshot = bytes;
    let restored = 0;
    const runs = this.runs(5, 2);
    const result = paired(runs, () => {
      const outcome = new PaperSearch().restore(snapshot, docs);
      restored = outcome.ok ? outcome.restored : 0;
    }, () => new PaperSearch().upsertMany(docs), 0);
    if (restored !== docs.length) throw new Error(`restored ${restored} of ${docs.length} papers`);
    const restoreMs = median(result.subject);
    const buildMs = median(result.baseline);
    this.add({
      id: 'search.snapshotRestore',
      label: `Search index restored from its snapshot, ${entries.toLocaleString('en')} entries`,
      value: Math.round(restoreMs),
      unit: 'ms',
      goal: { op: '<=', value: 500 },
      baseline: { label: 'PaperSearch build of the same papers', value: Math.round(buildMs), unit: 'ms' },
      runs,
      detail: `${round(buildMs / restoreMs, 1)}x faster than the build; ${docs.length.toLocaleString('en')} papers, snapshot ${round(snapshot.length / MB, 1)} MB, taken in ${Math.round(snapshotMs)} ms`,
    });
  }

  private ripgrep(queries: readonly string[], files: readonly CorpusFile[]): { perQuery: (number | undefined)[]; runs: number; version: string } {
    if (!existsSync(RIPGREP)) {
      throw new Error(`${RIPGREP} is missing: the search comparison needs Debian's package ripgrep (apt-get install ripgrep).`);
    }
    const dir = join(this.options.workDir, `corpus-${files.length}`);
    writeCorpusDir(dir, files);
    const rg = (words: readonly string[]) => {
      const args = ['-i', '-F', '-l', '--no-config', ...words.flatMap((w) => ['-e', w]), '--', dir];
      const result = spawnSync(RIPGREP, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      if (result.status !== 0 && result.status !== 1) throw new Error(`rg failed: ${result.stderr}`);
    };
    const version = spawnSync(RIPGREP, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
    // Warm the page cache and rg itself.
    rg(['zzzz-nothing']);
    rg(['zzzz-nothing']);
    const runs = this.runs(3, 1);
    const perQuery = queries.map((q) => {
      const words = grepWords(q);
      if (words.length === 0) return undefined;
      const times: number[] = [];
      for (let r = 0; r < runs; r++) times.push(time(() => rg(words)));
      return median(times);
    });
    return { perQuery, runs, version };
  }

  /** Heap held by the index per MB of digest text, texts read fresh from disk and dropped after. */
  memory(files: readonly CorpusFile[]): void {
    const dir = join(this.options.workDir, `memory-${files.length}`);
    writeCorpusDir(dir, files);
    const names = files.map((f) => f.name);
    if (!collectGarbage()) {
      this.options.log('  memory: skipped (run node with --expose-gc)');
      return;
    }
    const before = process.memoryUsage().heapUsed;
    let bytes = 0;
    let built: ReturnType<Bench['build']> | undefined = (() => {
      const parsed = names.map((name) => {
        const text = readFileSync(join(dir, name), 'utf8');
        bytes += byteLength(text);
        return { file: { name } as CorpusFile, uri: `file:///corpus/${name}`, digest: parseDigest(text, `file:///corpus/${name}`), bytes: 0 };
      });
      return this.build(parsed);
    })();
    collectGarbage();
    const after = process.memoryUsage().heapUsed;
    const heldMB = (after - before) / MB;
    this.add({
      id: 'index.memory',
      label: 'Index heap per MB of digest text',
      value: round(heldMB / (bytes / MB), 2),
      unit: 'MB/MB',
      baseline: { label: 'digest text read', value: round(bytes / MB, 1), unit: 'MB' },
      runs: 1,
      detail: `${round(heldMB, 1)} MB of heap held by PaperIndex + PaperSearch for ${built.index.paperCount.toLocaleString('en')} papers (texts dropped, after full GC)`,
    });
    built = undefined;
    void built;
  }

  /** Re-anchoring 1,000 annotations on a digest of about 50 KB after an edit, against re-parsing it. */
  anchoring(files: readonly CorpusFile[]): void {
    const candidates = files.filter((f) => f.format === 'hf-text' && f.variant.wrap === 0 && !f.variant.untidy);
    const file = candidates.reduce((best, f) => (Math.abs(byteLength(f.text) - 50_000) < Math.abs(byteLength(best.text) - 50_000) ? f : best));
    const original = parseHfText(file.text, file.name);
    const rng = new Prng(50);
    const anchors: { id: string; anchor: AnnotationAnchor }[] = [];
    for (let i = 0; i < 1000; i++) {
      const paper = original.papers[i % original.papers.length];
      const text = paper.abstract;
      const length = rng.int(20, 120);
      const start = wordStart(text, rng.int(0, Math.max(0, text.length - length - 1)));
      anchors.push({ id: paper.id, anchor: createAnchor('abstract', text, start, Math.min(text.length, start + length)) });
    }
    const editedText = editAbstracts(file.text, original, new Prng(51));
    const edited = parseHfText(editedText, file.name);
    const byId = new Map(edited.papers.map((p) => [p.id, p]));
    let results: AnchorResult[] = [];
    const runs = this.runs(7, 2);
    const run = paired(runs, () => {
      results = anchors.map(({ id, anchor }) => reanchor(anchor, byId.get(id)?.abstract ?? ''));
    }, () => {
      parseHfText(editedText, file.name);
    });
    const counts = new Map<string, number>();
    for (const r of results) {
      const key = r.status === 'anchored' ? r.method : 'orphaned';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    this.add({
      id: 'anchor.reanchor',
      label: 'Re-anchor 1,000 annotations after an edit, relative to re-parsing the digest',
      value: round(median(run.subject) / median(run.baseline), 1),
      unit: 'x parse time',
      baseline: { label: `parse of ${file.name} (${round(byteLength(editedText) / 1000, 1)} KB)`, value: round(median(run.baseline), 3), unit: 'ms' },
      runs,
      detail: `re-anchoring took ${round(median(run.subject), 1)} ms; ${[...counts].map(([k, v]) => `${v} ${k}`).join(', ')}`,
    });
  }

  /** Index build, query latency and incremental update at growing corpus sizes. */
  scalingCurve(all: readonly Parsed[], files: readonly CorpusFile[], sizes: readonly number[]): void {
    for (const size of sizes) {
      const parsed = all.slice(0, size);
      const entries = parsed.reduce((n, p) => n + p.digest.papers.length, 0);
      const textMB = parsed.reduce((n, p) => n + p.bytes, 0) / MB;
      // The largest sizes are built once: a build of 10,000 files takes tens of seconds.
      const buildRuns = this.runs(size <= 100 ? 9 : size <= 2000 ? 2 : 1, 1);
      const build = this.timeBuild(parsed, buildRuns);
      const latency = searchLatency(build.built.search, benchQueries(files.slice(0, size)), this.runs(3, 1));
      const incremental = this.incremental(build.built, middleOf(parsed, 'hf-text'), this.runs(15, 3));
      const row: ScalingRow = {
        files: size,
        entries,
        papers: build.built.index.paperCount,
        textMB: round(textMB, 1),
        indexMs: round(build.ms, 1),
        indexUsPerEntry: round((build.ms * 1000) / entries, 1),
        queryP50Ms: round(latency.p50, 3),
        queryP95Ms: round(latency.p95, 3),
        incrementalMs: round(incremental.ms, 2),
        calibrationMs: round(build.calibrationMs, 1),
      };
      this.scaling.push(row);
      this.options.log(`  ${size} files: build ${row.indexMs} ms (${row.indexUsPerEntry} µs/entry), p50 ${row.queryP50Ms} ms, p95 ${row.queryP95Ms} ms, incremental ${row.incrementalMs} ms`);
    }
  }

  /** Sizes of the shipped extension bundle and package. */
  bundleSizes(root: string): void {
    const sizes: [string, string, string, number][] = [
      ['bundle.extension', 'Extension bundle dist/extension.js', 'dist/extension.js', 250],
      ['bundle.vsix', 'Package dist/paper-digest-reader.vsix', 'dist/paper-digest-reader.vsix', 600],
    ];
    for (const [id, label, path, goalKB] of sizes) {
      const full = join(root, path);
      if (!existsSync(full)) {
        this.options.log(`  ${label}: missing (${path})`);
        continue;
      }
      this.add({ id, label, value: round(statSync(full).size / 1024, 1), unit: 'KB', goal: { op: '<=', value: goalKB }, runs: 1 });
    }
    // Code the extension loads on first use rather than at activation.
    const lazy = join(root, 'dist', 'extension-lazy.js');
    if (existsSync(lazy)) {
      this.add({ id: 'bundle.extensionLazy', label: 'Lazily loaded bundle dist/extension-lazy.js', value: round(statSync(lazy).size / 1024, 1), unit: 'KB', runs: 1 });
    }
    // The search index and similar papers, loaded when the services are made, a turn after activation.
    const search = join(root, 'dist', 'extension-search.js');
    if (existsSync(search)) {
      this.add({ id: 'bundle.extensionSearch', label: 'Search bundle dist/extension-search.js', value: round(statSync(search).size / 1024, 1), unit: 'KB', runs: 1 });
    }
    // The surfaces started after the Papers view, loaded a turn after activation.
    const surfaces = join(root, 'dist', 'extension-surfaces.js');
    if (existsSync(surfaces)) {
      this.add({ id: 'bundle.extensionSurfaces', label: 'Later surfaces bundle dist/extension-surfaces.js', value: round(statSync(surfaces).size / 1024, 1), unit: 'KB', runs: 1 });
    }
  }
}

/** Would the index hold the same thing for both? Field by field, digests included (filters read them). */
function sameDoc(a: SearchDoc | undefined, b: SearchDoc): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** The HF (or Markdown) digest in the middle of the corpus: neither the newest nor the oldest. */
function middleOf(parsed: readonly Parsed[], format: CorpusFile['format']): Parsed {
  const of = parsed.filter((p) => p.file.format === format);
  return of[of.length >> 1] ?? parsed[parsed.length >> 1];
}

/** A reader's small edit: a word inserted into one abstract, a little past the middle of the file. */
export function editDigestText(text: string): string {
  const at = text.indexOf(' the ', Math.floor(text.length * 0.55));
  return at === -1 ? `${text}\n` : `${text.slice(0, at)} the revised${text.slice(at + 4)}`;
}

function wordStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] !== ' ') i--;
  return i;
}

/**
 * Edits to the abstracts of a digest as a re-download brings them: a sentence
 * added in front, a word replaced, a word dropped, in about half the papers.
 */
function editAbstracts(text: string, digest: Digest, rng: Prng): string {
  let out = text;
  for (const paper of digest.papers) {
    if (!rng.chance(0.5)) continue;
    const words = paper.abstract.split(' ');
    const roll = rng.next();
    if (roll < 0.34) words.unshift('In this revised version we clarify the setup.');
    else if (roll < 0.67) words[rng.int(0, words.length - 1)] = 'reworded';
    else words.splice(rng.int(0, words.length - 1), 1);
    const at = out.indexOf(paper.abstract);
    if (at !== -1) out = out.slice(0, at) + words.join(' ') + out.slice(at + paper.abstract.length);
  }
  return out;
}

/** Writes the corpus for tools that read files (ripgrep, VS Code), unless it is there already. */
export function writeCorpusDir(dir: string, files: readonly CorpusFile[]): void {
  const marker = join(dir, '.complete');
  const stamp = `${files.length} ${files[0]?.name} ${files[files.length - 1]?.name} ${files.reduce((n, f) => n + f.text.length, 0)}`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(join(dir, f.name), f.text);
  writeFileSync(marker, stamp);
}
