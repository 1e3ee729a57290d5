/**
 * A linear reader for the plain YAML most notes files hold, so that a large file
 * is not put through the yaml library's document model (about 25 µs a line).
 *
 * It reads a frontmatter only when every line is in this small subset, and gives
 * up (undefined) on anything else, which is then read by the yaml library:
 *   - a block mapping of the note's own keys (title, status, ...), each once;
 *   - block mappings and block sequences under them, indentation by spaces;
 *   - scalars on one line: plain, single-quoted, or double-quoted with JSON's
 *     escapes; `[a, "b"]` flow sequences of such scalars on one line;
 *   - `|`, `|-`, `|+` literal block scalars as mapping values;
 *   - no comments, blank lines, tabs, anchors, aliases, tags, directives or
 *     control characters.
 * Plain scalars resolve as YAML 1.2's core schema resolves them (null, booleans,
 * decimal integers); any other non-string plain scalar gives up. Within this subset
 * the values are the ones the yaml library reads (test/unit/plain-yaml.test.ts).
 *
 * It also keeps each top-level entry's lines and each item of its list, so a save
 * can write back unchanged parts as they were.
 */

/**
 * What a list value was written as: the lines of a block list, or the text of each flow
 * item. Kept as line numbers so a read makes no string, nor any number, per item.
 */
interface ListShape {
  first?: number;
  end?: number;
  flowItems?: string[];
  seqColumn?: number;
}

/** One top-level `key: value` of the frontmatter, with its text (made when asked for). */
export interface PlainEntry {
  readonly key: string;
  readonly value: unknown;
  /** The entry's lines, each ending with "\n". */
  readonly text: string;
  /** Each item's text when the value is a list: its lines in block style, the scalar in flow style. */
  readonly items?: readonly string[];
  /** The list is written `[a, b]`. */
  readonly flow?: boolean;
  /** Column of the `-` of a block list. */
  readonly seqColumn?: number;
}

export interface PlainYaml {
  readonly entries: readonly PlainEntry[];
  /** Lines read. */
  readonly steps: number;
}

/** Thrown inside the reader when a line is outside the subset; never escapes it. */
class Unsupported extends Error {}

