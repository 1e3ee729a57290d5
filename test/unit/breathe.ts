/**
 * Gives the event loop a turn. The vitest worker answers its runner over a channel with a
 * fixed 60 s timeout, and a reply is read only when the worker's thread is free: a property
 * test that runs for tens of seconds without a turn makes a green run fail on a loaded
 * machine. Long properties are async and call this once per run.
 */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
