/**
 * The full-text index behind PaperSearch: per word and field, a list of the
 * papers holding it, scored with BM25+ the way MiniSearch scores.
 *
 * Why not MiniSearch's own index: it scores a query by building a result
 * object per posting in nested Maps, so a common word ("language", held by
 * half of 50,000 papers) cost 20-50 ms a query and the whole index several
 * hundred bytes per posting. Here a posting is one small integer in a plain
 * array (paper number and term frequency packed together), and a query adds
 * scores into typed arrays indexed by paper number, touching each posting
 * once: a common word costs a fraction of a millisecond. The completions
 * and near spellings of a word are found in the sorted vocabulary
 * (vocabulary.ts).
 *
 * Adding a paper splits each field once, finding each word's number from
 * the characters in place (term-table.ts), and counts its words on the
 * words themselves (a stamp and a count per word), so a paper costs no Map,
 * Set or string of its own: at 50,000 papers the build is bound by reading
 * the text.
 *
 * Papers are numbered in the order they are added, so every list is sorted
 * by paper number. A removed paper's postings stay in place, skipped at query
 * time, until they are a quarter of all postings; then every list is
 * compacted and the papers renumbered in one pass.
 */
import { bestNumbers } from './smallest';
import { TermTable } from './term-table';
import { Vocabulary } from './vocabulary';

/** BM25+ parameters, MiniSearch's defaults. */
const K = 1.2;
const B = 0.7;
const D = 0.5;

/** A posting is `paper * TF_SPAN + min(tf, TF_MASK)`: one small integer. */
export const TF_BITS = 8;
const TF_SPAN = 1 << TF_BITS;
const TF_MASK = TF_SPAN - 1;
/** Room for the first postings of a word in a field: most words are rare. */
const FIRST_CAPACITY = 2;
/** Lists shorter than this grow fourfold. */
const GROW_FAST_BELOW = 4096;
/** Paper numbers stay below this, so a posting stays a small integer (under 2^31). */
const MAX_PAPERS = 2 ** 23;
/** Compaction runs once removed papers hold this share of all postings... */
const DEAD_SHARE = 0.25;
/** ...and at least this many: small indexes never bother. */
const DEAD_MIN = 50_000;

interface Postings {
  /** Sorted by paper number. */
  list: Int32Array;
  /** Postings in `list`; past them is room to grow. */
  size: number;
  /** Postings of live papers: the word's document frequency in this field. */
  live: number;
}

interface Term {
  word: string;
  /** In the vocabulary (a word dropped at compaction is listed again when a paper brings it back). */
  listed: boolean;
  /** Live papers holding the word in any field; 0 once its last paper went (it stays listed until compaction). */
  papers: number;
  /** One list per field, created when the word first occurs in it. */
  fields: (Postings | undefined)[];
  /** Scratch of add() and remove(): the field pass that last counted the word, its count there, the paper that last held it. */
  pass: number;
  tf: number;
  paper: number;
}

/** One spelling a query word matches, with the weight its matches count with. */
export interface Variant {
  word: string;
  weight: number;
  term: Term;
}

/** A query word and the words of the index it stands for. */
export type QueryWord = readonly Variant[];

export interface Hit {
  id: string;
  score: number;
  /** How many of the query's words the paper holds. */
  words: number;
  /** The paper's number, for matches(). */
  paper: number;
}

export interface RunOptions {
  /** Field numbers to search. */
  fields: readonly number[];
  /** 'and': papers holding every word; 'or': any word, more words first. */
  mode: 'and' | 'or';
  /** A paper is a hit only when this says yes (filters); asked only for papers that would make the page, once each. */
  accept?: (id: string) => boolean;
  /** When given, only these papers can be hits (the papers a filter allows). */
  only?: Iterable<string>;
  /** Papers holding every word of one of these groups are no hits (`-word`). */
  exclude?: readonly (readonly string[])[];
  /** Field boosts by field number; 1 when absent. */
  boosts?: readonly number[];
  limit: number;
}

export interface ExpandOptions {
  prefix: boolean;
  /** Largest edit distance for near spellings; 0 for none. */
  fuzzy: number;
  prefixWeight: number;
  fuzzyWeight: number;
}

