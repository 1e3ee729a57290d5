import { describe, expect, it } from 'vitest';
import { paperId, SimilarPapers, similarInputOf, type Annotation } from '../../src/core';
import { backlinks, buildCard, similarOf, wikilinkResolver } from '../../src/features/card/card-data';
import { InMemoryWorkspace, SEED_DIGESTS } from './in-memory-workspace';

const MAMBA = 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces';
const XLSTM = 'xLSTM 7B: A Recurrent LLM for Fast and Efficient Inference';
const JAXMARL = 'JaxMARL: Multi-Agent RL Environments in JAX';
const MARKOVIAN = 'The Markovian Thinker';

/** The seed digests, and a newer Markdown digest that lists Mamba again, with a link. */
function workspace(): InMemoryWorkspace {
  return new InMemoryWorkspace()
    .addSeedDigests()
    .addDigest('2026-01-05.md', [
      '# Reading list',
      '',
      `## [${MAMBA}](https://arxiv.org/abs/2312.00752)`,
      '',
      'Selective state spaces, again. Code at https://github.com/state-spaces/mamba.',
      '',
      '2 authors · Dec 1, 2023 · ▲ 40',
    ].join('\n'));
}

function annotation(over: Partial<Annotation> = {}): Annotation {
  return {
    id: 'a1',
    anchor: { field: 'abstract', exact: 'selective', prefix: '', suffix: '', start: 0, end: 9 },
    body: 'the key idea',
    created: '2025-12-01T00:00:00.000Z',
    ...over,
  };
}

describe('buildCard', () => {
  it('is undefined for a paper no digest holds, even with notes', () => {
    const ws = workspace();
    ws.setNote('gone-paper-00000000', { body: 'kept' });
    expect(buildCard(ws, 'gone-paper-00000000')).toBeUndefined();
    expect(buildCard(ws, 'never-seen-00000000')).toBeUndefined();
  });

  it('shows the paper as its newest digest describes it, and every digest it appears in, newest first', () => {
    const ws = workspace();
    const id = ws.idOf(MAMBA);
    const card = buildCard(ws, id)!;
    expect(card.paper).toEqual({
      id,
      title: MAMBA,
      abstract: 'Selective state spaces, again. Code at https://github.com/state-spaces/mamba.',
      authorCount: 2,
      published: 'Dec 1, 2023',
      upvotes: 40,
      url: 'https://arxiv.org/abs/2312.00752',
      arxivId: '2312.00752',
      links: ['https://github.com/state-spaces/mamba'],
      isNew: false,
    });
    // The heading's arXiv link gives the id, and the id the buttons to the paper's pages.
    expect(card.web).toEqual({
      huggingFace: 'https://huggingface.co/papers/2312.00752',
      arxiv: 'https://arxiv.org/abs/2312.00752',
      pdf: 'https://arxiv.org/pdf/2312.00752',
      search: `https://huggingface.co/papers?q=${encodeURIComponent(MAMBA)}`,
    });
    const seedMamba = ws.index.digest(ws.uri(SEED_DIGESTS[1].file))!.digest.papers.find((p) => p.title === MAMBA)!;
    expect(card.occurrences).toEqual([
      { index: 0, digest: '2026-01-05.md', line: 2 },
      { index: 1, digest: SEED_DIGESTS[1].file, digestDate: 'Dec 11', line: seedMamba.source.titleLine },
    ]);
  });

  it('marks a paper first seen in the newest digest as new', () => {
    const ws = new InMemoryWorkspace().addSeedDigests();
    // Dec 11 is the newest seed digest and nothing older holds Mamba.
    expect(buildCard(ws, ws.idOf(MAMBA))!.paper.isNew).toBe(true);
    expect(buildCard(ws, ws.idOf(XLSTM))!.paper.isNew).toBe(false);
  });

  it('gives a paper without notes the defaults: unread, not starred, nothing written, no notes file', () => {
    const ws = workspace();
    ws.setNote(ws.idOf(JAXMARL), { tags: ['rl', 'Multi-Agent'] });
    const card = buildCard(ws, ws.idOf(XLSTM))!;
    expect(card).toMatchObject({ status: 'unread', starred: false, tags: [], body: '', notesHtml: '', links: [], backlinks: [], annotations: [] });
    expect(card).not.toHaveProperty('notesFile');
    expect(card).not.toHaveProperty('problem');
    // Tag completion offers the tags of every paper.
    expect(card.allTags).toEqual(['Multi-Agent', 'rl']);
  });

  it('shows what the reader wrote: status, star, tags, annotations, notes and where they are kept', () => {
    const ws = workspace();
    const id = ws.idOf(MAMBA);
    ws.setNote(id, {
      status: 'reading',
      starred: true,
      tags: ['ssm', 'architecture'],
      body: `# Why it matters\n\nLinear in length; compare [[${MARKOVIAN}]].`,
      annotations: [annotation(), annotation({ id: 'a2', anchor: { field: 'title', exact: 'Mamba', prefix: '', suffix: '', start: 0, end: 5 }, body: '', tag: 'name' })],
    });
    ws.setNote(ws.idOf(JAXMARL), { tags: ['SSM', 'rl'] });
    const card = buildCard(ws, id)!;
    expect(card).toMatchObject({ status: 'reading', starred: true, tags: ['ssm', 'architecture'], notesFile: `.papers/notes/${id}.md` });
    expect(card.annotations).toEqual([
      { id: 'a1', quote: 'selective', body: 'the key idea' },
      { id: 'a2', quote: 'Mamba', body: '', tag: 'name' },
    ]);
    expect(card.notesHtml).toBe(
      `<h1>Why it matters</h1>\n<p>Linear in length; compare <a href="#paper:${ws.idOf(MARKOVIAN)}" data-paper-id="${ws.idOf(MARKOVIAN)}">${MARKOVIAN}</a>.</p>`,
    );
    // The first spelling of a tag wins, whatever its case elsewhere.
    expect(card.allTags).toEqual(['architecture', 'rl', 'ssm']);
  });

  it('says why the notes are not on disk when the store cannot keep them', () => {
    const ws = workspace();
    const id = ws.idOf(MAMBA);
    ws.problems.set(id, 'The notes file is not valid: line 3');
    expect(buildCard(ws, id)!.problem).toBe('The notes file is not valid: line 3');
  });

  it('previews the notes through the sanitiser: no script, handler or javascript: link reaches the card', () => {
    const ws = workspace();
    const id = ws.idOf(MAMBA);
    ws.setNote(id, { body: 'Read first.\n\n<script>alert(1)</script>\n\nA <img src=x onerror=alert(2)> and [x](javascript:alert(3)) and [[nowhere]].' });
    expect(buildCard(ws, id)!.notesHtml).toBe(
      '<p>Read first.</p>\n<p>A  and <a>x</a> and <span class="wikilink-unresolved" title="No paper found for &#x22;nowhere&#x22;">nowhere</span>.</p>',
    );
  });
});

