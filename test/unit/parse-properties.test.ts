/**
 * Properties of both digest parsers over random and mutated input: they never throw,
 * what they report stays inside the text, the work they do grows linearly with the
 * input (counted, not timed), and a digest rendered from random papers reads back as
 * the same papers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  extractLinks,
  HF_HEADER_LINES,
  newWorkCounter,
  parseDigest,
  readMetadataLine,
  renderHfDigest,
  renderMarkdownDigest,
  type Digest,
  type PaperFields,
} from '../../src/core';
import { isMonthName, parseHfText } from '../../src/core/digest/parse-hf-text';
import { parseMarkdownDigest } from '../../src/core/digest/parse-markdown';
import { SEEDS } from './fixtures/seed-papers';

const seedTexts = SEEDS.map((s) => readFileSync(join(__dirname, '..', 'fixtures', s.file), 'utf8'));
const seedPapers = seedTexts.flatMap((text) => parseDigest(text).papers);
const markdownSeed = renderMarkdownDigest('Nov 6', parseDigest(seedTexts[0]).papers);

const HF = 'file:///d/digest.txt';
const MD = 'file:///d/digest.md';

// ---------------------------------------------------------------------------
// Invariants every parse must keep
// ---------------------------------------------------------------------------

function sourceLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Trims what the plain-text parser treats as space: white space, control characters, BOM. */
function trimSpace(line: string): string {
  const isSpace = (c: string): boolean => c <= ' ' || /[\s\u0085\ufeff]/.test(c);
  let start = 0;
  let end = line.length;
  while (start < end && isSpace(line[start])) start++;
  while (end > start && isSpace(line[end - 1])) end--;
  return line.slice(start, end);
}

