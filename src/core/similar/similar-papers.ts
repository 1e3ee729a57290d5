/**
 * "More like this" over every paper of the workspace: BM25 over title,
 * abstract and keywords, queried with the paper's own most telling words (the
 * way Lucene's MoreLikeThis does: its terms ranked by tf-idf, the top
 * MAX_QUERY_TERMS kept). Those are the rarer words of the paper, whose
 * postings are short, so a card's five neighbours cost a few thousand
 * additions, not a pass over the library.
 *
 * The model is kept up to date paper by paper (upsert, remove): BM25 needs
 * only each term's document count and the mean length, both kept as running
 * totals, so an edited digest re-indexes its own papers and nothing else.
 */
import type { BulkOptions } from '../search';
import { forEachTerm, forEachWord } from './similar-terms';

/** What the model reads of a paper. A SearchDoc or a Paper fits as it is. */
export interface SimilarInput {
  id: string;
  title: string;
  abstract: string;
  keywords?: readonly string[];
}

export interface SimilarPaper {
  id: string;
  /** BM25 of the paper against this one's query words; higher is closer, comparable within one list. */
  score: number;
  /** Words both papers have, as this paper writes them, most telling first. */
  shared: string[];
}

export const DEFAULT_SIMILAR_LIMIT = 5;
const MAX_SIMILAR_LIMIT = 100;
/** Lucene MoreLikeThis's default: enough words to pin the topic, few enough to stay fast. */
const MAX_QUERY_TERMS = 25;
const MAX_SHARED = 8;
/** A word in the title or a keyword says more about the topic than one in the abstract. */
const TITLE_WEIGHT = 2;
const KEYWORD_WEIGHT = 2;
const K1 = 1.2;
const B = 0.75;

interface Slot {
  input: SimilarInput;
  /** Term numbers, ascending, and the weighted count of each. */
  terms: Int32Array;
  counts: Int32Array;
  length: number;
}

export class SimilarPapers {
  private readonly slotOf = new Map<string, number>();
  private slots: (Slot | undefined)[] = [];
  private readonly termNumbers = new Map<string, number>();
  private docCounts: number[] = [];
  /** Per term: the slots holding it, and the term's weighted count in each. */
  private postingSlots: number[][] = [];
  private postingCounts: number[][] = [];
  private totalLength = 0;
  private deadSlots = 0;
  /** Per slot: the paper's weighted length, NaN once removed (the scoring loop reads it for every posting). */
  private lengths = new Float64Array(1024);
  private scores = new Float64Array(0);
  private names: string[] = [];
  /** Scratch counts per term number while a paper is added. */
  private scratch = new Int32Array(1024);

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Adds the paper or replaces what the model knew of it. */
  upsert(input: SimilarInput): void {
    const at = this.slotOf.get(input.id);
    if (at !== undefined) {
      const previous = this.slots[at]!.input;
      if (previous.title === input.title && previous.abstract === input.abstract && sameWords(previous.keywords, input.keywords)) {
        this.slots[at]!.input = input;
        return;
      }
      this.remove(input.id);
    }
    this.add(input);
  }

  upsertMany(inputs: Iterable<SimilarInput>): void {
    for (const input of inputs) this.upsert(input);
  }

  /**
   * The bulk build in slices with a yield to the event loop between them, as
   * PaperSearch.upsertManyAsync does: 50,000 abstracts take a few seconds,
   * which must not block the extension host in one stretch.
   */
  async upsertManyAsync(inputs: readonly SimilarInput[], options: BulkOptions = {}): Promise<void> {
    const sliceMs = Math.max(1, options.sliceMs ?? 15);
    let at = 0;
    while (at < inputs.length && !options.signal?.aborted) {
      if (at > 0) await new Promise<void>((resolve) => setTimeout(resolve, 0));
      // The clock is read as the slice goes, not foretold from the last one: a slice sized
      // from a fast one ran for hundreds of milliseconds when the host slowed down.
      const began = Date.now();
      do this.upsert(inputs[at++]);
      while (at < inputs.length && ((at & 7) !== 0 || Date.now() - began < sliceMs));
    }
  }

