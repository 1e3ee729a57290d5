// `npm run bench`: the benchmark table and bench-results.json.
//   1. bundles bench/*.ts (out/bench/), packages the .vsix when it is missing or older than the bundle;
//   2. runs the pure figures (parse, index, search against ripgrep, incremental updates, memory,
//      re-anchoring, scaling) in a child Node with --expose-gc: out/bench/run.js;
//   3. unless BENCH_SKIP_VSCODE=1, runs the real VS Code figures (code-server + Chromium):
//      out/bench/vscode.js over the same corpus;
//   4. prints the table, writes bench-results.json and bench/RESULTS.md.
// `npm run bench -- --quick` does fewer runs over a smaller corpus and writes only out/bench/.
// `npm run bench -- --vscode-only` measures VS Code again and replaces those figures in bench-results.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBench, root } from './corpus.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const vscodeOnly = args.includes('--vscode-only');
const require = createRequire(import.meta.url);
const workDir = process.env.BENCH_WORK_DIR || join(tmpdir(), 'paper-reader-bench');
const outDir = join(root, 'out', 'bench');
const started = Date.now();
const startLoad = loadavg().map((n) => Math.round(n * 100) / 100);

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  return result.status ?? 1;
}

await buildBench();
mkdirSync(outDir, { recursive: true });

const vsix = join(root, 'dist', 'paper-digest-reader.vsix');
const bundle = join(root, 'dist', 'extension.js');
if (!existsSync(vsix) || (existsSync(bundle) && statSync(vsix).mtimeMs < statSync(bundle).mtimeMs)) {
  console.error('Packaging the extension (npm run package)...');
  if (run('npm', ['run', 'package']) !== 0) console.error('npm run package failed: the .vsix size and the VS Code figures will be missing.');
}

const purePath = join(outDir, 'pure.json');
let results;
if (vscodeOnly) {
  results = JSON.parse(readFileSync(join(root, 'bench-results.json'), 'utf8'));
  results.figures = results.figures.filter((f) => !f.id.startsWith('vscode.'));
  delete results.vscodeSkipped;
} else {
  const pureArgs = ['--expose-gc', '--max-old-space-size=8192', join(outDir, 'run.js'), '--out', purePath, '--work', workDir];
  if (quick) pureArgs.push('--quick', '--files', '300');
  const pureStatus = run(process.execPath, pureArgs);
  if (pureStatus !== 0) {
    console.error(`The pure benchmarks failed (exit ${pureStatus}).`);
    process.exit(pureStatus);
  }
  results = JSON.parse(readFileSync(purePath, 'utf8'));
}

let failed = false;
if (process.env.BENCH_SKIP_VSCODE === '1') {
  results.vscodeSkipped = 'BENCH_SKIP_VSCODE=1';
} else {
  const vscodePath = join(outDir, 'vscode.json');
  const corpusDir = join(workDir, `corpus-${results.corpus.files}`);
  if (!existsSync(corpusDir)) {
    // --vscode-only on a fresh machine: write the corpus the pure run would have written.
    run(process.execPath, [join(root, 'scripts', 'corpus.mjs'), '--files', String(results.corpus.files), '--seed', String(results.corpus.seed), '--out', corpusDir]);
  }
  const status = run(process.execPath, [join(outDir, 'vscode.js'), '--corpus', corpusDir, '--out', vscodePath, '--vsix', vsix, ...(quick ? ['--quick'] : [])]);
  if (status === 0 && existsSync(vscodePath)) {
    const vscode = JSON.parse(readFileSync(vscodePath, 'utf8'));
    results.figures.push(...vscode.figures);
    if (vscode.skipped) results.vscodeSkipped = vscode.skipped;
  } else {
    failed = true;
    results.vscodeSkipped = `the VS Code run failed (exit ${status}); see its output above`;
  }
}
// What was measured: the commit, and whether the sources had changes not yet committed.
const git = (...gitArgs) => spawnSync('git', gitArgs, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
const commit = git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--', 'src', 'webview', 'scripts/build.mjs') ? ' (with uncommitted changes in src/)' : '');
if (vscodeOnly) {
  // The other figures, and the run they name, stay those of the last whole run.
  results.vscodeRun = { date: new Date(started).toISOString(), durationSeconds: Math.round((Date.now() - started) / 1000), commit, loadAverage: startLoad };
} else {
  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  results.commit = commit;
  delete results.vscodeRun;
}

const report = require(join(outDir, 'report.js'));
const table = report.renderTable(results);
console.log(`\n${table}\n`);
console.log(report.renderMachine(results));
const json = `${JSON.stringify(results, null, 2)}\n`;
if (quick) {
  writeFileSync(join(outDir, 'bench-results.quick.json'), json);
  console.log(`\n(--quick: written to ${join(outDir, 'bench-results.quick.json')} only)`);
} else {
  writeFileSync(join(root, 'bench-results.json'), json);
  // The analysis below the marker is written by hand and kept across runs.
  const page = join(root, 'bench', 'RESULTS.md');
  const marker = '<!-- analysis: kept by npm run bench -->';
  const previous = existsSync(page) ? readFileSync(page, 'utf8') : '';
  const kept = previous.includes(marker) ? previous.slice(previous.indexOf(marker)) : `${marker}\n`;
  writeFileSync(page, `${report.renderResultsPage(results)}\n${kept}`);
  console.log('\nWritten: bench-results.json, bench/RESULTS.md');
}
if (failed) process.exitCode = 1;
