import { describe, expect, it } from 'vitest';
import {
  ANCHOR_CONFIDENCE_THRESHOLD,
  ANCHOR_CONTEXT_LENGTH,
  createAnchor,
  newAnchorWork,
  reanchor,
  reanchorAll,
  type AnchorResult,
} from '../../src/core/anchor/anchor';
import type { AnnotationAnchor } from '../../src/core/model/types';

const ABSTRACT =
  'We train a model on web data. It reaches 42% accuracy on MMLU, up from 30% before. ' +
  'On GSM8K the model reaches 42% too, which surprised us. Code and weights are released.';

function anchorOn(text: string, quote: string, occurrence = 0): AnnotationAnchor {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`test setup: "${quote}" not in text`);
  return createAnchor('abstract', text, at, at + quote.length);
}

function expectAnchored(result: AnchorResult): Extract<AnchorResult, { status: 'anchored' }> {
  if (result.status !== 'anchored') throw new Error(`expected anchored, got ${JSON.stringify(result)}`);
  expect(result.confidence).toBeGreaterThanOrEqual(ANCHOR_CONFIDENCE_THRESHOLD);
  expect(result.confidence).toBeLessThanOrEqual(1);
  return result;
}

function span(result: { start: number; end: number }): [number, number] {
  return [result.start, result.end];
}

function expectOrphaned(result: AnchorResult): Extract<AnchorResult, { status: 'orphaned' }> {
  if (result.status !== 'orphaned') throw new Error(`expected orphaned, got ${JSON.stringify(result)}`);
  expect(result.bestConfidence).toBeLessThan(ANCHOR_CONFIDENCE_THRESHOLD);
  expect(result.reason).not.toBe('');
  return result;
}

describe('createAnchor', () => {
  it('keeps the quote, 32 characters of context on each side and the offsets', () => {
    const at = ABSTRACT.indexOf('42%');
    const anchor = createAnchor('abstract', ABSTRACT, at, at + 3);
    expect(anchor).toEqual({
      field: 'abstract',
      exact: '42%',
      prefix: ABSTRACT.slice(at - ANCHOR_CONTEXT_LENGTH, at),
      suffix: ABSTRACT.slice(at + 3, at + 3 + ANCHOR_CONTEXT_LENGTH),
      start: at,
      end: at + 3,
    });
    expect(anchor.prefix).toBe('a model on web data. It reaches ');
    expect(anchor.suffix).toHaveLength(ANCHOR_CONTEXT_LENGTH);
  });

  it('clips the context at the ends of the field', () => {
    const title = 'xLSTM 7B: A Recurrent LLM for Fast and Efficient Inference';
    expect(createAnchor('title', title, 0, 5)).toMatchObject({ exact: 'xLSTM', prefix: '', start: 0, end: 5 });
    const end = title.length;
    expect(createAnchor('title', title, end - 9, end)).toMatchObject({ exact: 'Inference', suffix: '' });
    expect(createAnchor('title', title, 0, end)).toMatchObject({ exact: title, prefix: '', suffix: '' });
  });

  it('clamps and orders bad offsets instead of throwing', () => {
    expect(createAnchor('title', 'abc', 5, -2)).toMatchObject({ exact: 'abc', start: 0, end: 3 });
    expect(createAnchor('title', 'abc', Number.NaN, 2)).toMatchObject({ exact: 'ab', start: 0, end: 2 });
    expect(createAnchor('title', 'abcdef', 4, 1)).toMatchObject({ exact: 'bcd', start: 1, end: 4 });
  });

  it('never splits a surrogate pair at the edge of a context', () => {
    const text = '😀'.repeat(40) + 'quote' + '😀'.repeat(40);
    const anchor = createAnchor('abstract', text, 80, 85);
    expect(anchor.exact).toBe('quote');
    expect(anchor.prefix).toBe('😀'.repeat(16));
    expect(anchor.suffix).toBe('😀'.repeat(16));
    const odd = createAnchor('abstract', 'x' + text, 81, 86);
    expect(odd.prefix.charCodeAt(0)).not.toBeGreaterThanOrEqual(0xdc00);
    expect(odd.prefix.length).toBeLessThanOrEqual(ANCHOR_CONTEXT_LENGTH);
  });
});

