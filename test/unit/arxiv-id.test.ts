import { describe, expect, it } from 'vitest';
import { arxivIdFromUrl, arxivIdOfLinks, isArxivId, parseDigest, renderHfDigest } from '../../src/core';

describe('arxivIdFromUrl', () => {
  it('reads the id from every link shape that names a paper', () => {
    const cases: Array<[string, string]> = [
      ['https://huggingface.co/papers/2405.15738', '2405.15738'],
      ['https://www.huggingface.co/papers/2405.15738', '2405.15738'],
      ['https://hf.co/papers/2405.15738', '2405.15738'],
      ['http://huggingface.co/papers/2405.15738#community', '2405.15738'],
      ['https://huggingface.co/papers/2405.15738?utm=x', '2405.15738'],
      ['https://arxiv.org/abs/2405.15738', '2405.15738'],
      ['https://arxiv.org/abs/2405.15738v2', '2405.15738'],
      ['https://www.arxiv.org/abs/2405.15738/', '2405.15738'],
      ['https://export.arxiv.org/abs/2405.15738', '2405.15738'],
      ['https://arxiv.org/pdf/2405.15738', '2405.15738'],
      ['https://arxiv.org/pdf/2405.15738v3.pdf', '2405.15738'],
      ['https://arxiv.org/pdf/2405.15738.pdf', '2405.15738'],
      ['https://ARXIV.org/abs/2405.15738V2', '2405.15738'],
      ['https://arxiv.org/abs/0704.0001', '0704.0001'],
      ['https://arxiv.org/abs/1412.6980', '1412.6980'],
      ['https://arxiv.org/abs/hep-th/9901001', 'hep-th/9901001'],
      ['https://arxiv.org/pdf/math.GT/0309136v1.pdf', 'math.GT/0309136'],
    ];
    for (const [url, id] of cases) expect(arxivIdFromUrl(url), url).toBe(id);
  });

  it('reads no id from other links, even on the same sites', () => {
    for (const url of [
      'https://arxiv.org/list/cs.CL/recent',
      'https://arxiv.org/abs/',
      'https://arxiv.org/abs/2405.1573', // four digits after 2015
      'https://arxiv.org/abs/2405.157381',
      'https://arxiv.org/abs/1412.69801', // five digits before 2015
      'https://arxiv.org/abs/2413.15738', // no 13th month
      'https://arxiv.org/abs/0612.0001', // before new-style ids
      'https://arxiv.org/html/2405.15738',
      'https://arxiv.org/search/?query=2405.15738',
      'https://arxiv.org/abs/2405.15738x',
      'https://arxiv.org.evil.example/abs/2405.15738',
      'https://arxiv.org@evil.example/abs/2405.15738',
      'https://notarxiv.org/abs/2405.15738',
      'https://huggingface.co/papers',
      'https://huggingface.co/papers?date=2024-05-27',
      'https://huggingface.co/papers/trending',
      'https://huggingface.co/datasets/2405.15738',
      'https://huggingface.co/papers/hep-th/9901001',
      'https://github.com/x/2405.15738',
      'ftp://arxiv.org/abs/2405.15738',
      `https://arxiv.org/abs/2405.15738?${'x'.repeat(400)}`,
    ]) {
      expect(arxivIdFromUrl(url), url).toBeUndefined();
    }
  });

  it('checks ids on their own', () => {
    expect(['2405.15738', '0704.0001', 'hep-th/9901001', 'math.GT/0309136'].every(isArxivId)).toBe(true);
    expect(['2405.15738v2', '2405.1573', '', 'HEP-TH/9901001', 'x', 42, undefined].some(isArxivId)).toBe(false);
  });

  it('takes one id from links, not one of several', () => {
    expect(arxivIdOfLinks([])).toBeUndefined();
    expect(arxivIdOfLinks(['https://github.com/a/b', 'https://arxiv.org/abs/2405.15738'])).toBe('2405.15738');
    expect(arxivIdOfLinks(['https://arxiv.org/abs/2405.15738', 'https://arxiv.org/pdf/2405.15738v2.pdf', 'https://huggingface.co/papers/2405.15738'])).toBe('2405.15738');
    expect(arxivIdOfLinks(['https://arxiv.org/abs/2405.15738', 'https://arxiv.org/abs/2312.00752'])).toBeUndefined();
  });
});

describe('the arXiv id of a paper, in every format', () => {
  it('plain text: from its abstract, with its Hugging Face page as url', () => {
    const text = renderHfDigest('Nov 6', [
      { title: 'Mamba', abstract: 'Paper at https://arxiv.org/pdf/2312.00752v2.pdf and code at https://github.com/state-spaces/mamba.', authorCount: 2, links: [] },
      { title: 'Listed', abstract: 'See https://arxiv.org/list/cs.LG/new for more.', authorCount: 2, links: [] },
      { title: 'Two Papers', abstract: 'We extend https://arxiv.org/abs/2312.00752 and https://huggingface.co/papers/2405.21060.', authorCount: 3, links: [] },
    ], { header: false });
    const [mamba, listed, two] = parseDigest(text, 'file:///d/a.txt').papers;
    expect([mamba.arxivId, mamba.url]).toEqual(['2312.00752', 'https://huggingface.co/papers/2312.00752']);
    expect([listed.arxivId, listed.url]).toEqual([undefined, undefined]);
    expect([two.arxivId, two.url]).toEqual([undefined, undefined]);
  });

  it('Markdown: from the heading link first, else from the abstract', () => {
    const digest = parseDigest([
      '## [From the heading](https://huggingface.co/papers/2405.15738)', '', 'Cites https://arxiv.org/abs/2312.00752.', '',
      '## [Heading to code](https://github.com/a/b)', '', 'On arXiv: https://arxiv.org/abs/2312.00752v1.', '',
      '## Bare heading', '', 'On [arXiv](https://arxiv.org/pdf/2312.00752.pdf).', '',
      '## [Listing](https://arxiv.org/list/cs.CL/recent)', '', 'Nothing else.', '',
    ].join('\n'), 'file:///d/a.md');
    expect(digest.papers.map((p) => [p.title, p.arxivId, p.url])).toEqual([
      ['From the heading', '2405.15738', 'https://huggingface.co/papers/2405.15738'],
      ['Heading to code', '2312.00752', 'https://github.com/a/b'],
      ['Bare heading', '2312.00752', 'https://huggingface.co/papers/2312.00752'],
      ['Listing', undefined, 'https://arxiv.org/list/cs.CL/recent'],
    ]);
  });

  it('JSON: from the entry, whatever its abstract links to', () => {
    const text = JSON.stringify([{ paper: { id: '2405.15738', title: 'T', summary: 'Builds on https://arxiv.org/abs/2312.00752.' } }]);
    const [paper] = parseDigest(text, 'file:///d/a.json').papers;
    expect([paper.arxivId, paper.url, paper.links]).toEqual(['2405.15738', 'https://huggingface.co/papers/2405.15738', ['https://arxiv.org/abs/2312.00752']]);
  });
});
