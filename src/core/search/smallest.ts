/**
 * The first `limit` items by `compare` that pass `accept`, in order: what
 * `[...items].filter(accept).sort(compare).slice(0, limit)` gives for a total
 * order, without sorting every item or asking `accept` about each. The
 * items are walked once or twice.
 *
 * Asking `accept` is what costs: it reads a paper's fields, scattered over
 * the heap, where `compare` reads two numbers. So the first pass keeps the
 * best `limit` by `compare` alone and asks `accept` only about those; when
 * they all pass (the usual case: the items are a filter's group, and the
 * group already holds what the filter asks) that is the answer. Otherwise a
 * second pass asks `accept` about each item that would make the page.
 */
export function smallest<T>(items: readonly T[] | ReadonlySet<T>, limit: number, compare: (a: T, b: T) => number, accept?: (item: T) => boolean): T[] {
  if (!(limit > 0)) return [];
  if (limit === Infinity) return [...items].filter((item) => !accept || accept(item)).sort(compare);
  const best = bestOf(items, limit, compare);
  if (!accept) return best;
  const passed = best.filter(accept);
  return passed.length === best.length ? passed : bestOf(items, limit, compare, accept);
}

/**
 * The best `limit` items that pass `accept`, sorted: a heap, worst on top, so
 * an item that cannot make the page costs one comparison and no `accept`.
 * Each item is asked about at most once.
 */
export function bestOf<T>(items: readonly T[] | ReadonlySet<T>, limit: number, compare: (a: T, b: T) => number, accept?: (item: T) => boolean): T[] {
  if (!(limit > 0)) return [];
  const size = 'size' in items ? items.size : items.length;
  if (limit >= size) return (accept ? [...items].filter(accept) : [...items]).sort(compare);
  const heap: T[] = [];
  const above = (a: T, b: T) => compare(a, b) > 0;
  for (const item of items) {
    if (heap.length >= limit && compare(item, heap[0]) >= 0) continue;
    if (accept && !accept(item)) continue;
    if (heap.length < limit) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!above(heap[i], heap[parent])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
      continue;
    }
    heap[0] = item;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < heap.length && above(heap[left], heap[top])) top = left;
      if (right < heap.length && above(heap[right], heap[top])) top = right;
      if (top === i) break;
      [heap[i], heap[top]] = [heap[top], heap[i]];
      i = top;
    }
  }
  return heap.sort(compare);
}

/**
 * bestOf over numbers (a query's paper numbers, ordered by their scores), with
 * the same contract: each item is asked about at most once. A copy rather than
 * bestOf itself: with one function for both, its calls of `compare` and
 * `accept` saw the papers' entries and their numbers alike, and V8 no longer
 * inlined either; browsing `author:scholkopf` took twice as long.
 */
export function bestNumbers(items: readonly number[], limit: number, compare: (a: number, b: number) => number, accept?: (item: number) => boolean): number[] {
  if (!(limit > 0)) return [];
  if (limit >= items.length) return (accept ? items.filter(accept) : [...items]).sort(compare);
  const heap: number[] = [];
  for (const item of items) {
    if (heap.length >= limit && compare(item, heap[0]) >= 0) continue;
    if (accept && !accept(item)) continue;
    if (heap.length < limit) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (compare(heap[i], heap[parent]) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
      continue;
    }
    heap[0] = item;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < heap.length && compare(heap[left], heap[top]) > 0) top = left;
      if (right < heap.length && compare(heap[right], heap[top]) > 0) top = right;
      if (top === i) break;
      [heap[i], heap[top]] = [heap[top], heap[i]];
      i = top;
    }
  }
  return heap.sort(compare);
}
