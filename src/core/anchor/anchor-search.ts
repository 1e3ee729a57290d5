/**
 * Approximate search for a quote: Myers' bit-parallel edit distance, one
 * 32-bit word per block of 32 pattern characters.
 *
 * approx-string-match (the library Hypothesis uses) runs the same algorithm,
 * but reports every lowest-cost match and then finds each one's start with a
 * second search: on periodic text ("aaaa...") that is one start search per
 * text position, seconds for a long quote. Here the caller sees each end as
 * it is found and keeps a bounded few, and starts are found only for those,
 * so a search costs O(text length * (1 + allowed edits / 32)) (Ukkonen's
 * cut-off skips the blocks that cannot reach the budget) plus a fixed number
 * of start searches, whatever the text.
 */

const WORD = 32;

/** A pattern compiled to per-character bit masks, one Int32 per block. */
export interface BitPattern {
  readonly length: number;
  readonly blocks: number;
  /**
   * Masks by slot, `blocks` words per slot: slots 0-127 are ASCII codes, slot
   * 128 is every character not in the pattern, later slots the pattern's
   * other characters (found through `other`).
   */
  readonly masks: Int32Array;
  readonly other: ReadonlyMap<number, number>;
}

/** Slot of the characters a pattern does not contain: all zero. */
const ABSENT = 128;

export function compilePattern(pattern: string): BitPattern {
  const length = pattern.length;
  const blocks = Math.max(1, Math.ceil(length / WORD));
  const other = new Map<number, number>();
  for (let i = 0; i < length; i++) {
    const code = pattern.charCodeAt(i);
    if (code >= 128 && !other.has(code)) other.set(code, ABSENT + 1 + other.size);
  }
  const masks = new Int32Array((ABSENT + 1 + other.size) * blocks);
  for (let i = 0; i < length; i++) {
    const code = pattern.charCodeAt(i);
    const slot = code < 128 ? code : (other.get(code) as number);
    masks[slot * blocks + ((i / WORD) | 0)] |= 1 << (i % WORD);
  }
  return { length, blocks, masks, other };
}

/** Offset in `masks` of a character's first block. */
function slotOf(pattern: BitPattern, code: number): number {
  return (code < 128 ? code : (pattern.other.get(code) ?? ABSENT)) * pattern.blocks;
}

/** The reverse of a string by UTF-16 code units, to search a pattern backwards. */
export function reverseUnits(text: string): string {
  let out = '';
  for (let i = text.length - 1; i >= 0; i--) out += text[i];
  return out;
}

/**
 * Column state of the edit-distance table: vertical +1/-1 deltas per block.
 * `pinned` puts the pattern's first character at the first text character
 * read (top row 0, 1, 2, ...); otherwise a match may start anywhere (top row 0).
 */
class Columns {
  private readonly plus: Int32Array;
  private readonly minus: Int32Array;
  private readonly lastRow: Int32Array;
  /** Edit distance at the last pattern row for the text read so far. */
  score: number;

  constructor(private readonly pattern: BitPattern, private readonly pinned: boolean) {
    this.plus = new Int32Array(pattern.blocks).fill(-1);
    this.minus = new Int32Array(pattern.blocks);
    this.lastRow = new Int32Array(pattern.blocks).fill(1 << (WORD - 1));
    this.lastRow[pattern.blocks - 1] = 1 << ((pattern.length - 1) % WORD);
    this.score = pattern.length;
  }

