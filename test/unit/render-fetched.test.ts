/**
 * The Markdown digest written from the API: its layout, and that the Markdown parser
 * reads it back as the JSON reads, field by field, for both real responses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hfEntriesFields,
  isDigest,
  parseDigest,
  parseHfApiResponse,
  renderFetchedDigest,
  type Digest,
  type PaperFields,
} from '../../src/core';

const read = (day: string): string => readFileSync(join(__dirname, '..', 'hf-api', `${day}.json`), 'utf8');

/** Everything a parse says of each paper but where it is. */
function papersOf(digest: Digest) {
  return digest.papers.map(({ source: _source, ...rest }) => rest);
}

const CONVLLAVA: PaperFields = {
  title: 'ConvLLaVA: Hierarchical Backbones',
  abstract: 'We propose ConvLLaVA. Code: https://github.com/alibaba/conv-llava.',
  links: ['https://github.com/alibaba/conv-llava'],
  arxivId: '2405.15738',
  url: 'https://huggingface.co/papers/2405.15738',
  authors: ['Chunjiang Ge', 'Sijie Cheng'],
  authorCount: 2,
  org: 'zai-org Z.ai',
  published: 'May 24, 2023',
  upvotes: 32,
  code: 'https://github.com/alibaba/conv-llava',
  projectPage: 'https://example.org/conv_llava/',
  keywords: ['visual encoder', 'ConvNeXt'],
};

