import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { paperId, parseDigest, type Paper } from '../../src/core';
import { findDate, parseMarkdownDigest } from '../../src/core/digest/parse-markdown';

const md = (...rows: string[]): string => rows.join('\n');
const parse = (text: string) => parseDigest(text, 'file:///digests/today.md');

function fields(paper: Paper): Omit<Paper, 'id' | 'source'> {
  const { id: _id, source: _source, ...rest } = paper;
  return rest;
}

const DIGEST = md(
  '# Daily Papers — Nov 6', //                                             0
  '',
  'Picked by hand from the Hugging Face page.', //                         2
  '',
  '## [Boundary-Guided Policy Optimization](https://arxiv.org/abs/2510.11683)', // 4
  '',
  'A key challenge in applying reinforcement learning to diffusion', //    6
  'language models lies in the intractability of their likelihood.',
  '',
  'Code: https://github.com/THU-KEG/BGPO.', //                            9
  '',
  '- zai-org Z.ai · 3 authors · Oct 13 · ▲ 2', //                         11
  '',
  '## The Markovian Thinker', //                                          13
  '',
  'Reinforcement learning has recently become a strong recipe.', //      15
  '',
  '6 authors · Nov 19 · ▲ 14', //                                        17
  '',
  '## A Paper With Nothing But a Title', //                              19
);

