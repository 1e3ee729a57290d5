/**
 * Waits for the next turn of the event loop. Node's setImmediate runs as soon as pending
 * I/O has been handled; a browser's worker has no setImmediate, and a zero timeout is its
 * nearest equivalent.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}