describe('the card\'s links', () => {
  it('names each link and says whether it can be opened', () => {
    const ws = workspace();
    const id = ws.idOf(MAMBA);
    ws.files.add('src/model.py');
    ws.setNote(ws.idOf(JAXMARL), { title: JAXMARL });
    ws.setNote(id, {
      links: [
        { kind: 'paper', id: ws.idOf(XLSTM), title: 'a stale title' },
        { kind: 'paper', id: 'removed-paper-12345678', title: 'Removed Paper' },
        { kind: 'paper', id: 'never-seen-00000000' },
        { kind: 'url', url: 'https://state-spaces.dev', title: 'Project page' },
        { kind: 'url', url: 'https://example.com/x' },
        { kind: 'url', url: 'javascript:alert(1)' },
        { kind: 'file', path: 'src/model.py', startLine: 9, endLine: 9 },
        { kind: 'file', path: 'src/model.py', startLine: 0, endLine: 4, quote: 'import torch' },
        { kind: 'file', path: '../outside.py', startLine: 0, endLine: 0 },
      ],
    });
    const labels = buildCard(ws, id)!.links.map(({ label, available }) => [label, available]);
    expect(labels).toEqual([
      [XLSTM, true],
      ['Removed Paper', false],
      ['never-seen-00000000', false],
      ['Project page (https://state-spaces.dev)', true],
      ['https://example.com/x', true],
      ['javascript:alert(1)', false],
      ['src/model.py:10', true],
      ['src/model.py:1-5', true],
      ['../outside.py:1', false],
    ]);
  });

  it('counts a paper the reader has notes about as available though no digest holds it', () => {
    const ws = workspace();
    const id = ws.idOf(MAMBA);
    ws.setNote('removed-paper-12345678', { title: 'Removed Paper' });
    ws.setNote(id, { links: [{ kind: 'paper', id: 'removed-paper-12345678' }] });
    expect(buildCard(ws, id)!.links.map(({ label, available }) => [label, available])).toEqual([['Removed Paper', true]]);
  });
});