describe('Markdown digests', () => {
  const digest = parse(DIGEST);

  it('reads the digest date from the level-1 heading', () => {
    expect(digest.digestDate).toBe('Nov 6');
  });

  it('reads each level-2 heading as a paper, its link as url, its paragraphs as the abstract', () => {
    expect(digest.papers.map(fields)).toEqual([
      {
        title: 'Boundary-Guided Policy Optimization',
        url: 'https://arxiv.org/abs/2510.11683',
        arxivId: '2510.11683',
        abstract:
          'A key challenge in applying reinforcement learning to diffusion language models lies in the intractability of their likelihood.\n\nCode: https://github.com/THU-KEG/BGPO.',
        org: 'zai-org Z.ai',
        authorCount: 3,
        published: 'Oct 13',
        upvotes: 2,
        links: ['https://github.com/THU-KEG/BGPO'],
      },
      {
        title: 'The Markovian Thinker',
        abstract: 'Reinforcement learning has recently become a strong recipe.',
        authorCount: 6,
        published: 'Nov 19',
        upvotes: 14,
        links: [],
      },
      { title: 'A Paper With Nothing But a Title', abstract: '', links: [] },
    ]);
    expect(digest.papers.map((p) => p.id)).toEqual(digest.papers.map((p) => paperId(p.title)));
  });

  it('takes source lines from the Markdown positions', () => {
    expect(digest.papers.map((p) => p.source)).toEqual([
      { uri: 'file:///digests/today.md', titleLine: 4, startLine: 4, endLine: 11 },
      { uri: 'file:///digests/today.md', titleLine: 13, startLine: 13, endLine: 17 },
      { uri: 'file:///digests/today.md', titleLine: 19, startLine: 19, endLine: 19 },
    ]);
  });

  it('reports the paper with no abstract, and nothing else', () => {
    expect(digest.diagnostics).toEqual([
      { line: 19, severity: 'warning', message: '"A Paper With Nothing But a Title" has no abstract.' },
    ]);
  });

  it('reads the same with CRLF line endings and a byte-order mark', () => {
    const crlf = parse(`\uFEFF${DIGEST.replace(/\n/g, '\r\n')}`);
    expect(crlf.papers).toEqual(digest.papers);
    expect(crlf.digestDate).toBe('Nov 6');
  });

  it('reads metadata given as a plain line, a list item, or pasted plain-text lines', () => {
    const parsed = parse(md(
      '## A', '', 'Abstract a.', '', '* 2 authors · Mar 5, 2024 · ▲ 3',
      '', '## B', '', 'Abstract b.', '', 'Google DeepMind · Jul 7',
      '', '## C', '', 'Abstract c.', '', 'zai-org Z.ai', '·', 'Oct 13 2',
      '', '## D', '', 'Abstract d.', '', '**5 authors** · _Dec 1, 2023_',
    ));
    expect(parsed.papers.map((p) => [p.title, p.org, p.authorCount, p.published, p.upvotes])).toEqual([
      ['A', undefined, 2, 'Mar 5, 2024', 3],
      ['B', 'Google DeepMind', undefined, 'Jul 7', undefined],
      ['C', 'zai-org Z.ai', undefined, 'Oct 13', 2],
      ['D', undefined, 5, 'Dec 1, 2023', undefined],
    ]);
    expect(parsed.papers.every((p) => p.abstract === `Abstract ${p.title.toLowerCase()}.`)).toBe(true);
    expect(parsed.diagnostics).toEqual([]);
  });

  it('reads a metadata line that ends a paragraph of the abstract', () => {
    const parsed = parse(md('## A', '', 'The abstract in one line.', '3 authors · Oct 13'));
    expect(fields(parsed.papers[0])).toEqual({
      title: 'A', abstract: 'The abstract in one line.', authorCount: 3, published: 'Oct 13', links: [],
    });
  });

  it('reads Markdown as Markdown: emphasis, code, escapes, setext headings, entities', () => {
    const parsed = parse(md(
      'Setext *Title* With `code`',
      '--------------------------',
      '',
      'An abstract with **bold**, `x < y`, an escaped \\*star\\* and &amp; an entity.',
    ));
    expect(parsed.papers.map(fields)).toEqual([
      { title: 'Setext Title With code', abstract: 'An abstract with bold, x < y, an escaped *star* and & an entity.', links: [] },
    ]);
  });

  it('does not read headings, metadata or links inside code blocks', () => {
    const parsed = parse(md(
      '## Real Paper', '', 'Real abstract.', '', '```', '## Not a paper', '3 authors · Oct 13', 'https://example.com/code', '```',
    ));
    expect(parsed.papers.map(fields)).toEqual([{ title: 'Real Paper', abstract: 'Real abstract.', links: [] }]);
    expect(parsed.papers[0].source.endLine).toBe(8);
  });

  it('collects links from autolinks, inline links and reference links, in order and once', () => {
    const parsed = parse(md(
      '## Linked',
      '',
      'See [the code][code], the [project page](https://p.example.org/x) and https://github.com/a/b.',
      'Again: <https://github.com/a/b> and [mail](mailto:a@b.c).',
      '',
      '[code]: https://github.com/a/code',
    ));
    expect(parsed.papers[0].links).toEqual(['https://github.com/a/code', 'https://p.example.org/x', 'https://github.com/a/b']);
  });

  it('keeps only http(s) heading links as the url', () => {
    const parsed = parse(md('## [Hostile](javascript:alert(1))', '', 'Abstract.'));
    expect(parsed.papers[0].url).toBeUndefined();
    expect(parsed.diagnostics).toEqual([
      { line: 0, severity: 'info', message: 'Ignored the heading\'s link "javascript:alert(1)": only http(s) links are kept.' },
    ]);
  });

  it('keeps hostile HTML as text, and skips HTML blocks', () => {
    const parsed = parse(md('## <img src=x onerror=alert(1)> Title', '', '<div>block html</div>', '', 'Abstract with <script>alert(1)</script>.'));
    expect(parsed.papers[0].title).toBe('<img src=x onerror=alert(1)> Title');
    expect(parsed.papers[0].abstract).toBe('Abstract with <script>alert(1)</script>.');
  });

  it('skips front matter, the introduction before the first paper and sub-headings', () => {
    const parsed = parse(md(
      '---', 'title: Reading list', 'date: 2025-11-06', '---', '', '# Reading list', '', 'Intro text.', '',
      '## Paper', '', '### Abstract', '', 'The abstract.', '', '> Quoted second paragraph.',
    ));
    expect(parsed.digestDate).toBeUndefined();
    expect(parsed.papers.map(fields)).toEqual([{ title: 'Paper', abstract: 'The abstract.\n\nQuoted second paragraph.', links: [] }]);
  });

  it('finds dates in the level-1 heading', () => {
    expect(findDate('Daily Papers — Nov 6')).toBe('Nov 6');
    expect(findDate('Papers of Mar 5, 2024')).toBe('Mar 5, 2024');
    expect(findDate('Digest 2025-11-06')).toBe('2025-11-06');
    expect(findDate('Maybe Nothing 12')).toBeUndefined();
    expect(parse('# Daily Papers\n\n## P\n\nA.').digestDate).toBeUndefined();
  });

  it('reports what it cannot read', () => {
    expect(parse('').diagnostics).toEqual([{ line: 0, severity: 'info', message: 'The file is empty.' }]);
    expect(parse('# Notes\n\nJust prose.\n').diagnostics).toEqual([
      { line: 0, severity: 'warning', message: 'No papers found: a Markdown digest holds one paper per level-2 heading.' },
    ]);
    const bad = parse(md('3 authors · Oct 13', '', '## ', '', '## P', '', 'A.', '', 'many authors · Oct 1'));
    expect(bad.papers.map((p) => [p.title, p.published])).toEqual([['P', 'Oct 1']]);
    expect(bad.diagnostics).toEqual([
      { line: 0, severity: 'warning', message: 'Metadata with no paper before it.' },
      { line: 2, severity: 'warning', message: 'A level-2 heading with no text: no paper read.' },
      { line: 8, severity: 'warning', message: 'Unreadable author count: "many authors".' },
    ]);
  });

  it('is what parseDigest picks for .md and .markdown files and for text with level-2 headings', () => {
    const text = '## Title\n\nAbstract.\n';
    expect(parseDigest(text, 'file:///a/b.markdown').papers[0].title).toBe('Title');
    expect(parseDigest(text).papers[0].title).toBe('Title');
    expect(parseDigest(text, 'file:///a/b.txt').papers[0].title).toBe('Title');
    expect(parseMarkdownDigest(text, 'u').papers).toHaveLength(1);
  });
});