/** First position in a sorted posting list whose paper is >= `paper`. */
function seek(list: Int32Array, size: number, paper: number): number {
  const key = paper * TF_SPAN;
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Postings of a word in the given fields, live or not: what walking them costs. */
function termPostings(term: Term, fields: readonly number[]): number {
  let total = 0;
  for (const field of fields) total += term.fields[field]?.size ?? 0;
  return total;
}

function holds(postings: Postings, paper: number): boolean {
  const at = seek(postings.list, postings.size, paper);
  return at < postings.size && postings.list[at] >>> TF_BITS === paper;
}

/**
 * The index as a snapshot keeps it (search-snapshot.ts): the live papers
 * numbered from 0 in their order, and the words some live paper holds, sorted
 * (the vocabulary's order), with their lists one after the other.
 */
export interface IndexState {
  ids: string[];
  /** Per field, by paper: the paper's distinct words in that field. */
  lengths: Int32Array[];
  /** Sorted, distinct, none a stop word. */
  words: string[];
  /** Per word: the live papers holding it. */
  papers: Int32Array;
  /** Per word and field (`word * fieldCount + field`): postings in its list, 0 when it has none there. */
  sizes: Int32Array;
  /** Every list in word and field order; postings as `add` packs them. */
  postings: Int32Array;
}

/** Postings copied between two yields of `exportState`. */
const EXPORT_STEP = 200_000;

/** Postings per block of a bulk build's scratch: blocks are added, never grown and copied. */
const STAGE_SHIFT = 16;
const STAGE_BLOCK = 1 << STAGE_SHIFT;

/**
 * The live papers numbered from 0 in their order, as compaction and a
 * snapshot both number them: `renumber[old]` is the new number, -1 for a
 * removed paper.
 */
function liveNumbering(byNumber: readonly (string | undefined)[]): { renumber: Int32Array; ids: string[] } {
  const renumber = new Int32Array(byNumber.length).fill(-1);
  const ids: string[] = [];
  for (let paper = 0; paper < byNumber.length; paper++) {
    const id = byNumber[paper];
    if (id === undefined) continue;
    renumber[paper] = ids.length;
    ids.push(id);
  }
  return { renumber, ids };
}

/**
 * Postings a bulk build has noted and not yet put into their lists: per
 * posting its list (`term * fieldCount + field`) and its value, in blocks.
 */
interface Staged {
  keys: Int32Array[];
  values: Int32Array[];
  /** Postings noted, over all blocks. */
  count: number;
}

export class InvertedIndex {
  private table = new TermTable();
  /** By term number; undefined for the stop words. */
  private terms: (Term | undefined)[] = [];
  /** The same words sorted, for completions and near spellings. */
  private readonly vocabulary = new Vocabulary();
  /** Stamps of add() and remove(): each field of each paper is one pass. */
  private pass = 0;
  /** Scratch of add() and remove(): the distinct words of the field being split, and their term numbers. */
  private readonly fieldTerms: Term[] = [];
  private readonly fieldNumbers: number[] = [];
  /** Paper number -> id; undefined once removed. */
  private ids: (string | undefined)[] = [];
  private readonly numbers = new Map<string, number>();
  /** Per field, paper number -> distinct words in that field. */
  private lengths: number[][];
  /** Per field, total length over live papers. */
  private readonly totalLength: number[];
  private deadPostings = 0;
  private totalPostings = 0;
  /** A bulk build's postings not yet in their lists (stage, flush). */
  private staged: Staged | undefined;

  // Scratch space of a query, indexed by paper number; `tick` stamps what the current query touched.
  private seen = new Uint32Array(0);
  private wordSeen = new Uint32Array(0);
  private allowed = new Uint32Array(0);
  private blocked = new Uint32Array(0);
  private count = new Uint16Array(0);
  private score = new Float64Array(0);
  private tick = 0;

  constructor(private readonly fieldCount: number) {
    this.lengths = Array.from({ length: fieldCount }, () => []);
    this.totalLength = new Array<number>(fieldCount).fill(0);
  }

  get size(): number {
    return this.numbers.size;
  }

  has(id: string): boolean {
    return this.numbers.has(id);
  }

  /** Adds a paper's fields (one text per field); a paper already in must be removed first. */
  add(id: string, texts: readonly string[]): void {
    this.flush();
    if (this.numbers.has(id)) throw new Error(`paper ${id} is already indexed`);
    if (this.ids.length >= MAX_PAPERS) this.compact();
    const paper = this.ids.length;
    this.ids.push(id);
    this.numbers.set(id, paper);
    for (let field = 0; field < this.fieldCount; field++) {
      const found = this.split(texts[field] ?? '', true);
      this.lengths[field][paper] = found.length;
      this.totalLength[field] += found.length;
      for (const term of found) {
        if (term.paper !== paper) {
          term.paper = paper;
          term.papers++;
        }
        let postings = term.fields[field];
        if (!postings) {
          postings = { list: new Int32Array(FIRST_CAPACITY), size: 0, live: 0 };
          term.fields[field] = postings;
        } else if (postings.size === postings.list.length) {
          // Fourfold while short (most lists stay short, and each growth is an allocation), then twofold; a bulk build trims the rest.
          const grown = new Int32Array(postings.size * (postings.size < GROW_FAST_BELOW ? 4 : 2));
          grown.set(postings.list);
          postings.list = grown;
        }
        postings.list[postings.size++] = paper * TF_SPAN + Math.min(term.tf, TF_MASK);
        postings.live++;
      }
      this.totalPostings += found.length;
    }
  }

  /**
   * Adds many papers, giving the index add() one by one would give (the same
   * paper numbers, lists and counts): stage() then flush().
   */
  addMany(papers: readonly { id: string; texts: readonly string[] }[]): void {
    this.stage(papers);
    this.flush();
  }

  /**
   * The first half of a bulk build: numbers the papers and splits their
   * fields, noting each posting with its word and field; flush() puts them
   * into their lists in one pass. Growing a list per word as papers come was
   * a third of a build: thousands of growing arrays copied and left for the
   * collector. Batches staged one after another (a build in slices) are
   * flushed together; any other use of the index flushes first, so what it
   * answers never depends on what is staged.
   */
  stage(papers: readonly { id: string; texts: readonly string[] }[]): void {
    if (this.ids.length + papers.length > MAX_PAPERS) this.compact();
    if (this.ids.length + papers.length > MAX_PAPERS) {
      for (const { id, texts } of papers) this.add(id, texts);
      return;
    }
    const fieldCount = this.fieldCount;
    const staged = this.staged ?? (this.staged = { keys: [], values: [], count: 0 });
    for (const { id, texts } of papers) {
      if (this.numbers.has(id)) throw new Error(`paper ${id} is already indexed`);
      const paper = this.ids.length;
      this.ids.push(id);
      this.numbers.set(id, paper);
      for (let field = 0; field < fieldCount; field++) {
        const found = this.split(texts[field] ?? '', true);
        const numbers = this.fieldNumbers;
        this.lengths[field][paper] = found.length;
        this.totalLength[field] += found.length;
        for (let i = 0; i < found.length; i++) {
          const term = found[i];
          if (term.paper !== paper) {
            term.paper = paper;
            term.papers++;
          }
          const block = staged.count >>> STAGE_SHIFT;
          const at = staged.count & (STAGE_BLOCK - 1);
          if (at === 0 && block === staged.keys.length) {
            staged.keys.push(new Int32Array(STAGE_BLOCK));
            staged.values.push(new Int32Array(STAGE_BLOCK));
          }
          staged.keys[block][at] = numbers[i] * fieldCount + field;
          staged.values[block][at] = paper * TF_SPAN + Math.min(term.tf, TF_MASK);
          staged.count++;
        }
        this.totalPostings += found.length;
      }
    }
  }

  /**
   * The second half of a bulk build: sorts the staged postings into one
   * buffer, each list a contiguous view of it after the postings it already
   * had. Its scratch is sized once, from the staged postings and the words.
   */
  flush(): void {
    const staged = this.staged;
    if (!staged) return;
    this.staged = undefined;
    const fieldCount = this.fieldCount;
    const { keys, values, count: n } = staged;
    // Per list: the postings this batch adds to it.
    const counts = new Int32Array(this.table.size * fieldCount);
    for (let i = 0; i < n; i++) counts[keys[i >>> STAGE_SHIFT][i & (STAGE_BLOCK - 1)]]++;
    let total = 0;
    for (let key = 0; key < counts.length; key++) {
      if (counts[key] === 0) continue;
      total += (this.terms[(key / fieldCount) | 0]!.fields[key % fieldCount]?.size ?? 0) + counts[key];
    }
    // Where each list's next posting goes in the buffer.
    const next = new Int32Array(counts.length);
    const buffer = new Int32Array(total);
    let at = 0;
    for (let key = 0; key < counts.length; key++) {
      if (counts[key] === 0) continue;
      const old = this.terms[(key / fieldCount) | 0]!.fields[key % fieldCount];
      if (old) {
        buffer.set(old.list.subarray(0, old.size), at);
        at += old.size;
      }
      next[key] = at;
      at += counts[key];
    }
    for (let block = 0; block < keys.length; block++) {
      const blockKeys = keys[block];
      const blockValues = values[block];
      const size = Math.min(STAGE_BLOCK, n - block * STAGE_BLOCK);
      for (let i = 0; i < size; i++) buffer[next[blockKeys[i]]++] = blockValues[i];
    }
    for (let key = 0; key < counts.length; key++) {
      if (counts[key] === 0) continue;
      const term = this.terms[(key / fieldCount) | 0]!;
      const field = key % fieldCount;
      const end = next[key];
      const old = term.fields[field];
      if (old) {
        old.list = buffer.subarray(end - counts[key] - old.size, end);
        old.size += counts[key];
        old.live += counts[key];
      } else {
        term.fields[field] = { list: buffer.subarray(end - counts[key], end), size: counts[key], live: counts[key] };
      }
    }
  }

  /**
   * The distinct words of one field, each with its count in `tf`; with
   * `create`, words new to the index are added to it, otherwise left out.
   * The array is scratch, valid until the next call.
   */
  private split(text: string, create: boolean): Term[] {
    const found = this.fieldTerms;
    const numbers = this.fieldNumbers;
    found.length = 0;
    numbers.length = 0;
    if (text === '') return found;
    const pass = ++this.pass;
    this.table.scan(text, create, (number) => {
      let term = this.terms[number];
      if (!term) {
        term = { word: this.table.word(number), listed: true, papers: 0, fields: [], pass: 0, tf: 0, paper: -1 };
        this.terms[number] = term;
        this.vocabulary.add(term.word);
      } else if (!term.listed && create) {
        term.listed = true;
        this.vocabulary.add(term.word);
      }
      if (term.pass !== pass) {
        term.pass = pass;
        term.tf = 1;
        found.push(term);
        numbers.push(number);
      } else {
        term.tf++;
      }
    });
    return found;
  }

  /** Merges the words added since into the sorted vocabulary: a bulk build ends with it, so the first query pays nothing. */
  settle(): void {
    this.flush();
    this.vocabulary.settle(true);
    // Lists grow by doubling or more; after a bulk build the room left over would be a third of the index.
    for (const term of this.terms) {
      for (const postings of term?.fields ?? []) {
        if (postings && postings.list.length > postings.size + 4) postings.list = postings.list.slice(0, postings.size);
      }
    }
  }

  /**
   * Drops a paper. `texts` must be what it was added with: its words are
   * found from them rather than kept per paper. Its postings stay until the
   * next compaction, skipped by queries.
   */
  remove(id: string, texts: readonly string[]): boolean {
    this.flush();
    const paper = this.numbers.get(id);
    if (paper === undefined) return false;
    this.numbers.delete(id);
    this.ids[paper] = undefined;
    // Marks the words of this paper already counted down, so each loses one paper however many fields hold it.
    const gone = -2 - paper;
    for (let field = 0; field < this.fieldCount; field++) {
      this.totalLength[field] -= this.lengths[field][paper] ?? 0;
      for (const term of this.split(texts[field] ?? '', false)) {
        const postings = term.fields[field];
        if (!postings) continue;
        postings.live--;
        this.deadPostings++;
        if (term.paper !== gone) {
          term.paper = gone;
          term.papers--;
        }
      }
    }
    if (this.deadPostings > DEAD_MIN && this.deadPostings > DEAD_SHARE * this.totalPostings) this.compact();
    return true;
  }

  clear(): void {
    this.staged = undefined;
    this.table = new TermTable();
    this.terms = [];
    this.vocabulary.clear();
    this.fieldTerms.length = 0;
    this.fieldNumbers.length = 0;
    this.ids = [];
    this.numbers.clear();
    this.lengths = Array.from({ length: this.fieldCount }, () => []);
    this.totalLength.fill(0);
    this.deadPostings = 0;
    this.totalPostings = 0;
  }

  /**
   * The index's state without its removed papers (renumbered in order) and
   * without the words no live paper holds, as compaction would leave it. A
   * generator, so a caller can yield to the event loop between steps; the
   * index must not change until it returns.
   */
  *exportState(): Generator<void, IndexState> {
    this.flush();
    this.vocabulary.settle(true);
    const { renumber, ids } = liveNumbering(this.ids);
    const lengths = this.lengths.map((byPaper) => {
      const kept = new Int32Array(ids.length);
      for (let paper = 0; paper < byPaper.length; paper++) if (renumber[paper] >= 0) kept[renumber[paper]] = byPaper[paper] ?? 0;
      return kept;
    });
    const terms: Term[] = [];
    for (const word of this.vocabulary.words()) {
      const term = this.live(word);
      if (term) terms.push(term);
    }
    const fieldCount = this.fieldCount;
    const sizes = new Int32Array(terms.length * fieldCount);
    let total = 0;
    for (let t = 0; t < terms.length; t++) {
      for (let field = 0; field < fieldCount; field++) {
        const postings = terms[t].fields[field];
        if (postings) sizes[t * fieldCount + field] = postings.live;
        total += postings?.live ?? 0;
      }
    }
    const postings = new Int32Array(total);
    let at = 0;
    let copied = 0;
    for (let t = 0; t < terms.length; t++) {
      for (let field = 0; field < fieldCount; field++) {
        const list = terms[t].fields[field];
        if (!list || list.live === 0) continue;
        for (let p = 0; p < list.size; p++) {
          const paper = renumber[list.list[p] >>> TF_BITS];
          if (paper >= 0) postings[at++] = paper * TF_SPAN + (list.list[p] & TF_MASK);
        }
        copied += list.size;
      }
      if (copied >= EXPORT_STEP) {
        copied = 0;
        yield;
      }
    }
    return { ids, lengths, words: terms.map((term) => term.word), papers: Int32Array.from(terms, (term) => term.papers), sizes, postings };
  }

  /** An index holding exactly this state (see exportState); the lists are views into `state.postings`, copied only when they grow. */
  static fromState(fieldCount: number, state: IndexState): InvertedIndex {
    const steps = InvertedIndex.fromStateSteps(fieldCount, state);
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  }

  /**
   * fromState() in steps: it yields after every `step` words entered and `step` papers
   * numbered or their lengths copied (4,096 by default: a millisecond or two of work), so
   * restoring a large library gives the event loop back. The index is the caller's only
   * once it is returned, so how the steps are spaced changes nothing in it.
   */
  static *fromStateSteps(fieldCount: number, state: IndexState, step = 4096): Generator<void, InvertedIndex> {
    const every = Math.max(1, Math.floor(step));
    const index = new InvertedIndex(fieldCount);
    const { words, papers, sizes, postings } = state;
    let at = 0;
    for (let t = 0; t < words.length; t++) {
      if (t % every === every - 1) yield;
      const fields: (Postings | undefined)[] = [];
      for (let field = 0; field < fieldCount; field++) {
        const size = sizes[t * fieldCount + field];
        if (size > 0) fields[field] = { list: postings.subarray(at, at + size), size, live: size };
        at += size;
      }
      index.terms[index.table.add(words[t])] = { word: words[t], listed: true, papers: papers[t], fields, pass: 0, tf: 0, paper: -1 };
    }
    yield;
    index.vocabulary.resetSorted(words.slice());
    index.ids = state.ids.slice();
    for (let paper = 0; paper < state.ids.length; paper++) {
      if (paper % every === every - 1) yield;
      index.numbers.set(state.ids[paper], paper);
    }
    // Copied into plain arrays, as add() grows them, in steps too: a field's lengths are
    // one number per paper, and a large library's copy took tens of milliseconds whole.
    index.lengths = [];
    for (let field = 0; field < fieldCount; field++) {
      const byPaper = state.lengths[field];
      const copy: number[] = [];
      let sum = 0;
      for (let paper = 0; paper < byPaper.length; paper++) {
        if (paper % every === every - 1) yield;
        copy.push(byPaper[paper]);
        sum += byPaper[paper];
      }
      index.lengths.push(copy);
      index.totalLength[field] = sum;
    }
    index.totalPostings = postings.length;
    return index;
  }

  /**
   * The words of the index a query word stands for: itself, its completions
   * (weighted down as they grow longer) and its near spellings (weighted down
   * by distance), as MiniSearch weighs them.
   */
  expand(word: string, options: ExpandOptions): Variant[] {
    this.flush();
    const variants: Variant[] = [];
    const taken = new Set<string>();
    const exact = this.live(word);
    if (exact) {
      variants.push({ word, weight: 1, term: exact });
      taken.add(word);
    }
    if (options.prefix) {
      this.vocabulary.withPrefix(word, (other) => {
        const term = this.live(other);
        if (!term || taken.has(other)) return;
        const distance = other.length - word.length;
        variants.push({ word: other, weight: (options.prefixWeight * other.length) / (other.length + 0.3 * distance), term });
        taken.add(other);
      });
    }
    if (options.fuzzy > 0) {
      this.vocabulary.near(word, options.fuzzy, (other, distance) => {
        const term = this.live(other);
        if (!term || taken.has(other)) return;
        variants.push({ word: other, weight: (options.fuzzyWeight * other.length) / (other.length + distance), term });
        taken.add(other);
      });
    }
    return variants;
  }

  /** The word's entry while some live paper holds it. */
  private live(word: string): Term | undefined {
    const number = this.table.find(word);
    const term = number >= 0 ? this.terms[number] : undefined;
    return term && term.papers > 0 ? term : undefined;
  }

  /** Ids of the papers holding every word exactly, in any field. */
  papersWithAll(words: readonly string[]): string[] {
    this.flush();
    this.prepareScratch();
    return this.papersHolding(words).map((paper) => this.ids[paper]!);
  }

  /** Live papers holding every word exactly, in any field, unordered. */
  private papersHolding(words: readonly string[]): number[] {
    const terms: Term[] = [];
    for (const word of words) {
      const term = this.live(word);
      if (!term) return [];
      terms.push(term);
    }
    const fields = Array.from({ length: this.fieldCount }, (_, i) => i);
    terms.sort((a, b) => termPostings(a, fields) - termPostings(b, fields));
    let papers: number[] | undefined;
    for (const term of terms) {
      const mark = this.nextTick();
      const next: number[] = [];
      for (const postings of term.fields) {
        if (!postings) continue;
        const list = postings.list;
        for (let p = 0; p < postings.size; p++) {
          const paper = list[p] >>> TF_BITS;
          if (this.wordSeen[paper] === mark || this.ids[paper] === undefined) continue;
          this.wordSeen[paper] = mark;
          if (!papers) next.push(paper);
        }
      }
      papers = papers ? papers.filter((paper) => this.wordSeen[paper] === mark) : next;
      if (papers.length === 0) break;
    }
    return papers ?? [];
  }

  /**
   * Scores the papers matching the query words in the given fields (field
   * boosts apply) and returns the best `limit`, best first. Each query word
   * sums over its variants and fields; the words' scores add up.
   */
  run(query: readonly QueryWord[], options: RunOptions): Hit[] {
    this.flush();
    const { fields, mode } = options;
    if (query.length === 0) return [];
    if (mode === 'and' && query.some((variants) => variants.length === 0)) return [];
    this.prepareScratch();
    const excluded = (options.exclude ?? []).map((words) => this.papersHolding(words));
    const stamp = this.nextTick();
    for (const papers of excluded) for (const paper of papers) this.blocked[paper] = stamp;
    const only = options.only !== undefined;
    if (options.only) {
      for (const id of options.only) {
        const paper = this.numbers.get(id);
        if (paper !== undefined) this.allowed[paper] = stamp;
      }
    }
    const touched: number[] = [];
    const live = this.numbers.size;
    const averages = fields.map((field) => (live > 0 ? this.totalLength[field] / live : 0));
    // Rarest word first: in an AND query the later words only score the papers still in.
    const order = query.map((variants, i) => ({ i, size: this.postingCount(variants, fields) }));
    if (mode === 'and') order.sort((a, b) => a.size - b.size);
    for (let step = 0; step < order.length; step++) {
      const variants = query[order[step].i];
      const wordStamp = this.nextTick();
      // Papers that matched every earlier word have count === step.
      const admitOnly = mode === 'and' && step > 0;
      for (const variant of variants) {
        for (let f = 0; f < fields.length; f++) {
          const field = fields[f];
          const postings = variant.term.fields[field];
          if (!postings || postings.live === 0) continue;
          const idf = Math.log(1 + (live - postings.live + 0.5) / (postings.live + 0.5));
          const weight = variant.weight * (options.boosts?.[field] ?? 1) * idf;
          const lengths = this.lengths[field];
          const norm = averages[f] > 0 ? B / averages[f] : 0;
          const list = postings.list;
          // Locals, shifts and masks: this loop is nearly all of a query's time.
          const { ids, seen, wordSeen, count, score, blocked, allowed } = this;
          const size = postings.size;
          for (let p = 0; p < size; p++) {
            const posting = list[p];
            const paper = posting >>> TF_BITS;
            if (ids[paper] === undefined) continue;
            if (seen[paper] !== stamp) {
              if (admitOnly || blocked[paper] === stamp || (only && allowed[paper] !== stamp)) continue;
              seen[paper] = stamp;
              count[paper] = 0;
              score[paper] = 0;
              touched.push(paper);
            }
            if (wordSeen[paper] !== wordStamp) {
              // In an AND query a paper stays in only while it holds every word so far.
              if (admitOnly && count[paper] !== step) continue;
              wordSeen[paper] = wordStamp;
              count[paper]++;
            }
            const tf = posting & TF_MASK;
            score[paper] += weight * (D + (tf * (K + 1)) / (tf + K * (1 - B + norm * lengths[paper])));
          }
        }
      }
    }
    const need = mode === 'and' ? query.length : 1;
    return this.best(touched, need, options);
  }

  /** The words of each field that hold the paper, among the given variants. */
  matches(paper: number, query: readonly QueryWord[], fields: readonly number[]): Map<number, string[]> {
    this.flush();
    const byField = new Map<number, string[]>();
    for (const variants of query) {
      for (const variant of variants) {
        for (const field of fields) {
          const postings = variant.term.fields[field];
          if (!postings || !holds(postings, paper)) continue;
          const words = byField.get(field);
          if (!words) byField.set(field, [variant.word]);
          else if (!words.includes(variant.word)) words.push(variant.word);
        }
      }
    }
    return byField;
  }

  /** Ids of live papers holding a word starting with `prefix` in the given fields. */
  papersWithPrefix(prefix: string, fields: readonly number[]): string[] {
    this.flush();
    const papers = new Set<number>();
    this.vocabulary.withPrefix(prefix, (word) => {
      const term = this.live(word);
      if (!term) return;
      for (const field of fields) {
        const postings = term.fields[field];
        if (!postings) continue;
        for (let p = 0; p < postings.size; p++) papers.add(postings.list[p] >>> TF_BITS);
      }
    });
    const ids: string[] = [];
    for (const paper of papers) {
      const id = this.ids[paper];
      if (id !== undefined) ids.push(id);
    }
    return ids;
  }

  /** The `limit` best of the touched papers that matched `need` words and pass `accept`, best first. */
  private best(touched: readonly number[], need: number, options: RunOptions): Hit[] {
    const { accept, limit } = options;
    if (!(limit > 0)) return [];
    const { ids, count, score } = this;
    // More words first, then the higher score, then the paper added first: a total order.
    const compare = (a: number, b: number) => count[b] - count[a] || score[b] - score[a] || a - b;
    const matched = (paper: number) => count[paper] >= need;
    const chosen = !accept || !Number.isFinite(limit)
      ? bestNumbers(touched, limit, compare, accept ? (paper) => matched(paper) && accept(ids[paper]!) : matched)
      : this.bestPassing(touched, limit, compare, matched, (paper) => accept(ids[paper]!));
    return chosen.map((paper) => ({ id: ids[paper]!, score: score[paper], words: count[paper], paper }));
  }

  /**
   * The best `limit` papers that pass `accept`. Checking a filter reads the
   * paper's fields, scattered over the heap, where ranking reads two numbers
   * of these arrays: the best twice the page are ranked first and checked in
   * order, then the best eight times the page past those. When even these
   * leave the page short, the filter fails on most papers: ranking wider
   * would walk every paper again for each widening, so the rest are walked
   * once, each checked when it would make the page. No paper is checked twice.
   */
  private bestPassing(touched: readonly number[], limit: number, compare: (a: number, b: number) => number,
    matched: (paper: number) => boolean, accept: (paper: number) => boolean): number[] {
    const chosen: number[] = [];
    let checked = 0;
    let ranked: number[] = [];
    for (const ranking of [2 * limit, 8 * limit]) {
      ranked = bestNumbers(touched, ranking, compare, matched);
      for (; checked < ranked.length && chosen.length < limit; checked++) {
        if (accept(ranked[checked])) chosen.push(ranked[checked]);
      }
      if (chosen.length >= limit || ranked.length < ranking) return chosen;
    }
    const last = ranked[ranked.length - 1];
    return chosen.concat(bestNumbers(touched, limit - chosen.length, compare, (paper) => matched(paper) && compare(last, paper) < 0 && accept(paper)));
  }

  private postingCount(variants: QueryWord, fields: readonly number[]): number {
    return variants.reduce((total, variant) => total + termPostings(variant.term, fields), 0);
  }

  private nextTick(): number {
    if (this.tick >= 0xfffffff0) {
      this.tick = 0;
      for (const marks of [this.seen, this.wordSeen, this.allowed, this.blocked]) marks.fill(0);
    }
    return ++this.tick;
  }

  private prepareScratch(): void {
    const needed = this.ids.length;
    if (this.seen.length >= needed) return;
    const size = Math.max(needed, Math.ceil(this.seen.length * 1.5), 1024);
    this.seen = new Uint32Array(size);
    this.wordSeen = new Uint32Array(size);
    this.allowed = new Uint32Array(size);
    this.blocked = new Uint32Array(size);
    this.count = new Uint16Array(size);
    this.score = new Float64Array(size);
    this.tick = 0;
  }

  /** Drops removed papers' postings and renumbers the live papers in order. */
  private compact(): void {
    this.flush();
    const { renumber, ids } = liveNumbering(this.ids);
    ids.forEach((id, paper) => this.numbers.set(id, paper));
    this.lengths = this.lengths.map((lengths) => {
      const next: number[] = [];
      for (let paper = 0; paper < lengths.length; paper++) if (renumber[paper] >= 0) next[renumber[paper]] = lengths[paper];
      return next;
    });
    let total = 0;
    for (const term of this.terms) {
      if (!term) continue;
      if (term.papers <= 0) {
        // Its number stays (the table never forgets a word); its lists and its place in the vocabulary go.
        term.fields = [];
        term.listed = false;
        continue;
      }
      // Paper numbers change: a stale mark could match a renumbered paper.
      term.paper = -1;
      for (const postings of term.fields) {
        if (!postings) continue;
        let live = 0;
        for (let p = 0; p < postings.size; p++) if (renumber[postings.list[p] >>> TF_BITS] >= 0) live++;
        const list = new Int32Array(Math.max(live, 1));
        let size = 0;
        for (let p = 0; p < postings.size; p++) {
          const posting = postings.list[p];
          const paper = renumber[posting >>> TF_BITS];
          if (paper >= 0) list[size++] = paper * TF_SPAN + (posting & TF_MASK);
        }
        postings.list = list;
        postings.size = size;
        total += size;
      }
    }
    this.vocabulary.retain((word) => this.live(word) !== undefined);
    this.ids = ids;
    this.totalPostings = total;
    this.deadPostings = 0;
  }
}
