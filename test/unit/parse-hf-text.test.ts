import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDigest, paperId, type Paper } from '../../src/core';
import { parseHfText, readDate, readMetadataLine } from '../../src/core/digest/parse-hf-text';
import { SEEDS, WHOLE_SEED_PAPERS } from './fixtures/seed-papers';

const seedText = (file: string): string => readFileSync(join(__dirname, '..', 'fixtures', file), 'utf8');
const lines = (...rows: string[]): string => rows.join('\n');

/** The fields a digest states about a paper, without the id and source it derives. */
function fields(paper: Paper): Omit<Paper, 'id' | 'source'> {
  const { id: _id, source: _source, ...rest } = paper;
  return rest;
}

describe('HF text digests: the seeds', () => {
  for (const seed of SEEDS) {
    describe(seed.file, () => {
      const digest = parseDigest(seedText(seed.file), `file:///seeds/${seed.file}`);

      it('reads the digest date and every title, in order', () => {
        expect(digest.digestDate).toBe(seed.digestDate);
        expect(digest.papers.map((p) => p.title)).toEqual(seed.papers.map((p) => p.title));
        expect(digest.diagnostics).toEqual([]);
      });

      it('reads every field of every paper', () => {
        seed.papers.forEach((expected, i) => {
          const paper = digest.papers[i];
          const context = `${seed.file} paper ${i}: ${expected.title}`;
          expect(paper.id, context).toBe(paperId(expected.title));
          expect(paper.org, context).toBe(expected.org);
          expect(paper.authorCount, context).toBe(expected.authorCount);
          expect(paper.published, context).toBe(expected.published);
          expect(paper.upvotes, context).toBe(expected.upvotes);
          expect(paper.url, context).toBeUndefined();
          expect(paper.links, context).toEqual(expected.links);
          expect(paper.abstract.length, context).toBe(expected.abstractLength);
          expect(paper.abstract.startsWith(expected.abstractStart), context).toBe(true);
          expect(paper.abstract.endsWith(expected.abstractEnd), context).toBe(true);
          expect(paper.source, context).toEqual({
            uri: `file:///seeds/${seed.file}`,
            titleLine: expected.titleLine,
            startLine: expected.titleLine,
            endLine: expected.endLine,
          });
        });
      });
    });
  }

  it('has 6, 18 and 28 papers, 52 in all', () => {
    expect(SEEDS.map((s) => parseDigest(seedText(s.file)).papers.length)).toEqual([6, 18, 28]);
  });

  for (const { file, paper } of WHOLE_SEED_PAPERS) {
    it(`reads "${paper.title}" exactly`, () => {
      const digest = parseDigest(seedText(file), `file:///seeds/${file}`);
      expect(digest.papers.find((p) => p.title === paper.title)).toStrictEqual(paper);
    });
  }

  it('reads the first paper of 000: organisation, date and upvotes, no author count', () => {
    const first = parseDigest(seedText('000_9ccde1c60d8efdfe.txt')).papers[0];
    expect(first.org).toBe('zai-org Z.ai');
    expect(first.published).toBe('Oct 13');
    expect(first.upvotes).toBe(2);
    expect('authorCount' in first).toBe(false);
  });

  it('reads a paper with no metadata at all, and the paper after it', () => {
    const papers = parseDigest(seedText('000_9ccde1c60d8efdfe.txt')).papers;
    const markovian = papers[3];
    expect(markovian.title).toBe('The Markovian Thinker');
    expect(Object.keys(markovian).sort()).toEqual(['abstract', 'id', 'links', 'source', 'title']);
    expect(papers[4].title).toBe('Representing Long Volumetric Video with Temporal Gaussian Hierarchy');
    expect(papers[4].authorCount).toBe(7);
  });

  it('uses "untitled:digest" when no uri is given', () => {
    const digest = parseDigest(seedText('000_9ccde1c60d8efdfe.txt'));
    expect(digest.uri).toBe('untitled:digest');
    expect(digest.papers[0].source.uri).toBe('untitled:digest');
  });
});

