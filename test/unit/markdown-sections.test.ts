/**
 * The cut points of splitMarkdownSections, and where it refuses to cut or to split.
 */
import { describe, expect, it } from 'vitest';
import { splitMarkdownSections } from '../../src/core/digest/markdown-sections';

/** The 0-based lines where sections start, after the preamble; undefined when not splittable. */
function cuts(text: string): number[] | undefined {
  const sections = splitMarkdownSections(text);
  if (sections === undefined) return undefined;
  expect(sections[0].line).toBe(0);
  expect(sections[0].offset).toBe(0);
  expect(sections.map((s) => s.text).join('')).toBe(text);
  return sections.slice(1).map((s) => s.line);
}

const lines = (...ls: string[]) => ls.join('\n') + '\n';

describe('splitMarkdownSections', () => {
  it('cuts before every level-2 heading line', () => {
    const text = lines('# Daily Papers — Nov 6', '', '## One', '', 'Abstract one.', '', '## Two', 'Abstract two.', '##', '## [Three](https://x.org)');
    expect(cuts(text)).toEqual([2, 6, 8, 9]);
    const sections = splitMarkdownSections(text)!;
    expect(sections[1].text).toBe('## One\n\nAbstract one.\n\n');
    expect(sections[1].offset).toBe(text.indexOf('## One'));
    expect(sections[4].text).toBe('## [Three](https://x.org)\n');
  });

  it('gives the whole text as the preamble when there is no cut', () => {
    expect(cuts('')).toEqual([]);
    expect(cuts('just text')).toEqual([]);
    expect(splitMarkdownSections('just text')).toEqual([{ line: 0, offset: 0, text: 'just text' }]);
  });

  it('does not cut at lines that are not level-2 ATX headings at no indent', () => {
    const text = lines('## A', '### Deeper', '#Not', '##Not', ' ## Indented', '   ## Indented', '\t## Tab', '# One', '## B', '##\tTab');
    expect(cuts(text)).toEqual([8, 9]);
  });

  it('does not cut at the first line: the preamble holds the first section', () => {
    expect(cuts(lines('## A', 'x', '## B'))).toEqual([2]);
  });

  it('counts \\r\\n, \\r and \\n as line endings, as CommonMark does', () => {
    const text = '# D\r\n\r\n## A\r\nx\r## B\n## C';
    const sections = splitMarkdownSections(text)!;
    expect(sections.map((s) => s.line)).toEqual([0, 2, 4, 5]);
    expect(sections.map((s) => s.text)).toEqual(['# D\r\n\r\n', '## A\r\nx\r', '## B\n', '## C']);
  });

  it('does not cut inside fenced code, whatever the fence', () => {
    expect(cuts(lines('## A', '```', '## in code', '```', '## B'))).toEqual([4]);
    expect(cuts(lines('## A', '~~~~ info', '## in code', '~~~', '## in code', '~~~~~', '## B'))).toEqual([6]);
    // A closing fence is at least as long, the same character, at most three spaces in, with nothing after.
    expect(cuts(lines('## A', '````', '```', '## in code', '~~~~', '## in code', '```` x', '## in code', '   ````', '## B'))).toEqual([9]);
    expect(cuts(lines('## A', '```', '    ```', '## in code', '\t```', '## in code', '```', '## B'))).toEqual([7]);
    // An unclosed fence runs to the end.
    expect(cuts(lines('## A', '```', '## in code', '## in code'))).toEqual([]);
  });

  it('follows both readings of a fence indented one to three spaces (maybe in a list item)', () => {
    // Here the fence is in the list item, and the unindented ``` opens a fence at the root:
    // "## in code" is code. The two readings stay out of step, so no later cut either.
    expect(cuts(lines('## A', '- item', '', '  ```', '  code', '```', '## in code', '```', '## B'))).toEqual([]);
    // Closed in both readings (the indented fence at the root, or in the list item and no fence at the root).
    expect(cuts(lines('## A', '- item', '', '  ```', '  code', '  ```', '', '## B'))).toEqual([7]);
  });

  it('does not cut inside HTML blocks', () => {
    expect(cuts(lines('## A', '<!--', '## in comment', '-->', '## B'))).toEqual([4]);
    expect(cuts(lines('## A', '<!-- one line -->', '## B'))).toEqual([2]);
    expect(cuts(lines('## A', '<script>', '## in script', '', '</SCRIPT>', '## B'))).toEqual([5]);
    expect(cuts(lines('## A', '<pre>', '## in pre', '</textarea>', '## B'))).toEqual([4]);
    expect(cuts(lines('## A', '<?php', '## x', '?>', '## B'))).toEqual([4]);
    expect(cuts(lines('## A', '<!DOCTYPE', '## x', '>', '## B'))).toEqual([4]);
    expect(cuts(lines('## A', '<![CDATA[', '## x', ']]>', '## B'))).toEqual([4]);
    // Kinds 6 and 7 run until a blank line.
    expect(cuts(lines('## A', '<div>', '## in div', '', '## B'))).toEqual([4]);
    expect(cuts(lines('## A', 'text', '<span class="x">', '## maybe html', '', '## B'))).toEqual([5]);
  });

  it('does not cut inside front matter', () => {
    expect(cuts(lines('---', 'title: x', '## not a heading', '---', '## A'))).toEqual([4]);
    expect(cuts(lines('\ufeff+++', '## x', '+++', '## A'))).toEqual([3]);
    // Never closed: not front matter, but the scan need not know.
    expect(cuts(lines('---', '## A', '## B'))).toEqual([]);
  });

  it('does not cut after an HTML block or fence opened in doubt until every reading has closed', () => {
    // "<!-->" closes at once for micromark; the scan follows both readings until a "-->".
    expect(cuts(lines('## A', '<!-->', '## B', '-->', '## C'))).toEqual([4]);
    expect(cuts(lines('## A', '  <!--', '## B', '-->', '## C'))).toEqual([4]);
  });

  it('refuses text with reference or footnote definitions', () => {
    expect(cuts(lines('## A', '[code][1]', '', '[1]: https://x.org'))).toBeUndefined();
    expect(cuts(lines('## A', 'Text[^1].', '', '[^1]: A note.'))).toBeUndefined();
    expect(cuts(lines('## A', '> [a]: https://x.org', '## B'))).toBeUndefined();
    expect(cuts(lines('## A', '[multi', 'line]: /url', '## B'))).toBeUndefined();
  });
});
