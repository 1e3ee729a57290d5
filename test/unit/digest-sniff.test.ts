/**
 * The first look at a candidate file never turns a digest away (the Markdown check it
 * stands in front of is run on random Markdown and must imply it), decides from the head
 * of the bytes exactly as the full check decides from the whole text, and turns away the
 * ordinary files of a documentation repository.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIGEST_SNIFF_LENGTH, digestFormat, headText, isDigest, renderHfDigest, renderMarkdownDigest, SNIFF_BYTES, sniffDigest, type PaperFields } from '../../src/core';

const seedsDir = join(__dirname, '..', 'fixtures');
const unitFixtures = join(__dirname, 'fixtures');
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const sniffFile = (text: string, name: string) => sniffDigest(headText(encode(text)), name);

describe('headText', () => {
  it('is the whole text of a short file, and a prefix long enough for the checks of a long one', () => {
    expect(headText(encode('# Title\n\nshort'))).toBe('# Title\n\nshort');
    const long = 'é€😀 word\n'.repeat(2000);
    const head = headText(encode(long));
    expect(long.startsWith(head)).toBe(true);
    expect(head.length).toBe(DIGEST_SNIFF_LENGTH + 1);
  });

  it('drops the bytes of a character cut at the end, and a byte-order mark', () => {
    const text = `\uFEFF${'€'.repeat(SNIFF_BYTES)}`;
    const head = headText(encode(text));
    expect(head).not.toContain('\uFFFD');
    expect(head.startsWith('€€')).toBe(true);
  });

  it('decides as the checks decide over the whole text, whatever the characters', () => {
    const line = fc.constantFrom('Title of a paper', 'An abstract sentence with words.', '  • 3 authors', '·', 'Oct 13 2', '## Heading', 'Ünïcödé ☃ 😀 テキスト', '', 'Daily Papers', 'new');
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 1500 }), fc.constantFrom('a.txt', 'a.md'), (lines, name) => {
      const text = lines.join('\n');
      const head = headText(encode(text));
      expect(digestFormat(head, name)).toBe(digestFormat(text, name));
      expect(isDigest(head, name)).toBe(isDigest(text, name));
      // For a plain-text file the sniff is the full check.
      if (digestFormat(text, name) === 'hf-text') expect(sniffDigest(head, name) === 'plain-text').toBe(isDigest(text, name));
    }), { numRuns: 150 });
  });
});

describe('sniffDigest', () => {
  it('finds the seed digests as plain text and Markdown digests as Markdown', () => {
    const seeds = readdirSync(seedsDir).filter((name) => name.endsWith('.txt'));
    expect(seeds.length).toBe(3);
    for (const name of seeds) expect(sniffFile(readFileSync(join(seedsDir, name), 'utf8'), name)).toBe('plain-text');
    expect(sniffFile(readFileSync(join(unitFixtures, 'digests', 'daily.md'), 'utf8'), 'daily.md')).toBe('markdown');
  });

  it('finds a plain-text digest by its page header alone', () => {
    const seed = readFileSync(join(seedsDir, readdirSync(seedsDir).filter((name) => name.endsWith('.txt'))[0]), 'utf8');
    const bare = seed.split('\n').filter((line) => !/[·•]|authors?$|^[A-Z][a-z]{2} \d/.test(line.trim())).join('\n');
    expect(isDigest(bare, 'bare.txt')).toBe(true);
    expect(sniffFile(bare, 'bare.txt')).toBe('plain-text');
  });

  it('turns away plain-text files that are no digest', () => {
    const names = readdirSync(join(unitFixtures, 'not-digests')).filter((name) => name.endsWith('.txt'));
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const name of names) expect(sniffFile(readFileSync(join(unitFixtures, 'not-digests', name), 'utf8'), name), name).toBe('none');
  });

  it('turns away the pages of a documentation repository without asking the Markdown parser', () => {
    const pages = [
      '# Project\n\nA library for parsing things.\n\n## Install\n\n```sh\nnpm install project\n```\n\n## Usage\n\nCall `parse()` with a string.\n',
      '# Changelog\n\n## 2.1.0 (2024-03-05)\n\n- Faster parsing.\n- Fixed a crash on empty input.\n\n## 2.0.0 (2023-11-19)\n\n- New API.\n',
      '---\ntitle: Guide\n---\n\n# Configuration\n\nSet `level` to 3 for more output.\n\n| key | default |\n| --- | --- |\n| level | 1 |\n',
      'Plain notes about the build.\nRun make twice, then run the tests.\n',
      '# Release process\n\n## Steps\n\nLast reviewed on Mar 5, 2024.\n\nSee the [notes of Nov 6](https://example.org/notes) and ask the authors.\n',
    ];
    for (const page of pages) {
      expect(sniffFile(page, 'page.md')).toBe('none');
      expect(isDigest(page, 'page.md')).toBe(false);
    }
  });

  const fields: fc.Arbitrary<PaperFields> = fc.record({
    title: fc.constantFrom('Sparse Attention at Scale', 'A Paper', 'Retrieval With Memory', 'Über Modelle'),
    abstract: fc.constantFrom('We study attention.', 'An abstract about retrieval.', ''),
    authorCount: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
    org: fc.option(fc.constantFrom('zai-org Z.ai', 'microsoft Microsoft', 'Acme Labs'), { nil: undefined }),
    published: fc.option(fc.constantFrom('Nov 6', 'Mar 5, 2024', 'September 30'), { nil: undefined }),
    upvotes: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
    url: fc.option(fc.constantFrom('https://huggingface.co/papers/2405.15738', 'https://arxiv.org/abs/2401.00001'), { nil: undefined }),
    links: fc.constant([]),
  });

  it('never turns away a rendered digest that the full check accepts', () => {
    fc.assert(fc.property(
      fc.option(fc.constantFrom('Nov 6', 'Jan 26', '2024-03-05'), { nil: undefined }),
      fc.array(fields, { minLength: 1, maxLength: 6 }),
      (date, papers) => {
        const markdown = renderMarkdownDigest(date, papers);
        if (isDigest(markdown, 'd.md')) expect(sniffFile(markdown, 'd.md')).toBe('markdown');
        for (const options of [{}, { header: false, wrap: 40 }, { header: true, crlf: true }]) {
          const text = renderHfDigest(date, papers, options);
          if (isDigest(text, 'd.txt')) expect(sniffFile(text, 'd.txt')).not.toBe('none');
        }
      },
    ), { numRuns: 300 });
  });

  /** A metadata part as a writer may mark it up: emphasis, code, escapes, character references. */
  const markedUp = (part: string): fc.Arbitrary<string> => fc.constantFrom(
    part,
    `**${part}**`,
    `_${part}_`,
    `\`${part}\``,
    part.replace(/^([A-Z][a-z]+)/, '*$1*'),
    part.replace(/^([A-Z][a-z]+)/, '[$1](https://a.org/m)'),
    part.replace(/(\d)/, (d) => `&#${48 + Number(d)};`),
    part.replace(/(\d)/, (d) => `&#x${(48 + Number(d)).toString(16)};`),
    part.replace('▲', '&#9650;').replace('↑', '&uarr;'),
    // Emphasis inside a word: "N**ov** 6" reads as "Nov 6".
    part.replace(/([A-Za-z])([a-z]{2,})/, '$1**$2**'),
  );
  const metaPart = fc.constantFrom('3 authors', '1 author', 'Nov 6', 'Mar 5, 2024', 'Oct 13 2', '▲ 14', '↑ 2', '14 upvotes', 'zai-org Z.ai', 'many authors').chain(markedUp);
  const separator = fc.constantFrom(' · ', ' • ', ' &middot; ', ' &#183; ', ' &bull; ', ' \\· ');
  const metaLine = fc.tuple(fc.array(fc.tuple(metaPart, separator), { minLength: 1, maxLength: 3 }), fc.constantFrom('', '- ', '* ', '> '))
    .map(([parts, bullet]) => bullet + parts.map(([part, sep], i) => (i === 0 ? part : sep + part)).join(''));
  const title = fc.constantFrom('Sparse Attention', 'A **Bold** Title', 'Über `Modelle`');
  const heading = fc.tuple(title, fc.boolean()).map(([t, linked]) => `## ${linked ? `[${t}](https://a.org/x)` : t}`);
  // Lines with no sign of their own, so that each paper's metadata line is what the check and the sniff see.
  const filler = fc.constantFrom('We study attention at scale.', '```\n3 authors\n```', '<b>Nov</b> 6', '# Notes', '# Daily Papers — 2024-03-05', 'Plain words.', '');
  const paper = fc.tuple(heading, fc.array(filler, { maxLength: 2 }), metaLine).map(([h, lines, meta]) => [h, ...lines, meta]);

  it('never turns away Markdown that the full check accepts, markup, references and all', () => {
    let digests = 0;
    fc.assert(fc.property(
      fc.option(fc.constantFrom('# Daily Papers — Nov 6', '# Daily Papers — 2024-03-05'), { nil: undefined }),
      fc.array(paper, { minLength: 1, maxLength: 3 }),
      fc.constantFrom('\n\n', '\n'),
      (h1, papers, eol) => {
        const text = [...(h1 === undefined ? [] : [h1]), ...papers.flat()].join(eol);
        if (!isDigest(text, 'x.md')) return;
        digests++;
        expect(sniffFile(text, 'x.md')).toBe('markdown');
      },
    ), { numRuns: 800 });
    // The property is worth something only if many of the texts are digests.
    expect(digests).toBeGreaterThan(150);
  });

  it('turns away a head of nothing but month names or ampersands', () => {
    const hostile = `${'Nov '.repeat(DIGEST_SNIFF_LENGTH)}`;
    expect(sniffFile(hostile, 'h.md')).toBe('none');
    expect(sniffFile(`${'&'.repeat(DIGEST_SNIFF_LENGTH)}`, 'h.md')).toBe('none');
  });
});

describe('saved Daily Papers API responses', () => {
  const response = readFileSync(join(__dirname, '..', 'hf-api', '2026-08-14.json'), 'utf8');

  it('are digests from their head alone; other JSON files are not', () => {
    expect(sniffDigest(response.slice(0, SNIFF_BYTES), '2026-08-14.json')).toBe('hf-json');
    expect(sniffDigest('{\n  "name": "paper-digest-reader",\n  "version": "0.1.0"\n}\n', 'package.json')).toBe('none');
    expect(sniffDigest('[{"status": "ok", "data": []}]', 'list.json')).toBe('none');
    expect(sniffDigest('["{\'paper\': 1}"]', 'repr.json')).toBe('none');
  });
});