describe('HF text digests: variations found in real files', () => {
  const seed = seedText('000_9ccde1c60d8efdfe.txt');
  const reference = parseDigest(seed);

  it('reads CRLF line endings, with the same line numbers', () => {
    const digest = parseDigest(seed.replace(/\n/g, '\r\n'));
    expect(digest.papers).toEqual(reference.papers);
    expect(digest.diagnostics).toEqual([]);
    // No stray "\r" anywhere in what was read.
    expect(JSON.stringify(digest)).not.toContain('\\r');
  });

  it('reads lone CR line endings, and a mix of all three', () => {
    expect(parseDigest(seed.replace(/\n/g, '\r')).papers).toEqual(reference.papers);
    let n = 0;
    // In this order no lone "\r" is ever followed by a "\n" (which would make one CRLF of two breaks).
    const mixed = seed.replace(/\n/g, () => ['\r\n', '\n', '\r'][n++ % 3]);
    expect(mixed).toMatch(/[^\r]\n/);
    expect(mixed).toMatch(/\r[^\n]/);
    expect(parseDigest(mixed).papers).toEqual(reference.papers);
    // A lone "\r" just before the end is one line break, not half of a CRLF.
    const endsInCR = parseDigest('A Title\r\r!\r\r');
    expect(endsInCR.papers.map((p) => [p.title, p.abstract, p.source.endLine])).toEqual([['A Title', '!', 2]]);
    expect(endsInCR.diagnostics).toEqual([]);
  });

  it('skips a byte-order mark', () => {
    const digest = parseDigest(`\uFEFF${seed}`);
    expect(digest.papers).toEqual(reference.papers);
    expect(digest.digestDate).toBe('Nov 6');
  });

  it('reads a digest with no page header, with or without the date', () => {
    const withDate = seed.split('\n').slice(10).join('\n');
    const digest = parseDigest(withDate);
    expect(digest.digestDate).toBe('Nov 6');
    expect(digest.papers.map(fields)).toEqual(reference.papers.map(fields));
    expect(digest.papers[0].source.titleLine).toBe(2);

    const noDate = seed.split('\n').slice(12).join('\n');
    const bare = parseDigest(noDate);
    expect(bare.digestDate).toBeUndefined();
    expect(bare.papers.map(fields)).toEqual(reference.papers.map(fields));
    expect(bare.papers[0].source.titleLine).toBe(0);
  });

  it('joins an abstract hard-wrapped over several lines with single spaces', () => {
    const digest = parseDigest(lines(
      'Nov 6',
      '',
      'Wrapped Abstracts Considered Harmless',
      '',
      'We study abstracts that an e-mail client wrapped',
      'at seventy-two columns, so that one paragraph spans',
      'several lines.',
      '',
      '  • 3 authors',
      '·',
      'Nov 5',
    ));
    expect(digest.papers).toHaveLength(1);
    expect(digest.papers[0].abstract).toBe(
      'We study abstracts that an e-mail client wrapped at seventy-two columns, so that one paragraph spans several lines.',
    );
    expect(digest.papers[0].authorCount).toBe(3);
    expect(digest.papers[0].source).toMatchObject({ titleLine: 2, startLine: 2, endLine: 10 });
  });

  it('reads a whole seed re-wrapped at 60 columns as the same papers', () => {
    const wrapped = seed
      .split('\n')
      .flatMap((line) => (line.length > 300 ? (line.match(/.{1,60}(?:\s|$)/g) ?? [line]).map((l) => l.trimEnd()) : [line]))
      .join('\n');
    expect(wrapped.split('\n').length).toBeGreaterThan(150);
    const digest = parseDigest(wrapped);
    expect(digest.papers.map(fields)).toEqual(reference.papers.map(fields));
    expect(digest.diagnostics).toEqual([]);
  });

  it('ignores trailing spaces and tabs', () => {
    const digest = parseDigest(seed.replace(/\n/g, '  \t\n'));
    expect(digest.papers).toEqual(reference.papers);
  });

  it('ignores runs of blank lines and blank lines made of spaces', () => {
    const digest = parseDigest(seed.replace(/\n\n/g, '\n\n   \n\n\t\n'));
    expect(digest.papers.map(fields)).toEqual(reference.papers.map(fields));
    expect(digest.diagnostics).toEqual([]);
  });

  it('reads papers with only some of the metadata', () => {
    const digest = parseDigest(lines(
      'Only Authors', '', 'An abstract.', '', '  • 4 authors',
      '',
      'Only a Date', '', 'An abstract.', '', '·', 'Jul 7',
      '',
      'Only an Organisation', '', 'An abstract.', '', 'Acme Labs', '·',
      '',
      'Authors and Upvotes, No Year', '', 'An abstract.', '', '  • 2 authors', '·', 'Jul 7 15',
    ));
    expect(digest.papers.map((p) => [p.title, p.org, p.authorCount, p.published, p.upvotes])).toEqual([
      ['Only Authors', undefined, 4, undefined, undefined],
      ['Only a Date', undefined, undefined, 'Jul 7', undefined],
      ['Only an Organisation', 'Acme Labs', undefined, undefined, undefined],
      ['Authors and Upvotes, No Year', undefined, 2, 'Jul 7', 15],
    ]);
    expect(digest.diagnostics).toEqual([]);
  });

  it('reads a paper without metadata between two papers with metadata', () => {
    const digest = parseDigest(lines(
      'First Paper', '', 'First abstract.', '', '  • 2 authors', '·', 'Oct 1',
      '',
      'A Paper Without Metadata', '', 'Its abstract, and nothing after it.',
      '',
      'Third Paper', '', 'Third abstract.', '', '  • 5 authors', '·', 'Oct 3 9',
    ));
    expect(digest.papers.map((p) => p.title)).toEqual(['First Paper', 'A Paper Without Metadata', 'Third Paper']);
    const [, bare, third] = digest.papers;
    expect(fields(bare)).toEqual({ title: 'A Paper Without Metadata', abstract: 'Its abstract, and nothing after it.', links: [] });
    expect(bare.source).toMatchObject({ titleLine: 8, endLine: 10 });
    expect(third).toMatchObject({ authorCount: 5, published: 'Oct 3', upvotes: 9 });
    expect(digest.diagnostics).toEqual([]);
  });

  it('reads a paper without metadata at the end of the file', () => {
    const digest = parseDigest(lines('Last One', '', 'The last abstract.', ''));
    expect(digest.papers.map(fields)).toEqual([{ title: 'Last One', abstract: 'The last abstract.', links: [] }]);
    expect(digest.papers[0].source).toMatchObject({ titleLine: 0, endLine: 2 });
  });

  it('reads organisation lines, followed by "·" or by the author count', () => {
    const digest = parseDigest(lines(
      'A', '', 'Abstract a.', '', 'zai-org Z.ai', '·', 'Oct 13 2',
      '',
      'B', '', 'Abstract b.', '', 'Google DeepMind', '  • 12 authors', '·', 'Mar 17, 2025',
    ));
    expect(digest.papers.map((p) => [p.org, p.authorCount, p.published, p.upvotes])).toEqual([
      ['zai-org Z.ai', undefined, 'Oct 13', 2],
      ['Google DeepMind', 12, 'Mar 17, 2025', undefined],
    ]);
  });

  it('does not mistake a short title for an organisation line', () => {
    const digest = parseDigest(lines(
      'A', '', 'Abstract a.', '', '  • 1 authors', '·', 'Oct 13',
      '',
      'Short Title', '', 'Abstract b.', '', '·', 'Oct 14',
    ));
    expect(digest.papers.map((p) => [p.title, p.org])).toEqual([['A', undefined], ['Short Title', undefined]]);
  });

  it('reads "1 authors" and "1 author"', () => {
    const digest = parseDigest(lines('A', '', 'x.', '', '  • 1 authors', '', 'B', '', 'y.', '', '  • 1 author'));
    expect(digest.papers.map((p) => p.authorCount)).toEqual([1, 1]);
  });

  it('reads the upvote count after a date with or without a year', () => {
    const digest = parseDigest(lines(
      'A', '', 'x.', '', '·', 'Mar 5, 2024 3', '', 'B', '', 'y.', '', '·', 'Oct 13 2', '', 'C', '', 'z.', '', '·', 'Dec 12, 2024',
    ));
    expect(digest.papers.map((p) => [p.published, p.upvotes])).toEqual([
      ['Mar 5, 2024', 3],
      ['Oct 13', 2],
      ['Dec 12, 2024', undefined],
    ]);
  });

  it('keeps unicode titles and abstracts as written', () => {
    const titles = ['Huxley-Gödel Machine', '大语言模型的推理：一项综述', 'Ζ-функции and Émile’s 🚀 Lemma'];
    const digest = parseDigest(titles.map((t, i) => lines(t, '', `Résumé ${i}: naïve café — “quoted”.`, '', '  • 2 authors')).join('\n\n'));
    expect(digest.papers.map((p) => p.title)).toEqual(titles);
    expect(digest.papers[0].abstract).toBe('Résumé 0: naïve café — “quoted”.');
    for (const paper of digest.papers) expect(paper.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('keeps hostile text as plain text', () => {
    const title = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    const digest = parseDigest(lines(title, '', '<b>bold</b> claims & "quotes".', '', '  • 2 authors'));
    expect(digest.papers[0].title).toBe(title);
    expect(digest.papers[0].abstract).toBe('<b>bold</b> claims & "quotes".');
  });

  it('joins a long title hard-wrapped over two lines', () => {
    const digest = parseDigest(lines(
      'Huxley-Gödel Machine: Human-Level Coding Agent Development by an',
      'Approximation of the Optimal Self-Improving Machine',
      '',
      'Recent studies operationalize self-improvement through coding agents.',
      '',
      '  • 8 authors',
      '·',
      'Oct 24',
    ));
    expect(digest.papers).toHaveLength(1);
    expect(digest.papers[0].title).toBe(
      'Huxley-Gödel Machine: Human-Level Coding Agent Development by an Approximation of the Optimal Self-Improving Machine',
    );
    expect(digest.papers[0].source.titleLine).toBe(0);
  });

  it('reads a title with its abstract glued under it', () => {
    const digest = parseDigest(lines('Glued Title', 'The abstract starts right away', 'and goes on.', '', '  • 2 authors'));
    expect(digest.papers.map(fields)).toEqual([
      { title: 'Glued Title', abstract: 'The abstract starts right away and goes on.', authorCount: 2, links: [] },
    ]);
  });

  it('keeps a second paragraph of an abstract in the abstract', () => {
    const digest = parseDigest(lines(
      'Two Paragraphs', '', 'The first paragraph of the abstract.', '', 'A second paragraph, wrapped', 'over two lines.', '',
      '  • 2 authors', '', 'Next', '', 'Next abstract.',
    ));
    expect(digest.papers.map((p) => p.title)).toEqual(['Two Paragraphs', 'Next']);
    expect(digest.papers[0].abstract).toBe('The first paragraph of the abstract.\n\nA second paragraph, wrapped over two lines.');
    expect(digest.papers[0].authorCount).toBe(2);
  });

  it('finds the links in an abstract', () => {
    const digest = parseDigest(lines(
      'Linked', '', 'Code at https://github.com/a/b. Project page (https://a.github.io/p), and https://github.com/a/b again.',
    ));
    expect(digest.papers[0].links).toEqual(['https://github.com/a/b', 'https://a.github.io/p']);
  });
});

describe('HF text digests: diagnostics', () => {
  it('reports an empty file', () => {
    for (const text of ['', '\n\n', '   \r\n\t\n', '\uFEFF']) {
      const digest = parseDigest(text);
      expect(digest.papers).toEqual([]);
      expect(digest.diagnostics).toEqual([{ line: 0, severity: 'info', message: 'The file is empty.' }]);
    }
  });

  it('reports metadata with no paper before it', () => {
    const digest = parseDigest(lines('Nov 6', '', '  • 3 authors', '·', 'Nov 5', '', 'Title', '', 'Abstract.'));
    expect(digest.digestDate).toBe('Nov 6');
    expect(digest.papers.map((p) => p.title)).toEqual(['Title']);
    expect(digest.diagnostics).toEqual([{ line: 2, severity: 'warning', message: 'Metadata with no paper before it.' }]);
  });

  it('reports an unreadable author count and keeps the rest of the metadata', () => {
    const digest = parseDigest(lines('Title', '', 'Abstract.', '', '  • many authors', '·', 'Nov 5'));
    expect(digest.papers[0]).toMatchObject({ title: 'Title', published: 'Nov 5' });
    expect(digest.papers[0].authorCount).toBeUndefined();
    expect(digest.diagnostics).toEqual([{ line: 4, severity: 'warning', message: 'Unreadable author count: "many authors".' }]);
  });

  it('reports a title with no abstract', () => {
    const digest = parseDigest(lines('Lonely Title', '', '  • 2 authors', '·', 'Nov 5'));
    expect(digest.papers.map(fields)).toEqual([{ title: 'Lonely Title', abstract: '', authorCount: 2, published: 'Nov 5', links: [] }]);
    expect(digest.diagnostics).toEqual([{ line: 0, severity: 'warning', message: '"Lonely Title" has no abstract.' }]);
  });

  it('reports a line it cannot read inside metadata, and a second value for a field', () => {
    const digest = parseDigest(lines('Title', '', 'Abstract.', '', '  • 2 authors', 'what is this', '·', 'Nov 5', 'Nov 6'));
    expect(digest.papers[0]).toMatchObject({ authorCount: 2, published: 'Nov 5' });
    expect(digest.diagnostics).toEqual([
      { line: 5, severity: 'warning', message: 'Unrecognised line in the metadata of "Title".' },
      { line: 8, severity: 'warning', message: '"Title" has a second date; keeping the first.' },
    ]);
  });

  it('reports text with no papers', () => {
    const digest = parseDigest(lines('new', '', 'Daily Papers', '', 'Nov 6'));
    expect(digest.digestDate).toBe('Nov 6');
    expect(digest.papers).toEqual([]);
    expect(digest.diagnostics).toEqual([{ line: 0, severity: 'warning', message: 'No papers found in this digest.' }]);
  });

  it('gives diagnostics in line order', () => {
    const digest = parseDigest(lines('A', '', '  • x authors', '', 'B', '', '  • y authors'));
    const order = digest.diagnostics.map((d) => d.line);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order).toEqual([0, 2, 4, 6]);
  });
});

describe('the metadata vocabulary', () => {
  it('reads dates as written, with an optional upvote count', () => {
    expect(readDate('Oct 13')).toEqual({ published: 'Oct 13' });
    expect(readDate('Oct 13 2')).toEqual({ published: 'Oct 13', upvotes: 2 });
    expect(readDate('Mar 5, 2024 3')).toEqual({ published: 'Mar 5, 2024', upvotes: 3 });
    expect(readDate('September 30, 2025')).toEqual({ published: 'September 30, 2025' });
    for (const notADate of ['Oct', 'Oct 32', 'Foo 13', 'May the Force', 'oct 13', 'Oct 13, 24', 'Oct 13 2 3']) {
      expect(readDate(notADate), notADate).toBeUndefined();
    }
  });

  it('reads a metadata line of one or several parts and rejects prose', () => {
    expect(readMetadataLine('  • 8 authors')).toEqual({ fields: { authorCount: 8 } });
    expect(readMetadataLine('·')).toEqual({ fields: {} });
    expect(readMetadataLine('zai-org Z.ai · 3 authors · Oct 13 · ▲ 2')).toEqual({
      fields: { org: 'zai-org Z.ai', authorCount: 3, published: 'Oct 13', upvotes: 2 },
    });
    expect(readMetadataLine('6 authors · Nov 19 · ▲ 14')).toEqual({ fields: { authorCount: 6, published: 'Nov 19', upvotes: 14 } });
    expect(readMetadataLine('12 upvotes')).toEqual({ fields: { upvotes: 12 } });
    for (const prose of ['Attention Is All You Need', 'Foo · Bar', 'We use 8 authors to', 'zai-org Z.ai', '3 Authors Walk Into a Bar']) {
      expect(readMetadataLine(prose), prose).toBeUndefined();
    }
  });

  it('is exported through parseHfText for callers that know the format', () => {
    expect(parseHfText('T\n\nA.', 'u').papers[0].title).toBe('T');
  });
});
