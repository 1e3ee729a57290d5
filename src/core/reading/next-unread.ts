/**
 * The reading order of "Next Unread": the newest digest first, each digest's papers in the
 * order it lists them, a paper that several digests hold only where it first appears.
 */
import type { ReadingStatus } from '../model';

/** A digest as the reading order needs it: its papers' ids, in the digest's order. */
export interface ReadingDigest {
  papers: readonly { id: string }[];
}

export interface NextUnreadOptions {
  /** The paper the reader is on: the next one comes after it, wrapping round to the start. */
  after?: string;
  /** Only these papers count (the tree's filter), when given. */
  visible?: ReadonlySet<string>;
}

/** Every paper once, newest digest first, each digest in its own order. */
export function readingOrder(digests: readonly ReadingDigest[]): string[] {
  const seen = new Set<string>();
  const order: string[] = [];
  for (const digest of digests) {
    for (const { id } of digest.papers) {
      if (seen.has(id)) continue;
      seen.add(id);
      order.push(id);
    }
  }
  return order;
}

/**
 * The unread paper to read next, or undefined when none is left. Digests come newest first.
 * A paper the reader is on never comes back as its own next, even while it is still unread.
 */
export function nextUnread(
  digests: readonly ReadingDigest[],
  statusOf: (id: string) => ReadingStatus,
  options: NextUnreadOptions = {},
): string | undefined {
  const order = readingOrder(digests);
  const from = options.after === undefined ? -1 : order.indexOf(options.after);
  const candidate = (id: string) => id !== options.after && statusOf(id) === 'unread' && (!options.visible || options.visible.has(id));
  for (let i = from + 1; i < order.length; i++) if (candidate(order[i])) return order[i];
  for (let i = 0; i <= from; i++) if (candidate(order[i])) return order[i];
  return undefined;
}

/** How many distinct papers of a digest are still unread. */
export function unreadCount(digest: ReadingDigest, statusOf: (id: string) => ReadingStatus): number {
  const ids = new Set(digest.papers.map((p) => p.id));
  let count = 0;
  for (const id of ids) if (statusOf(id) === 'unread') count++;
  return count;
}