  /** Reads one more text character (by code) and updates `score`. */
  advance(code: number): void {
    const p = this.pattern;
    const slot = slotOf(p, code);
    let carry = this.pinned ? 1 : 0;
    for (let b = 0; b < p.blocks; b++) {
      let pv = this.plus[b];
      let mv = this.minus[b];
      const negative = carry >>> 31;
      const eq = p.masks[slot + b] | negative;
      const xv = eq | mv;
      const xh = (((eq & pv) + pv) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      const mask = this.lastRow[b];
      const out = (ph & mask ? 1 : 0) - (mh & mask ? 1 : 0);
      ph = (ph << 1) | (carry > 0 ? 1 : 0);
      mh = (mh << 1) | negative;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
      this.plus[b] = pv;
      this.minus[b] = mv;
      carry = out;
    }
    this.score += carry;
  }
}

/**
 * Calls `visit(end, errors)` for every offset of text[from, to) where a match
 * of the pattern with at most `maxErrors` edits ends (matches lie within the
 * range), left to right. The caller decides what to keep; the scan itself is
 * O(range length * pattern blocks).
 */
export function scanMatchEnds(
  text: string,
  pattern: BitPattern,
  maxErrors: number,
  visit: (end: number, errors: number) => void,
  from = 0,
  to = text.length,
): void {
  if (pattern.length === 0) return;
  if (pattern.blocks === 1) {
    scanOneBlock(text, pattern, maxErrors, visit, from, to);
    return;
  }
  // Columns.advance written out, with Ukkonen's cut-off as in Myers' block
  // algorithm: blocks below the last one that can still reach the error
  // budget are not computed, so a scan costs about text length * (errors / 32
  // + 1) steps rather than text length * blocks.
  const { masks, blocks } = pattern;
  const budget = Math.min(maxErrors, pattern.length);
  const plus = new Int32Array(blocks);
  const minus = new Int32Array(blocks);
  const score = new Int32Array(blocks);
  const lastBlock = blocks - 1;
  const last = 1 << ((pattern.length - 1) % WORD);
  const top = 1 << (WORD - 1);
  const lastSize = pattern.length - lastBlock * WORD;
  let y = Math.max(0, Math.ceil(budget / WORD) - 1);
  for (let b = 0; b <= y; b++) {
    plus[b] = -1;
    minus[b] = 0;
    score[b] = b === lastBlock ? pattern.length : (b + 1) * WORD;
  }
  // One block step: updates block b for the character's masks and returns its last-row delta.
  const advance = (slot: number, b: number, carry: number): number => {
    const pv = plus[b];
    const mv = minus[b];
    const negative = carry >>> 31;
    const eq = masks[slot + b] | negative;
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    const mask = b === lastBlock ? last : top;
    const out = (ph & mask ? 1 : 0) - (mh & mask ? 1 : 0);
    ph = (ph << 1) | (carry > 0 ? 1 : 0);
    mh = (mh << 1) | negative;
    plus[b] = mh | ~(xv | ph);
    minus[b] = ph & xv;
    return out;
  };
  for (let j = from; j < to; j++) {
    const slot = slotOf(pattern, text.charCodeAt(j));
    let carry = 0;
    for (let b = 0; b <= y; b++) {
      carry = advance(slot, b, carry);
      score[b] += carry;
    }
    if (score[y] - carry <= budget && y < lastBlock && ((masks[slot + y + 1] & 1) !== 0 || carry < 0)) {
      // The last computed block is within reach: bring in the next one.
      y++;
      plus[y] = -1;
      minus[y] = 0;
      const size = y === lastBlock ? lastSize : WORD;
      score[y] = score[y - 1] + size - carry + advance(slot, y, carry);
    } else {
      while (y > 0 && score[y] >= budget + WORD) y--;
    }
    if (y === lastBlock && score[y] <= budget) visit(j + 1, score[y]);
  }
}

/**
 * Start of the best match of a pattern ending at `end`: reads the text
 * backwards from `end` against the reversed pattern, pinned at `end`, up to
 * pattern length + maxErrors characters. Among starts with the fewest edits,
 * the one giving a span closest to the pattern's length wins.
 */
export function matchStart(text: string, end: number, reversed: BitPattern, maxErrors: number): { start: number; errors: number } {
  const columns = new Columns(reversed, true);
  const m = reversed.length;
  let best = { start: end, errors: m };
  const reach = Math.min(end, m + maxErrors);
  for (let j = 1; j <= reach; j++) {
    columns.advance(text.charCodeAt(end - j));
    const errors = columns.score;
    if (errors < best.errors || (errors === best.errors && Math.abs(j - m) < Math.abs(end - best.start - m))) {
      best = { start: end - j, errors };
    }
  }
  return best;
}

/** scanMatchEnds for patterns of at most 32 characters (most quotes): the column lives in two registers. */
function scanOneBlock(text: string, pattern: BitPattern, maxErrors: number, visit: (end: number, errors: number) => void, from: number, to: number): void {
  const { masks } = pattern;
  const last = 1 << (pattern.length - 1);
  let pv = -1;
  let mv = 0;
  let score = pattern.length;
  for (let j = from; j < to; j++) {
    const code = text.charCodeAt(j);
    const eq = masks[code < 128 ? code : (pattern.other.get(code) ?? ABSENT)];
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    else if (mh & last) score--;
    ph <<= 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
    if (score <= maxErrors) visit(j + 1, score);
  }
}
