/**
 * Line diff and three-way merge for the free-text body of notes.
 *
 * `lcsMatches` is Myers' O((N+M)·D) difference algorithm in its linear-space
 * form (divide and conquer on the middle snake), so a long note compared
 * with a rewritten one costs memory in proportion to the text, not to its
 * square. `diff3` walks the base, keeping the lines that both sides kept in
 * place, and resolves each stretch between them: taken from the one side
 * that changed it, or reported as a conflict holding both versions.
 */

/** Index pairs [i, j] with a[i] === b[j], increasing in both: a longest common subsequence. */
export function lcsMatches<T>(a: readonly T[], b: readonly T[]): Array<[number, number]> {
  // Compare small integers rather than the items themselves.
  const ids = new Map<T, number>();
  const code = (x: T): number => {
    let id = ids.get(x);
    if (id === undefined) {
      id = ids.size;
      ids.set(x, id);
    }
    return id;
  };
  const ac = Int32Array.from(a, code);
  const bc = Int32Array.from(b, code);
  const out: Array<[number, number]> = [];
  lcsRange(ac, 0, ac.length, bc, 0, bc.length, out);
  return out;
}

function lcsRange(
  a: Int32Array,
  aLo: number,
  aHi: number,
  b: Int32Array,
  bLo: number,
  bHi: number,
  out: Array<[number, number]>,
): void {
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) out.push([aLo++, bLo++]);
  let tail = 0;
  while (aLo < aHi - tail && bLo < bHi - tail && a[aHi - 1 - tail] === b[bHi - 1 - tail]) tail++;
  if (aLo < aHi - tail && bLo < bHi - tail) {
    const [x, y, u, v] = middleSnake(a, aLo, aHi - tail, b, bLo, bHi - tail);
    lcsRange(a, aLo, x, b, bLo, y, out);
    for (let i = 0; i < u - x; i++) out.push([x + i, y + i]);
    lcsRange(a, u, aHi - tail, b, v, bHi - tail, out);
  }
  for (let t = tail; t > 0; t--) out.push([aHi - t, bHi - t]);
}

/** The middle snake of an optimal edit path: [x, y, u, v], from (x, y) to (u, v) in absolute indexes. */
function middleSnake(
  a: Int32Array,
  aLo: number,
  aHi: number,
  b: Int32Array,
  bLo: number,
  bHi: number,
): [number, number, number, number] {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const delta = n - m;
  const odd = (delta & 1) !== 0;
  const max = Math.ceil((n + m) / 2);
  const offset = max + 1;
  const vf = new Int32Array(2 * max + 3);
  const vb = new Int32Array(2 * max + 3);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && vf[offset + k - 1] < vf[offset + k + 1]) ? vf[offset + k + 1] : vf[offset + k - 1] + 1;
      let y = x - k;
      const x0 = x;
      const y0 = y;
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x++;
        y++;
      }
      vf[offset + k] = x;
      const kr = delta - k;
      if (odd && kr >= -(d - 1) && kr <= d - 1 && x + vb[offset + kr] >= n) {
        return [aLo + x0, bLo + y0, aLo + x, bLo + y];
      }
    }
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && vb[offset + k - 1] < vb[offset + k + 1]) ? vb[offset + k + 1] : vb[offset + k - 1] + 1;
      let y = x - k;
      const x0 = x;
      const y0 = y;
      while (x < n && y < m && a[aHi - 1 - x] === b[bHi - 1 - y]) {
        x++;
        y++;
      }
      vb[offset + k] = x;
      const kf = delta - k;
      if (!odd && kf >= -d && kf <= d && x + vf[offset + kf] >= n) {
        return [aHi - x, bHi - y, aHi - x0, bHi - y0];
      }
    }
  }
  // Unreachable: the two searches always meet by d = ceil((n + m) / 2).
  return [aLo, bLo, aLo, bLo];
}

