import { describe, expect, it } from 'vitest';
import { digestFormat, parseDigest } from '../../src/core';
import { hasLevel2Headings } from '../../src/core/digest/parse-digest';

describe('parseDigest picks the format', () => {
  it('from a Markdown file name, whatever the text', () => {
    for (const uri of ['file:///a/b.md', 'file:///a/B.MD', 'file:///a/b.markdown', 'vscode-remote://x/b.md?query#frag', 'b.md']) {
      expect(digestFormat('Title\n\nAbstract.', uri), uri).toBe('markdown');
    }
  });

  it('from level-2 headings near the top of the text', () => {
    expect(digestFormat('# Digest\n\n## Paper\n\nAbstract.', 'file:///a.txt')).toBe('markdown');
    expect(digestFormat('\uFEFF## Paper', 'untitled:digest')).toBe('markdown');
    expect(digestFormat('   ## Indented three spaces', 'a.txt')).toBe('markdown');
    expect(digestFormat('Intro\r\n## Paper', 'a.txt')).toBe('markdown');
  });

  it('otherwise reads plain text', () => {
    expect(digestFormat('Title\n\nAbstract with ## inside.', 'a.txt')).toBe('hf-text');
    expect(digestFormat('### Only level three', 'a.txt')).toBe('hf-text');
    expect(digestFormat('    ## Four spaces is code', 'a.txt')).toBe('hf-text');
    expect(digestFormat('Title\n\nAbstract.', 'file:///a/b.md.txt')).toBe('hf-text');
    expect(hasLevel2Headings(`${'x'.repeat(5000)}\n## Too far down`)).toBe(false);
  });

  it('parses each format with its own parser', () => {
    const text = '## [Title](https://arxiv.org/abs/1)\n\nAbstract.\n';
    expect(parseDigest(text, 'file:///a.md').papers[0]).toMatchObject({ title: 'Title', url: 'https://arxiv.org/abs/1' });
    expect(parseDigest('Title\n\nAbstract.\n\n  • 2 authors', 'file:///a.txt').papers[0]).toMatchObject({ title: 'Title', authorCount: 2 });
  });

  it('defaults the uri and never throws on input that is not text', () => {
    expect(parseDigest('T\n\nA.').uri).toBe('untitled:digest');
    expect(parseDigest(undefined as unknown as string).papers).toEqual([]);
    expect(parseDigest(42 as unknown as string, 'a.md').papers).toEqual([]);
  });

  it('reads long titles and short abstracts', () => {
    const title = `A ${'Very '.repeat(50)}Long Title About Everything`;
    const digest = parseDigest(`${title}\n\nShort.\n\n  • 2 authors\n\nNext\n\nTiny.\n\nLast Paper\n\nOk.`);
    expect(digest.papers.map((p) => [p.title, p.abstract])).toEqual([[title, 'Short.'], ['Next', 'Tiny.'], ['Last Paper', 'Ok.']]);
  });
});
