import fc from 'fast-check';
import type { Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { markdownLines, markdownText } from '../../src/core';

const parser = unified().use(remarkParse).use(remarkGfm);

/**
 * Every node kind in the tree of `markdown` but the plain ones, its text as a reader sees it,
 * and the links: GFM makes a bare web address or e-mail address a link, as VS Code's renderer
 * does, and such a link opens only a web page or a mail.
 */
function read(markdown: string): { kinds: string[]; text: string; paragraphs: number } {
  const kinds: string[] = [];
  let text = '';
  let paragraphs = 0;
  const walk = (node: Root | RootContent) => {
    if (node.type === 'paragraph') {
      if (paragraphs++ > 0) text += '\n\n';
    } else if (node.type === 'break') text += '\n';
    else if (node.type === 'link') {
      if (!/^(?:https?:\/\/|mailto:)/.test(node.url)) kinds.push(`link to ${node.url}`);
    } else if (node.type !== 'root' && node.type !== 'text') kinds.push(node.type);
    if (node.type === 'text') text += node.value;
    if ('children' in node) node.children.forEach(walk);
  };
  walk(parser.parse(markdown));
  return { kinds, text, paragraphs };
}

describe('markdownText', () => {
  it('reads back as exactly its words: no command link, link of its own, image, HTML or emphasis', () => {
    for (const hostile of [
      '<command:paperReader.card.open>',
      '[click](command:workbench.action.files.delete)',
      '![pixel](https://tracker.example/p.png)',
      '<img src=x onerror=alert(1)> **bold** _it_ `code` ~~gone~~',
      'https://example.com and www.example.com',
      '# Not a heading',
      '    not code',
      '1. not a list\n- nor this\n> nor a quote',
      '| a | b |\n| - | - |',
      'A &amp; B &#60; C',
      'back\\slash\\',
    ]) {
      const { kinds, text } = read(markdownText(hostile));
      expect(kinds, hostile).toEqual([]);
      expect(text).toBe(hostile.replace(/\s+/g, ' ').trim());
    }
  });

  it('keeps ordinary spaces, so a long abstract wraps between its words', () => {
    expect(markdownText('Diffusion language models (dLLMs) are fast.')).toBe('Diffusion language models \\(dLLMs\\) are fast\\.');
  });

  it('any text is one paragraph of plain text whose words are the text\'s, white space collapsed', () => {
    const pieces = fc.constantFrom('<', '>', '[', ']', '(', ')', '!', '*', '_', '`', '~', '#', '|', '\\', '&', ';', ':', '-', '=', '+', '.', '"', "'", '\n', '\t', '  ', 'http://x.io', 'www.a.org', 'a@b.co', 'command:x', 'é', '論文', ' ');
    const texts = fc.array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(fc.property(texts, (text) => {
      const { kinds, text: shown, paragraphs } = read(markdownText(text));
      const expected = text.replace(/\s+/g, ' ').trim();
      expect(kinds).toEqual([]);
      expect(paragraphs).toBe(expected === '' ? 0 : 1);
      expect(shown).toBe(expected);
    }), { numRuns: 2000 });
  });

  it('markdownLines keeps the lines and paragraphs of a note, and nothing else of Markdown', () => {
    expect(markdownLines('First line.\n  - second, not a list\n\n\n# third, a paragraph')).toBe('First line\\.\\\n\\- second\\, not a list\n\n\\# third\\, a paragraph');
    const pieces = fc.constantFrom('<', '>', '[', ']', '(', ')', '!', '*', '_', '`', '~', '#', '|', '\\', '&', ':', '-', '=', '+', '.', '\n', '\n\n', '\r\n', '\n  \n', '\t', '  ', 'http://x.io', 'a@b.co', 'command:x', '    code?', '1. ', '論文', ' ');
    const texts = fc.array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(fc.property(texts, (text) => {
      const { kinds, text: shown } = read(markdownLines(text));
      const expected = text.split(/\r?\n\s*\n/)
        .map((paragraph) => paragraph.split(/\r?\n/).map((line) => line.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n'))
        .filter(Boolean).join('\n\n');
      expect(kinds).toEqual([]);
      expect(shown).toBe(expected);
    }), { numRuns: 2000 });
  });
});