/** What must hold for any Digest read from `text`, whatever the text. */
function checkInvariants(text: string, digest: Digest, format: 'hf' | 'md'): void {
  const lines = sourceLines(text);
  for (const paper of digest.papers) {
    expect(paper.title.trim()).toBe(paper.title);
    expect(paper.title).not.toBe('');
    expect(paper.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(paper.id.length).toBeLessThan(64);
    const { titleLine, startLine, endLine } = paper.source;
    expect(startLine).toBe(titleLine);
    expect(endLine).toBeGreaterThanOrEqual(titleLine);
    expect(endLine).toBeLessThan(lines.length);
    for (const link of paper.links) expect(link).toMatch(/^https?:\/\/\S/);
    const line = trimSpace(lines[titleLine]);
    if (format === 'hf') {
      // The title line holds the title (or its first part, when a long title is wrapped).
      expect(line.length).toBeGreaterThan(0);
      expect(paper.title.startsWith(line)).toBe(true);
    } else {
      // An ATX heading, or the first line of a setext heading underlined further down.
      const underlined = lines.slice(titleLine + 1, endLine + 1).some((l) => /^ {0,3}(-+|=+)[ \t]*$/.test(l));
      expect(/^#{1,2}(\s|$)/.test(line) || underlined).toBe(true);
    }
  }
  for (const diagnostic of digest.diagnostics) {
    expect(diagnostic.line).toBeGreaterThanOrEqual(0);
    expect(diagnostic.line).toBeLessThan(Math.max(lines.length, 1));
    expect(diagnostic.message).not.toBe('');
  }
}

function parseBoth(text: string): void {
  checkInvariants(text, parseHfText(text, HF), 'hf');
  checkInvariants(text, parseMarkdownDigest(text, MD), 'md');
}

// ---------------------------------------------------------------------------
// Random and mutated input
// ---------------------------------------------------------------------------

type Mutation = (text: string) => string;
const at = (text: string, fraction: number): number => Math.floor(fraction * text.length);
const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
const onLines = (text: string, edit: (lines: string[]) => void): string => {
  const lines = text.split('\n');
  edit(lines);
  return lines.join('\n');
};

const mutation = (hugeLine: number): fc.Arbitrary<Mutation> => fc.oneof(
  // Byte flips: a character replaced by any other.
  fc.tuple(fraction, fc.integer({ min: 0, max: 0xffff })).map(([f, code]): Mutation => (t) => {
    const i = at(t, f);
    return t.slice(0, i) + String.fromCharCode(code) + t.slice(i + 1);
  }),
  // Line deletions and duplications.
  fraction.map((f): Mutation => (t) => onLines(t, (lines) => lines.splice(Math.floor(f * lines.length), 1))),
  fraction.map((f): Mutation => (t) => onLines(t, (lines) => {
    const i = Math.floor(f * lines.length);
    lines.splice(i, 0, lines[i] ?? '');
  })),
  // Line endings: all CRLF, some CR, a mix.
  fc.constantFrom<Mutation>(
    (t) => t.replace(/\n/g, '\r\n'),
    (t) => t.replace(/\n\n/g, '\r\r'),
    (t) => t.replace(/\n/g, (_m, offset: number) => (offset % 3 === 0 ? '\r\n' : '\n')),
  ),
  // Random unicode (surrogate halves, controls, combining marks) inserted anywhere.
  fc.tuple(fraction, anyText).map(([f, s]): Mutation => (t) => t.slice(0, at(t, f)) + s + t.slice(at(t, f))),
  // Metadata-like and structure-like fragments where they do not belong.
  fc.tuple(fraction, fc.constantFrom('\n·\n', '\n  • 3 authors\n', '\nOct 13 2\n', '\n\n', '\n## ', '\n> ', '\n- ', '\n```\n', '\uFEFF', '\t')).map(
    ([f, s]): Mutation => (t) => t.slice(0, at(t, f)) + s + t.slice(at(t, f)),
  ),
  // A huge line.
  fc.tuple(fraction, fc.constantFrom('a', 'x ', '·', ' ', 'https://a.org/', '\u00a0'), fc.integer({ min: 1_000, max: hugeLine })).map(
    ([f, unit, n]): Mutation => (t) => `${t.slice(0, at(t, f))}\n${unit.repeat(n)}\n${t.slice(at(t, f))}`,
  ),
);

const mutated = (bases: string[], hugeLine: number) =>
  fc.tuple(fc.constantFrom(...bases), fc.array(mutation(hugeLine), { minLength: 1, maxLength: 12 })).map(([base, edits]) =>
    edits.reduce((text, edit) => edit(text), base),
  );

describe('parsers never throw', () => {
  it('on random text, as either format', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string()), parseBoth),
      { numRuns: 300 },
    );
  });

  it('on mutated plain-text digests', () => {
    fc.assert(
      fc.property(mutated(seedTexts, 100_000), (text) => {
        checkInvariants(text, parseHfText(text, HF), 'hf');
      }),
      { numRuns: 150 },
    );
  });

  it('on mutated Markdown digests', () => {
    fc.assert(
      // remark is far slower than the plain-text parser: fewer and smaller cases.
      fc.property(mutated([markdownSeed], 10_000), (text) => {
        checkInvariants(text, parseMarkdownDigest(text, MD), 'md');
      }),
      { numRuns: 40 },
    );
  });

  it('on random sequences of digest-like lines', () => {
    const line = fc.oneof(
      fc.constantFrom('', '', '  ', '·', '  • 8 authors', '• many authors', 'Oct 13 2', 'Mar 5, 2024 3', 'zai-org Z.ai', ...HF_HEADER_LINES),
      fc.constantFrom('A Title', 'An abstract sentence.', '## Heading', '# Daily Papers — Nov 6', '- 6 authors · Nov 19 · ▲ 14', 'https://x.org/a.'),
      anyText,
    );
    fc.assert(fc.property(fc.array(line, { maxLength: 60 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => parseBoth(lines.join(eol))), {
      numRuns: 300,
    });
  });
});

// ---------------------------------------------------------------------------
// Linear work
// ---------------------------------------------------------------------------

function hfWork(text: string): number {
  const work = newWorkCounter();
  parseHfText(text, HF, { work });
  return work.steps;
}

function mdWork(text: string): number {
  const work = newWorkCounter();
  parseMarkdownDigest(text, MD, { work });
  return work.steps;
}

/** Shapes of input, each of size n, that a careless parser would handle in more than linear time. */
const HF_SHAPES: Record<string, (n: number) => string> = {
  'real digests': (n) => seedTexts.join('\n\n').repeat(Math.ceil(n / 100)),
  'blank lines': (n) => '\n'.repeat(n * 10),
  'short lines': (n) => 'a\n'.repeat(n * 10),
  'one huge line': (n) => 'word '.repeat(n * 10),
  'one block of many lines': (n) => 'abstract line\n'.repeat(n * 10),
  'separator lines': (n) => '·\n'.repeat(n * 10),
  'metadata with no papers': (n) => '  • 3 authors\n·\nOct 13\n\n'.repeat(n),
  'titles with no abstracts': (n) => Array.from({ length: n }, (_, i) => `Title ${i}\n\n  • 2 authors\n\n`).join(''),
  'papers with no metadata': (n) => Array.from({ length: n }, (_, i) => `Title ${i}\n\nAbstract ${i}.\n\n`).join(''),
  'many links': (n) => `T\n\n${Array.from({ length: n }, (_, i) => `https://a.org/${i % 50}.`).join(' ')}`,
  'lone carriage returns': (n) => 'x\r'.repeat(n * 10),
  'trailing spaces': (n) => `T\n\n${'a    \n'.repeat(n * 10)}`,
};

