import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { SimilarPapers, forEachTerm, similarTerm, type SimilarInput } from '../../src/core/similar';

const paper = (id: string, title: string, abstract = '', keywords?: string[]): SimilarInput => ({ id, title, abstract, ...(keywords ? { keywords } : {}) });

/** A small library on distinct topics, two papers per topic. */
function library(): SimilarInput[] {
  return [
    paper('mamba-a', 'Mamba state space models for long sequences', 'Selective state space models scale linearly with sequence length and replace attention.'),
    paper('mamba-b', 'Scaling selective state space models', 'We scale Mamba, a selective state space model, to long sequences without attention.'),
    paper('diff-a', 'Diffusion models for image synthesis', 'Denoising diffusion probabilistic models generate images by reversing a noising process.'),
    paper('diff-b', 'Faster sampling for denoising diffusion', 'A sampler for diffusion probabilistic models that denoises images in ten steps.'),
    paper('rl-a', 'Policy optimisation with verifiable rewards', 'Reinforcement learning from verifiable rewards improves reasoning of language models.'),
    paper('rl-b', 'Verifiable rewards for reasoning', 'We train reasoning policies with reinforcement learning on verifiable rewards.'),
  ];
}

function model(inputs: SimilarInput[]): SimilarPapers {
  const m = new SimilarPapers();
  m.upsertMany(inputs);
  return m;
}

