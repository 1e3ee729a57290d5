import { nextTurn } from './next-turn';

/**
 * Long jobs on the extension host (indexing thousands of digests) give the
 * event loop back every few milliseconds, so typing, hovers and other
 * extensions never wait on them.
 */
export class TimeSlicer {
  private sliceStart = performance.now();

  constructor(private readonly budgetMs = 8) {}

  async yieldIfDue(): Promise<void> {
    if (performance.now() - this.sliceStart < this.budgetMs) return;
    await nextTurn();
    this.sliceStart = performance.now();
  }
}
