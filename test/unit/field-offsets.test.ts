import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePositions, fieldOfRange, paperFields, type DocPosition, type FieldMap } from '../../src/core/anchor/field-offsets';
import { parseDigest } from '../../src/core/digest/parse-digest';
import { renderFetchedDigest } from '../../src/core/digest/render-fetched';
import type { Paper } from '../../src/core/model/types';

const FIXTURES = join(__dirname, '..', 'fixtures');
const SEED_FILES = readdirSync(FIXTURES).filter((name) => name.endsWith('.txt')).sort();

function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * The document's text between two positions, with the joins a parser makes:
 * a line break and the white space around it become one space, a blank line
 * between paragraphs becomes "\n\n". For plain-text digests this is exactly
 * how parse-hf-text builds a field.
 */
function joinedText(lines: readonly string[], from: DocPosition, to: DocPosition): string {
  if (from.line === to.line) return lines[from.line].slice(from.character, to.character);
  const parts = [lines[from.line].slice(from.character).trimEnd()];
  let blank = false;
  for (let line = from.line + 1; line <= to.line; line++) {
    const raw = line === to.line ? lines[line].slice(0, to.character) : lines[line];
    const trimmed = line === to.line ? raw.trimStart() : raw.trim();
    if (trimmed === '' && line !== to.line) {
      blank = true;
      continue;
    }
    parts.push(blank ? '\n\n' : ' ', trimmed);
    blank = false;
  }
  return parts.join('');
}

/** Every character of the field that is not a join sits at its position in the document, and maps back. */
function expectCharactersInPlace(lines: readonly string[], map: FieldMap): void {
  const wrong: string[] = [];
  for (let i = 0; i < map.text.length; i++) {
    const char = map.text[i];
    if (/\s/.test(char)) continue;
    const at = map.toPosition(i, 'start');
    const after = map.toPosition(i + 1, 'end');
    const where = `${map.field}[${i}] at ${at.line}:${at.character}`;
    if (lines[at.line]?.[at.character] !== char) wrong.push(`${where} holds ${JSON.stringify(lines[at.line]?.[at.character])}, not ${JSON.stringify(char)}`);
    if (map.toOffset(at, 'start') !== i) wrong.push(`${where} maps back to ${map.toOffset(at, 'start')}`);
    if (after.line !== at.line || after.character !== at.character + 1) wrong.push(`${where} ends at ${after.line}:${after.character}`);
    if (map.toOffset(after, 'end') !== i + 1) wrong.push(`${where}: its end maps back to ${map.toOffset(after, 'end')}`);
  }
  expect(wrong).toEqual([]);
}

/** Slices at word boundaries and inside words: the document text between the mapped ends is the slice. */
function expectSlicesJoinBack(lines: readonly string[], map: FieldMap, samples = 200): void {
  const n = map.text.length;
  const wrong: string[] = [];
  for (let k = 0; k < samples; k++) {
    // A deterministic spread of slices, short and long, anywhere in the field.
    const s = Math.floor(((k * 7919) % 1000) / 1000 * n);
    const e = Math.min(n, s + 1 + ((k * 104729) % Math.max(1, n - s)));
    const slice = map.text.slice(s, e);
    if (slice.trim() !== slice || slice === '') continue; // a range never starts or ends on a join
    const joined = joinedText(lines, map.toPosition(s, 'start'), map.toPosition(e, 'end'));
    if (joined !== slice) wrong.push(`${map.field} [${s}, ${e}): ${JSON.stringify(joined)} is not ${JSON.stringify(slice)}`);
  }
  expect(wrong).toEqual([]);
}

function fieldsOf(lines: readonly string[], paper: Paper) {
  const fields = paperFields(lines, paper);
  expect(fields.title, `title of "${paper.title}"`).toBeDefined();
  expect(fields.title!.text).toBe(paper.title);
  if (paper.abstract) {
    expect(fields.abstract, `abstract of "${paper.title}"`).toBeDefined();
    expect(fields.abstract!.text).toBe(paper.abstract);
  }
  return fields;
}

function checkDigest(text: string, uri: string): Paper[] {
  const lines = linesOf(text);
  const digest = parseDigest(text, uri);
  expect(digest.papers.length).toBeGreaterThan(0);
  for (const paper of digest.papers) {
    const fields = fieldsOf(lines, paper);
    for (const map of [fields.title, fields.abstract]) {
      if (!map) continue;
      expectCharactersInPlace(lines, map);
      expectSlicesJoinBack(lines, map);
      expect(joinedText(lines, map.start, map.end)).toBe(map.text);
    }
  }
  return digest.papers;
}