describe('Markdown nested too deeply for remark', () => {
  /**
   * remark walks its tree recursively, so thousands of nested block quotes overflow the
   * stack. Run the parser in a worker with a small stack to reach that case quickly.
   */
  function parseInSmallStack(text: string): Promise<unknown> {
    const entry = join(__dirname, '..', '..', 'src', 'core', 'digest', 'parse-markdown.ts');
    const bundle = buildSync({ entryPoints: [entry], bundle: true, write: false, platform: 'node', format: 'iife', globalName: 'md' });
    const code = `${bundle.outputFiles[0].text}
const { parentPort, workerData } = require('node:worker_threads');
parentPort.postMessage(md.parseMarkdownDigest(workerData, 'file:///deep.md'));`;
    return new Promise((resolve, reject) => {
      const worker = new Worker(code, { eval: true, workerData: text, resourceLimits: { stackSizeMb: 0.5 } });
      worker.once('message', (message) => {
        resolve(message);
        void worker.terminate();
      });
      worker.once('error', reject);
    });
  }

  it('reports the file instead of throwing', async () => {
    expect(await parseInSmallStack('## Shallow\n\n> quoted abstract\n')).toMatchObject({
      papers: [{ title: 'Shallow', abstract: 'quoted abstract' }],
      diagnostics: [],
    });
    expect(await parseInSmallStack(`## Deep\n\n${'>'.repeat(2000)} text\n`)).toEqual({
      uri: 'file:///deep.md',
      papers: [],
      diagnostics: [{ line: 0, severity: 'error', message: 'This Markdown nests block quotes, lists or links too deeply to be read.' }],
    });
  });
});
