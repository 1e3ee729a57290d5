/**
 * How well a stored prefix or suffix agrees with the text beside a candidate
 * span. Kept apart from anchor.ts because it is the one place that does
 * per-character dynamic programming, and its cost must stay fixed per call.
 */

/** Characters of context kept on each side of a quote. */
export const ANCHOR_CONTEXT_LENGTH = 32;

/**
 * Extra text characters the alignment may consume beyond the pattern's length,
 * so a few characters inserted next to the quote cost their own number of
 * edits rather than misaligning the whole context.
 */
const WINDOW_SLACK = 16;

/** One row of the edit-distance table, reused: the table is at most 33 x 49. */
const row = new Int32Array(ANCHOR_CONTEXT_LENGTH + WINDOW_SLACK + 1);

/**
 * Edit distance between `pattern` and the text that touches the boundary at
 * `at`, reading away from it (`direction` -1 reads leftwards from `at`,
 * +1 reads rightwards). The alignment is pinned at the boundary and free at
 * the far end, which is what a prefix or suffix means: the characters next to
 * the quote matter, where the context stops does not.
 *
 * Work is pattern.length * (pattern.length + WINDOW_SLACK) cells at most.
 */
export function boundaryDistance(pattern: string, text: string, at: number, direction: 1 | -1): number {
  const m = Math.min(pattern.length, ANCHOR_CONTEXT_LENGTH);
  if (m === 0) return 0;
  const available = direction < 0 ? at : text.length - at;
  const w = Math.max(0, Math.min(available, m + WINDOW_SLACK));
  // row[j]: distance between the first i pattern characters (from the
  // boundary) and the first j text characters (from the boundary).
  for (let j = 0; j <= w; j++) row[j] = j;
  for (let i = 1; i <= m; i++) {
    const pc = direction < 0 ? pattern.charCodeAt(pattern.length - i) : pattern.charCodeAt(i - 1);
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= w; j++) {
      const tc = direction < 0 ? text.charCodeAt(at - j) : text.charCodeAt(at + j - 1);
      const above = row[j];
      const substitute = diagonal + (pc === tc ? 0 : 1);
      const insert = row[j - 1] + 1;
      const remove = above + 1;
      row[j] = substitute < insert ? (substitute < remove ? substitute : remove) : (insert < remove ? insert : remove);
      diagonal = above;
    }
  }
  let best = row[0];
  for (let j = 1; j <= w; j++) if (row[j] < best) best = row[j];
  return best;
}

/**
 * Number of characters that agree exactly, starting at the boundary and
 * reading away from it, up to the first difference. Cheap (usually stops
 * after a character or two on the wrong candidates) and used only to rank
 * candidates before the real scoring.
 */
export function boundaryRun(pattern: string, text: string, at: number, direction: 1 | -1): number {
  const m = Math.min(pattern.length, ANCHOR_CONTEXT_LENGTH);
  let n = 0;
  if (direction < 0) {
    while (n < m && at - n - 1 >= 0 && pattern.charCodeAt(pattern.length - 1 - n) === text.charCodeAt(at - n - 1)) n++;
  } else {
    while (n < m && at + n < text.length && pattern.charCodeAt(n) === text.charCodeAt(at + n)) n++;
  }
  return n;
}
