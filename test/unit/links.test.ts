import { describe, expect, it } from 'vitest';
import { extractLinks } from '../../src/core';

describe('extractLinks', () => {
  it('finds http and https URLs in order', () => {
    expect(extractLinks('Code: https://github.com/a/b and data at http://data.example.org/x?y=1&z=2#f'))
      .toEqual(['https://github.com/a/b', 'http://data.example.org/x?y=1&z=2#f']);
  });

  it('drops sentence punctuation after a URL', () => {
    for (const mark of ['.', ',', ';', ':', '!', '?', '...', '.)', '…', "'", '"', '*', '_']) {
      expect(extractLinks(`See https://github.com/a/b${mark} next`), mark).toEqual(['https://github.com/a/b']);
    }
    expect(extractLinks('Available at https://deepprune.github.io/')).toEqual(['https://deepprune.github.io/']);
  });

  it('keeps balanced brackets and drops a closing one opened outside the URL', () => {
    expect(extractLinks('(see https://x.org/a).')).toEqual(['https://x.org/a']);
    expect(extractLinks('https://en.wikipedia.org/wiki/Set_(mathematics).')).toEqual(['https://en.wikipedia.org/wiki/Set_(mathematics)']);
    expect(extractLinks('[code](https://github.com/a/b)')).toEqual(['https://github.com/a/b']);
    expect(extractLinks('[https://x.org/a/[1]]')).toEqual(['https://x.org/a/[1]']);
  });

  it('stops at quotes, angle brackets and white space', () => {
    expect(extractLinks('"https://x.org/q" <https://y.org/r> “https://z.org/s” ‘https://w.org/t’'))
      .toEqual(['https://x.org/q', 'https://y.org/r', 'https://z.org/s', 'https://w.org/t']);
    expect(extractLinks('https://x.org/a\nhttps://x.org/b\thttps://x.org/c\u00a0end')).toEqual(['https://x.org/a', 'https://x.org/b', 'https://x.org/c']);
  });

  it('lists each URL once', () => {
    expect(extractLinks('https://a.org/x, https://b.org/y and again https://a.org/x.')).toEqual(['https://a.org/x', 'https://b.org/y']);
    const many = Array.from({ length: 50 }, (_, i) => `https://a.org/${i % 20}`).join(' ');
    expect(extractLinks(many)).toEqual(Array.from({ length: 20 }, (_, i) => `https://a.org/${i}`));
  });

  it('ignores other schemes, bare scheme names and schemes inside words', () => {
    expect(extractLinks('ftp://a.org mailto:x@y.z javascript:alert(1) http:// https://. xhttps://a.org github.com/a/b')).toEqual([]);
    expect(extractLinks('The HTTP protocol and https are words here.')).toEqual([]);
  });

  it('finds a URL inside a URL only once, as part of the outer one', () => {
    expect(extractLinks('https://web.archive.org/web/2024/https://x.org/p.')).toEqual(['https://web.archive.org/web/2024/https://x.org/p']);
  });

  it('stays linear on long and hostile input', () => {
    const hostile = `https://${'('.repeat(100_000)}${')'.repeat(100_000)}`;
    expect(extractLinks(hostile)).toHaveLength(1);
    expect(extractLinks('://'.repeat(100_000))).toEqual([]);
    expect(extractLinks('https://x.org/'.repeat(1)).length).toBe(1);
    const distinct = Array.from({ length: 20_000 }, (_, i) => `https://a.org/${i}`).join(' ');
    expect(extractLinks(distinct)).toHaveLength(20_000);
  });
});
