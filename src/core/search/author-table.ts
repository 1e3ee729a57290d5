/**
 * Every paper's author names in one string, so that `author:` finds the few
 * papers of a rare name by scanning text rather than walking papers: one
 * indexOf over a few MB of contiguous text costs a fraction of what reading
 * a field of 50,000 scattered objects does, and needs no set per name.
 *
 * A paper is a slot: its names (already folded and joined by newlines), then
 * a newline. A value never holds a newline, so a hit lies inside one name of
 * one slot. Removed papers leave a dead slot, skipped, until dead slots are a
 * quarter of all; then the text is rebuilt from the live ones.
 */

/** Values whose papers are remembered until the table changes: each keystroke asks again with the same filter. */
const REMEMBERED = 32;

/** Rebuild once dead slots are this share of all slots... */
const DEAD_SHARE = 0.25;
/** ...and at least this many. */
const DEAD_MIN = 1024;

export class AuthorTable<T> {
  /** Slot -> its paper, undefined once removed. */
  private items: (T | undefined)[] = [];
  /** Slot -> its names, kept to rebuild the text without dead slots. */
  private names: string[] = [];
  /** Slot -> offset of its first character in the text. */
  private starts: number[] = [];
  private readonly slots = new Map<T, number>();
  private text = '';
  /** Names of slots added since the text was last joined. */
  private pending: string[] = [];
  private length = 0;
  private dead = 0;
  private readonly remembered = new Map<string, { max: number; found: Set<T> | undefined }>();

  /** Papers with at least one name. */
  get size(): number {
    return this.slots.size;
  }

  add(item: T, names: string): void {
    this.remove(item);
    if (names === '') return;
    if (this.remembered.size > 0) this.remembered.clear();
    this.slots.set(item, this.items.length);
    this.items.push(item);
    this.names.push(names);
    this.starts.push(this.length);
    this.pending.push(names, '\n');
    this.length += names.length + 1;
  }

  remove(item: T): void {
    const slot = this.slots.get(item);
    if (slot === undefined) return;
    if (this.remembered.size > 0) this.remembered.clear();
    this.slots.delete(item);
    this.items[slot] = undefined;
    this.dead++;
    if (this.dead > DEAD_MIN && this.dead > DEAD_SHARE * this.items.length) this.compact();
  }

  clear(): void {
    this.items = [];
    this.names = [];
    this.starts = [];
    this.slots.clear();
    this.text = '';
    this.pending = [];
    this.length = 0;
    this.dead = 0;
    this.remembered.clear();
  }

  /**
   * The papers with a name holding `value` (folded, without newlines), or
   * undefined once there are more than `max`: a filter that common does not
   * narrow, and collecting its papers would cost more than it saves.
   */
  find(value: string, max: number): Set<T> | undefined {
    const known = this.remembered.get(value);
    if (known && known.max === max) return known.found;
    const found = this.scan(value, max);
    if (this.remembered.size >= REMEMBERED) this.remembered.clear();
    this.remembered.set(value, { max, found });
    return found;
  }

  private scan(value: string, max: number): Set<T> | undefined {
    const found = new Set<T>();
    if (value === '' || value.includes('\n')) return found;
    const text = this.joined();
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
      const slot = this.slotAt(at);
      const item = this.items[slot];
      if (item !== undefined) {
        found.add(item);
        if (found.size > max) return undefined;
      }
      // One hit is enough for a paper: go on from its next slot.
      at = (slot + 1 < this.starts.length ? this.starts[slot + 1] : text.length) - 1;
    }
    return found;
  }

  private joined(): string {
    if (this.pending.length > 0) {
      this.text += this.pending.join('');
      this.pending = [];
    }
    return this.text;
  }

  /** The slot holding the character at `offset`: the last slot starting at or before it. */
  private slotAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private compact(): void {
    const live: Array<[T, string]> = [];
    this.items.forEach((item, slot) => {
      if (item !== undefined) live.push([item, this.names[slot]]);
    });
    this.clear();
    for (const [item, names] of live) this.add(item, names);
  }
}
