/**
 * Annotation anchoring: a W3C Web Annotation style TextQuoteSelector
 * (exact + prefix + suffix) with a TextPositionSelector (start/end), relative
 * to one field of a paper, and its re-attachment to edited text.
 *
 * Offsets are UTF-16 code units into the field's text (JavaScript string
 * indices), the same units the adapters use.
 *
 * ## Confidence
 *
 * A candidate span is scored by how many characters of evidence say it is the
 * annotated passage:
 *
 *   evidence = (quote length - ERROR_COST * edits inside the quote)
 *            + SIDE_EVIDENCE * prefix agreement + SIDE_EVIDENCE * suffix agreement
 *            + position bonus (up to POSITION_BONUS at the old offset)
 *
 * where a side's agreement is its edit-distance similarity above what
 * unrelated English text reaches by chance (so a lookalike's context adds next
 * to nothing), and a context cut short by the field's edge counts the edge,
 * found again at the same distance, as the rest of that context. Then
 *
 *   confidence = min(1, evidence / FULL_EVIDENCE) * (1 - edits / quote length)
 *
 * and a candidate below ANCHOR_CONFIDENCE_THRESHOLD (0.65, about 31 characters
 * of evidence) is never attached. What follows from the numbers:
 * - a quote with both sides of its context intact is found anywhere;
 * - an exact quote of 32 characters or more identifies itself, so a moved
 *   sentence re-attaches even when both of its neighbours changed;
 * - a short quote needs its surroundings: "42%" attaches where its context
 *   agrees, or where one side agrees and it is still near its old offset;
 *   never to the same number elsewhere, even in a parallel sentence that
 *   shares one side ("by up to 91% on X" / "by up to 37% on X");
 * - being at the old offset is worth a few characters, enough to break ties
 *   between identical copies, never enough to attach a lookalike on its own;
 * - each edit inside the quote cancels ERROR_COST characters of evidence, so
 *   a small edit in place re-attaches (its context vouches for it) while an
 *   edited copy elsewhere needs a long quote or agreeing context.
 */
import type { AnnotationAnchor } from '../model';
import { ANCHOR_CONTEXT_LENGTH, boundaryDistance, boundaryRun, compileContext, type ContextPattern } from './anchor-context';
import { compilePattern, matchStart, reverseUnits, scanMatchEnds } from './anchor-search';

export { ANCHOR_CONTEXT_LENGTH } from './anchor-context';

/** Below this confidence an annotation is orphaned rather than attached. */
export const ANCHOR_CONFIDENCE_THRESHOLD = 0.65;

/**
 * Evidence from one side whose whole context agrees. Less than the context's
 * 32 characters: a short quote with one agreeing side, far from where it was,
 * is as likely a parallel sentence as a move, and must fall short.
 */
const SIDE_EVIDENCE = 24;
/** Evidence, in characters, that earns full confidence: both sides whole. */
const FULL_EVIDENCE = 2 * SIDE_EVIDENCE;
/** Characters of quote evidence each edit inside the quote cancels. */
const ERROR_COST = 4;
/**
 * Edit-distance similarity below which a context counts for nothing. Unrelated
 * contexts in the seed abstracts reach 0.22 (median) and 0.47 (99.9th
 * percentile); parallel sentences ("In terms of simulation speed" / "In terms
 * of simulation+RL speed") reach about as far on one side, so that side must
 * do better than this to count.
 */
const CHANCE_SIMILARITY = 0.5;
/** How far (in characters) a field's edge may have moved and still count as the same edge. */
const EDGE_TOLERANCE = 16;
/** Evidence for a candidate exactly at the old offset, fading to 0 at POSITION_RANGE. */
const POSITION_BONUS = 8;
const POSITION_RANGE = 2 * ANCHOR_CONTEXT_LENGTH;
/**
 * Agreement of both sides' stored characters at which a candidate's context
 * is taken as intact: such a candidate is the passage, and the search stops
 * there. Anything less, and a later stage may find a better one (an edited
 * quote in place beats an exact copy in a parallel sentence).
 */
const INTACT_CONTEXT = 0.9;
/** Fuzzy search allows quote.length / 4 edits, at most this many. */
const MAX_FUZZY_ERRORS = 32;
/**
 * Exact occurrences listed at most: past this the text is periodic ("aaaa..."),
 * and each further indexOf would cost the quote's length.
 */
const MAX_OCCURRENCES = 2048;
/** Candidates fully scored per stage: the best by cheap context agreement... */
const MAX_RANKED_CANDIDATES = 24;
/** ...plus the ones nearest to the old offset. */
const MAX_NEAREST_CANDIDATES = 8;

