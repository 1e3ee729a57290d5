import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Debounced } from '../../src/services/library/debounced';

describe('Debounced', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once, after the last request has been quiet for its time', async () => {
    const runs: number[] = [];
    const work = new Debounced(300, async () => void runs.push(Date.now()), () => undefined);
    const start = Date.now();
    work.request();
    await vi.advanceTimersByTimeAsync(200);
    work.request();
    await vi.advanceTimersByTimeAsync(299);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([start + 500]);
  });

  it('runNow takes the place of the run due, and cancel drops it', async () => {
    let runs = 0;
    const work = new Debounced(300, async () => void runs++, () => undefined);
    work.request();
    work.runNow();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(1);
    work.request();
    work.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(1);
  });

  it('hands a failure to onError', async () => {
    const errors: unknown[] = [];
    const work = new Debounced(10, () => Promise.reject(new Error('disk gone')), (error) => errors.push(error));
    work.request();
    await vi.advanceTimersByTimeAsync(10);
    expect(errors.map(String)).toEqual(['Error: disk gone']);
  });
});