describe('SimilarPapers', () => {
  it('finds the paper on the same topic first', () => {
    const m = model(library());
    for (const [id, twin] of [['mamba-a', 'mamba-b'], ['diff-b', 'diff-a'], ['rl-a', 'rl-b']]) {
      expect(m.similar(id)[0]?.id, id).toBe(twin);
    }
  });

  it('never gives the verbs every abstract uses as shared words', () => {
    const m = model([
      paper('a', 'Sparse attention based on routing', 'We propose a method that shows gains across tasks using sparse attention.'),
      paper('b', 'Routing sparse attention heads', 'This work shows that sparse attention based routing makes gains across benchmarks using less memory.'),
      paper('c', 'Protein folding with diffusion', 'Diffusion models fold proteins.'),
    ]);
    const shared = m.similar('a')[0]?.shared.map((w) => w.toLowerCase()) ?? [];
    expect(shared).toContain('sparse');
    for (const filler of ['based', 'shows', 'across', 'using', 'propose']) expect(shared).not.toContain(filler);
  });

  it('never lists the paper itself, and lists each other paper once', () => {
    const m = model(library());
    const ids = m.similar('mamba-a', 10).map((r) => r.id);
    expect(ids).not.toContain('mamba-a');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says which words the two papers share, as this paper writes them, and the score falls down the list', () => {
    const m = model(library());
    const [first, ...rest] = m.similar('mamba-b');
    expect(first.id).toBe('mamba-a');
    expect(first.shared).toEqual(expect.arrayContaining(['selective', 'Mamba']));
    expect(first.shared).not.toContain('without');
    for (const r of rest) expect(r.score).toBeLessThanOrEqual(first.score);
    expect(first.score).toBeGreaterThan(0);
  });

  it('meets a plural with its singular, showing the word as this paper writes it', () => {
    const m = model([
      paper('a', 'Graph transformers', 'Transformers over molecular graphs.'),
      paper('b', 'A graph transformer', 'One molecular transformer.'),
      paper('c', 'Weather', 'Forecasts.'),
    ]);
    const [first] = m.similar('b');
    expect(first.id).toBe('a');
    expect(first.shared.sort()).toEqual(['graph', 'molecular', 'transformer']);
    expect(m.similar('a')[0].shared.sort()).toEqual(['Graph', 'molecular', 'transformers']);
  });

  it('gives at most `limit` papers, five by default, and only papers sharing a word', () => {
    const inputs = Array.from({ length: 12 }, (_, i) => paper(`p${i}`, `Graph neural networks part ${i}`, `Message passing on graphs, variant ${i}.`));
    inputs.push(paper('lonely', 'Quantum chemistry', 'Electronic structure.'));
    const m = model(inputs);
    expect(m.similar('p0')).toHaveLength(5);
    expect(m.similar('p0', 2)).toHaveLength(2);
    expect(m.similar('p0', 0)).toEqual([]);
    expect(m.similar('p0', Number.NaN)).toEqual([]);
    expect(m.similar('p0', 500).map((r) => r.id)).not.toContain('lonely');
    expect(m.similar('lonely')).toEqual([]);
    expect(m.similar('unknown')).toEqual([]);
  });

  it('orders ties by id, whatever the order papers were added in', () => {
    const twins = ['c', 'a', 'd', 'b'].map((id) => paper(id, 'Sparse attention kernels', 'Block sparse attention on GPUs.'));
    const query = paper('q', 'Sparse attention', 'Block sparse attention.');
    const forward = model([query, ...twins]).similar('q');
    const backward = model([...twins].reverse().concat(query)).similar('q');
    expect(forward.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(backward).toEqual(forward);
    expect(new Set(forward.map((r) => r.score)).size).toBe(1);
  });

  it('reads keywords, and works when a paper has no abstract', () => {
    const m = model([
      paper('a', 'Untitled study', '', ['protein folding', 'structure prediction']),
      paper('b', 'Another study', 'Protein structure prediction from sequence.'),
      paper('c', 'Another topic', 'Weather forecasting.'),
    ]);
    expect(m.similar('a').map((r) => r.id)).toEqual(['b']);
    expect(m.similar('a')[0].shared).toEqual(expect.arrayContaining(['protein', 'structure', 'prediction']));
  });

  it('follows updates: a paper replaced, removed, or added again', () => {
    const m = model(library());
    m.upsert(paper('rl-b', 'Latent diffusion', 'Denoising diffusion models for images.'));
    expect(m.similar('rl-a')[0]?.id).not.toBe('rl-b');
    expect(m.similar('rl-b').map((r) => r.id).slice(0, 2).sort()).toEqual(['diff-a', 'diff-b']);
    expect(m.remove('diff-a')).toBe(true);
    expect(m.remove('diff-a')).toBe(false);
    expect(m.similar('diff-b').map((r) => r.id)).not.toContain('diff-a');
    expect(m.size).toBe(5);
    m.upsert(library()[2]);
    expect(m.similar('diff-b')[0].id).toBe('diff-a');
  });

  it('gives the same answers after many removals compact its postings as a fresh model does', () => {
    const inputs = Array.from({ length: 1500 }, (_, i) => paper(`p${i}`, `Topic ${i % 30} study ${['alpha', 'beta', 'gamma'][i % 3]}`, `Words about topic${i % 30} and kind${i % 7}.`));
    const m = model(inputs);
    for (let i = 0; i < 1200; i++) m.remove(`p${i}`);
    const fresh = model(inputs.slice(1200));
    for (const id of ['p1200', 'p1333', 'p1499']) expect(m.similar(id)).toEqual(fresh.similar(id));
  });

  it('builds in slices the same model as in one go, and stops when aborted', async () => {
    const inputs = Array.from({ length: 300 }, (_, i) => paper(`p${i}`, `Topic ${i % 10} kind ${i % 7}`, `Words on topic${i % 10}.`));
    const sliced = new SimilarPapers();
    await sliced.upsertManyAsync(inputs, { sliceMs: 1 });
    const whole = model(inputs);
    expect(sliced.size).toBe(300);
    for (const id of ['p0', 'p123', 'p299']) expect(sliced.similar(id)).toEqual(whole.similar(id));
    const stopped = new SimilarPapers();
    await stopped.upsertManyAsync(inputs, { signal: { aborted: true } });
    expect(stopped.size).toBe(0);
  });

  it('treats hostile text as text', () => {
    const huge = 'attention '.repeat(200_000);
    const m = model([
      paper('__proto__', '<script>alert(1)</script> constructor', 'toString valueOf hasOwnProperty __proto__'),
      paper('html', '<img src=x onerror=alert(1)>', '<b>constructor</b> toString'),
      paper('huge', 'Attention', huge),
      paper('small', 'Attention is all you need', 'Attention layers.'),
      paper('empty', '', ''),
      paper('odd', '\u0000\u202e\ud800 💥 ', '  \n\t '),
      { id: 'bad', title: 42, abstract: null, keywords: 'not an array' } as unknown as SimilarInput,
    ]);
    expect(m.similar('html')[0]?.id).toBe('__proto__');
    expect(m.similar('html')[0].shared).toEqual(expect.arrayContaining(['constructor', 'toString']));
    expect(m.similar('small')[0]?.id).toBe('huge');
    expect(m.similar('empty')).toEqual([]);
    expect(m.similar('odd')).toEqual([]);
    expect(m.similar('bad')).toEqual([]);
  });

  it('property: results are sorted, distinct, exclude the paper, and respect the limit', () => {
    const word = fc.constantFrom('graph', 'neural', 'diffusion', 'policy', 'reward', 'mamba', 'token', 'vision', 'the', 'of', '');
    const text = fc.array(word, { maxLength: 12 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(fc.record({ title: text, abstract: text }), { minLength: 1, maxLength: 20 }), fc.nat(8), (docs, limit) => {
        const m = model(docs.map((d, i) => ({ id: `p${i}`, ...d })));
        const results = m.similar('p0', limit);
        expect(results.length).toBeLessThanOrEqual(limit);
        expect(results.map((r) => r.id)).not.toContain('p0');
        expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
        for (let i = 1; i < results.length; i++) {
          const [a, b] = [results[i - 1], results[i]];
          expect(a.score > b.score || (a.score === b.score && a.id < b.id)).toBe(true);
        }
      }),
    );
  });

  it('upsertManyAsync builds what upsertMany builds, ending each slice by the clock', async () => {
    const inputs = Array.from({ length: 40 }, (_, i) => library()[i % 6]).map((p, i) => ({ ...p, id: `${p.id}-${i}` }));
    // A host that has slowed down: every look at the clock finds a millisecond more gone.
    let clock = 0;
    const now = vi.spyOn(Date, 'now').mockImplementation(() => ++clock);
    const turns = vi.spyOn(globalThis, 'setTimeout');
    try {
      const sliced = new SimilarPapers();
      await sliced.upsertManyAsync(inputs, { sliceMs: 1 });
      // Slices of eight papers: the clock is read once every eight, and is then past the budget.
      expect(turns.mock.calls.length).toBe(4);
      const whole = model(inputs);
      for (const { id } of inputs) expect(sliced.similar(id)).toEqual(whole.similar(id));
    } finally {
      now.mockRestore();
      turns.mockRestore();
    }
  });
});

describe('similarTerm', () => {
  it('drops stop words, numbers and long tokens, folds case, accents and plurals', () => {
    expect(similarTerm('The')).toBeUndefined();
    expect(similarTerm('2024')).toBeUndefined();
    expect(similarTerm('x'.repeat(41))).toBeUndefined();
    expect(similarTerm('Models')).toBe('model');
    expect(similarTerm('policies')).toBe('policy');
    expect(similarTerm('analysis')).toBe('analysis');
    expect(similarTerm('Schrödinger')).toBe('schrodinger');
    expect(similarTerm('7B')).toBe('7b');
  });
});

describe('forEachTerm', () => {
  it('splits ASCII and other text alike', () => {
    const terms = (text: string) => {
      const out: string[] = [];
      forEachTerm(text, (term) => out.push(term));
      return out;
    };
    const ascii = 'Mamba-2: <b>state</b> space\u0007models, a+b_c ~ 7B';
    expect(terms(ascii)).toEqual(['mamba', 'state', 'space', 'model', 'b', 'c', '7b'].filter((t) => t.length >= 2));
    expect(terms(`${ascii} café`)).toEqual([...terms(ascii), 'cafe']);
  });
});