/** Re-wraps every abstract line (the long ones) at `width` at spaces, with `indent` before continuation lines. */
function hardWrap(text: string, width: number, indent = ''): string {
  return linesOf(text).map((line) => {
    if (line.length <= 200) return line;
    const out: string[] = [];
    let current = '';
    for (const word of line.split(' ')) {
      if (current && current.length + 1 + word.length > width) {
        out.push(current);
        current = indent + word;
      } else {
        current = current ? `${current} ${word}` : word;
      }
    }
    out.push(current);
    return out.join('\n');
  }).join('\n');
}

describe('paperFields on the seed digests', () => {
  for (const file of SEED_FILES) {
    it(`maps every title and abstract of ${file} character by character`, () => {
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      const papers = checkDigest(text, `file:///ws/${file}`);
      // The seeds hold one-line abstracts: the abstract map starts two lines under the title.
      const lines = linesOf(text);
      for (const paper of papers) {
        const abstract = paperFields(lines, paper).abstract;
        if (abstract) expect(abstract.start.line).toBeGreaterThan(paper.source.titleLine);
      }
    });
  }
});

describe('paperFields on rewritten seeds', () => {
  const seed = readFileSync(join(FIXTURES, SEED_FILES[0]), 'utf8');

  it('follows hard-wrapped abstracts across lines, indented or not', () => {
    for (const [width, indent] of [[72, ''], [60, '   '], [33, '\t']] as const) {
      const wrapped = hardWrap(seed, width, indent);
      expect(linesOf(wrapped).length).toBeGreaterThan(linesOf(seed).length + 20);
      const papers = checkDigest(wrapped, 'file:///ws/wrapped.txt');
      const original = parseDigest(seed, 'file:///ws/seed.txt').papers;
      // The parser joins the wrapped lines back into the same abstracts.
      expect(papers.map((p) => p.abstract)).toEqual(original.map((p) => p.abstract));
      const lines = linesOf(wrapped);
      const spans = papers.map((p) => paperFields(lines, p).abstract!).filter((m) => m.end.line > m.start.line);
      expect(spans.length).toBeGreaterThan(3);
    }
  });

  it('maps the same offsets with CRLF line endings, a byte-order mark and trailing spaces', () => {
    const crlf = `\ufeff${hardWrap(seed, 70).split('\n').map((line) => (line ? `${line}  ` : line)).join('\r\n')}`;
    const papers = checkDigest(crlf, 'file:///ws/crlf.txt');
    const lf = hardWrap(seed, 70);
    const lfPapers = parseDigest(lf, 'file:///ws/lf.txt').papers;
    const crlfLines = linesOf(crlf);
    const lfLines = linesOf(lf);
    for (let p = 0; p < papers.length; p++) {
      const a = paperFields(crlfLines, papers[p]).abstract!;
      const b = paperFields(lfLines, lfPapers[p]).abstract!;
      for (const offset of [0, 17, Math.floor(a.text.length / 2), a.text.length]) {
        expect(a.toPosition(offset, 'start')).toEqual(b.toPosition(offset, 'start'));
      }
    }
  });

  it('maps a hard-wrapped title', () => {
    const text = [
      'Nov 7', '',
      'A Rather Long Title About Sparse Mixtures of Experts That Was',
      'Wrapped Over Two Lines', '',
      'We study sparse mixtures of experts and find that routing matters. Results hold at scale.', '',
      '  • 3 authors', '·', 'Nov 7 4',
    ].join('\n');
    const [paper] = checkDigest(text, 'file:///ws/t.txt');
    expect(paper.title).toBe('A Rather Long Title About Sparse Mixtures of Experts That Was Wrapped Over Two Lines');
    const title = paperFields(linesOf(text), paper).title!;
    expect(title.start).toEqual({ line: 2, character: 0 });
    expect(title.end).toEqual({ line: 3, character: 22 });
    // The join between the lines is no document character: a range never starts on it.
    const join = paper.title.indexOf(' Wrapped');
    expect(title.toPosition(join, 'start')).toEqual({ line: 3, character: 0 });
    expect(title.toPosition(join, 'end')).toEqual({ line: 2, character: 61 });
  });
});