  remove(id: string): boolean {
    const at = this.slotOf.get(id);
    if (at === undefined) return false;
    const slot = this.slots[at]!;
    for (const term of slot.terms) this.docCounts[term]--;
    this.totalLength -= slot.length;
    this.slots[at] = undefined;
    this.lengths[at] = NaN;
    this.slotOf.delete(id);
    this.deadSlots++;
    // Postings keep pointing at removed slots until they outnumber the live ones.
    if (this.deadSlots > 1000 && this.deadSlots > this.slotOf.size) this.compact();
    return true;
  }

  clear(): void {
    this.slotOf.clear();
    this.slots = [];
    this.termNumbers.clear();
    this.docCounts = [];
    this.postingSlots = [];
    this.postingCounts = [];
    this.lengths = new Float64Array(1024);
    this.totalLength = 0;
    this.deadSlots = 0;
  }

  /** The papers most like this one, closest first (ties by id), never the paper itself. */
  similar(id: string, limit = DEFAULT_SIMILAR_LIMIT): SimilarPaper[] {
    const at = this.slotOf.get(id);
    const want = Number.isFinite(limit) ? Math.min(MAX_SIMILAR_LIMIT, Math.max(0, Math.floor(limit))) : 0;
    if (at === undefined || want === 0) return [];
    const slot = this.slots[at]!;
    const query = this.queryTerms(slot);
    if (query.length === 0) return [];

    if (this.scores.length < this.slots.length) this.scores = new Float64Array(this.slots.length);
    const scores = this.scores;
    const lengths = this.lengths;
    const touched: number[] = [];
    const live = this.slotOf.size;
    const lengthScale = (K1 * B) / (this.totalLength / live || 1);
    for (const term of query) {
      const df = this.docCounts[term];
      const idf = Math.log(1 + (live - df + 0.5) / (df + 0.5));
      const slots = this.postingSlots[term];
      const counts = this.postingCounts[term];
      for (let i = 0; i < slots.length; i++) {
        const s = slots[i];
        const length = lengths[s];
        // A removed paper's NaN length fails this test too.
        if (s === at || !(length >= 0)) continue;
        const tf = counts[i];
        if (scores[s] === 0) touched.push(s);
        scores[s] += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B) + lengthScale * length);
      }
    }
    const best = topOf(touched, scores, this.slots, want);
    for (const s of touched) scores[s] = 0;
    const words = displayWords(slot.input);
    return best.map(({ slot: s, score }) => {
      const other = this.slots[s]!;
      return { id: other.input.id, score, shared: this.shared(slot, other, words) };
    });
  }

  /** The paper's terms that other papers also hold, most telling first (tf-idf), at most MAX_QUERY_TERMS. */
  private queryTerms(slot: Slot): number[] {
    const live = this.slotOf.size;
    const ranked: { term: number; weight: number }[] = [];
    for (let i = 0; i < slot.terms.length; i++) {
      const term = slot.terms[i];
      const df = this.docCounts[term];
      if (df < 2) continue;
      ranked.push({ term, weight: slot.counts[i] * Math.log(live / df) });
    }
    ranked.sort((a, b) => b.weight - a.weight || a.term - b.term);
    return ranked.slice(0, MAX_QUERY_TERMS).map((r) => r.term);
  }

  /** Terms of both papers, as `words` (this paper's) writes them, rarest first. */
  private shared(slot: Slot, other: Slot, words: Map<string, string>): string[] {
    const common: { term: number; df: number }[] = [];
    const a = slot.terms;
    const b = other.terms;
    for (let i = 0, j = 0; i < a.length && j < b.length; ) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else {
        common.push({ term: a[i], df: this.docCounts[a[i]] });
        i++;
        j++;
      }
    }
    common.sort((x, y) => x.df - y.df || x.term - y.term);
    const names = this.termNames();
    const out: string[] = [];
    for (const { term } of common.slice(0, MAX_SHARED)) {
      const name = names[term];
      out.push(words.get(name) ?? name);
    }
    return out;
  }

  /** Term names by number, rebuilt when terms were added. */
  private termNames(): string[] {
    if (this.names.length !== this.termNumbers.size) {
      this.names = new Array<string>(this.termNumbers.size);
      for (const [name, n] of this.termNumbers) this.names[n] = name;
    }
    return this.names;
  }

  private add(input: SimilarInput): void {
    const terms: number[] = [];
    let length = 0;
    const count = (weight: number) => (term: string) => {
      let n = this.termNumbers.get(term);
      if (n === undefined) {
        n = this.termNumbers.size;
        this.termNumbers.set(term, n);
        this.docCounts.push(0);
        this.postingSlots.push([]);
        this.postingCounts.push([]);
        if (n >= this.scratch.length) this.scratch = grownInts(this.scratch, n + 1);
      }
      if (this.scratch[n] === 0) terms.push(n);
      this.scratch[n] += weight;
      length += weight;
    };
    forEachTerm(text(input.title), count(TITLE_WEIGHT));
    forEachTerm(text(input.abstract), count(1));
    for (const keyword of Array.isArray(input.keywords) ? input.keywords : []) forEachTerm(text(keyword), count(KEYWORD_WEIGHT));
    const sorted = Int32Array.from(terms).sort();
    const counts = Int32Array.from(sorted, (t) => this.scratch[t]);
    for (const t of terms) this.scratch[t] = 0;
    this.place({ input, terms: sorted, counts, length });
  }

  /** Gives the paper the next slot and its postings. */
  private place(slot: Slot): void {
    const slotNumber = this.slots.length;
    this.slots.push(slot);
    this.slotOf.set(slot.input.id, slotNumber);
    if (slotNumber >= this.lengths.length) this.lengths = grownFloats(this.lengths, slotNumber + 1);
    this.lengths[slotNumber] = slot.length;
    this.totalLength += slot.length;
    for (let i = 0; i < slot.terms.length; i++) {
      const term = slot.terms[i];
      this.docCounts[term]++;
      this.postingSlots[term].push(slotNumber);
      this.postingCounts[term].push(slot.counts[i]);
    }
  }

  /** Drops removed papers from the postings, numbering the live ones afresh. */
  private compact(): void {
    const live = this.slots.filter((slot): slot is Slot => slot !== undefined);
    this.slots = [];
    this.slotOf.clear();
    this.postingSlots = this.postingSlots.map(() => []);
    this.postingCounts = this.postingCounts.map(() => []);
    this.docCounts = this.docCounts.map(() => 0);
    this.lengths = new Float64Array(Math.max(1024, live.length));
    this.totalLength = 0;
    this.deadSlots = 0;
    for (const slot of live) this.place(slot);
  }
}

