import fc from 'fast-check';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parsePublished } from '../../src/core/export/dates';
import { exportCslJson, exportMarkdown, type CslItem, type ExportItem } from '../../src/core/export/export';
import { emptyNote } from '../../src/core/notes/notes-file';
import type { Paper, PaperNote } from '../../src/core/model/types';
import { awkwardText, noteArb } from './notes-arbitraries';

const source = { uri: 'file:///digests/2024-03-06.txt', titleLine: 0, startLine: 0, endLine: 4 };

function paper(fields: Partial<Paper> & { id: string; title: string }): Paper {
  return { abstract: '', links: [], source, ...fields };
}

const glm = paper({
  id: 'glm-4-5-12345678',
  title: 'GLM-4.5: Agentic, Reasoning, and Coding Foundation Models',
  abstract: 'We present GLM-4.5, an open-source Mixture-of-Experts model.',
  authorCount: 6,
  org: 'zai-org Z.ai',
  published: 'Mar 5, 2024',
  upvotes: 14,
  url: 'https://huggingface.co/papers/2508.06471',
  links: ['https://github.com/zai-org/GLM-4.5'],
});
const other = paper({ id: 'other-87654321', title: 'Other Paper', published: 'Oct 13' });

const glmNote: PaperNote = {
  ...emptyNote(glm.id, glm.title),
  status: 'reading',
  starred: true,
  tags: ['moe', 'agents'],
  links: [
    { kind: 'paper', id: other.id },
    { kind: 'url', url: 'https://example.org/blog', title: 'Blog post' },
    { kind: 'file', path: 'src/train.py', startLine: 9, endLine: 19, quote: 'lr = 3e-4' },
  ],
  annotations: [
    {
      id: 'a1',
      anchor: { field: 'abstract', exact: 'Mixture-of-Experts', prefix: 'open-source ', suffix: ' model', start: 40, end: 58 },
      body: 'How many **experts**?',
      tag: 'question',
      created: '2024-03-06T10:00:00Z',
      replies: [{ body: 'See table 1.', created: '2024-03-07T10:00:00Z' }],
    },
  ],
  body: '# Summary\n\nCompare with [[other-87654321]] and [[missing-paper]].',
};

const parse = (markdown: string): Root => unified().use(remarkParse).use(remarkGfm).parse(markdown);

function toText(node: Nodes): string {
  if ('value' in node && (node.type === 'text' || node.type === 'inlineCode')) return node.value;
  return 'children' in node ? node.children.map((c) => toText(c as Nodes)).join('') : '';
}

function all(node: Nodes, type: string): Nodes[] {
  const out: Nodes[] = node.type === type ? [node] : [];
  if ('children' in node) for (const c of node.children) out.push(...all(c as Nodes, type));
  return out;
}

