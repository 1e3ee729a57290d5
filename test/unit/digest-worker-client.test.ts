import type * as vscode from 'vscode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DigestWorkerClient, WORKER_IDLE_MS } from '../../src/services/library/digest-worker-client';
import type { DigestThread, DigestThreadEvents } from '../../src/services/library/library-host';
import type { WorkerRequest } from '../../src/services/library/worker-protocol';

/** A worker thread that answers every check with "no digest", after `delay` ms; each one started is kept. */
function fakeThreads(delay = 0) {
  const started: { thread: DigestThread; terminated: boolean; requests: WorkerRequest[] }[] = [];
  const start = (events: DigestThreadEvents): DigestThread => {
    const entry = {
      terminated: false,
      requests: [] as WorkerRequest[],
      thread: {
        postMessage: (request: WorkerRequest) => {
          entry.requests.push(request);
          if (request.type !== 'forget') setTimeout(() => events.message({ id: request.id, isDigest: false }), delay);
        },
        terminate: () => {
          entry.terminated = true;
          setTimeout(() => events.exit(1), 0);
          return Promise.resolve(1);
        },
      },
    };
    started.push(entry);
    return entry.thread;
  };
  return { started, start };
}

function quietLog() {
  const lines: string[] = [];
  const log = { info: (line: string) => lines.push(line), warn: (line: string) => lines.push(`warn: ${line}`) } as unknown as vscode.LogOutputChannel;
  return { log, lines };
}

describe('DigestWorkerClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stops the worker once it has had nothing to do for a while, and starts it again for the next request', async () => {
    const { started, start } = fakeThreads();
    const { log, lines } = quietLog();
    const client = new DigestWorkerClient(start, log);
    const first = client.check('# Notes', 'file:///a.md', 'a.md');
    await vi.advanceTimersByTimeAsync(1);
    expect(await first).toBe(false);
    await vi.advanceTimersByTimeAsync(WORKER_IDLE_MS - 10);
    expect(started[0].terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(started[0].terminated).toBe(true);

    // Its exit is no failure: the next request goes to a new worker, not to the host.
    const second = client.check('# Notes', 'file:///b.md', 'b.md');
    await vi.advanceTimersByTimeAsync(1);
    expect(await second).toBe(false);
    expect(started).toHaveLength(2);
    expect(started[1].requests.map((r) => r.type)).toEqual(['check']);
    expect(lines.filter((line) => line.startsWith('warn:'))).toEqual([]);
    client.dispose();
  });

  it('keeps the worker while a request is waiting for it, and counts the idle time from the last answer', async () => {
    const { started, start } = fakeThreads(WORKER_IDLE_MS * 2);
    const client = new DigestWorkerClient(start, quietLog().log);
    const slow = client.check('# Notes', 'file:///a.md', 'a.md');
    await vi.advanceTimersByTimeAsync(WORKER_IDLE_MS * 1.5);
    // A request sent while another waits, and one sent in the idle time, keep the worker.
    void client.check('# Notes', 'file:///b.md', 'b.md');
    await vi.advanceTimersByTimeAsync(WORKER_IDLE_MS);
    expect(await slow).toBe(false);
    expect(started[0].terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(WORKER_IDLE_MS);
    expect(started[0].terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(WORKER_IDLE_MS / 2);
    void client.check('# Notes', 'file:///c.md', 'c.md');
    await vi.advanceTimersByTimeAsync(WORKER_IDLE_MS * 2 + WORKER_IDLE_MS / 2);
    expect(started[0].terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(WORKER_IDLE_MS);
    expect(started[0].terminated).toBe(true);
    expect(started).toHaveLength(1);
    client.dispose();
  });
});
