import { describe, expect, it } from 'vitest';
import { isArxivId, paperLinks } from '../../src/core';

describe('a paper links out', () => {
  it('to Hugging Face, arXiv and the PDF when it has an arXiv id, and to its code and project page', () => {
    expect(paperLinks({ title: 'Mamba', arxivId: '2312.00752', code: 'https://github.com/state-spaces/mamba', projectPage: 'https://example.org/mamba' })).toEqual({
      huggingFace: 'https://huggingface.co/papers/2312.00752',
      arxiv: 'https://arxiv.org/abs/2312.00752',
      pdf: 'https://arxiv.org/pdf/2312.00752',
      code: 'https://github.com/state-spaces/mamba',
      projectPage: 'https://example.org/mamba',
      search: 'https://huggingface.co/papers?q=Mamba',
    });
  });

  it('to the Hugging Face search for its title when it has no id', () => {
    expect(paperLinks({ title: 'Why Language Models Hallucinate & more?' })).toEqual({ search: 'https://huggingface.co/papers?q=Why%20Language%20Models%20Hallucinate%20%26%20more%3F' });
  });

  it('never builds an address from a hostile id or link', () => {
    const links = paperLinks({ title: 't', arxivId: '../../x', code: 'javascript:alert(1)', projectPage: 'command:paperReader.card.open' });
    expect(links).toEqual({ search: 'https://huggingface.co/papers?q=t' });
  });

  it('knows arXiv ids of both styles', () => {
    for (const id of ['2405.15738', '0704.0001', 'hep-th/9901001', 'math.GT/0309136']) expect(isArxivId(id), id).toBe(true);
    for (const id of ['2405.157', '2405.15738v3', '2405.15738/../x', '2405.15738 ', 'https://arxiv.org/abs/2405.15738', '', 42]) expect(isArxivId(id), String(id)).toBe(false);
  });
});
