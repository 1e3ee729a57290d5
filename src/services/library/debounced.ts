/**
 * Work that runs once things have been quiet for a while: each `request()` puts it off again.
 * Its failure is handed to `onError`, never left unhandled.
 */
export class Debounced {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ms: number,
    private readonly work: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  request(): void {
    this.cancel();
    this.timer = setTimeout(() => this.runNow(), this.ms);
  }

  /** Runs the work at once, in place of any run due. */
  runNow(): void {
    this.cancel();
    void this.work().catch(this.onError);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
