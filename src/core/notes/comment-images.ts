/**
 * Annotation comments are shown by VS Code's own Markdown renderer, which loads any image a
 * comment names: a shared notes file could carry a tracking pixel. Unless the reader allows
 * remote images, every image (`![alt](url)`, `![alt][ref]`) outside code is turned into the
 * link it would have been without its "!", so the address stays one click away and nothing
 * loads by itself. Code (fenced blocks and inline spans) is left as written.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** `text` with the "!" of every image escaped outside code. Linear in the text's length. */
export function withoutCommentImages(text: string): string {
  let fence: string | undefined;
  return text
    .split('\n')
    .map((line) => {
      const open = FENCE.exec(line);
      if (fence !== undefined) {
        if (open && open[1][0] === fence[0] && open[1].length >= fence.length && line.trim() === open[1]) fence = undefined;
        return line;
      }
      if (open) {
        fence = open[1];
        return line;
      }
      return outsideCodeSpans(line);
    })
    .join('\n');
}

/** The line with "![" escaped wherever it is not inside a backtick code span. */
function outsideCodeSpans(line: string): string {
  let out = '';
  let i = 0;
  // A run length with no closing run after some point has none after any later point either:
  // remembering it keeps a line of unmatched backticks from being searched again and again.
  const unclosed = new Set<number>();
  while (i < line.length) {
    if (line[i] === '`') {
      let run = 1;
      while (line[i + run] === '`') run++;
      const ticks = '`'.repeat(run);
      const close = unclosed.has(run) ? -1 : findRun(line, ticks, i + run);
      if (close < 0) unclosed.add(run);
      if (close >= 0) {
        out += line.slice(i, close + run);
        i = close + run;
        continue;
      }
      out += ticks;
      i += run;
      continue;
    }
    if (line[i] === '!' && line[i + 1] === '[' && line[i - 1] !== '\\') {
      out += '\\!';
      i++;
      continue;
    }
    out += line[i];
    i++;
  }
  return out;
}

/** Where a run of exactly `ticks` starts at or after `from`, or -1. */
function findRun(line: string, ticks: string, from: number): number {
  let at = line.indexOf(ticks, from);
  while (at >= 0) {
    const before = at > 0 && line[at - 1] === '`';
    const after = line[at + ticks.length] === '`';
    if (!before && !after) return at;
    let end = at;
    while (line[end] === '`') end++;
    at = line.indexOf(ticks, end);
  }
  return -1;
}
