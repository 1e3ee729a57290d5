/**
 * MarkdownDigestParser and DigestParser give exactly what a whole-text parse gives,
 * after any sequence of edits: over the Markdown fixtures, generated corpus digests
 * with realistic edits, and random Markdown with random edits.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus';
import { Prng } from '../../bench/prng';
import { readSeedPapers } from '../../bench/seeds';
import { MarkdownDigestParser } from '../../src/core/digest/markdown-digest-parser';
import { DigestParser, parseDigest } from '../../src/core/digest/parse-digest';
import { parseMarkdownDigest } from '../../src/core/digest/parse-markdown';
import { newWorkCounter } from '../../src/core/model/work-counter';
import { breathe } from './breathe';

const MD = 'file:///ws/digest.md';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return /\.md(\.in)?$/.test(name) ? [path] : [];
  });
}

/** Line starts of the level-2 headings "## " at no indent. */
function headingStarts(text: string): number[] {
  const starts: number[] = [];
  const re = /(^|\n|\r(?!\n))## /g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[1].length);
  return starts;
}

type Edit = (text: string, rng: Prng) => string;

function insertAt(text: string, at: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at);
}

/** A line start after the first heading, or the end. */
function someHeading(text: string, rng: Prng): number {
  const starts = headingStarts(text);
  return starts.length === 0 ? text.length : rng.pick(starts);
}

const EDITS: Record<string, Edit> = {
  insertWord: (text, rng) => {
    const at = text.indexOf(' ', rng.int(0, text.length));
    return at === -1 ? `${text} word` : insertAt(text, at, ' revised');
  },
  deleteWord: (text, rng) => {
    const at = text.indexOf(' ', rng.int(0, text.length));
    if (at === -1) return text;
    const end = text.indexOf(' ', at + 1);
    return end === -1 ? text : text.slice(0, at) + text.slice(end);
  },
  changeTitle: (text, rng) => {
    const starts = headingStarts(text);
    return starts.length === 0 ? text : insertAt(text, rng.pick(starts) + 3, 'Revised ');
  },
  addPaper: (text, rng) => insertAt(text, someHeading(text, rng), '## A New Paper on Testing\n\nWe add a paper.\n\n- 3 authors · Oct 2\n\n'),
  removePaper: (text, rng) => {
    const starts = headingStarts(text);
    if (starts.length === 0) return text;
    const i = rng.int(0, starts.length - 1);
    return text.slice(0, starts[i]) + text.slice(starts[i + 1] ?? text.length);
  },
  addFence: (text, rng) => insertAt(text, someHeading(text, rng), rng.chance(0.7) ? '```\n## Not a heading\n```\n\n' : '~~~~ unclosed\n## Not a heading\n'),
  addComment: (text, rng) => {
    const starts = headingStarts(text);
    if (starts.length < 2) return insertAt(text, 0, '<!--\n');
    const i = rng.int(0, starts.length - 2);
    const j = rng.int(i + 1, starts.length - 1);
    return insertAt(insertAt(text, starts[j], '-->\n\n'), starts[i], '<!--\n');
  },
  addDefinition: (text, rng) => `${insertAt(text, someHeading(text, rng), 'See [the code][ref].\n\n')}\n[ref]: https://example.org/ref\n`,
  addHtmlBlock: (text, rng) => insertAt(text, someHeading(text, rng), '<div>\n## in the div\n</div>\n\n'),
  crlf: (text) => text.replace(/\r?\n/g, '\r\n'),
};

/** Parses each text in turn with one parser and checks each result against a whole-text parse. */
function checkSequence(parser: MarkdownDigestParser, texts: readonly string[], uri = MD, compareEvery = true): void {
  texts.forEach((text, i) => {
    const incremental = parser.parse(text, uri);
    if (compareEvery || i === texts.length - 1) expect(incremental).toEqual(parseMarkdownDigest(text, uri));
  });
}