/** A copy at least `size` long, doubling so that growing stays linear. */
function grownInts(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

function grownFloats(array: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function sameWords(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((word, i) => word === b[i]);
}

/** How the paper writes each of its terms, the title's spelling first ("Mamba", not "mamba"). */
function displayWords(input: SimilarInput): Map<string, string> {
  const words = new Map<string, string>();
  const keep = (term: string, word: string) => {
    if (!words.has(term)) words.set(term, word);
  };
  forEachWord(text(input.title), keep);
  for (const keyword of Array.isArray(input.keywords) ? input.keywords : []) forEachWord(text(keyword), keep);
  forEachWord(text(input.abstract), keep);
  return words;
}

/** The `want` best-scored slots, best first, ties by id: a partial selection, not a sort of every candidate. */
function topOf(candidates: readonly number[], scores: Float64Array, slots: readonly (Slot | undefined)[], want: number): { slot: number; score: number }[] {
  const best: { slot: number; score: number; id: string }[] = [];
  const before = (a: { score: number; id: string }, b: { score: number; id: string }) => a.score > b.score || (a.score === b.score && a.id < b.id);
  for (const s of candidates) {
    if (best.length === want && scores[s] < best[want - 1].score) continue;
    const item = { slot: s, score: scores[s], id: slots[s]!.input.id };
    if (best.length === want && !before(item, best[want - 1])) continue;
    let i = best.length < want ? best.length : want - 1;
    if (best.length < want) best.push(item);
    while (i > 0 && before(item, best[i - 1])) {
      best[i] = best[i - 1];
      i--;
    }
    best[i] = item;
  }
  return best.map(({ slot, score }) => ({ slot, score }));
}

/** What the model reads of a paper of the library: the newest digest's description of it. */
export function similarInputOf(entry: { id: string; paper: { title: string; abstract: string; keywords?: readonly string[] } }): SimilarInput {
  const { title, abstract, keywords } = entry.paper;
  return keywords ? { id: entry.id, title, abstract, keywords } : { id: entry.id, title, abstract };
}
