import { describe, expect, it } from 'vitest';
import { TimeSlicer } from '../../src/services/library/time-slicer';

/**
 * A clock that only work moves, and the most work done within one turn of the event loop:
 * a callback that queues itself again for every turn (as the slicer's own yields do) closes
 * each turn's account.
 */
function turnAccount() {
  let clock = 0;
  let sinceTurn = 0;
  let longestTurn = 0;
  let running = true;
  const turn = () => {
    longestTurn = Math.max(longestTurn, sinceTurn);
    sinceTurn = 0;
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  return {
    now: () => clock,
    work(ms: number) {
      clock += ms;
      sinceTurn += ms;
    },
    stop(): number {
      running = false;
      return Math.max(longestTurn, sinceTurn);
    },
  };
}

describe('TimeSlicer', () => {
  it('gives the turn back once a slice of work is spent', async () => {
    const account = turnAccount();
    const slicer = new TimeSlicer(8, account.now);
    for (let i = 0; i < 20; i++) {
      account.work(3);
      await slicer.yieldIfDue();
    }
    // Three 3 ms steps reach the 8 ms budget.
    expect(account.stop()).toBe(9);
  });

  it('holds one slice per turn when many tasks that share it resume in the same turn', async () => {
    // Sixteen tasks (the scan's reads) come back from a read in the same turn, then ask the
    // slicer before each 5 ms step, as the scan does: a slice each would hold a turn for 160 ms.
    const account = turnAccount();
    const slicer = new TimeSlicer(8, account.now);
    const task = async () => {
      await new Promise((read) => setImmediate(read));
      for (let i = 0; i < 4; i++) {
        await slicer.yieldIfDue();
        account.work(5);
      }
    };
    await Promise.all(Array.from({ length: 16 }, task));
    expect(account.stop()).toBeLessThanOrEqual(10);
  });

  it('does not yield while the slice lasts', async () => {
    const account = turnAccount();
    const slicer = new TimeSlicer(1000, account.now);
    let turns = 0;
    const counting = setInterval(() => turns++, 0);
    for (let i = 0; i < 100; i++) {
      account.work(1);
      await slicer.yieldIfDue();
    }
    clearInterval(counting);
    account.stop();
    expect(turns).toBe(0);
  });
});