export type Diff3Chunk =
  | { kind: 'ok'; lines: string[] }
  | { kind: 'conflict'; base: string[]; mine: string[]; theirs: string[] };

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Three-way merge of line lists: clean stretches as 'ok', overlapping changes as 'conflict'. */
export function diff3(base: readonly string[], mine: readonly string[], theirs: readonly string[]): Diff3Chunk[] {
  const inMine = new Int32Array(base.length).fill(-1);
  const inTheirs = new Int32Array(base.length).fill(-1);
  for (const [i, j] of lcsMatches(base, mine)) inMine[i] = j;
  for (const [i, k] of lcsMatches(base, theirs)) inTheirs[i] = k;

  const chunks: Diff3Chunk[] = [];
  const emit = (lines: readonly string[]): void => {
    if (lines.length === 0) return;
    const last = chunks[chunks.length - 1];
    if (last?.kind === 'ok') last.lines.push(...lines);
    else chunks.push({ kind: 'ok', lines: [...lines] });
  };
  const resolve = (b: string[], m: string[], t: string[]): void => {
    if (sameLines(m, b)) return emit(t);
    if (sameLines(t, b) || sameLines(m, t)) return emit(m);
    // Lines both sides agree on at the edges of the stretch are not part of the conflict.
    let head = 0;
    while (head < m.length && head < t.length && m[head] === t[head]) head++;
    let tail = 0;
    while (tail < m.length - head && tail < t.length - head && m[m.length - 1 - tail] === t[t.length - 1 - tail]) tail++;
    emit(m.slice(0, head));
    chunks.push({ kind: 'conflict', base: b, mine: m.slice(head, m.length - tail), theirs: t.slice(head, t.length - tail) });
    emit(m.slice(m.length - tail));
  };

  let i = 0;
  let j = 0;
  let k = 0;
  for (;;) {
    let s = i;
    while (s < base.length && (inMine[s] < 0 || inTheirs[s] < 0)) s++;
    const jEnd = s < base.length ? inMine[s] : mine.length;
    const kEnd = s < base.length ? inTheirs[s] : theirs.length;
    if (i < s || j < jEnd || k < kEnd) {
      resolve(base.slice(i, s), mine.slice(j, jEnd), theirs.slice(k, kEnd));
    }
    if (s >= base.length) break;
    emit([base[s]]);
    i = s + 1;
    j = jEnd + 1;
    k = kEnd + 1;
  }
  return chunks;
}

export interface TextMergeResult {
  text: string;
  /** 1-based line ranges of the merged text that hold conflict markers. */
  conflicts: Array<{ startLine: number; endLine: number }>;
}

export interface ConflictLabels {
  theirs: string;
  mine: string;
}

/**
 * Line-based three-way merge of texts with "\n" line endings. An overlapping
 * change keeps both versions, the `theirs` side first, between
 * `<<<<<<<`, `=======` and `>>>>>>>` marker lines, as git writes them.
 */
export function mergeText(
  base: string,
  mine: string,
  theirs: string,
  labels: ConflictLabels = { theirs: 'on disk', mine: 'unsaved edit' },
): TextMergeResult {
  if (mine === theirs || theirs === base) return { text: mine, conflicts: [] };
  if (mine === base) return { text: theirs, conflicts: [] };
  const out: string[] = [];
  const conflicts: TextMergeResult['conflicts'] = [];
  for (const chunk of diff3(base.split('\n'), mine.split('\n'), theirs.split('\n'))) {
    if (chunk.kind === 'ok') {
      out.push(...chunk.lines);
      continue;
    }
    const startLine = out.length + 1;
    out.push(`<<<<<<< ${labels.theirs}`, ...chunk.theirs, '=======', ...chunk.mine, `>>>>>>> ${labels.mine}`);
    conflicts.push({ startLine, endLine: out.length });
  }
  return { text: out.join('\n'), conflicts };
}