describe('paperFields on Markdown digests', () => {
  const MARKDOWN = [
    '# Daily Papers — Nov 19',
    '',
    '## [Attention Is *All* You Need](https://arxiv.org/abs/1706.03762)',
    '',
    '6 authors · Nov 19 · ▲ 14',
    '',
    'We propose the **Transformer**, a network based',
    'solely on [attention](https://example.org/attention) &amp; nothing else.',
    '',
    '```',
    'code that is not abstract text',
    '```',
    '',
    '> It reaches `28.4` BLEU on WMT 2014\\* English-to-German.',
    '',
    '## Second Paper',
    'Setext? No: a paragraph directly under the heading.',
    '- 3 authors · Nov 19',
  ].join('\n');

  it('maps titles and abstracts around markup, metadata, code and quotes', () => {
    const lines = linesOf(MARKDOWN);
    const digest = parseDigest(MARKDOWN, 'file:///ws/d.md');
    expect(digest.papers.map((p) => p.title)).toEqual(['Attention Is All You Need', 'Second Paper']);
    const [first, second] = digest.papers;
    expect(first.abstract).toBe(
      'We propose the Transformer, a network based solely on attention & nothing else.\n\nIt reaches 28.4 BLEU on WMT 2014* English-to-German.',
    );
    for (const paper of digest.papers) {
      const fields = fieldsOf(lines, paper);
      for (const map of [fields.title!, fields.abstract!]) {
        for (let i = 0; i < map.text.length; i++) {
          const char = map.text[i];
          if (/\s/.test(char)) continue;
          const at = map.toPosition(i, 'start');
          const docChar = lines[at.line][at.character];
          // An entity stands for its character: "&amp;" for "&".
          if (docChar === '&' && char === '&' && lines[at.line].startsWith('&amp;', at.character)) continue;
          expect(docChar, `${paper.title} ${map.field}[${i}]`).toBe(char);
          expect(map.toOffset(at, 'start')).toBe(i);
        }
      }
    }
    const abstract = paperFields(lines, first).abstract!;
    expect(abstract.start).toEqual({ line: 6, character: 0 });
    expect(abstract.end).toEqual({ line: 13, character: lines[13].length });
    const amp = first.abstract.indexOf('&');
    expect(abstract.toPosition(amp, 'start')).toEqual({ line: 7, character: lines[7].indexOf('&amp;') });
    expect(abstract.toPosition(amp + 1, 'end')).toEqual({ line: 7, character: lines[7].indexOf('&amp;') + 5 });
    const quoted = first.abstract.indexOf('It reaches');
    expect(abstract.toPosition(quoted, 'start')).toEqual({ line: 13, character: 2 });
    const secondAbstract = paperFields(lines, second).abstract!;
    expect(secondAbstract.start).toEqual({ line: 16, character: 0 });
  });

  it('gives a range over a linked word that covers the markup between its ends', () => {
    const lines = linesOf(MARKDOWN);
    const [first] = parseDigest(MARKDOWN, 'file:///ws/d.md').papers;
    const abstract = paperFields(lines, first).abstract!;
    const s = first.abstract.indexOf('attention');
    const from = abstract.toPosition(s, 'start');
    const to = abstract.toPosition(s + 'attention & nothing'.length, 'end');
    expect(lines[7].slice(from.character, to.character)).toBe('attention](https://example.org/attention) &amp; nothing');
  });
});

describe('paperFields on a digest written from the API', () => {
  it('maps an abstract around autolinks, character by character', () => {
    const text = [
      '## [A Paper](https://huggingface.co/papers/2405.15738)',
      '',
      '- **arXiv:** [2405.15738](https://arxiv.org/abs/2405.15738) · **Upvotes:** 3',
      '- **Code:** <https://github.com/a/b>',
      '',
      'Code at <https://github.com/a/b>, mail <me@example.org>, and <span>html</span>.',
    ].join('\n');
    const lines = linesOf(text);
    const [paper] = parseDigest(text, 'file:///ws/2024-05-27.md').papers;
    expect(paper.abstract).toBe('Code at https://github.com/a/b, mail me@example.org, and <span>html</span>.');
    const fields = paperFields(lines, paper);
    expectCharactersInPlace(lines, fields.title!);
    expectCharactersInPlace(lines, fields.abstract!);
  });

  it('maps every title and abstract of both real responses\' Markdown', () => {
    for (const day of ['2024-05-27', '2026-08-14']) {
      const json = readFileSync(join(__dirname, '..', 'hf-api', `${day}.json`), 'utf8');
      const text = renderFetchedDigest(day, parseDigest(json, `file:///ws/${day}.json`).papers);
      const lines = linesOf(text);
      for (const paper of parseDigest(text, `file:///ws/${day}.md`).papers) {
        const fields = paperFields(lines, paper);
        expect(fields.title, paper.title).toBeDefined();
        expect(fields.abstract, paper.title).toBeDefined();
        expectCharactersInPlace(lines, fields.abstract!);
      }
    }
  });
});

