/**
 * Whose code a V8 CPU profile of the extension host spent its time in: self time summed by
 * the script each sampled function belongs to, and the script named by its extension.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  nodes?: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  /** Sampled time, (idle) excluded, in ms. */
  busyMs: number;
  /** Self time by owner ("Paper Digest Reader", "built-in markdown-language-features", ...), largest first. */
  owners: [string, number][];
  /** This extension's functions by self time, largest first: "name (file:line)". */
  ours: [string, number][];
}

export const OURS = 'Paper Digest Reader';

/** Who a script belongs to, from its URL. */
export function ownerOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : 'V8 built-ins';
  if (/paper-digest-reader\.paper-digest-reader-[^/]*\//.test(url)) return OURS;
  if (url.includes('paper-reader-bench.probe')) return 'the bench probe';
  const builtIn = /\/lib\/vscode\/extensions\/([^/]+)\//.exec(url);
  if (builtIn) return `built-in ${builtIn[1]}`;
  if (url.includes('/lib/vscode/')) return "VS Code's extension host";
  if (url.startsWith('node:')) return 'Node.js';
  return 'other';
}

export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const nodes = new Map((profile.nodes ?? []).map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A sample's time is the delta to the next sample.
  for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  const owners = new Map<string, number>();
  const ours = new Map<string, number>();
  let busyMs = 0;
  for (const [id, ms] of self) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    busyMs += ms;
    const owner = ownerOf(frame.url, frame.functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + ms);
    if (owner === OURS) {
      const key = `${frame.functionName || '(anonymous)'} (${frame.url.slice(frame.url.lastIndexOf('/') + 1)}:${frame.lineNumber + 1})`;
      ours.set(key, (ours.get(key) ?? 0) + ms);
    }
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { busyMs, owners: sorted(owners), ours: sorted(ours) };
}

/** "Paper Digest Reader 12 ms, built-in git 30 ms, ..." for the largest owners. */
export function describeOwners(summary: ProfileSummary, count = 5): string {
  const ms = (value: number) => `${Math.round(value)} ms`;
  const owners = summary.owners.slice(0, count).map(([owner, value]) => `${owner} ${ms(value)}`);
  if (!summary.owners.some(([owner]) => owner === OURS)) owners.push(`${OURS} 0 ms`);
  else if (!summary.owners.slice(0, count).some(([owner]) => owner === OURS)) owners.push(`${OURS} ${ms(summary.owners.find(([owner]) => owner === OURS)![1])}`);
  return owners.join(', ');
}