describe('reanchor', () => {
  it('finds an unchanged annotation at its old offset with full confidence', () => {
    const anchor = anchorOn(ABSTRACT, '42%');
    expect(reanchor(anchor, ABSTRACT)).toEqual({
      status: 'anchored', start: anchor.start, end: anchor.end, confidence: 1, method: 'position',
    });
  });

  it('follows the quote when text is inserted or deleted before it', () => {
    const anchor = anchorOn(ABSTRACT, 'up from 30% before');
    const inserted = 'Abstract: ' + ABSTRACT;
    const result = expectAnchored(reanchor(anchor, inserted));
    expect(result).toMatchObject({ start: anchor.start + 10, method: 'exact', confidence: 1 });
    const deleted = ABSTRACT.slice('We train '.length);
    expect(expectAnchored(reanchor(anchor, deleted)).start).toBe(anchor.start - 'We train '.length);
  });

  it('keeps a short quote whose context was lightly edited', () => {
    const anchor = anchorOn(ABSTRACT, '42%');
    const edited = ABSTRACT.replace('It reaches 42% accuracy on MMLU', 'It now reaches 42% accuracy on  MMLU');
    const result = expectAnchored(reanchor(anchor, edited));
    expect(edited.slice(result.start, result.end)).toBe('42%');
    expect(result.start).toBe(edited.indexOf('42%'));
  });

  it('keeps a short quote when one side of its context is intact', () => {
    const anchor = anchorOn(ABSTRACT, '42%');
    const edited = ABSTRACT.replace('42% accuracy on MMLU, up from 30% before.', '42% on the MMLU benchmark.');
    const result = expectAnchored(reanchor(anchor, edited));
    expect(result.start).toBe(anchor.start);
    expect(result.confidence).toBeLessThan(1);
  });

  it('attaches an edited quote to the edited span, not to an unedited copy elsewhere', () => {
    const text = 'Our method reaches a new state of the art on long video QA. ' +
      'Baselines that skip frames fall short, yet they reach a new state of the art on short clips.';
    const anchor = anchorOn(text, 'a new state of the art on long video QA');
    const edited = text.replace('a new state of the art on long video QA', 'a new state-of-the-art on long-video QA');
    const result = expectAnchored(reanchor(anchor, edited));
    expect(result.method).toBe('fuzzy');
    expect(result.start).toBe(anchor.start);
    expect(edited.slice(result.start, result.end)).toBe('a new state-of-the-art on long-video QA');
  });

  it('finds an edited quote even when an exact copy with other context exists', () => {
    const text = 'In our runs the planner improves accuracy by 42 points on ALFWorld. ' +
      'Elsewhere, a reflex agent improves accuracy by 42 points on WebShop, as reported.';
    const anchor = anchorOn(text, 'improves accuracy by 42 points');
    const edited = text.replace('the planner improves accuracy by 42 points', 'the planner improves accuracy by 45 points');
    const result = expectAnchored(reanchor(anchor, edited));
    expect(result.method).toBe('fuzzy');
    expect(result.start).toBe(anchor.start);
  });

  it('re-attaches a moved sentence whose neighbours all changed', () => {
    const sentence = 'It reaches 42% accuracy on MMLU, up from 30% before.';
    const anchor = anchorOn(ABSTRACT, sentence);
    const moved = 'Code and weights are released. ' + sentence + ' We train a model on web data.';
    const result = expectAnchored(reanchor(anchor, moved));
    expect(result).toMatchObject({ start: moved.indexOf(sentence), method: 'exact' });
  });

  it('resolves a duplicated quote by its context', () => {
    const second = anchorOn(ABSTRACT, '42%', 1);
    const first = anchorOn(ABSTRACT, '42%', 0);
    const shifted = 'Summary. ' + ABSTRACT;
    expect(expectAnchored(reanchor(second, shifted)).start).toBe(second.start + 9);
    expect(expectAnchored(reanchor(first, shifted)).start).toBe(first.start + 9);
  });

  it('resolves copies with identical context by closeness to the old offset', () => {
    const block = 'The loss is 0.7 on the held-out split. ';
    const text = block + 'Between the copies sits other text of some length. ' + block;
    const second = anchorOn(text, '0.7', 1);
    const shifted = 'Intro. ' + text;
    expect(expectAnchored(reanchor(second, shifted)).start).toBe(second.start + 7);
    const first = anchorOn(text, '0.7', 0);
    expect(expectAnchored(reanchor(first, shifted)).start).toBe(first.start + 7);
  });

  it('orphans a deleted short quote instead of attaching it to the same number elsewhere', () => {
    const anchor = anchorOn(ABSTRACT, '42%');
    const deleted = ABSTRACT.replace('It reaches 42% accuracy on MMLU, up from 30% before. ', '');
    expect(deleted.includes('42%')).toBe(true);
    expectOrphaned(reanchor(anchor, deleted));
    const quoteOnly = ABSTRACT.slice(0, anchor.start) + ABSTRACT.slice(anchor.end);
    expectOrphaned(reanchor(anchor, quoteOnly));
  });

  it('orphans a deleted short quote rather than move it to a parallel sentence sharing one side', () => {
    const text = 'Experiments show that Clover outperforms the baseline by up to 91% on Baichuan-Small and 146% on ' +
      'Baichuan-Large, and exceeds the previously top-performing method, Medusa, by up to 37% on Baichuan-Small and 57% on Baichuan-Large.';
    const anchor = anchorOn(text, ' by ');
    expectOrphaned(reanchor(anchor, text.slice(0, anchor.start) + text.slice(anchor.end)));
    const numberAnchor = anchorOn(text, '91%');
    expectOrphaned(reanchor(numberAnchor, text.replace('by up to 91% on', 'by up to 9l% on')));
  });

  it('lets a long exact copy identify itself but not a copy with several edits', () => {
    const quote = 'a sparse mixture of experts with 8 routes';
    const text = `Our first model is ${quote}, trained for a week on public data only.`;
    const anchor = anchorOn(text, quote);
    const elsewhere = 'Unrelated opening words come first here. ';
    // The passage moved into new surroundings: 41 characters identify it.
    const moved = `${elsewhere}Then ${quote}; nothing else is shared.`;
    expect(expectAnchored(reanchor(anchor, moved)).start).toBe(moved.indexOf(quote));
    // Five edits and new surroundings: a lookalike, not the passage.
    const edited = `${elsewhere}Then a sparse mixtures of expert with 16 routers; nothing else is shared.`;
    expectOrphaned(reanchor(anchor, edited));
    // The same five edits in place, context intact: the passage, edited.
    const inPlace = text.replace(quote, 'a sparse mixtures of expert with 16 routers');
    expect(expectAnchored(reanchor(anchor, inPlace))).toMatchObject({ start: anchor.start, method: 'fuzzy' });
  });

  it('orphans a deleted phrase rather than move it to a parallel sentence agreeing on both sides', () => {
    const text = 'Galactic is fast. In terms of simulation speed (rendering + physics), it is 1000x faster. ' +
      'Yet their interplay slows down training. In terms of simulation+RL speed (rendering + physics + inference), it wins.';
    const anchor = anchorOn(text, 'of simula', 1);
    expectOrphaned(reanchor(anchor, text.slice(0, anchor.start) + text.slice(anchor.end)));
  });

  it('orphans a short quote that sits at its old offset in rewritten text', () => {
    const anchor = anchorOn(ABSTRACT, '42%');
    const rewritten = 'Nothing here is the same!'.padEnd(anchor.start, '.') + '42% of all these words are new and unrelated.';
    expect(rewritten.slice(anchor.start, anchor.end)).toBe('42%');
    expectOrphaned(reanchor(anchor, rewritten));
  });

  it('orphans a quote in unrelated text', () => {
    const anchor = anchorOn(ABSTRACT, 'up from 30% before');
    const result = expectOrphaned(reanchor(anchor, 'A survey of protein folding methods, from 1990 to today.'));
    expect(result.reason).toMatch(/no longer in the text|weak/);
    expectOrphaned(reanchor(anchor, ''));
  });

  it('orphans a long quote whose text was replaced even though its context remains', () => {
    const anchor = anchorOn(ABSTRACT, 'On GSM8K the model reaches 42% too');
    const replaced = ABSTRACT.replace('On GSM8K the model reaches 42% too', 'Math word problems remain hard for it');
    expectOrphaned(reanchor(anchor, replaced));
  });

  it('re-attaches a whole edited title through its field edges', () => {
    const title = 'xLSTM 7B: A Recurrent LLM for Fast and Efficient Inference';
    const anchor = createAnchor('title', title, 0, title.length);
    const edited = 'xLSTM 7B: a recurrent LLM for fast and efficient inference';
    const result = expectAnchored(reanchor(anchor, edited));
    expect(result).toMatchObject({ start: 0, end: edited.length, method: 'fuzzy' });
  });

  it('re-attaches on the same paper in another digest with different typography', () => {
    const hf = "Our work highlights xLSTM's potential as a foundational architecture -- trained on 2.3T tokens -- for efficient inference.";
    const md = 'Our work highlights xLSTM’s potential as a foundational architecture — trained on 2.3T tokens — for efficient  inference.';
    const anchor = anchorOn(hf, "xLSTM's potential as a foundational architecture");
    const result = expectAnchored(reanchor(anchor, md));
    expect(result.method).toBe('fuzzy');
    expect(md.slice(result.start, result.end)).toBe('xLSTM’s potential as a foundational architecture');
    const tokens = anchorOn(hf, '2.3T tokens');
    expect(md.slice(...span(expectAnchored(reanchor(tokens, md))))).toBe('2.3T tokens');
  });

  it('reports malformed anchors as orphaned without throwing', () => {
    const broken = [
      null,
      {},
      { field: 'abstract', exact: '', prefix: '', suffix: '', start: 0, end: 0 },
      { field: 'abstract', exact: 42, prefix: null, suffix: undefined, start: 'x', end: -1 },
    ] as unknown as AnnotationAnchor[];
    for (const anchor of broken) expectOrphaned(reanchor(anchor, ABSTRACT));
    const odd = { field: 'abstract', exact: '42%', prefix: 7, suffix: {}, start: -5, end: Number.NaN } as unknown as AnnotationAnchor;
    expect(() => reanchor(odd, ABSTRACT)).not.toThrow();
    expect(reanchor(anchorOn(ABSTRACT, '42%'), undefined as unknown as string).status).toBe('orphaned');
  });

  it('uses only 32 characters of a hostile, oversized context', () => {
    const anchor = anchorOn(ABSTRACT, '42%');
    const hostile = { ...anchor, prefix: '<script>alert(1)</script>'.repeat(10_000) + anchor.prefix, suffix: anchor.suffix + 'x'.repeat(250_000) };
    const work = newAnchorWork();
    expect(expectAnchored(reanchor(hostile, ABSTRACT, work)).start).toBe(anchor.start);
    expect(work.candidatesScored).toBeLessThanOrEqual(3);
  });

  it('treats an out-of-range old offset as a hint only', () => {
    const anchor = { ...anchorOn(ABSTRACT, 'up from 30% before'), start: 10_000, end: 10_018 };
    expect(expectAnchored(reanchor(anchor, ABSTRACT)).start).toBe(ABSTRACT.indexOf('up from 30% before'));
  });
});

