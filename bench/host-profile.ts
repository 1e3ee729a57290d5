/**
 * Whose code ran in each block of the extension host: the probe's blocks (a late timer)
 * laid over a CPU profile of the same host (V8's .cpuprofile, taken by the probe). A timer
 * cannot tell whose work held the host; the profile's stacks can.
 */

interface CallFrame {
  functionName: string;
  url: string;
}

/** The parts of a V8 .cpuprofile read here. */
export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Who a sample's time goes to: an extension by its folder name, VS Code's own host code, or the engine. */
export type Owner = 'idle' | 'gc' | 'engine' | 'vscode' | `extension:${string}`;

export interface AttributedBlock {
  /** Wall clock of the block's start, ms. */
  at: number;
  ms: number;
  /** Sampled milliseconds inside the block, by owner. */
  by: Partial<Record<Owner, number>>;
  /** The owner with the most samples, idle left out. */
  main: Owner;
}

/** The owner prefix of this extension's samples: its folder is "<publisher>.<name>-<version>". */
export const OUR_OWNER = 'extension:paper-digest-reader.';

/** An installed extension's folder in a script's URL ("…/extensions/<publisher.name-version>/…"), or VS Code's built-ins' ("…/lib/vscode/extensions/<name>/…"). */
const EXTENSION_IN_URL = /\/extensions\/([^/]+)\//;

function ownerOfFrame(url: string): Owner | undefined {
  if (!url || url.startsWith('node:')) return undefined;
  // VS Code's own modules (its extension host, its extension services) are under out/vs/.
  if (url.includes('/out/vs/')) return 'vscode';
  const extension = EXTENSION_IN_URL.exec(url);
  return extension ? `extension:${extension[1]}` : 'vscode';
}

/**
 * Each sample goes to the innermost extension on its stack (an extension's callback run by
 * VS Code's code is the extension's work); with none, to VS Code's host code; with no
 * script at all, to the engine (garbage collection, compiling, native calls).
 */
export function sampleOwners(profile: CpuProfile): Owner[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const owners = new Map<number, Owner>();
  const ownerOf = (id: number): Owner => {
    const known = owners.get(id);
    if (known) return known;
    const name = byId.get(id)?.callFrame.functionName;
    let owner: Owner | undefined = name === '(idle)' ? 'idle' : name === '(garbage collector)' ? 'gc' : undefined;
    let vscode = false;
    for (let at: number | undefined = id; !owner && at !== undefined; at = parent.get(at)) {
      const frame = ownerOfFrame(byId.get(at)?.callFrame.url ?? '');
      if (frame === 'vscode') vscode = true;
      else if (frame) owner = frame;
    }
    owner ??= vscode ? 'vscode' : 'engine';
    owners.set(id, owner);
    return owner;
  };
  return profile.samples.map(ownerOf);
}

/**
 * The blocks with the profile's samples inside each. `clock` is the profile's clock (µs)
 * and the wall clock (ms) read at the same moment.
 */
export function attributeBlocks(profile: CpuProfile, clock: { micros: number; wall: number }, blocks: readonly (readonly [number, number])[]): AttributedBlock[] {
  const owners = sampleOwners(profile);
  const times: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) times.push((t += delta));
  const wall = (micros: number) => clock.wall + (micros - clock.micros) / 1000;
  return blocks.map(([at, ms]) => {
    const by: Partial<Record<Owner, number>> = {};
    for (let i = 0; i < times.length; i++) {
      const when = wall(times[i]);
      if (when < at || when > at + ms) continue;
      const spent = ((times[i + 1] ?? times[i]) - times[i]) / 1000;
      by[owners[i]] = (by[owners[i]] ?? 0) + spent;
    }
    const busy = Object.entries(by).filter(([owner]) => owner !== 'idle') as [Owner, number][];
    const main = busy.sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'idle';
    return { at, ms, by, main };
  });
}
