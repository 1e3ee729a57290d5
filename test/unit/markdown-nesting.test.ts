/**
 * Markdown nested past MAX_MARKDOWN_NESTING is cut to that depth before remark reads it:
 * the paper is kept with a warning, the papers around it read as before, and text
 * below the limits is never changed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MarkdownDigestParser } from '../../src/core/digest/markdown-digest-parser';
import { MAX_MARKDOWN_NESTING, MAX_PARAGRAPH_DELIMITERS, capMarkdownNesting } from '../../src/core/digest/markdown-nesting';
import { parseMarkdownDigest } from '../../src/core/digest/parse-markdown';

const HEAD = '# Daily Papers — Nov 6\n\n## Before\n\nThe abstract before.\n\n## Deep\n\n';
const TAIL = '\n\n## After\n\nThe abstract after.\nzai-org · 3 authors · Oct 13 · ▲ 2\n';
const DEEP_LINE = 8;

const HOSTILE: Record<string, string> = {
  'list items nested on one line (10 KB)': `${'- '.repeat(5000)}x`,
  'block quotes (50 KB)': `${'>'.repeat(50_000)} x`,
  'block quotes with spaces': `${'> '.repeat(5000)}x`,
  'ordered items': `${'1. '.repeat(3000)}x`,
  'quotes and lists': `${'> - '.repeat(2500)}x`,
  'a run of asterisks': `${'*'.repeat(5000)}x${'*'.repeat(5000)}`,
  'a run of underscores': `${'_'.repeat(5000)}x${'_'.repeat(5000)}`,
  'nested emphasis': `${'*a '.repeat(2000)}x${' a*'.repeat(2000)}`,
  'nested strong emphasis': `${'**a '.repeat(1500)}x${' a**'.repeat(1500)}`,
  'nested strikethrough': `${'~a '.repeat(2000)}x${' a~'.repeat(2000)}`,
  'nested brackets': `${'['.repeat(5000)}x${']'.repeat(5000)}`,
  'nested images': `${'!['.repeat(2000)}x${'](u)'.repeat(2000)}`,
  'nested links': `${'[['.repeat(1500)}x${'](u)]'.repeat(1500)}`,
  'closers with nothing to close': ' a*'.repeat(4000),
  'emphasis pairs in one paragraph': '*a* '.repeat(3000),
};

describe('a digest with hostile nesting', () => {
  const normal = parseMarkdownDigest(`${HEAD}x${TAIL}`, 'u');

  it.each(Object.entries(HOSTILE))('%s: keeps every paper, with a warning on the line cut', (_name, deep) => {
    const digest = parseMarkdownDigest(`${HEAD}${deep}${TAIL}`, 'u');
    expect(digest.papers.map((p) => p.title)).toEqual(['Before', 'Deep', 'After']);
    // The papers around it read exactly as they do around a plain one-line abstract.
    expect(digest.papers[0]).toEqual(normal.papers[0]);
    expect(digest.papers[2]).toEqual(normal.papers[2]);
    expect(digest.digestDate).toBe('Nov 6');
    const cuts = digest.diagnostics.filter((d) => /nested too deeply/.test(d.message));
    expect(cuts).toEqual([{ line: DEEP_LINE, severity: 'warning', message: expect.any(String) }]);
    expect(digest.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reads the text at the deepest level kept', () => {
    const digest = parseMarkdownDigest(`${HEAD}${'- '.repeat(5000)}deep text${TAIL}`, 'u');
    expect(digest.papers[1].abstract).toBe('deep text');
    expect(digest.diagnostics.find((d) => d.line === DEEP_LINE)?.message).toMatch(/block quotes or lists nested more than 32 levels/);
  });

  it('gives the same digest read section by section as read whole', () => {
    const text = `${HEAD}${Object.values(HOSTILE).join('\n\n## Next\n\n')}${TAIL}`;
    const parser = new MarkdownDigestParser();
    const whole = parseMarkdownDigest(text, 'u');
    expect(parser.parse(text, 'u')).toEqual(whole);
    expect(parser.lastStats().sections).toBeGreaterThan(10);
    expect(whole.diagnostics.filter((d) => /nested too deeply/.test(d.message))).toHaveLength(Object.keys(HOSTILE).length);
  });
});

describe('capMarkdownNesting', () => {
  it('leaves text at the limits as it is', () => {
    const limit = MAX_MARKDOWN_NESTING;
    const atLimit = [
      `${'>'.repeat(limit)} x`,
      `${'- '.repeat(limit)}x`,
      `${'*'.repeat(limit)}x${'*'.repeat(limit)}`,
      `${'['.repeat(limit)}x${']'.repeat(limit)}`,
      ' a*'.repeat(limit),
      '*a* '.repeat(MAX_PARAGRAPH_DELIMITERS / 2),
    ].join('\n\n');
    expect(capMarkdownNesting(atLimit)).toEqual({ text: atLimit, cuts: [] });
  });

  it('drops the markers past the limit and keeps the text after them', () => {
    expect(capMarkdownNesting(`${'>'.repeat(40)} x`).text).toBe(`${'>'.repeat(32)} x`);
    expect(capMarkdownNesting(`${'> '.repeat(40)}x`).text).toBe(`${'> '.repeat(31)}> x`);
    expect(capMarkdownNesting(`${'- '.repeat(40)}x`).text).toBe(`${'- '.repeat(31)}- x`);
    expect(capMarkdownNesting(`${'*'.repeat(40)}x`).text).toBe(`${'*'.repeat(32)}x`);
    expect(capMarkdownNesting(`${'['.repeat(40)}x`).text).toBe(`${'['.repeat(32)}x`);
    expect(capMarkdownNesting(']'.repeat(40)).text).toBe(']'.repeat(32));
  });

  it('counts each paragraph on its own, and only delimiters that can open or close', () => {
    const paragraphs = Array.from({ length: 40 }, () => '*a').join('\n\n');
    expect(capMarkdownNesting(paragraphs).cuts).toEqual([]);
    // New list items start new paragraphs.
    expect(capMarkdownNesting('- *a\n'.repeat(40)).cuts).toEqual([]);
    // Inside words, "_" neither opens nor closes; escaped markers are text.
    expect(capMarkdownNesting('snake_case_name '.repeat(500)).cuts).toEqual([]);
    expect(capMarkdownNesting('\\*a \\[b '.repeat(500)).cuts).toEqual([]);
    // Runs of three or more tildes are never strikethrough.
    expect(capMarkdownNesting('a ~~~ b '.repeat(500)).cuts).toEqual([]);
  });

  it('reports the first line cut in each paragraph, and keeps every line and line ending', () => {
    const text = `intro\r\n\r\nok\r\n${'>'.repeat(40)} a\r\n${'>'.repeat(40)} b\r\n\r\n${'['.repeat(40)}\r\n`;
    const capped = capMarkdownNesting(text);
    expect(capped.cuts.map((c) => c.line)).toEqual([3, 6]);
    expect(capped.cuts[1].message).toMatch(/brackets or links/);
    expect(capped.text.split('\r\n')).toHaveLength(text.split('\r\n').length);
    expect(capped.text).toBe(`intro\r\n\r\nok\r\n${'>'.repeat(32)} a\r\n${'>'.repeat(32)} b\r\n\r\n${'['.repeat(32)}\r\n`);
  });

  it('never changes the Markdown fixtures', () => {
    const dirs = [join(__dirname, 'fixtures', 'digests'), join(__dirname, 'fixtures', 'not-digests')];
    const files = dirs.flatMap((dir) => readdirSync(dir).filter((n) => n.endsWith('.md')).map((n) => join(dir, n)));
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(capMarkdownNesting(text)).toEqual({ text, cuts: [] });
    }
  });

  it('only deletes characters, never lines (property)', () => {
    const piece = fc.constantFrom('>', '- ', '1. ', '*', '**', '_', '~', '[', ']', '![', '\\', ' ', 'a', 'é', '😀', '\n', '\r\n', '\n\n', '#');
    const text = fc.array(fc.oneof(piece, fc.array(piece, { maxLength: 80 }).map((p) => p.join('').repeat(3))), { maxLength: 120 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, (input) => {
        const { text: output, cuts } = capMarkdownNesting(input);
        const lines = (s: string) => s.split(/\r\n|\r|\n/).length;
        expect(lines(output)).toBe(lines(input));
        let at = 0;
        for (const char of output) {
          at = input.indexOf(char, at);
          expect(at).toBeGreaterThanOrEqual(0);
          at += char.length;
        }
        expect(cuts.length === 0).toBe(output === input);
      }),
      { numRuns: 300 },
    );
  });
});