describe('offsets back from the document', () => {
  const text = 'Nov 7\n\nShort Title\n\nFirst line of the abstract\n   continues here.\n\n  • 2 authors\n·\nNov 7\n';
  const lines = linesOf(text);
  const [paper] = parseDigest(text, 'file:///ws/t.txt').papers;
  const fields = paperFields(lines, paper);

  it('places positions in joins on the side the bias asks for', () => {
    const abstract = fields.abstract!;
    expect(paper.abstract).toBe('First line of the abstract continues here.');
    const join = paper.abstract.indexOf(' continues');
    for (const position of [{ line: 4, character: 26 }, { line: 5, character: 0 }, { line: 5, character: 2 }]) {
      expect(abstract.toOffset(position, 'start')).toBe(join + 1);
      expect(abstract.toOffset(position, 'end')).toBe(join);
    }
    expect(abstract.toOffset({ line: 5, character: 3 }, 'start')).toBe(join + 1);
  });

  it('is undefined outside the field, and a range across title and abstract is in no field', () => {
    expect(fields.abstract!.toOffset({ line: 2, character: 3 }, 'start')).toBeUndefined();
    expect(fields.abstract!.toOffset({ line: 7, character: 2 }, 'start')).toBeUndefined();
    expect(fields.title!.toOffset({ line: 4, character: 0 }, 'end')).toBeUndefined();
    expect(fieldOfRange(fields, { line: 2, character: 0 }, { line: 4, character: 5 })).toBeUndefined();
    expect(fieldOfRange(fields, { line: 4, character: 6 }, { line: 5, character: 12 })).toEqual({ field: 'abstract', start: 6, end: 36 });
    expect(fieldOfRange(fields, { line: 2, character: 6 }, { line: 2, character: 11 })).toEqual({ field: 'title', start: 6, end: 11 });
  });

  it('round-trips any range whose ends are not white space', () => {
    const abstract = fields.abstract!;
    const n = abstract.text.length;
    fc.assert(fc.property(fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n }), (a, b) => {
      const [s, e] = a <= b ? [a, b] : [b, a];
      const slice = abstract.text.slice(s, e);
      fc.pre(slice !== '' && slice.trim() === slice);
      const from = abstract.toPosition(s, 'start');
      const to = abstract.toPosition(e, 'end');
      expect(comparePositions(from, to)).toBeLessThan(0);
      expect(fieldOfRange(fields, from, to)).toEqual({ field: 'abstract', start: s, end: e });
      expect(joinedText(lines, from, to)).toBe(slice);
    }));
  });
});

describe('paperFields on input it cannot place', () => {
  const text = 'Nov 7\n\nShort Title\n\nThe abstract.\n';
  const [paper] = parseDigest(text, 'file:///ws/t.txt').papers;

  it('gives no map for a field that is not in the lines, rather than a wrong one', () => {
    const edited = linesOf(text.replace('The abstract.', 'Another text entirely.'));
    const fields = paperFields(edited, paper);
    expect(fields.title).toBeDefined();
    expect(fields.abstract).toBeUndefined();
  });

  it('never throws on lines that end early, bad line numbers or a missing source', () => {
    expect(paperFields([], paper)).toEqual({});
    expect(paperFields(linesOf(text), { ...paper, source: { ...paper.source, titleLine: -1 } })).toEqual({});
    expect(paperFields(linesOf(text), { ...paper, source: { ...paper.source, titleLine: 99, endLine: 120 } })).toEqual({});
    expect(paperFields(linesOf(text), { ...paper, source: undefined as never })).toEqual({});
    expect(paperFields(() => undefined, paper)).toEqual({});
  });

  it('does its work in one pass per line tried on hostile text', () => {
    const long = `Nov 7\n\nTitle\n\n${'x'.repeat(50_000)} ${'y'.repeat(50_000)}\n`;
    const [hostile] = parseDigest(long, 'file:///ws/h.txt').papers;
    let reads = 0;
    const lines = linesOf(long);
    const fields = paperFields((n) => {
      reads++;
      return lines[n];
    }, hostile);
    expect(fields.abstract?.text.length).toBe(100_001);
    expect(reads).toBeLessThanOrEqual(hostile.source.endLine - hostile.source.titleLine + 1);
  });
});