export type AnchorMethod = 'position' | 'exact' | 'fuzzy';

export type AnchorResult =
  | { status: 'anchored'; start: number; end: number; confidence: number; method: AnchorMethod }
  | { status: 'orphaned'; reason: string; bestConfidence: number };

/** Counters of the work one or more re-anchorings did; pass one in to have it filled. */
export interface AnchorWork {
  /** Exact occurrences of the quote found by indexOf. */
  exactOccurrences: number;
  /** Approximate matches kept from the scan (at most MAX_RANKED_CANDIDATES + MAX_NEAREST_CANDIDATES a scan). */
  fuzzyMatches: number;
  /** Approximate scans: near the old offset, then the whole field (at most two a re-anchoring). */
  fuzzySearches: number;
  /** Candidates given the full context scoring (two bit-vector edit distances each). */
  candidatesScored: number;
}

export function newAnchorWork(): AnchorWork {
  return { exactOccurrences: 0, fuzzyMatches: 0, fuzzySearches: 0, candidatesScored: 0 };
}

/** Where the counts go when nobody asked for them: written, never read. */
const UNCOUNTED = newAnchorWork();

/**
 * Anchor for the span [start, end) of a field's text. Out-of-range or reversed
 * offsets are clamped and ordered; a context never splits a surrogate pair.
 */
export function createAnchor(field: 'title' | 'abstract', text: string, start: number, end: number): AnnotationAnchor {
  const source = typeof text === 'string' ? text : '';
  let s = clampOffset(start, source.length);
  let e = clampOffset(end, source.length);
  if (e < s) [s, e] = [e, s];
  let prefixStart = Math.max(0, s - ANCHOR_CONTEXT_LENGTH);
  if (prefixStart > 0 && isLowSurrogate(source.charCodeAt(prefixStart))) prefixStart++;
  let suffixEnd = Math.min(source.length, e + ANCHOR_CONTEXT_LENGTH);
  if (suffixEnd < source.length && isLowSurrogate(source.charCodeAt(suffixEnd))) suffixEnd--;
  return {
    field,
    exact: source.slice(s, e),
    prefix: source.slice(prefixStart, s),
    suffix: source.slice(e, suffixEnd),
    start: s,
    end: e,
  };
}

/**
 * Where the anchored passage is in `text` now: at its old offset, at an exact
 * copy of the quote, or at an approximate one, whichever the evidence best
 * supports; orphaned when nothing reaches ANCHOR_CONFIDENCE_THRESHOLD.
 * Never throws; a malformed anchor is reported as orphaned. Store
 * createAnchor(field, text, start, end) for an anchored result, so the next
 * re-anchoring starts from this text rather than from an ever older one.
 *
 * Work per call is linear in the text: one indexOf scan, at most two
 * approximate scans (about text length * (1 + allowed edits / 32) steps
 * each), and at most MAX_RANKED_CANDIDATES + MAX_NEAREST_CANDIDATES fully
 * scored candidates per stage, however repetitive the text.
 */
