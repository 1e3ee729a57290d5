/**
 * Timing on a shared, noisy 2-core machine: every figure is the median of
 * repeated runs, and each run of a figure is interleaved with a run of its
 * baseline, so a burst of load from elsewhere hits both and their ratio holds.
 */

export const now = (): number => performance.now();

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile (p in [0, 100]). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Milliseconds one call of `fn` takes. */
export function time(fn: () => void): number {
  const start = now();
  fn();
  return now() - start;
}

export interface Paired {
  /** Milliseconds of each run of the subject. */
  subject: number[];
  /** Milliseconds of each run of the baseline, taken right before or after it. */
  baseline: number[];
}

/**
 * Runs subject and baseline alternately `runs` times (after `warmup` unmeasured
 * rounds of each), swapping which goes first every round so neither always
 * runs on a colder or hotter machine.
 */
export function paired(runs: number, subject: () => void, baseline: () => void, warmup = 1): Paired {
  for (let i = 0; i < warmup; i++) {
    subject();
    baseline();
  }
  const out: Paired = { subject: [], baseline: [] };
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      out.subject.push(time(subject));
      out.baseline.push(time(baseline));
    } else {
      out.baseline.push(time(baseline));
      out.subject.push(time(subject));
    }
  }
  return out;
}

/**
 * A fixed CPU workload (sorting numbers, filling a map with string keys,
 * splitting text) whose time says how fast this machine is at this moment.
 * Timings measured beside it can be compared across machines and runs.
 */
export function calibrationWorkload(): () => void {
  const numbers = new Float64Array(200_000);
  let x = 12345;
  for (let i = 0; i < numbers.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    numbers[i] = x / 4294967296;
  }
  const words = Array.from({ length: 5000 }, (_, i) => `word${(i * 7919) % 5000}`).join(' ');
  let sink = 0;
  return () => {
    const copy = Array.from(numbers);
    copy.sort((a, b) => a - b);
    const map = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) map.set(`k${i}`, i);
    sink += copy[0] + map.size + words.split(' ').length;
    if (sink === -1) console.log(sink);
  };
}

/** Lets the collector finish before a memory reading (needs node --expose-gc). */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  gc();
  return true;
}

export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
