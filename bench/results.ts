import { median, round, type Paired } from './measure';
/** The shape of bench-results.json, shared by the runners and the report. */

export interface Goal {
  op: '>=' | '<=';
  value: number;
}

export interface Baseline {
  label: string;
  value: number;
  unit: string;
}

export interface Figure {
  id: string;
  label: string;
  value: number;
  unit: string;
  goal?: Goal;
  /** Whether the value meets the goal; absent when there is no goal. */
  met?: boolean;
  /** What the value is compared with, measured in the same invocation. */
  baseline?: Baseline;
  /** How many measured runs the median is taken over. */
  runs: number;
  detail?: string;
}

export interface ScalingRow {
  files: number;
  /** Paper entries in the files (a paper in three digests counts three times). */
  entries: number;
  /** Distinct papers. */
  papers: number;
  textMB: number;
  indexMs: number;
  /** Index build time per paper entry: flat when the build is linear. */
  indexUsPerEntry: number;
  queryP50Ms: number;
  queryP95Ms: number;
  incrementalMs: number;
  /** The calibration workload's median in the same runs. */
  calibrationMs: number;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGB: number;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages when the run started: a busy machine slows every figure. */
  loadAverage: number[];
}

export interface BenchResults {
  date: string;
  machine: Machine;
  corpus: { seed: number; files: number; entries: number; papers: number; textMB: number; markdownFiles: number };
  figures: Figure[];
  scaling: ScalingRow[];
  /** Set when the real VS Code part did not run, saying why. */
  vscodeSkipped?: string;
  durationSeconds: number;
  /** The commit measured, noting uncommitted changes to the sources. */
  commit?: string;
  /** A shortened run (`--quick`): fewer repetitions, not for comparison. */
  quick?: boolean;
  /** Set by `--vscode-only`: the real VS Code figures were measured again, later than the rest. */
  vscodeRun?: { date: string; durationSeconds: number; commit: string; loadAverage: number[] };
}

export function meets(value: number, goal: Goal): boolean {
  if (!Number.isFinite(value)) return false;
  return goal.op === '>=' ? value >= goal.value : value <= goal.value;
}

export function figure(fields: Omit<Figure, 'met'>): Figure {
  return fields.goal ? { ...fields, met: meets(fields.value, fields.goal) } : fields;
}

/** How many times the baseline's time the subject took, beside the baseline's own time in ms. */
export function ratioFigure(
  fields: { id: string; label: string; goal?: Goal; baseline: string; runs: number; detail?: string },
  run: Paired,
  digits = 1,
): Figure {
  const { baseline, ...rest } = fields;
  return figure({
    ...rest,
    value: round(median(run.subject) / median(run.baseline), digits),
    unit: 'x',
    baseline: { label: baseline, value: round(median(run.baseline), 2), unit: 'ms' },
  });
}
