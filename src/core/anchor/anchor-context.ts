/**
 * How well a stored prefix or suffix agrees with the text beside a candidate
 * span. Kept apart from anchor.ts because it is the one place that does
 * per-character dynamic programming, and its cost must stay fixed per call.
 */

/** Characters of context kept on each side of a quote (and at most a JavaScript bit-vector word). */
export const ANCHOR_CONTEXT_LENGTH = 32;

/**
 * Extra text characters the alignment may consume beyond the pattern's length,
 * so a few characters inserted next to the quote cost their own number of
 * edits rather than misaligning the whole context.
 */
const WINDOW_SLACK = 16;

/** Reading direction away from a quote: -1 for its prefix (leftwards), +1 for its suffix. */
export type Direction = 1 | -1;

/**
 * A context compiled once per anchor: its characters in reading order (from
 * the quote outwards) as bit masks, for Myers' bit-parallel edit distance.
 */
export interface ContextPattern {
  readonly text: string;
  readonly direction: Direction;
  /** Characters used: at most ANCHOR_CONTEXT_LENGTH, the ones nearest the quote. */
  readonly length: number;
  readonly ascii: Int32Array;
  readonly other: Map<number, number>;
}

export function compileContext(context: string, direction: Direction): ContextPattern {
  const length = Math.min(context.length, ANCHOR_CONTEXT_LENGTH);
  const ascii = new Int32Array(128);
  const other = new Map<number, number>();
  for (let i = 0; i < length; i++) {
    const code = direction < 0 ? context.charCodeAt(context.length - 1 - i) : context.charCodeAt(i);
    if (code < 128) ascii[code] |= 1 << i;
    else other.set(code, (other.get(code) ?? 0) | (1 << i));
  }
  return { text: context, direction, length, ascii, other };
}

/**
 * Edit distance between the pattern and the text that touches the boundary
 * at `at`, reading away from it. The alignment is pinned at the boundary and
 * free at the far end, which is what a prefix or suffix means: the characters
 * next to the quote matter, where the context stops does not.
 *
 * Myers' bit-vector algorithm with a +1 horizontal input on the top row (a
 * pinned start, as in Hyyrö's edit-distance variant): one word per text
 * character, at most pattern length + WINDOW_SLACK characters read.
 */
export function boundaryDistance(pattern: ContextPattern, text: string, at: number): number {
  const m = pattern.length;
  if (m === 0) return 0;
  const available = pattern.direction < 0 ? at : text.length - at;
  const w = Math.max(0, Math.min(available, m + WINDOW_SLACK));
  const last = 1 << (m - 1);
  let pv = -1;
  let mv = 0;
  let score = m;
  let best = m;
  for (let j = 0; j < w; j++) {
    const code = pattern.direction < 0 ? text.charCodeAt(at - 1 - j) : text.charCodeAt(at + j);
    const eq = code < 128 ? pattern.ascii[code] : (pattern.other.get(code) ?? 0);
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    else if (mh & last) score--;
    ph = (ph << 1) | 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
    if (score < best) best = score;
  }
  return best;
}

/**
 * Number of characters that agree exactly, starting at the boundary and
 * reading away from it, up to the first difference. Cheap (usually stops
 * after a character or two on the wrong candidates) and used only to rank
 * candidates before the real scoring.
 */
export function boundaryRun(pattern: ContextPattern, text: string, at: number): number {
  const context = pattern.text;
  const m = pattern.length;
  let n = 0;
  if (pattern.direction < 0) {
    while (n < m && at - n - 1 >= 0 && context.charCodeAt(context.length - 1 - n) === text.charCodeAt(at - n - 1)) n++;
  } else {
    while (n < m && at + n < text.length && context.charCodeAt(n) === text.charCodeAt(at + n)) n++;
  }
  return n;
}
