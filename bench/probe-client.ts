/** Reading what the probe extension (vscode-probe.ts) reports, and waiting on it. */
import { readFileSync } from 'node:fs';
import type { ProbeReport } from './vscode-probe';

export const TIMEOUT = 180_000;

export async function waitFor<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeout = TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

export function readProbe(path: string): ProbeReport | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ProbeReport;
  } catch {
    return undefined;
  }
}

/** The longest block the probe saw between two wall-clock times. */
export function longestBlock(probeOut: string, from: number, to: number): number {
  return (readProbe(probeOut)?.blocks ?? []).filter(([at]) => at >= from && at <= to).reduce((max, [, ms]) => Math.max(max, ms), 0);
}