function editSequence(original: string, rng: Prng, steps: number): string[] {
  const names = Object.keys(EDITS);
  const texts = [original];
  let text = original;
  for (let i = 0; i < steps; i++) {
    const name = rng.pick(names);
    text = EDITS[name](text, rng);
    texts.push(text);
  }
  texts.push(original);
  return texts;
}

const fixtures = [
  ...markdownFiles(join(__dirname, '..', 'fixtures')),
  ...markdownFiles(join(__dirname, 'fixtures')),
];

describe('MarkdownDigestParser on the Markdown fixtures', () => {
  it('finds Markdown fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(3);
  });

  for (const path of fixtures) {
    it(`equals a whole-text parse after each edit: ${path.slice(path.indexOf('test'))}`, () => {
      const original = readFileSync(path, 'utf8');
      const parser = new MarkdownDigestParser();
      for (const name of Object.keys(EDITS)) {
        checkSequence(parser, [original, EDITS[name](original, new Prng(3)), original]);
      }
      checkSequence(parser, editSequence(original, new Prng(7), 8));
    });
  }
});

describe('MarkdownDigestParser on generated digests', () => {
  const seeds = readSeedPapers(join(__dirname, '..', 'fixtures'));
  const corpus = generateCorpus(seeds, { files: 300, seed: 5, markdownShare: 1, papersPerFile: 4 })
    .filter((file) => file.format === 'markdown');

  it('generates a few hundred Markdown digests', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
  });

  it('reads one changed section only when a word changes in an abstract', () => {
    const parser = new MarkdownDigestParser();
    let reused = 0;
    for (const file of corpus.slice(0, 40)) {
      const uri = `file:///corpus/${file.name}`;
      parser.parse(file.text, uri);
      const at = file.text.indexOf(' the ', Math.floor(file.text.length * 0.55));
      if (at === -1) continue;
      const edited = `${file.text.slice(0, at)} the revised${file.text.slice(at + 4)}`;
      expect(parser.parse(edited, uri)).toEqual(parseMarkdownDigest(edited, uri));
      const stats = parser.lastStats();
      expect(stats.sections).toBe(file.titles.length + 1);
      expect(stats.parsed).toBe(1);
      reused += stats.sections - stats.parsed;
    }
    expect(reused).toBeGreaterThan(100);
  });

  it('equals a whole-text parse after every edit of a sequence', async () => {
    const parser = new MarkdownDigestParser();
    for (const [i, file] of corpus.entries()) {
      const rng = new Prng(100 + i);
      // Every edit compared for the first files; the final text only for the rest (a whole parse is slow).
      checkSequence(parser, editSequence(file.text, rng, 4), `file:///corpus/${file.name}`, i < 30);
      // Let the worker answer vitest between files: a minute without a turn of the event
      // loop makes vitest's own messages time out.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }, 180_000); // about 35 s on an idle machine: it parses the whole corpus many times

  it('keeps separate uris apart and forgets one', () => {
    const parser = new MarkdownDigestParser();
    const [a, b] = corpus;
    parser.parse(a.text, 'file:///a.md');
    parser.parse(b.text, 'file:///b.md');
    expect(parser.parse(a.text, 'file:///a.md')).toEqual(parseMarkdownDigest(a.text, 'file:///a.md'));
    expect(parser.lastStats().parsed).toBe(0);
    parser.forget('file:///a.md');
    expect(parser.parse(a.text, 'file:///a.md')).toEqual(parseMarkdownDigest(a.text, 'file:///a.md'));
    expect(parser.lastStats().parsed).toBe(parser.lastStats().sections);
    // Reused papers are fresh objects: changing one result does not change the next.
    const first = parser.parse(b.text, 'file:///b.md');
    first.papers[0].links.push('https://changed.example');
    first.papers[0].source.titleLine = -1;
    expect(parser.parse(b.text, 'file:///b.md')).toEqual(parseMarkdownDigest(b.text, 'file:///b.md'));
  });

  it('parses a section per step, and a job given up leaves its sections to the next', () => {
    const file = corpus.find((f) => f.titles.length >= 6)!;
    const parser = new MarkdownDigestParser();
    const job = parser.begin(file.text, MD);
    let steps = 0;
    let pending = job.pending;
    expect(pending).toBeGreaterThan(file.text.length * 0.9);
    while (job.step()) {
      steps++;
      expect(job.pending).toBeLessThan(pending);
      pending = job.pending;
    }
    expect(steps).toBe(file.titles.length + 1);
    expect(job.pending).toBe(0);
    expect(job.result()).toEqual(parseMarkdownDigest(file.text, MD));

    // Three sections read, then the text changes: only what the first job did not read is read.
    const fresh = new MarkdownDigestParser();
    const abandoned = fresh.begin(file.text, MD);
    for (let i = 0; i < 3; i++) abandoned.step();
    const edited = `${file.text}\n`;
    expect(fresh.parse(edited, MD)).toEqual(parseMarkdownDigest(edited, MD));
    expect(fresh.lastStats().parsed).toBe(fresh.lastStats().sections - 3);
  });

  it('needs no step to read a text it has already read', () => {
    const file = corpus[0];
    const parser = new MarkdownDigestParser();
    parser.parse(file.text, MD);
    const job = parser.begin(file.text, MD);
    expect(job.pending).toBe(0);
    expect(job.step()).toBe(false);
    expect(job.result()).toEqual(parseMarkdownDigest(file.text, MD));
    expect(() => parser.begin(file.text, MD).result()).toThrow(/before its last step/);
  });

  it('counts only the work it does', () => {
    const parser = new MarkdownDigestParser();
    const file = corpus.find((f) => f.titles.length >= 6)!;
    const whole = newWorkCounter();
    parseMarkdownDigest(file.text, MD, { work: whole });
    const first = newWorkCounter();
    parser.parse(file.text, MD, { work: first });
    expect(first.steps).toBeGreaterThanOrEqual(whole.steps);
    const again = newWorkCounter();
    parser.parse(`${file.text}\n`, MD, { work: again });
    expect(again.steps).toBeLessThan(whole.steps / 3);
  });
});

describe('DigestParser', () => {
  it('equals parseDigest for both formats and switches format with the text', () => {
    const seeds = readSeedPapers(join(__dirname, '..', 'fixtures'));
    const files = generateCorpus(seeds, { files: 30, seed: 9 });
    const parser = new DigestParser();
    for (const file of files) {
      const uri = `file:///corpus/${file.name}`;
      expect(parser.parse(file.text, uri)).toEqual(parseDigest(file.text, uri));
      const edited = EDITS.insertWord(file.text, new Prng(1));
      expect(parser.parse(edited, uri)).toEqual(parseDigest(edited, uri));
    }
    // The same uri holding plain text, then Markdown again.
    const hf = files.find((f) => f.format === 'hf-text')!;
    const md = files.find((f) => f.format === 'markdown')!;
    const uri = 'untitled:digest';
    for (const text of [md.text, hf.text, md.text, '', md.text]) expect(parser.parse(text, uri)).toEqual(parseDigest(text, uri));
    parser.forget(uri);
    expect(parser.parse(md.text, uri)).toEqual(parseDigest(md.text, uri));
    expect(parser.parse(md.text)).toEqual(parseDigest(md.text));
  });
});

// ---------------------------------------------------------------------------
// Random Markdown, random edits
// ---------------------------------------------------------------------------

const LINES = [
  '## A paper title', '## Another paper', '## [Linked paper](https://x.org/a)', '## [Relative](./x)', '##', '## ',
  '# Daily Papers — Nov 6', '# Papers of Nov 7', '# Notes', '## [Referenced title][a]', 'Code at [a] and [b][a].', ' ## indented heading', '### deeper', '\t## tab',
  'An abstract with https://example.org/link words.', 'More abstract text, hard-wrapped', 'zai-org Z.ai · 3 authors · Oct 13 · ▲ 2',
  '8 authors · Mar 17', 'An organisation', '· 3 authors', 'text &#10;&#10; 3 authors · Oct 2',
  '', '', '', '',
  '```', '```js', '~~~', '````', '  ```', ' ~~~', '``` x`y', '    code',
  '<!--', '-->', '<!-- one line -->', '<!-->', '  <!--', '<div>', '</div>', '<span class="x">', '<script>', '</script>', '<pre>', '</pre>', '<?x', '?>', '<!DOCTYPE x', '>', '<![CDATA[', ']]>',
  '[a]: https://x.org/def', '[^1]: A footnote.', 'See [a] and [^1].',
  '- item', '- 3 authors · Oct 2', '1. first', '  continued', '  - nested', '   <div>',
  '> quoted', '> ## quoted heading', '> ```', '---', '===', '+++', '***',
  '| a | b |', '|---|---|', '| c | d |',
];

const lineArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...LINES) },
  { weight: 2, arbitrary: fc.constantFrom('## A paper title', '', 'Abstract text.', '- 4 authors · Oct 3') },
  { weight: 1, arbitrary: fc.constantFrom('[a]: https://x.org/def', '## [Referenced title][a]', '# Digest of Nov 8', '# Digest of Dec 9') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const eolArb = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
const docArb = fc.record({
  bom: fc.boolean(),
  front: fc.constantFrom('', '', '---\ntitle: x\n## in front matter\n---\n', '+++\na = 1\n+++\n', '---\n'),
  lines: fc.array(fc.tuple(lineArb, eolArb), { maxLength: 40 }),
});
const editArb = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), lines: fc.array(lineArb, { minLength: 1, maxLength: 2 }) }),
  fc.record({ kind: fc.constant('type' as const), at: fc.nat(), text: fc.constantFrom('x', ' ', '#', '`', '<', '-->', '\n', '## ', ']:', '\r') }),
);

