/** The bench table as Markdown, for the terminal and bench/RESULTS.md. */
import type { BenchResults, Figure } from './results';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function number(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en');
  return String(value);
}

function figureRow(f: Figure): string {
  const goal = f.goal ? `${f.goal.op} ${number(f.goal.value)} ${f.unit}` : '—';
  const met = f.met === undefined ? '' : f.met ? 'yes' : '**no**';
  const baseline = f.baseline ? `${number(f.baseline.value)} ${f.baseline.unit}: ${f.baseline.label}` : '—';
  return `| ${cell(f.label)} | ${number(f.value)} ${cell(f.unit)} | ${cell(goal)} | ${met} | ${cell(baseline)} | ${f.runs} | ${cell(f.detail ?? '')} |`;
}

const FIGURE_HEADER = [
  '| Figure | Median | Goal | Met | Baseline (same invocation) | Runs | Notes |',
  '| --- | --- | --- | --- | --- | --- | --- |',
];

export function renderTable(results: BenchResults): string {
  const lines: string[] = [];
  const pure = results.figures.filter((f) => !f.id.startsWith('vscode.'));
  const vscode = results.figures.filter((f) => f.id.startsWith('vscode.'));
  const c = results.corpus;
  lines.push(
    `Corpus: ${c.files.toLocaleString('en')} digest files (${c.markdownFiles} Markdown), ` +
      `${c.entries.toLocaleString('en')} paper entries, ${c.papers.toLocaleString('en')} distinct papers, ${c.textMB} MB, seed ${c.seed}.`,
    '',
    ...FIGURE_HEADER,
    ...pure.map(figureRow),
    '',
  );
  if (results.scaling.length > 0) {
    lines.push(
      'Scaling (same corpus, first N files; each figure a median):',
      '',
      '| Files | Entries | Papers | Text MB | Index build ms | µs per entry | Query p50 ms | Query p95 ms | Incremental ms | Calibration ms |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...results.scaling.map((r) =>
        `| ${number(r.files)} | ${number(r.entries)} | ${number(r.papers)} | ${r.textMB} | ${number(r.indexMs)} | ${r.indexUsPerEntry} | ${r.queryP50Ms} | ${r.queryP95Ms} | ${r.incrementalMs} | ${r.calibrationMs} |`),
      '',
    );
  }
  if (vscode.length > 0) {
    lines.push('In real VS Code (code-server, Chromium, the packaged .vsix):', '', ...FIGURE_HEADER, ...vscode.map(figureRow), '');
  } else if (results.vscodeSkipped) {
    lines.push(`In real VS Code: not measured (${results.vscodeSkipped}).`, '');
  }
  const missed = results.figures.filter((f) => f.met === false);
  lines.push(missed.length === 0 ? 'Every goal is met.' : `Goals missed: ${missed.map((f) => f.label).join('; ')}.`);
  return lines.join('\n');
}

export function renderMachine(results: BenchResults): string {
  const m = results.machine;
  return [
    `- CPUs (nproc): ${m.cpus}`,
    `- CPU model: ${m.cpuModel}`,
    `- Memory: ${m.memoryGB} GB`,
    `- Node: ${m.node} (${m.platform})`,
    `- Load average when the run started: ${m.loadAverage.join(', ')}`,
    `- Run: ${results.date}, ${results.durationSeconds} s${results.commit ? `, at ${results.commit}` : ''}`,
    ...(results.vscodeRun
      ? [`- The figures in real VS Code measured again: ${results.vscodeRun.date}, ${results.vscodeRun.durationSeconds} s, at ${results.vscodeRun.commit} (load average then: ${results.vscodeRun.loadAverage.join(', ')})`]
      : []),
  ].join('\n');
}

export function renderResultsPage(results: BenchResults): string {
  return [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (scripts/bench.mjs). Each figure is the median of repeated runs,',
    'shown beside a baseline measured in the same invocation: these machines are shared and noisy,',
    'so compare ratios and the calibration workload (a fixed CPU task) rather than absolute times',
    'across runs. MB is 10^6 bytes of UTF-8.',
    '',
    '## Machine',
    '',
    renderMachine(results),
    '',
    '## Figures',
    '',
    renderTable(results),
    '',
  ].join('\n');
}
