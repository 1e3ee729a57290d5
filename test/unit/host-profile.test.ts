import { describe, expect, it } from 'vitest';
import { attributeBlocks, sampleOwners, type CpuProfile } from '../../bench/host-profile';

const OURS = 'file:///tmp/x/extensions/paper-digest-reader.paper-digest-reader-0.1.0/dist/extension.js';
const GIT = 'file:///cache/code-server/lib/vscode/extensions/git/dist/main.js';
const HOST = 'file:///cache/code-server/lib/vscode/out/vs/workbench/api/node/extensionHostProcess.js';

/** root > host > ours (a callback VS Code runs), root > host > git, root > (garbage collector), root > (idle). */
function profile(samples: number[], stepMicros = 1000): CpuProfile {
  const frame = (functionName: string, url = '') => ({ functionName, url });
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 5, 6] },
      { id: 2, callFrame: frame('$getChildren', HOST), children: [3, 4] },
      { id: 3, callFrame: frame('getChildren', OURS) },
      { id: 4, callFrame: frame('activate', GIT) },
      { id: 5, callFrame: frame('(garbage collector)') },
      { id: 6, callFrame: frame('(idle)') },
    ],
    startTime: 0,
    samples,
    timeDeltas: samples.map(() => stepMicros),
  };
}

describe('host profile attribution', () => {
  it('gives a sample to the innermost extension on its stack, else to VS Code, the collector or idle', () => {
    expect(sampleOwners(profile([3, 4, 2, 5, 6]))).toEqual([
      'extension:paper-digest-reader.paper-digest-reader-0.1.0', 'extension:git', 'vscode', 'gc', 'idle',
    ]);
  });

  it('puts each block down to the owner of most of its samples', () => {
    // 1 ms samples: 0-9 ms ours, 10-19 ms git with one collection, then idle.
    const samples = [...Array(10).fill(3), ...Array(9).fill(4), 5, ...Array(10).fill(6)] as number[];
    const clock = { micros: 0, wall: 1_000 };
    const [first, second, quiet] = attributeBlocks(profile(samples), clock, [[1_001, 9], [1_011, 9], [1_021, 9]]);
    expect(first.main).toBe('extension:paper-digest-reader.paper-digest-reader-0.1.0');
    expect(second.main).toBe('extension:git');
    expect(second.by.gc).toBeGreaterThan(0);
    expect(quiet.main).toBe('idle');
  });
});