describe('backlinks', () => {
  it('lists the papers whose notes link here by a paper link, a wikilink by id or a wikilink by title, sorted by title', () => {
    const ws = workspace();
    const mamba = ws.idOf(MAMBA);
    ws.setNote(ws.idOf(XLSTM), { links: [{ kind: 'paper', id: mamba }] });
    ws.setNote(ws.idOf(JAXMARL), { body: `Builds on [[${mamba}|the SSM paper]].` });
    ws.setNote(ws.idOf(MARKOVIAN), { body: `Unlike [[ ${MAMBA.toUpperCase()} ]].` });
    // Not backlinks: a wikilink in code, a link to another paper, and the paper's own notes.
    ws.setNote('removed-paper-12345678', { title: 'Removed Paper', body: `\`[[${mamba}]]\` and [[${XLSTM}]]` });
    ws.setNote(mamba, { body: `[[${mamba}]]`, links: [{ kind: 'paper', id: mamba }] });
    expect(backlinks(ws, mamba)).toEqual([
      { id: ws.idOf(JAXMARL), title: JAXMARL },
      { id: ws.idOf(MARKOVIAN), title: MARKOVIAN },
      { id: ws.idOf(XLSTM), title: XLSTM },
    ]);
    expect(buildCard(ws, mamba)!.backlinks).toEqual(backlinks(ws, mamba));
  });

  it('names a linking paper no digest holds by its note\'s title, or its id', () => {
    const ws = workspace();
    const mamba = ws.idOf(MAMBA);
    ws.setNote('removed-paper-12345678', { title: 'Removed Paper', links: [{ kind: 'paper', id: mamba }] });
    ws.setNote('untitled-00000000', { title: '', body: `[[${mamba}]]` });
    expect(backlinks(ws, mamba)).toEqual([
      { id: 'removed-paper-12345678', title: 'Removed Paper' },
      { id: 'untitled-00000000', title: 'untitled-00000000' },
    ]);
  });

  it('follows an edit of the linking note', () => {
    const ws = workspace();
    const mamba = ws.idOf(MAMBA);
    const xlstm = ws.idOf(XLSTM);
    ws.setNote(xlstm, { body: `[[${mamba}]]` });
    expect(backlinks(ws, mamba).map((b) => b.id)).toEqual([xlstm]);
    ws.setNote(xlstm, { body: 'no link any more' });
    expect(backlinks(ws, mamba)).toEqual([]);
  });
});

describe('wikilinkResolver', () => {
  it('resolves an id or a title to a paper of the digests, then to a paper with notes only', () => {
    const ws = workspace();
    ws.setNote('removed-paper-12345678', { title: 'Removed Paper' });
    const resolve = wikilinkResolver(ws);
    expect(resolve(ws.idOf(MAMBA))).toEqual({ id: ws.idOf(MAMBA), title: MAMBA });
    expect(resolve(`  ${MAMBA.toLowerCase()}  `)).toEqual({ id: paperId(MAMBA), title: MAMBA });
    expect(resolve('removed-paper-12345678')).toEqual({ id: 'removed-paper-12345678', title: 'Removed Paper' });
    expect(resolve('Nothing By This Name')).toBeUndefined();
    expect(resolve('__proto__')).toBeUndefined();
  });
});

describe('the similar papers on the card', () => {
  const GRAPH_A = 'Graph transformers for molecular property prediction';
  const GRAPH_B = 'Molecular graph transformers at scale';

  function withSimilar(): { ws: InMemoryWorkspace; model: SimilarPapers } {
    const ws = workspace().addDigest('2026-02-01.md', [
      '# Graphs',
      '',
      `## ${GRAPH_A}`,
      '',
      'Message passing graph transformers predict molecular properties from atoms and bonds.',
      '',
      `## ${GRAPH_B}`,
      '',
      'Graph transformers trained on millions of molecular graphs predict molecular properties.',
    ].join('\n'));
    const model = new SimilarPapers();
    model.upsertMany(ws.index.papers().map(similarInputOf));
    return { ws, model };
  }

  it('lists the closest papers with their titles, shared words and statuses', () => {
    const { ws, model } = withSimilar();
    const a = ws.idOf(GRAPH_A);
    const b = ws.idOf(GRAPH_B);
    ws.setNote(b, { status: 'reading' });
    const card = buildCard({ index: ws.index, store: ws.store, notesFile: (id) => ws.notesFile(id), isWorkspaceFile: () => false, similar: (id) => model.similar(id) }, a)!;
    expect(card.similar?.[0]).toEqual({ id: b, title: GRAPH_B, shared: expect.arrayContaining(['molecular', 'transformers']) as unknown, status: 'reading' });
    expect(card.similar!.length).toBeLessThanOrEqual(5);
    expect(card.similar!.map((s) => s.id)).not.toContain(a);
  });

  it('leaves out a similar paper no digest holds any more, and says nothing while the model is built', () => {
    const { ws, model } = withSimilar();
    const a = ws.idOf(GRAPH_A);
    const gone = [{ id: 'gone-paper-00000000', score: 9, shared: ['graph'] }, ...model.similar(a)];
    expect(similarOf({ index: ws.index, store: ws.store, similar: () => gone }, a)!.map((s) => s.id)).not.toContain('gone-paper-00000000');
    expect(similarOf({ index: ws.index, store: ws.store, similar: () => undefined }, a)).toBeUndefined();
    expect(buildCard(ws, a)!.similar).toBeUndefined();
  });
});