// eslint-disable-next-line no-control-regex -- control characters are what sends a text to the yaml library
export const UNSAFE_TEXT = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]|\p{Surrogate}/u;
export const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: |$)/;
const NOT_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const DOUBLE_QUOTED = /^"(?:[^"\\]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/;
const SINGLE_QUOTED = /^'(?:[^']|'')*'/;
const BLOCK_HEADER = /^\|(?:([1-9])?([-+])?|([-+])([1-9]))$/;
// Named once here: a regular expression written in a function is a new object each call,
// garbage for every line of a large frontmatter.
const EDGE_SPACE = /^\s|\s$/;
const INDICATOR_FIRST = /^[?:,[\]{}#&*!|>'"%@`]/;
const DASH_NOT_WORD = /^-(?![A-Za-z0-9])/;
const COMMENT_OR_KEY = /: | #|:$/;
const FLOW_INDICATOR = /[,[\]{}]|:(?=[\s,[\]{}]|$)/;
/** The start of a list item's content that would make it a nested list, flow list, block scalar or flow mapping. */
const NESTED_START = /^[-[|{]/;
const DASH_WORD = /^-[A-Za-z0-9]/;
const FLOW_PLAIN = /^[^,\]]*/;

// YAML 1.2 core schema (the yaml library's own tests): null, booleans, integers, floats.
const CORE_NULL = /^(?:~|[Nn]ull|NULL)?$/;
const CORE_BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const CORE_INT = /^[-+]?[0-9]+$/;
const CORE_OTHER = [
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];

/** True when `text` as a plain scalar would not be read as a string. */
export function resolvesAsNonString(text: string): boolean {
  return CORE_NULL.test(text) || CORE_BOOL.test(text) || CORE_INT.test(text) || CORE_OTHER.some((r) => r.test(text));
}

function resolvePlain(text: string): unknown {
  if (CORE_NULL.test(text)) return null;
  if (CORE_BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  if (CORE_INT.test(text)) return parseInt(text, 10);
  if (CORE_OTHER.some((r) => r.test(text))) throw new Unsupported();
  return text;
}

/**
 * A plain scalar as this reader accepts it: no indicator first (a `-` only before a
 * letter or digit), no `: `, ` #`, trailing `:` or edge spaces; in a flow list also
 * none of `,[]{}`, nor a `:` before one.
 */
export function plainOk(text: string, flow: boolean): boolean {
  if (text === '' || EDGE_SPACE.test(text)) return false;
  if (INDICATOR_FIRST.test(text) || DASH_NOT_WORD.test(text)) return false;
  if (COMMENT_OR_KEY.test(text)) return false;
  return !(flow && FLOW_INDICATOR.test(text));
}

/** A plain word that can only be a string or null/true/false: most tags and values, checked in one step. */
const SIMPLE_WORD = /^[A-Za-z][A-Za-z0-9_./-]*$/;

/** One scalar written on one line (the whole of `text`), and its value. */
function inlineScalar(text: string, flow = false): unknown {
  if (SIMPLE_WORD.test(text)) return NOT_STRING_KEY.test(text) ? resolvePlain(text) : text;
  if (text.startsWith('"')) {
    const m = DOUBLE_QUOTED.exec(text);
    if (!m || m[0].length !== text.length) throw new Unsupported();
    return JSON.parse(text) as string;
  }
  if (text.startsWith("'")) {
    const m = SINGLE_QUOTED.exec(text);
    if (!m || m[0].length !== text.length) throw new Unsupported();
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (!plainOk(text, flow)) throw new Unsupported();
  return resolvePlain(text);
}

/** True when `text` has a list item's `- ` (or a lone `-`) at offset `at`: every line ends with "\n". */
function dashAt(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 45) return false;
  const next = text.charCodeAt(at + 1);
  return next === 32 || next === 10;
}

/** The number of spaces at offset `at` of `text`. */
function spacesAt(text: string, at: number): number {
  let n = 0;
  while (text.charCodeAt(at + n) === 32) n++;
  return n;
}

/**
 * The lines of a text that ends with "\n", kept as the offsets where they start:
 * reading a large frontmatter makes no string per line, only for the values in it.
 */
class Lines {
  readonly count: number;
  private readonly starts: Int32Array;

  constructor(readonly text: string) {
    let count = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) count++;
    this.count = count;
    this.starts = new Int32Array(count + 1);
    let i = 1;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) this.starts[i++] = nl + 1;
  }

  /** Where line `i` starts; past the last line, the text's length. */
  start(i: number): number {
    return this.starts[i];
  }

  /** Where the "\n" of line `i` is. */
  end(i: number): number {
    return this.starts[i + 1] - 1;
  }

  /** Line `i` from offset `from` (its start by default) to its end, without the "\n". */
  rest(i: number, from = this.starts[i]): string {
    return this.text.slice(from, this.end(i));
  }

  /** Lines `from` to `to` (excluded), each ending with "\n". */
  cut(from: number, to: number): string {
    return this.text.slice(this.starts[from], this.starts[to]);
  }
}

class Reader {
  private at = 0;
  private readonly text: string;

  constructor(private readonly lines: Lines) {
    this.text = lines.text;
  }

  /** The top-level mapping. */
  entries(): PlainEntry[] {
    const entries: PlainEntry[] = [];
    const seen = new Set<string>();
    while (this.at < this.lines.count) {
      const start = this.at;
      const line = this.lines.rest(start);
      const m = KEY.exec(line);
      if (!m || seen.has(m[1]) || NOT_STRING_KEY.test(m[1])) throw new Unsupported();
      seen.add(m[1]);
      this.at++;
      const list: ListShape = {};
      const value = this.value(0, line.slice(m[0].length), m[0].length < line.length, list);
      entries.push(new ReadEntry(this.lines, m[1], value, start, this.at, list));
    }
    return entries;
  }

  /**
   * The value of a key at `column` whose line goes on with `rest`; `spaced` when a
   * space follows the colon. `list` receives the items' text of a list value.
   */
  private value(column: number, rest: string, spaced: boolean, list?: ListShape): unknown {
    if (!spaced) return this.nested(column, list);
    if (rest === '' || rest.startsWith(' ')) throw new Unsupported();
    if (rest.startsWith('|')) return this.literal(column, rest);
    if (rest.startsWith('[')) return this.flowSeq(column, rest, list);
    this.noMoreIndented(column);
    return inlineScalar(rest);
  }

  /** The lines after a scalar must not be indented deeper than its key (that would continue it). */
  private noMoreIndented(column: number): void {
    if (this.at < this.lines.count && spacesAt(this.text, this.lines.start(this.at)) > column) throw new Unsupported();
  }

  /** What follows `key:` on the next lines: a block list, a block mapping, or nothing (null). */
  private nested(column: number, list?: ListShape): unknown {
    if (this.at >= this.lines.count) return null;
    const from = this.lines.start(this.at);
    const indent = spacesAt(this.text, from);
    if (indent >= column && dashAt(this.text, from + indent)) {
      const first = this.at;
      const value = this.blockSeq(indent);
      if (list) {
        list.first = first;
        list.end = this.at;
        list.seqColumn = indent;
      }
      return value;
    }
    if (indent > column) return this.blockMap(indent, this.at, indent);
    return null;
  }

  /** A block list whose `-` are at `column`. */
  private blockSeq(column: number): unknown[] {
    const values: unknown[] = [];
    const prefix = ' '.repeat(column);
    while (this.at < this.lines.count) {
      const from = this.lines.start(this.at);
      if (!this.text.startsWith(prefix, from) || !dashAt(this.text, from + column)) break;
      const start = this.at;
      const content = this.lines.rest(start, from + column + 2);
      if (content === '' || content.startsWith(' ')) throw new Unsupported();
      const key = KEY.exec(content);
      if (key) {
        values.push(this.blockMap(column + 2, start, column));
      } else {
        if (NESTED_START.test(content) && !DASH_WORD.test(content)) throw new Unsupported();
        this.at++;
        this.noMoreIndented(column);
        values.push(inlineScalar(content));
      }
    }
    return values;
  }

  /**
   * A block mapping whose keys are at `column`, starting on line `start`; that first
   * line may instead begin with the `- ` of a list item at `dash`.
   */
  private blockMap(column: number, start: number, dash: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    this.at = start;
    const prefix = ' '.repeat(column);
    for (let first = true; this.at < this.lines.count; first = false) {
      const from = this.lines.start(this.at);
      const lead = first && dash < column ? `${' '.repeat(dash)}- ` : prefix;
      if (!this.text.startsWith(lead, from)) break;
      const content = this.lines.rest(this.at, from + column);
      if (content.startsWith(' ')) throw new Unsupported();
      const m = KEY.exec(content);
      if (!m) throw new Unsupported();
      if (Object.hasOwn(map, m[1]) || NOT_STRING_KEY.test(m[1]) || m[1] === '__proto__') throw new Unsupported();
      this.at++;
      map[m[1]] = this.value(column, content.slice(m[0].length), m[0].length < content.length);
    }
    return map;
  }

  /** `[a, "b"]` on one line. */
  private flowSeq(column: number, rest: string, list?: ListShape): unknown[] {
    const values: unknown[] = [];
    const items: string[] = [];
    let i = 1;
    const skipSpaces = () => {
      while (rest[i] === ' ') i++;
    };
    skipSpaces();
    if (rest[i] === ']') {
      i++;
    } else {
      for (;;) {
        skipSpaces();
        const tail = rest.slice(i);
        const quoted = tail.startsWith('"') ? DOUBLE_QUOTED.exec(tail) : tail.startsWith("'") ? SINGLE_QUOTED.exec(tail) : FLOW_PLAIN.exec(tail);
        if (!quoted) throw new Unsupported();
        const raw = quoted[0].trimEnd();
        items.push(raw);
        values.push(inlineScalar(raw, true));
        i += quoted[0].length;
        skipSpaces();
        if (rest[i] === ',') {
          i++;
          continue;
        }
        if (rest[i] === ']') {
          i++;
          break;
        }
        throw new Unsupported();
      }
    }
    if (i !== rest.length) throw new Unsupported();
    this.noMoreIndented(column);
    if (list) {
      list.flowItems = items;
    }
    return values;
  }

  /** A literal block scalar: `rest` is its header, its content is indented deeper than `column`. */
  private literal(column: number, rest: string): string {
    const header = BLOCK_HEADER.exec(rest);
    if (!header) throw new Unsupported();
    const explicit = header[1] ?? header[4];
    const chomp = header[2] ?? header[3] ?? '';
    let indent = explicit ? column + Number(explicit) : -1;
    const content: string[] = [];
    while (this.at < this.lines.count) {
      const from = this.lines.start(this.at);
      const length = this.lines.end(this.at) - from;
      if (length === 0) {
        content.push('');
        this.at++;
        continue;
      }
      const lead = spacesAt(this.text, from);
      if (indent < 0) {
        if (lead === length) throw new Unsupported();
        if (lead <= column) break;
        indent = lead;
      }
      if (lead < indent) {
        if (lead === length || lead > column) throw new Unsupported();
        break;
      }
      content.push(this.lines.rest(this.at, from + indent));
      this.at++;
    }
    let trailing = 0;
    while (trailing < content.length && content[content.length - 1 - trailing] === '') trailing++;
    if (trailing === content.length || indent < 0) throw new Unsupported();
    const text = content.slice(0, content.length - trailing).join('\n');
    if (chomp === '-') return text;
    if (chomp === '+') return text + '\n'.repeat(trailing + 1);
    return text + '\n';
  }
}

/** An entry whose texts are cut from the frontmatter only when a save asks for them. */
class ReadEntry implements PlainEntry {
  readonly flow?: boolean;
  readonly seqColumn?: number;

  constructor(
    private readonly lines: Lines,
    readonly key: string,
    readonly value: unknown,
    private readonly start: number,
    private readonly end: number,
    private readonly list: ListShape,
  ) {
    if (list.flowItems) this.flow = true;
    if (list.seqColumn !== undefined) this.seqColumn = list.seqColumn;
  }

  get text(): string {
    return this.lines.cut(this.start, this.end);
  }

  get items(): readonly string[] | undefined {
    const { first, end, seqColumn, flowItems } = this.list;
    if (flowItems) return flowItems;
    if (first === undefined || end === undefined || seqColumn === undefined) return undefined;
    // Whatever an item nests is indented deeper than its dash: a line with a dash at the
    // list's column is the first line of an item.
    const items: string[] = [];
    let from = first;
    for (let i = first + 1; i < end; i++) {
      const at = this.lines.start(i);
      if (spacesAt(this.lines.text, at) === seqColumn && dashAt(this.lines.text, at + seqColumn)) {
        items.push(this.lines.cut(from, i));
        from = i;
      }
    }
    items.push(this.lines.cut(from, end));
    return items;
  }
}

/** The frontmatter `yamlText` ("\n" line endings) if it is in the plain subset, else undefined. */
export function readPlainYaml(yamlText: string): PlainYaml | undefined {
  if (UNSAFE_TEXT.test(yamlText) || (yamlText !== '' && !yamlText.endsWith('\n'))) return undefined;
  const lines = new Lines(yamlText);
  try {
    const entries = new Reader(lines).entries();
    return { entries, steps: lines.count };
  } catch (error) {
    if (error instanceof Unsupported || error instanceof SyntaxError) return undefined;
    throw error;
  }
}