describe('the fetched Markdown layout', () => {
  it('is a heading per paper, a field list and the abstract', () => {
    expect(renderFetchedDigest('2024-05-27', [CONVLLAVA, { title: 'Bare', abstract: 'Nothing known.', links: [], arxivId: '2405.00001' }])).toBe([
      '# Daily Papers — May 27',
      '',
      '## [ConvLLaVA: Hierarchical Backbones](https://huggingface.co/papers/2405.15738)',
      '',
      '- **arXiv:** [2405.15738](https://arxiv.org/abs/2405.15738) · **Published:** May 24, 2023 · **Upvotes:** 32',
      '- **Organisation:** zai-org Z.ai',
      '- **Authors:** Chunjiang Ge, Sijie Cheng',
      '- **Code:** <https://github.com/alibaba/conv-llava>',
      '- **Project page:** <https://example.org/conv_llava/>',
      '- **Keywords:** visual encoder, ConvNeXt',
      '',
      'We propose ConvLLaVA. Code: <https://github.com/alibaba/conv-llava>.',
      '',
      '## [Bare](https://huggingface.co/papers/2405.00001)',
      '',
      '- **arXiv:** [2405.00001](https://arxiv.org/abs/2405.00001) · **Upvotes:** 0',
      '',
      'Nothing known.',
      '',
    ].join('\n'));
  });

  it('reads back as the papers it was written from', () => {
    const text = renderFetchedDigest('2024-05-27', [CONVLLAVA]);
    const digest = parseDigest(text, 'file:///d/2024-05-27.md');
    expect(digest.diagnostics).toEqual([]);
    expect(digest.digestDate).toBe('May 27');
    const { id: _id, ...fields } = papersOf(digest)[0];
    expect(fields).toEqual(CONVLLAVA);
    expect(digest.papers[0].source).toEqual({ uri: 'file:///d/2024-05-27.md', titleLine: 2, startLine: 2, endLine: 11 });
    expect(isDigest(text, '2024-05-27.md')).toBe(true);
  });

  it('writes a name or keyword that holds a comma as inline code', () => {
    const paper: PaperFields = { ...CONVLLAVA, authors: ['Smith, Jr., John', 'Ann `Lee`', 'Bo'], authorCount: 3, keywords: ['a, b', 'c'] };
    const text = renderFetchedDigest('2024-05-27', [paper]);
    expect(text).toContain('- **Authors:** `Smith, Jr., John`, Ann \\`Lee\\`, Bo\n');
    expect(text).toContain('- **Keywords:** `a, b`, c\n');
    const [read] = parseDigest(text, 'file:///d/x.md').papers;
    expect([read.authors, read.authorCount, read.keywords]).toEqual([paper.authors, 3, paper.keywords]);
  });

  it('reads back names and keywords that GFM would link: addresses, www. and URLs', () => {
    const paper: PaperFields = { ...CONVLLAVA, org: 'me@x.org', authors: ['a@a.a', 'www.x.org', 'https://x.org/a'], authorCount: 3, keywords: ['www.example.com'] };
    const digest = parseDigest(renderFetchedDigest('2024-05-27', [paper]), 'file:///d/x.md');
    expect(digest.diagnostics).toEqual([]);
    expect([digest.papers[0].org, digest.papers[0].authors, digest.papers[0].keywords]).toEqual([paper.org, paper.authors, paper.keywords]);
  });

  it('reads every paragraph after the field list as abstract, even one that looks like metadata', () => {
    const paper: PaperFields = { title: 'T', abstract: '3 authors · Oct 13 · ▲ 2\n\n·\n\nzai-org Z.ai', links: [], arxivId: '2405.15738', url: 'https://huggingface.co/papers/2405.15738' };
    const [read] = parseDigest(renderFetchedDigest('2024-05-27', [paper]), 'file:///d/x.md').papers;
    expect([read.abstract, read.authorCount, read.org, read.upvotes]).toEqual([paper.abstract, undefined, undefined, undefined]);
  });

  it('reports field items it cannot read, and keeps the rest', () => {
    const digest = parseDigest([
      '## [T](https://huggingface.co/papers/2405.15738)',
      '',
      '- **arXiv:** [2405.15738](https://arxiv.org/abs/2405.15738) · **Upvotes:** 3',
      '- **Published:** someday',
      '- **Stars:** 23',
      '- **Code:** not a link',
      '- **Upvotes:** 4',
      '- **Organisation:** Acme ·',
      '',
      'Abstract.',
    ].join('\n'), 'file:///d/x.md');
    expect(papersOf(digest)[0]).toMatchObject({ arxivId: '2405.15738', upvotes: 3, org: 'Acme ·', abstract: 'Abstract.' });
    expect(digest.papers[0].published).toBeUndefined();
    expect(digest.papers[0].code).toBeUndefined();
    expect(digest.diagnostics).toEqual([
      { line: 3, severity: 'warning', message: 'Unreadable Published field.' },
      { line: 4, severity: 'info', message: 'Skipped an item with no field label in the fields of "T".' },
      { line: 5, severity: 'warning', message: 'Unreadable Code field.' },
      { line: 6, severity: 'warning', message: '"T" has a second Upvotes field; keeping the first.' },
    ]);
  });

  it('leaves a list that does not start with a readable field to the older layout', () => {
    const digest = parseDigest([
      '## Paper', '', '- zai-org Z.ai · 3 authors · Oct 13 · ▲ 2', '', 'The abstract.', '',
      '## Other', '', '- **Published:** someday · **Upvotes:** 2', '', 'Its abstract.',
    ].join('\n'), 'file:///d/x.md');
    expect(papersOf(digest).map(({ id: _id, ...p }) => p)).toEqual([
      { title: 'Paper', abstract: 'The abstract.', org: 'zai-org Z.ai', authorCount: 3, published: 'Oct 13', upvotes: 2, links: [] },
      { title: 'Other', abstract: 'Published: someday · Upvotes: 2\n\nIts abstract.', links: [] },
    ]);
  });

  it('writes "Daily Papers" alone when the day is not a day', () => {
    expect(renderFetchedDigest('someday', []).trim()).toBe('# Daily Papers');
    expect(renderFetchedDigest('2024-02-30', []).trim()).toBe('# Daily Papers');
  });
});

describe('both real responses read back from their Markdown exactly', () => {
  for (const day of ['2024-05-27', '2026-08-14']) {
    it(day, () => {
      const json = read(day);
      const fromJson = parseDigest(json, `file:///ws/digests/${day}.json`);
      const response = parseHfApiResponse(json);
      if ('error' in response) throw new Error(response.error);
      // What the fetch command writes: from the checked entries, or from the parsed digest.
      const text = renderFetchedDigest(day, hfEntriesFields(response.entries, day));
      expect(renderFetchedDigest(day, fromJson.papers)).toBe(text);
      const fromMarkdown = parseDigest(text, `file:///ws/digests/${day}.md`);
      expect(fromMarkdown.diagnostics).toEqual([]);
      expect(fromMarkdown.digestDate).toBe(fromJson.digestDate);
      expect(papersOf(fromMarkdown)).toEqual(papersOf(fromJson));
      expect(fromMarkdown.papers.length).toBe(fromJson.papers.length);
      expect(isDigest(text, `${day}.md`)).toBe(true);
    });
  }
});