describe('work stays bounded', () => {
  const filler = 'the cat sat on the mat and the dog sat on the log while the bird sang. ';

  it('finds a shifted quote among thousands of copies with a short scan', () => {
    const text = filler.repeat(700); // ~50 KB, 3,500 occurrences of "the"
    const at = filler.length * 350 + filler.indexOf('the dog');
    const anchor = createAnchor('abstract', text, at, at + 3);
    const edited = text.slice(0, 5_000) + 'An inserted sentence. ' + text.slice(5_000);
    const work = newAnchorWork();
    // Identical contexts everywhere: the nearest copy to the old offset wins.
    expect(reanchor(anchor, edited, work)).toMatchObject({ status: 'anchored', start: at + 22, confidence: 1 });
    // The scan starts 256 characters before the old offset (~18 copies) and
    // stops at the first unchanged one past it: not 3,500 copies.
    expect(work.exactOccurrences).toBeLessThanOrEqual(24);
    expect(work.candidatesScored).toBe(0);
  });

  it('scores a bounded number of candidates however often a short quote occurs', () => {
    const text = filler.repeat(700);
    const at = filler.length * 350 + filler.indexOf('the dog');
    const stored = createAnchor('abstract', text, at, at + 3);
    // Its context was rewritten: every copy has to be weighed, and none agrees.
    const anchor = { ...stored, prefix: 'a completely different preamble ', suffix: ' with nothing in common, at all.' };
    const work = newAnchorWork();
    expectOrphaned(reanchor(anchor, text, work));
    expect(work.exactOccurrences).toBe(2_048); // the listing stops there
    expect(work.candidatesScored).toBeLessThanOrEqual(1 + 32);
    expect(work.fuzzySearches).toBe(0);
  });

  it('keeps a bounded number of approximate matches however many there are', () => {
    const text = filler.repeat(700);
    const anchor = createAnchor('abstract', 'alpha beta gamma delta epsilon zeta', 6, 16);
    const work = newAnchorWork();
    // 700 near-copies ("the cat sat on the mat"), two edits each, none in context.
    expectOrphaned(reanchor({ ...anchor, exact: 'the cax sat on xhe mat' }, text, work));
    expect(work.fuzzySearches).toBe(2); // near the old offset, then everywhere
    expect(work.fuzzyMatches).toBeLessThanOrEqual(64);
    expect(work.candidatesScored).toBeLessThanOrEqual(64);
  });

  it('stays bounded on periodic text, where every offset is an approximate match', () => {
    const text = 'a'.repeat(50_000);
    const cases = [
      { exact: 'a'.repeat(999) + 'b', anchored: true }, // 1 edit in 1,000: identifies itself
      { exact: 'abababababababababax', anchored: false },
      { exact: 'a'.repeat(20) + 'b'.repeat(4), anchored: false },
    ];
    for (const { exact, anchored } of cases) {
      const work = newAnchorWork();
      const result = reanchor({ field: 'abstract', exact, prefix: 'zzzz', suffix: 'yyyy', start: 100, end: 100 + exact.length }, text, work);
      expect(result.status).toBe(anchored ? 'anchored' : 'orphaned');
      expect(work.fuzzySearches).toBeLessThanOrEqual(2);
      expect(work.fuzzyMatches).toBeLessThanOrEqual(64);
      expect(work.candidatesScored).toBeLessThanOrEqual(64);
    }
    const work = newAnchorWork();
    // An exact quote that occurs at every offset: a capped list, a bounded scoring.
    reanchor({ field: 'abstract', exact: 'a'.repeat(1000), prefix: 'zzzz', suffix: '', start: 100, end: 1100 }, text, work);
    expect(work.exactOccurrences).toBeLessThanOrEqual(2048);
    expect(work.candidatesScored).toBeLessThanOrEqual(33);
  });

  it('does per-anchor work independent of the number of annotations', () => {
    const anchors: AnnotationAnchor[] = [];
    for (let at = 0; at + 20 < ABSTRACT.length; at += 7) anchors.push(createAnchor('abstract', ABSTRACT, at, at + 12));
    const work = newAnchorWork();
    const results = reanchorAll(anchors, () => 'Preface. ' + ABSTRACT, work);
    results.forEach((r, i) => expect(r).toMatchObject({ status: 'anchored', start: anchors[i].start + 9 }));
    // Only anchors whose prefix reached the field's start lost part of their
    // context (the start moved) and look further; the rest stop at the exact copy.
    const nearStart = anchors.filter((a) => a.start < ANCHOR_CONTEXT_LENGTH).length;
    expect(work.fuzzySearches).toBeLessThanOrEqual(3 * nearStart);
    expect(work.candidatesScored).toBeLessThanOrEqual(anchors.length * 2 + work.fuzzyMatches);
  });
});

describe('reanchorAll', () => {
  it('re-anchors each anchor against the text of its own field', () => {
    const title = 'Boundary-Guided Policy Optimization for Memory-efficient RL';
    const anchors = [createAnchor('title', title, 0, 15), anchorOn(ABSTRACT, '42%')];
    const asked: string[] = [];
    const results = reanchorAll(anchors, (field) => {
      asked.push(field);
      return field === 'title' ? title : ABSTRACT;
    });
    expect(results).toEqual([
      { status: 'anchored', start: 0, end: 15, confidence: 1, method: 'position' },
      { status: 'anchored', start: anchors[1].start, end: anchors[1].end, confidence: 1, method: 'position' },
    ]);
    expect(asked.sort()).toEqual(['abstract', 'title']);
  });
});