export function reanchor(anchor: AnnotationAnchor, text: string, work?: AnchorWork): AnchorResult {
  const counters = work ?? UNCOUNTED;
  const target = readAnchor(anchor);
  if (typeof target === 'string') return { status: 'orphaned', reason: target, bestConfidence: 0 };
  if (typeof text !== 'string' || text.length === 0) {
    return { status: 'orphaned', reason: 'the field is empty', bestConfidence: 0 };
  }
  const { exact, hint } = target;

  // 1. The old offset, when the quote is still there.
  if (hint >= 0 && text.startsWith(exact, hint)) {
    if (contextUnchanged(target, text, hint, hint + exact.length)) {
      return { status: 'anchored', start: hint, end: hint + exact.length, confidence: 1, method: 'position' };
    }
    counters.candidatesScored++;
    const here = score(target, text, hint, hint + exact.length, 0);
    if (here.intact) {
      return { status: 'anchored', start: hint, end: hint + exact.length, confidence: round3(here.confidence), method: 'position' };
    }
  }

  // 2. Exact occurrences of the quote. One with its whole context unchanged
  // is the passage, moved, and needs no scoring; the others are scored.
  const starts: number[] = [];
  const moved = findExact(target, text, starts);
  counters.exactOccurrences += starts.length;
  if (moved >= 0) {
    const end = moved + exact.length;
    return { status: 'anchored', start: moved, end, confidence: 1, method: moved === hint ? 'position' : 'exact' };
  }
  const occurrences = starts.map((start): Span => ({ start, end: start + exact.length, errors: 0 }));
  let best = bestOf(target, text, occurrences, counters);
  if (best?.intact) return anchored(best, hint);

  // 3. Approximate copies, first around the old offset, where an edit in
  // place leaves the quote; then, unless that settled it, in the whole field.
  const maxErrors = Math.min(MAX_FUZZY_ERRORS, Math.floor(exact.length / 4));
  if (maxErrors > 0) {
    const near: [number, number] | undefined =
      hint >= 0 ? [Math.max(0, hint - NEAR_SCAN), Math.min(text.length, hint + exact.length + NEAR_SCAN)] : undefined;
    const ranges: [number, number][] = near && (near[0] > 0 || near[1] < text.length) ? [near, [0, text.length]] : [[0, text.length]];
    for (const [from, to] of ranges) {
      // An acceptable candidate is not traded for an edited copy outside the old
      // neighbourhood: that would take a move, an edit and a lookalike at once.
      if (best && (best.intact || (from === 0 && to === text.length && best.confidence >= ANCHOR_CONFIDENCE_THRESHOLD))) break;
      counters.fuzzySearches++;
      const spans = approximateSpans(target, text, maxErrors, from, to);
      counters.fuzzyMatches += spans.length;
      const found = bestOf(target, text, spans, counters);
      if (found && (!best || found.rank > best.rank)) best = found;
    }
  }

  if (best && best.confidence >= ANCHOR_CONFIDENCE_THRESHOLD) return anchored(best, hint);
  const bestConfidence = best ? round3(best.confidence) : 0;
  return {
    status: 'orphaned',
    reason: best
      ? `only weak matches for the quote (best confidence ${bestConfidence} < ${ANCHOR_CONFIDENCE_THRESHOLD})`
      : 'the quote is no longer in the text',
    bestConfidence,
  };
}

/**
 * Re-anchors each anchor against its field's current text. `textOf` is asked
 * once per field.
 */
export function reanchorAll(
  anchors: readonly AnnotationAnchor[],
  textOf: (field: 'title' | 'abstract') => string,
  work?: AnchorWork,
): AnchorResult[] {
  const texts = new Map<'title' | 'abstract', string>();
  return anchors.map((anchor) => {
    const field = anchor?.field === 'title' ? 'title' : 'abstract';
    let text = texts.get(field);
    if (text === undefined) {
      text = textOf(field);
      texts.set(field, text);
    }
    return reanchor(anchor, text, work);
  });
}

interface Target {
  exact: string;
  /** At most ANCHOR_CONTEXT_LENGTH characters: a hostile notes file cannot buy more work. */
  prefixText: string;
  suffixText: string;
  /** Compiled on first use: most anchors are found without scoring anything. */
  compiled?: { prefix: ContextPattern; suffix: ContextPattern };
  /** Old start offset, or -1 when the anchor has none. */
  hint: number;
}

interface Span {
  start: number;
  end: number;
  errors: number;
}

interface Scored extends Span {
  confidence: number;
  rank: number;
  intact: boolean;
  distance: number;
}

function readAnchor(anchor: AnnotationAnchor): Target | string {
  if (!anchor || typeof anchor !== 'object') return 'the anchor is missing';
  if (typeof anchor.exact !== 'string') return 'the anchor has no quote';
  if (anchor.exact.length === 0) return 'the anchor quotes no text';
  const prefix = typeof anchor.prefix === 'string' ? anchor.prefix.slice(-ANCHOR_CONTEXT_LENGTH) : '';
  const suffix = typeof anchor.suffix === 'string' ? anchor.suffix.slice(0, ANCHOR_CONTEXT_LENGTH) : '';
  const hint = Number.isSafeInteger(anchor.start) && anchor.start >= 0 ? anchor.start : -1;
  return { exact: anchor.exact, prefixText: prefix, suffixText: suffix, hint };
}

/**
 * Approximate matches of the quote (at least one edit: exact ones were
 * weighed already). Of each run of adjacent match ends only the local minima
 * of the error count are kept, then a bounded number of them: the fewest
 * edits anywhere, and the nearest to where the quote used to end. Only those
 * get a start search.
 */