const MD_SHAPES: Record<string, (n: number) => string> = {
  'rendered digests': (n) => markdownSeed.repeat(Math.ceil(n / 100)),
  'many headings': (n) => Array.from({ length: n }, (_, i) => `## Paper ${i}\n\nAbstract ${i}.\n\n- 3 authors · Oct 13\n\n`).join(''),
  'one long paragraph': (n) => `## T\n\n${'word https://a.org/x '.repeat(n * 5)}`,
  'many list items': (n) => `## T\n\n${'- an item\n'.repeat(n * 5)}`,
};

function expectLinear(work: (text: string) => number, shape: (n: number) => string, n: number): void {
  const single = work(shape(n));
  const double = work(shape(2 * n));
  expect(single).toBeGreaterThan(0);
  // Twice the input, twice the work: within a small constant overhead either way.
  expect(double / single).toBeGreaterThan(1.7);
  expect(double / single).toBeLessThan(2.3);
}

describe('work grows linearly with the input', () => {
  for (const [name, shape] of Object.entries(HF_SHAPES)) {
    it(`plain text: ${name}`, () => {
      expectLinear(hfWork, shape, 2_000);
    });
  }

  for (const [name, shape] of Object.entries(MD_SHAPES)) {
    it(`Markdown: ${name}`, () => {
      expectLinear(mdWork, shape, 100);
    });
  }

  it('plain text: any text costs a bounded number of steps per character, and doubling it doubles them', () => {
    const digestLike = fc.array(
      fc.oneof(fc.constantFrom('', 'Title', 'Abstract text.', '  • 3 authors', '·', 'Oct 13 2', 'org', 'https://a.org/x'), anyText),
      { minLength: 20, maxLength: 80 },
    );
    fc.assert(
      fc.property(digestLike, fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        const text = lines.join(eol);
        const once = hfWork(text);
        const twice = hfWork(`${text}${eol}${eol}${text}`);
        expect(once).toBeLessThanOrEqual(4 * (text.length + 1) + 16);
        expect(twice).toBeLessThanOrEqual(4 * (2 * text.length + 3) + 16);
        // The second copy may be read in another state (after a paper rather than in the
        // page header), so allow some slack around exactly twice.
        expect(twice).toBeLessThanOrEqual(3 * once + 100);
        expect(twice).toBeGreaterThanOrEqual(1.5 * once - 100);
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------

// Words mix scripts, accents, emoji and Markdown's special characters.
const wordChar = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'éüñøßçΣλЖж中文日本語한국😀',
  ...'-:\'’()?&<>"*_[]`#\\!+=%/',
);
const word = fc
  .array(wordChar, { minLength: 1, maxLength: 10 })
  .map((chars) => chars.join(''))
  .filter((w) => !isMonthName(w) && !/^(authors?|upvotes?)$/i.test(w) && !w.includes('://'));

/** True when a line could be read as something other than prose: metadata, a date, the page header. */
const looksLikeStructure = (line: string): boolean =>
  readMetadataLine(line) !== undefined || HF_HEADER_LINES.includes(line);

const title = fc
  .array(word, { minLength: 1, maxLength: 12 })
  .map((words) => words.join(' '))
  .filter((t) => !looksLikeStructure(t) && !t.endsWith('.') && !t.endsWith('。'));

const url = fc.tuple(fc.stringMatching(/^[a-z0-9]{1,8}$/), fc.stringMatching(/^[a-z0-9]{1,8}$/)).map(([a, b]) => `https://github.com/${a}/${b}`);
const sentence = fc
  .array(fc.oneof({ weight: 12, arbitrary: word }, { weight: 1, arbitrary: fc.tuple(url, fc.constantFrom('', ',', ';')).map(([u, p]) => u + p) }), {
    minLength: 4,
    maxLength: 40,
  })
  .map((words) => `${words.join(' ')}.`);

const org = fc
  .array(fc.stringMatching(/^[A-Za-z][A-Za-z.-]{0,9}$/), { minLength: 1, maxLength: 3 })
  .map((words) => words.join(' '))
  .filter((o) => !looksLikeStructure(o) && !o.split(' ').some(isMonthName));
const published = fc
  .tuple(
    fc.constantFrom('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'),
    fc.integer({ min: 1, max: 31 }),
    fc.option(fc.integer({ min: 1990, max: 2030 }), { nil: undefined }),
  )
  .map(([m, d, y]) => (y === undefined ? `${m} ${d}` : `${m} ${d}, ${y}`));

interface Meta {
  org?: string;
  authorCount?: number;
  published?: string;
  upvotes?: number;
}
const meta: fc.Arbitrary<Meta> = fc
  .record(
    { org, authorCount: fc.integer({ min: 1, max: 60 }), published, upvotes: fc.integer({ min: 0, max: 999 }) },
    { requiredKeys: [] },
  )
  // The plain-text format writes upvotes after the date: there are none without one.
  .map((m) => (m.published === undefined ? { ...m, upvotes: undefined } : m))
  .map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as Meta);

function paperOf(t: string, abstract: string, m: Meta, link?: string): PaperFields {
  const paper: PaperFields = { title: t, abstract, links: extractLinks(abstract), ...m };
  if (link !== undefined) paper.url = link;
  return paper;
}

/** Text holding a word "##", which starts a level-2 heading (and so a Markdown digest) wherever a line starts with it. */
const isLevel2Heading = (text: string): boolean => /(?:^| )##(?: |$)/.test(text);

/**
 * Papers as the plain-text format can hold them: one abstract paragraph; no abstract
 * only with metadata; no line, hard-wrapped or not, that reads as a level-2 heading.
 */
const hfPaper = fc
  .tuple(title, fc.option(sentence, { nil: undefined, freq: 6 }), meta)
  .filter(([, abstract, m]) => abstract !== undefined || Object.keys(m).length > 0)
  .filter(([t, abstract]) => !isLevel2Heading(t) && !isLevel2Heading(abstract ?? ''))
  .map(([t, abstract, m]) => paperOf(t, abstract ?? '', m));

/** Papers as Markdown can hold them: abstracts of several paragraphs, heading links. */
const mdPaper = fc
  .tuple(title, fc.array(sentence, { maxLength: 3 }), meta, fc.option(url, { nil: undefined }))
  .map(([t, paragraphs, m, link]) => paperOf(t, paragraphs.join('\n\n'), m, link));

const digestDate = fc.option(published, { nil: undefined });

function readBack(digest: Digest): PaperFields[] {
  return digest.papers.map(({ id: _id, source: _source, ...fields }) => fields);
}

describe('rendered digests read back as the same papers', () => {
  it('plain text, with or without header, CRLF, hard-wrapped', () => {
    fc.assert(
      fc.property(
        digestDate,
        fc.array(hfPaper, { maxLength: 8 }),
        fc.record({ header: fc.boolean(), crlf: fc.boolean(), wrap: fc.option(fc.integer({ min: 20, max: 100 }), { nil: undefined }) }),
        (date, papers, options) => {
          const text = renderHfDigest(date, papers, options);
          const digest = parseDigest(text, HF);
          expect(readBack(digest)).toEqual(papers);
          expect(digest.digestDate).toBe(date);
          checkInvariants(text, digest, 'hf');
          // Nothing to report but papers without abstracts (and a digest without papers).
          const noAbstract = papers.filter((p) => p.abstract === '').length;
          const others = digest.diagnostics.filter((d) => !d.message.endsWith('has no abstract.'));
          expect(digest.diagnostics.length - others.length).toBe(noAbstract);
          if (papers.length > 0) expect(others).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('plain text: the seed papers re-rendered', () => {
    const papers = seedPapers.map(({ id: _id, source: _source, ...fields }) => fields);
    for (const wrap of [undefined, 72]) {
      expect(readBack(parseDigest(renderHfDigest('Nov 6', papers, { wrap }), HF))).toEqual(papers);
    }
  });

  it('Markdown', () => {
    fc.assert(
      fc.property(digestDate, fc.array(mdPaper, { maxLength: 6 }), (date, papers) => {
        const text = renderMarkdownDigest(date, papers);
        const digest = parseDigest(text, MD);
        expect(readBack(digest)).toEqual(papers);
        expect(digest.digestDate).toBe(date);
        checkInvariants(text, digest, 'md');
      }),
      { numRuns: 150 },
    );
  });

  it('Markdown: the seed papers re-rendered', () => {
    const papers = seedPapers.map(({ id: _id, source: _source, ...fields }) => fields);
    const digest = parseDigest(renderMarkdownDigest('Oct 27', papers), MD);
    expect(readBack(digest)).toEqual(papers);
    expect(digest.papers.map((p) => p.id)).toEqual(seedPapers.map((p) => p.id));
  });
});