describe('exportMarkdown', () => {
  it('writes a reading list with a section per paper', () => {
    const markdown = exportMarkdown([{ paper: glm, note: glmNote, digests: ['Mar 6'] }, { paper: other }], { title: 'Week 10' });
    expect(markdown).toBe(
      [
        '# Week 10',
        '',
        '## [GLM-4.5: Agentic, Reasoning, and Coding Foundation Models](https://huggingface.co/papers/2508.06471)',
        '',
        '6 authors · zai-org Z.ai · Mar 5, 2024 · ▲ 14',
        '',
        '**Status:** reading · **Tags:** `moe`, `agents` · ★ starred',
        '',
        'Digests: Mar 6',
        '',
        'We present GLM-4.5, an open-source Mixture-of-Experts model.',
        '',
        '- <https://github.com/zai-org/GLM-4.5>',
        '',
        '### Notes',
        '',
        '#### Summary',
        '',
        'Compare with _Other Paper_ and \\[\\[missing-paper]].',
        '',
        '### Links',
        '',
        '- Paper: _Other Paper_',
        '- [Blog post](https://example.org/blog)',
        '- File: `src/train.py:10-20`',
        '  ```',
        '  lr = 3e-4',
        '  ```',
        '',
        '### Annotations',
        '',
        '- > Mixture-of-Experts',
        '',
        '  _question_',
        '',
        '  How many **experts**?',
        '',
        '  **Reply**',
        '',
        '  See table 1.',
        '',
        '## Other Paper',
        '',
        'Oct 13',
        '',
      ].join('\n'),
    );
  });

  it('keeps hostile titles, abstracts and notes inside their section', () => {
    const evil = paper({
      id: 'evil-00000000',
      title: '# Title\n## Injected [x](javascript:alert(1)) <script>alert(1)</script> *',
      abstract: '</p><script>alert(1)</script>\n\n## Not a paper\n\n[x]: https://hijack.example',
      url: 'javascript:alert(1)',
    });
    const note: PaperNote = {
      ...emptyNote(evil.id, evil.title),
      tags: ['`code`', '<b>'],
      links: [
        { kind: 'url', url: 'javascript:alert(1)', title: '<script>x</script>' },
        { kind: 'paper', id: 'nope', title: '## not a heading' },
        { kind: 'file', path: '`evil`.ts', startLine: 0, endLine: 0, quote: '```\n## inside\n```' },
      ],
      body: '# Top\n\n## Fake paper\n\n<iframe src="https://x.example"></iframe>\n\n[click](javascript:alert(1)) [ref][x]\n\n[x]: javascript:alert(2)\n\n[^1]\n\n[^1]: foot',
    };
    const other2 = { ...other, abstract: 'Uses [x] and [^1].' };
    const markdown = exportMarkdown([{ paper: evil, note }, { paper: other2, note: { ...emptyNote(other.id, ''), body: 'Uses [ref][x].\n\n[^1]\n\n[^1]: own foot' } }], { title: 'List' });
    const tree = parse(markdown);
    const headings = all(tree, 'heading') as Array<Extract<Nodes, { type: 'heading' }>>;
    expect(headings.filter((h) => h.depth === 1).map(toText)).toEqual(['List']);
    expect(headings.filter((h) => h.depth === 3).map(toText)).toEqual(['Notes', 'Links', 'Notes']);
    expect(headings.filter((h) => h.depth === 2).map(toText)).toEqual([
      '# Title ## Injected [x](javascript:alert(1)) <script>alert(1)</script> *',
      'Other Paper',
    ]);
    expect(all(tree, 'html')).toEqual([]);
    for (const link of all(tree, 'link') as Array<Extract<Nodes, { type: 'link' }>>) expect(link.url).toMatch(/^(https?:|mailto:)/);
    expect(all(tree, 'linkReference')).toEqual([]);
    // Each note keeps its own footnote.
    expect((all(tree, 'footnoteDefinition') as Array<Extract<Nodes, { type: 'footnoteDefinition' }>>).map((f) => toText(f))).toEqual(['foot', 'own foot']);
    // The abstract's "[x]: url" stays text: no definition leaks to other sections.
    expect(all(tree, 'definition')).toEqual([]);
    expect(markdown).toContain('hijack.example');
  });

  it('keeps any note and title in its section (property)', () => {
    const titleArb = fc.oneof(awkwardText, fc.constantFrom('C #', '#', '[x]', '<!--', '*', '1. x', '> q', '===', '---', '| a |'));
    fc.assert(
      fc.property(fc.array(fc.tuple(titleArb, noteArb), { minLength: 1, maxLength: 3 }), (pairs) => {
        const items: ExportItem[] = pairs.map(([title, note], i) => ({
          paper: paper({ id: `p${i}-00000000`, title, abstract: note.title }),
          note: { ...note, id: `p${i}-00000000` },
        }));
        const tree = parse(exportMarkdown(items, { title: 'List' }));
        const headings = all(tree, 'heading') as Array<Extract<Nodes, { type: 'heading' }>>;
        expect(headings.filter((h) => h.depth <= 2).map((h) => [h.depth, toText(h)])).toEqual([
          [1, 'List'],
          ...items.map((item) => [2, item.paper.title.replace(/\s+/g, ' ').trim() || item.paper.id]),
        ]);
        expect(all(tree, 'html')).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('writes an empty list as just its title', () => {
    expect(exportMarkdown([], { title: '  ' })).toBe('# Reading list\n');
  });
});

/** The CSL-JSON fields this export writes, with their types. */
function expectCslItem(item: unknown): asserts item is CslItem {
  expect(item).toBeTypeOf('object');
  const record = item as Record<string, unknown>;
  const allowed = ['id', 'type', 'title', 'author', 'abstract', 'URL', 'issued', 'publisher', 'number', 'DOI', 'note', 'keyword'];
  for (const key of Object.keys(record)) expect(allowed).toContain(key);
  expect(record.id).toBeTypeOf('string');
  expect(record.type).toBe('article');
  expect(record.title).toBeTypeOf('string');
  for (const key of ['abstract', 'URL', 'publisher', 'number', 'DOI', 'note', 'keyword']) {
    if (key in record) expect(record[key]).toBeTypeOf('string');
  }
  // A preprint's arXiv fields come together.
  expect('number' in record).toBe('DOI' in record);
  if ('publisher' in record) expect(record.publisher).toBe('arXiv');
  if ('author' in record) {
    const authors = record.author as Array<Record<string, unknown>>;
    expect(authors.length).toBeGreaterThan(0);
    for (const name of authors) {
      if ('literal' in name) {
        expect(Object.keys(name)).toEqual(['literal']);
        expect(name.literal).toMatch(/\S/);
      } else {
        for (const key of Object.keys(name)) expect(['family', 'given', 'suffix']).toContain(key);
        expect(name.family).toMatch(/\S/);
      }
    }
  }
  if ('issued' in record) {
    const issued = record.issued as Record<string, unknown>;
    if ('literal' in issued) {
      expect(Object.keys(issued)).toEqual(['literal']);
      expect(issued.literal).toBeTypeOf('string');
    } else {
      expect(Object.keys(issued)).toEqual(['date-parts']);
      const parts = issued['date-parts'] as unknown[][];
      expect(parts).toHaveLength(1);
      expect(parts[0].length).toBeGreaterThanOrEqual(1);
      expect(parts[0].length).toBeLessThanOrEqual(3);
      for (const n of parts[0]) expect(Number.isInteger(n)).toBe(true);
    }
  }
  // JSON has no undefined members: what is written is what is read back.
  expect(JSON.parse(JSON.stringify(item))).toEqual(item);
}

describe('exportCslJson', () => {
  it('maps the digest fields to CSL-JSON', () => {
    const items = exportCslJson([{ paper: glm, note: glmNote }, { paper: other, digests: ['digests/2023-10-13.txt'] }]);
    items.forEach(expectCslItem);
    expect(items).toEqual([
      {
        id: glm.id,
        type: 'article',
        title: glm.title,
        abstract: glm.abstract,
        URL: 'https://huggingface.co/papers/2508.06471',
        issued: { 'date-parts': [[2024, 3, 5]] },
        note: '▲ 14 upvotes · 6 authors',
        keyword: 'moe, agents',
      },
      { id: other.id, type: 'article', title: 'Other Paper', issued: { 'date-parts': [[2023, 10, 13]] } },
    ]);
  });

  it('writes an arXiv preprint as arXiv does, with its authors', () => {
    const [item] = exportCslJson([{
      paper: {
        ...glm,
        arxivId: '2508.06471v2',
        published: undefined,
        authors: ['Aohan Zeng', 'Gustavo de Rosa', 'GLM-4.5 Team', 'Xingyu', 'Martin Luther King Jr.', 'van der Berg, Jan', ' '],
      },
    }]);
    expectCslItem(item);
    expect(item).toMatchObject({
      type: 'article',
      author: [
        { family: 'Zeng', given: 'Aohan' },
        { family: 'de Rosa', given: 'Gustavo' },
        { literal: 'GLM-4.5 Team' },
        { literal: 'Xingyu' },
        { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
        { family: 'van der Berg', given: 'Jan' },
      ],
      URL: 'https://arxiv.org/abs/2508.06471',
      // No published date: the id's yymm.
      issued: { 'date-parts': [[2025, 8]] },
      publisher: 'arXiv',
      number: '2508.06471v2',
      DOI: '10.48550/arXiv.2508.06471',
    });
  });

  it('no longer puts the organisation in publisher, and ignores a malformed arXiv id', () => {
    const [item] = exportCslJson([{ paper: { ...glm, arxivId: 'not-an-id' } }]);
    expect(item.publisher).toBeUndefined();
    expect(item.number).toBeUndefined();
    expect(item.URL).toBe('https://huggingface.co/papers/2508.06471');
    expect(JSON.stringify(item)).not.toContain('zai-org');
  });

  it('gives a date without a year the year of the arXiv id when no digest has one', () => {
    const [item] = exportCslJson([{ paper: { ...other, arxivId: '2310.01234' } }]);
    expect(item.issued).toEqual({ 'date-parts': [[2023, 10, 13]] });
  });

  it('uses the first link when the paper has no url', () => {
    const [item] = exportCslJson([{ paper: { ...glm, url: undefined } }]);
    expect(item.URL).toBe('https://github.com/zai-org/GLM-4.5');
  });

  it('keeps a date without a known year as written', () => {
    const [item] = exportCslJson([{ paper: other }]);
    expect(item.issued).toEqual({ literal: 'Oct 13' });
    expectCslItem(item);
  });

  it.each([
    ['Mar 5, 2024', [], [2024, 3, 5]],
    ['March 5 2024', [], [2024, 3, 5]],
    ['5 Mar 2024', [], [2024, 3, 5]],
    ['Sept 30, 2023', [], [2023, 9, 30]],
    ['2024-03-05', [], [2024, 3, 5]],
    ['Mar 2024', [], [2024, 3]],
    ['2024', [], [2024]],
    ['Oct 13', ['Nov 6', 'hf-2025-11-06.txt'], [2025, 10, 13]],
    // Listed after it was published: a date a month past the digest's is of the year before.
    ['Dec 30', ['Jan 2', 'hf-2025-01-02.txt'], [2024, 12, 30]],
    ['Jan 3', ['Jan 2', 'hf-2025-01-02.txt'], [2025, 1, 3]],
    ['Dec 30', ['2025'], [2025, 12, 30]],
    ['2024-05-24T17:34:15.000Z', [], [2024, 5, 24]],
    ['2024-05-24 17:34', [], [2024, 5, 24]],
    ['Oct 13', ['Nov 6'], undefined],
    ['Foo 13', [], undefined],
    ['Mar 45, 2024', [], undefined],
    ['2024-13-01', [], undefined],
    ['yesterday', [], undefined],
  ])('parsePublished(%j, %j)', (published, digests, expected) => {
    expect(parsePublished(published, digests)).toEqual(expected);
  });

  it('writes a valid item for any paper and note (property)', () => {
    const arxivId = fc.option(fc.oneof(awkwardText, fc.constantFrom('2405.15738', '2405.15738v3', 'hep-th/9901001', 'arXiv:2401.00001', '2413.00001')), { nil: undefined });
    const authors = fc.option(fc.array(awkwardText, { maxLength: 4 }), { nil: undefined });
    fc.assert(
      fc.property(awkwardText, awkwardText, fc.option(awkwardText, { nil: undefined }), fc.option(fc.nat(), { nil: undefined }), noteArb, arxivId, authors, (title, abstract, published, upvotes, note, id, names) => {
        const [item] = exportCslJson([{ paper: paper({ id: 'x-1', title, abstract, published, upvotes, org: published, arxivId: id, authors: names }), note }]);
        expectCslItem(item);
      }),
      { numRuns: 200 },
    );
  });
});