function approximateSpans(target: Target, text: string, maxErrors: number, from: number, to: number): Span[] {
  const { exact, hint } = target;
  const expectedEnd = hint >= 0 ? hint + exact.length : -1;
  const fewest = new BoundedBest(MAX_RANKED_CANDIDATES);
  const nearest = new BoundedBest(MAX_NEAREST_CANDIDATES);
  const offer = (end: number, errors: number) => {
    if (errors === 0) return;
    const distance = expectedEnd >= 0 ? Math.abs(end - expectedEnd) : 0;
    fewest.offer(end, errors * (text.length + 1) + distance);
    if (expectedEnd >= 0) nearest.offer(end, distance);
  };
  let previousEnd = -2;
  let previousErrors = Infinity;
  let previousIsLow = false;
  scanMatchEnds(text, compilePattern(exact), maxErrors, (end, errors) => {
    const adjacent = previousEnd === end - 1;
    if (previousIsLow && (!adjacent || previousErrors <= errors)) offer(previousEnd, previousErrors);
    previousIsLow = !adjacent || errors <= previousErrors;
    previousEnd = end;
    previousErrors = errors;
  }, from, to);
  if (previousIsLow) offer(previousEnd, previousErrors);

  const ends = new Set([...fewest.items(), ...nearest.items()]);
  if (ends.size === 0) return [];
  const reversed = compilePattern(reverseUnits(exact));
  const spans = new Map<string, Span>();
  for (const end of ends) {
    const { start, errors } = matchStart(text, end, reversed, maxErrors);
    if (end > start) spans.set(`${start}:${end}`, { start, end, errors });
  }
  return [...spans.values()];
}

/** The `size` items with the lowest keys offered so far (ties: the first offered). */
class BoundedBest {
  private readonly kept: { item: number; key: number }[] = [];

  constructor(private readonly size: number) {}

  offer(item: number, key: number): void {
    const kept = this.kept;
    if (kept.length === this.size && key >= kept[kept.length - 1].key) return;
    let at = kept.length;
    while (at > 0 && kept[at - 1].key > key) at--;
    kept.splice(at, 0, { item, key });
    if (kept.length > this.size) kept.pop();
  }

  items(): number[] {
    return this.kept.map((k) => k.item);
  }
}

function contexts(target: Target): { prefix: ContextPattern; suffix: ContextPattern } {
  target.compiled ??= { prefix: compileContext(target.prefixText, -1), suffix: compileContext(target.suffixText, 1) };
  return target.compiled;
}

/** How far before the old offset the search for a moved quote starts: edits nearby shift it by a little. */
const NEAR_SCAN = 256;

/**
 * The occurrence of the quote with its context unchanged nearest to the old
 * offset (-1 when none); every occurrence seen is added to `starts`. The scan starts a little
 * before the old offset and stops once no nearer unchanged occurrence can
 * follow, so a quote that merely shifted costs a short scan, not the whole
 * field; when nothing is found, every occurrence has been listed, up to
 * MAX_OCCURRENCES.
 */
function findExact(target: Target, text: string, starts: number[]): number {
  const { exact, hint } = target;
  const from = hint >= 0 ? Math.max(0, hint - NEAR_SCAN) : 0;
  let moved = -1;
  let movedDistance = Infinity;
  for (let at = text.indexOf(exact, from); at !== -1 && starts.length < MAX_OCCURRENCES; at = text.indexOf(exact, at + 1)) {
    const distance = hint >= 0 ? Math.abs(at - hint) : at;
    if (distance >= movedDistance) break;
    starts.push(at);
    if (contextUnchanged(target, text, at, at + exact.length)) {
      moved = at;
      movedDistance = distance;
    }
  }
  // Before `from` lie only occurrences farther than hint - from.
  if (from > 0 && movedDistance > hint - from) {
    for (let at = text.indexOf(exact); at !== -1 && at < from && starts.length < MAX_OCCURRENCES; at = text.indexOf(exact, at + 1)) {
      starts.push(at);
      if (hint - at < movedDistance && contextUnchanged(target, text, at, at + exact.length)) {
        moved = at;
        movedDistance = hint - at;
      }
    }
  }
  return moved;
}

/**
 * Whether both stored contexts sit unchanged around [start, end); a context
 * cut short by the field's edge must still end at that edge.
 */
function contextUnchanged(target: Target, text: string, start: number, end: number): boolean {
  const { prefixText: prefix, suffixText: suffix } = target;
  // One character short of a full context is a surrogate pair kept whole, not an edge.
  const full = ANCHOR_CONTEXT_LENGTH - 1;
  return (
    start >= prefix.length &&
    text.startsWith(prefix, start - prefix.length) &&
    (prefix.length >= full || start === prefix.length) &&
    text.startsWith(suffix, end) &&
    (suffix.length >= full || end + suffix.length === text.length)
  );
}

/**
 * Ranks candidates cheaply (exact runs of context at the boundaries), keeps a
 * bounded number of the best plus the nearest to the old offset, and scores
 * those fully. Ties go to the candidate nearest the old offset.
 */
