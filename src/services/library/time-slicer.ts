import { nextTurn } from './next-turn';

/**
 * Long jobs on the extension host (indexing thousands of digests) give the
 * event loop back every few milliseconds, so typing, hovers and other
 * extensions never wait on them.
 *
 * Many tasks share one slicer (the scan examines several files at once), and the tasks
 * that yielded together resume in the same turn of the event loop: only the first of them
 * starts a new slice; the others see its time spent and wait for a later turn, so a turn
 * holds one slice, not one per waiting task.
 */
export class TimeSlicer {
  private sliceStart: number;
  /** Counts the slices: a task back from its turn starts a new one only if no other task has. */
  private slice = 0;

  constructor(private readonly budgetMs = 8, private readonly now: () => number = () => performance.now()) {
    this.sliceStart = now();
  }

  async yieldIfDue(): Promise<void> {
    while (this.now() - this.sliceStart >= this.budgetMs) {
      const asked = this.slice;
      await nextTurn();
      if (this.slice === asked) {
        this.slice++;
        this.sliceStart = this.now();
      }
    }
  }
}