type Doc = { bom: boolean; front: string; lines: Array<[string, string]> };
type RandomEdit =
  | { kind: 'insert'; at: number; lines: string[] }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'replace'; at: number; lines: string[] }
  | { kind: 'type'; at: number; text: string };

function render(doc: Doc): string {
  return (doc.bom ? '\ufeff' : '') + doc.front + doc.lines.map(([line, eol]) => line + eol).join('');
}

function applyEdit(doc: Doc, edit: RandomEdit): Doc {
  const lines = [...doc.lines];
  const at = lines.length === 0 ? 0 : edit.at % (lines.length + 1);
  switch (edit.kind) {
    case 'insert':
      lines.splice(at, 0, ...edit.lines.map((l): [string, string] => [l, '\n']));
      break;
    case 'delete':
      lines.splice(at, edit.count);
      break;
    case 'replace':
      lines.splice(at, edit.lines.length, ...edit.lines.map((l): [string, string] => [l, '\n']));
      break;
    case 'type': {
      if (lines.length === 0) return { ...doc, lines: [[edit.text, '\n']] };
      const i = at % lines.length;
      const [line, eol] = lines[i];
      const pos = edit.at % (line.length + 1);
      lines[i] = [line.slice(0, pos) + edit.text + line.slice(pos), eol];
      break;
    }
  }
  return { ...doc, lines };
}

describe('MarkdownDigestParser on random Markdown', () => {
  it('equals a whole-text parse after random edits', async () => {
    let cut = 0;
    let reused = 0;
    await fc.assert(
      fc.asyncProperty(docArb, fc.array(editArb, { minLength: 1, maxLength: 6 }), async (doc, edits) => {
        await breathe();
        const parser = new MarkdownDigestParser();
        let current: Doc = doc;
        const texts = [render(current)];
        for (const edit of edits) {
          current = applyEdit(current, edit);
          texts.push(render(current));
        }
        for (const text of texts) {
          expect(parser.parse(text, MD)).toEqual(parseMarkdownDigest(text, MD));
          const stats = parser.lastStats();
          if (stats.sections > 1) cut++;
          reused += stats.sections - stats.parsed;
        }
      }),
      { numRuns: 400, seed: 20251106 },
    );
    // The property means little unless the texts are cut and sections reused.
    expect(cut).toBeGreaterThan(200);
    expect(reused).toBeGreaterThan(200);
  });
});
