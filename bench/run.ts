/**
 * The pure half of `npm run bench`: generates the corpus, measures every
 * figure that needs no editor and writes them as JSON for scripts/bench.mjs.
 *
 *   node --expose-gc out/bench/run.js --out FILE [--work DIR] [--files N] [--quick] [--only-index-build] [--only-insights]
 *
 * --only-index-build measures only the library build (against MiniSearch and FlexSearch) and its heap.
 * --only-insights measures only the similar papers and the insights page over the built library.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { generateCorpus, MAX_CORPUS_FILES, type CorpusFile } from './corpus';
import { measureHfJson } from './hf-json';
import { now, round } from './measure';
import { paperFieldFigures } from './paper-fields';
import { Bench, parseAll, writeCorpusDir } from './pure';
import type { BenchResults, Figure, Machine } from './results';
import { readSeedPapers } from './seeds';
import { similarFigures } from './similar';
import { insightsFigures } from './insights';
import { nestedMarkdownFigures, notesFileFigures } from './robustness';
import { heapPerMB, indexBuildFigures } from './index-build';

export const CORPUS_SEED = 1;
/** Five years of dailies. */
export const MAIN_FILES = 1800;
export const SCALING_SIZES = [10, 100, 1000, 2000, 5000, 10_000];

export function machine(): Machine {
  const info = cpus();
  return {
    cpus: availableParallelism(),
    cpuModel: info[0]?.model.trim() ?? 'unknown',
    memoryGB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg().map((n) => round(n, 2)),
  };
}

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

export function main(argv: readonly string[], root: string): number {
  const started = now();
  const host = machine();
  const quick = argv.includes('--quick');
  const out = option(argv, '--out');
  const workDir = resolve(option(argv, '--work') ?? join(tmpdir(), 'paper-reader-bench'));
  const mainFiles = Math.min(MAIN_FILES, Number(option(argv, '--files') ?? MAIN_FILES));
  const log = (message: string) => console.error(message);
  mkdirSync(workDir, { recursive: true });

  const onlyIndexBuild = argv.includes('--only-index-build');
  const onlyInsights = argv.includes('--only-insights');
  const scalingSizes = SCALING_SIZES.filter((n) => quick ? n <= Math.max(100, mainFiles) : true);
  // The files beyond the main ones are for the scaling curve only: 10,000 files take minutes to generate.
  const corpusFiles = onlyIndexBuild || onlyInsights ? mainFiles : Math.min(MAX_CORPUS_FILES, Math.max(mainFiles, ...scalingSizes));
  const notesFigures: Figure[] = [];
  if (!onlyIndexBuild && !onlyInsights) {
    log('Hostile notes files: 40,000 tags, 10,000 annotations...');
    notesFigures.push(...notesFileFigures({ quick, log }));
  }
  log(`Generating the corpus (seed ${CORPUS_SEED}, ${corpusFiles} files)...`);
  const all = generateCorpus(readSeedPapers(join(root, 'test', 'fixtures')), { files: corpusFiles, seed: CORPUS_SEED });
  const files = all.slice(0, mainFiles);
  // The files VS Code opens and ripgrep searches.
  writeCorpusDir(join(workDir, `corpus-${files.length}`), files);
  const bench = new Bench({ quick, log, workDir });

  log('Parsing...');
  if (onlyInsights) {
    const parsed = bench.parseCorpus(files);
    log('Similar papers and insights...');
    const { index, search } = bench.build(parsed);
    bench.figures.push(...similarFigures(index, readSeedPapers(join(root, 'test', 'fixtures')), { quick, log }), ...insightsFigures(index, search, { quick, log }));
    return writeResults(out, { host, started, quick, files, parsed, bench });
  }
  if (!onlyIndexBuild) {
    bench.parseThroughput(files);
    bench.figures.push(...measureHfJson({ root, quick, log }));
  }
  const parsed = bench.parseCorpus(files);
  log('Library build against MiniSearch and FlexSearch, and its heap...');
  bench.figures.push(...indexBuildFigures(parsed, { quick, log }));
  const heap = heapPerMB(files.slice(0, Math.min(files.length, 600)), log);
  if (heap) bench.figures.push(heap);
  if (onlyIndexBuild) return writeResults(out, { host, started, quick, files, parsed, bench });
  const parsedAll = [...parsed, ...parseAll(all.slice(files.length))];

  log(`Index and search over ${files.length} files...`);
  bench.indexAndSearch(parsed, files);
  log('Authors, arXiv ids and code links: search and BibTeX...');
  bench.figures.push(...paperFieldFigures(parsed, files, { quick, log }));
  log('Similar papers and insights...');
  const { index, search } = bench.build(parsed);
  bench.figures.push(...similarFigures(index, readSeedPapers(join(root, 'test', 'fixtures')), { quick, log }), ...insightsFigures(index, search, { quick, log }));
  log('Hostile input: 1 MB of nested Markdown...');
  bench.figures.push(...notesFigures, ...nestedMarkdownFigures(files, { quick, log }));
  log('Memory...');
  // A ratio per MB of text: a third of the corpus tells it, without parsing every Markdown file a third time.
  bench.memory(files.slice(0, Math.min(files.length, 600)));
  log('Re-anchoring...');
  bench.anchoring(files);
  log('Scaling curve...');
  bench.scalingCurve(parsedAll, all, scalingSizes);
  bench.bundleSizes(root);

  return writeResults(out, { host, started, quick, files, parsed, bench });
}

function writeResults(
  out: string | undefined,
  { host, started, quick, files, parsed, bench }: { host: Machine; started: number; quick: boolean; files: readonly CorpusFile[]; parsed: ReturnType<Bench['parseCorpus']>; bench: Bench },
): number {
  const entries = parsed.reduce((n, p) => n + p.digest.papers.length, 0);
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: host,
    corpus: {
      seed: CORPUS_SEED,
      files: files.length,
      entries,
      papers: new Set(parsed.flatMap((p) => p.digest.papers.map((paper) => paper.id))).size,
      textMB: round(parsed.reduce((n, p) => n + p.bytes, 0) / 1e6, 1),
      markdownFiles: files.filter((f) => f.format === 'markdown').length,
    },
    figures: bench.figures,
    scaling: bench.scaling,
    durationSeconds: Math.round((now() - started) / 1000),
    ...(quick ? { quick: true } : {}),
  };
  const json = `${JSON.stringify(results, null, 2)}\n`;
  if (out) {
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(out, json);
  } else {
    process.stdout.write(json);
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), resolve(__dirname, '..', '..'));
}