function bestOf(target: Target, text: string, spans: readonly Span[], work: AnchorWork): Scored | undefined {
  if (spans.length === 0) return undefined;
  const distanceOf = (span: Span) => (target.hint >= 0 ? Math.abs(span.start - target.hint) : 0);
  let chosen: readonly Span[] = spans;
  if (spans.length > MAX_RANKED_CANDIDATES + MAX_NEAREST_CANDIDATES) {
    const cheap = spans.map((span, index) => ({
      index,
      agreement: boundaryRun(contexts(target).prefix, text, span.start) + boundaryRun(contexts(target).suffix, text, span.end),
      distance: distanceOf(span),
    }));
    cheap.sort((a, b) => b.agreement - a.agreement || a.distance - b.distance);
    const picked = new Set(cheap.slice(0, MAX_RANKED_CANDIDATES).map((c) => c.index));
    const nearest = cheap.slice(MAX_RANKED_CANDIDATES).sort((a, b) => a.distance - b.distance);
    for (const c of nearest.slice(0, MAX_NEAREST_CANDIDATES)) picked.add(c.index);
    chosen = [...picked].map((index) => spans[index]);
  }
  let best: Scored | undefined;
  for (const span of chosen) {
    work.candidatesScored++;
    const { confidence, rank, intact } = score(target, text, span.start, span.end, span.errors);
    const distance = distanceOf(span);
    if (!best || rank > best.rank || (rank === best.rank && distance < best.distance)) {
      best = { ...span, confidence, rank, intact, distance };
    }
  }
  return best;
}

/**
 * Confidence in [0, 1] that [start, end) is the anchored passage (see the
 * header); the same before capping at 1, which ranks candidates that both
 * reach full confidence (an edited quote's boundaries, say); and whether its
 * context is intact.
 */
function score(
  target: Target,
  text: string,
  start: number,
  end: number,
  errors: number,
): { confidence: number; rank: number; intact: boolean } {
  const quoteLength = target.exact.length;
  const quoteEvidence = Math.max(0, quoteLength - ERROR_COST * errors);
  const before = sideEvidence(contexts(target).prefix, text, start);
  const after = sideEvidence(contexts(target).suffix, text, end);
  const contextEvidence = before.evidence + after.evidence;
  let positionEvidence = 0;
  if (target.hint >= 0) {
    const distance = Math.abs(start - target.hint);
    positionEvidence = POSITION_BONUS * Math.max(0, 1 - distance / POSITION_RANGE);
  }
  const evidence = quoteEvidence + contextEvidence + positionEvidence;
  const quality = Math.max(0, 1 - errors / quoteLength);
  return {
    confidence: Math.min(1, evidence / FULL_EVIDENCE) * quality,
    rank: (evidence / FULL_EVIDENCE) * quality,
    intact: before.agreement >= INTACT_CONTEXT && after.agreement >= INTACT_CONTEXT,
  };
}

/**
 * Evidence from one side's context, at most SIDE_EVIDENCE. A context shorter
 * than ANCHOR_CONTEXT_LENGTH was cut by the field's edge: its characters count
 * for their share, and the edge, when the candidate sees it at about the same
 * distance, counts for the rest.
 */
function sideEvidence(context: ContextPattern, text: string, at: number): { evidence: number; agreement: number } {
  const length = context.text.length;
  const share = Math.min(1, length / ANCHOR_CONTEXT_LENGTH);
  // Nothing stored contradicts nothing: an empty context agrees, and earns only its edge.
  let agreement = 1;
  if (length > 0) {
    const similarity = 1 - boundaryDistance(context, text, at) / length;
    agreement = Math.max(0, (similarity - CHANCE_SIMILARITY) / (1 - CHANCE_SIMILARITY));
  }
  let edge = 0;
  if (share < 1) {
    const room = context.direction < 0 ? at : text.length - at;
    edge = Math.max(0, 1 - Math.abs(room - length) / EDGE_TOLERANCE);
  }
  return { evidence: SIDE_EVIDENCE * (share * agreement + (1 - share) * edge), agreement };
}

function anchored(best: Scored, hint: number): AnchorResult {
  const method: AnchorMethod = best.errors > 0 ? 'fuzzy' : best.start === hint ? 'position' : 'exact';
  return { status: 'anchored', start: best.start, end: best.end, confidence: round3(best.confidence), method };
}

function clampOffset(value: number, length: number): number {
  if (!Number.isFinite(value)) return value === Infinity ? length : 0;
  return Math.min(length, Math.max(0, Math.trunc(value)));
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Rounded down, so a reported confidence never overstates the comparison made with it. */
function round3(value: number): number {
  return Math.floor(value * 1000) / 1000;
}
