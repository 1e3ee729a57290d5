/**
 * Properties of the API's JSON as a digest and of the Markdown written from it: the
 * JSON parser never throws and does linear work on any input; for generated responses
 * with hostile text, the Markdown digest reads back as the JSON reads, field by field;
 * and fetching a day again changes nothing but upvote counts and new papers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mergeFetchedDigest,
  newWorkCounter,
  parseDigest,
  parseHfApiResponse,
  renderFetchedDigest,
  renderFetchedPapers,
  type Digest,
  type PaperFields,
} from '../../src/core';
import { collapseSpace } from '../../src/core/digest/hf-api';
import { parseHfJson } from '../../src/core/digest/parse-hf-json';
import { breathe } from './breathe';

const read = (day: string): string => readFileSync(join(__dirname, '..', 'hf-api', `${day}.json`), 'utf8');
const RESPONSES = [read('2024-05-27'), read('2026-08-14')];
const JSON_URI = 'file:///ws/digests/2026-08-14.json';
const MD_URI = 'file:///ws/digests/2026-08-14.md';

function fieldsOf(digest: Digest): PaperFields[] {
  return digest.papers.map(({ id: _id, source: _source, ...rest }) => rest);
}

/** What must hold for the Digest of any text read as JSON. */
function checkJsonDigest(text: string, digest: Digest): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const paper of digest.papers) {
    const { startLine, titleLine, endLine } = paper.source;
    expect(startLine).toBeLessThanOrEqual(titleLine);
    expect(titleLine).toBeLessThanOrEqual(endLine);
    expect(endLine).toBeLessThan(lines);
    expect(paper.title).not.toBe('');
    expect(paper.title).toBe(paper.title.trim());
    expect(paper.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  }
  for (const d of digest.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(0);
    expect(d.line).toBeLessThan(Math.max(lines, 1));
  }
  // A response is read whole or not at all.
  const errors = digest.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    expect(errors).toHaveLength(1);
    expect(digest.papers).toEqual([]);
    expect(digest.diagnostics).toHaveLength(1);
  }
}

// ---------------------------------------------------------------------------
// Any input
// ---------------------------------------------------------------------------

type Mutation = (text: string) => string;
const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const at = (text: string, f: number): number => Math.floor(f * text.length);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fraction, fc.integer({ min: 0, max: 0xffff })).map(([f, code]): Mutation => (t) => t.slice(0, at(t, f)) + String.fromCharCode(code) + t.slice(at(t, f) + 1)),
  fraction.map((f): Mutation => (t) => t.slice(0, at(t, f))),
  fc.tuple(fraction, fraction).map(([f, g]): Mutation => (t) => t.slice(0, at(t, Math.min(f, g))) + t.slice(at(t, Math.max(f, g)))),
  fc.tuple(fraction, fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', 'null', '"paper":', '\r', '\n', '\uFEFF', '1e999')).map(
    ([f, s]): Mutation => (t) => t.slice(0, at(t, f)) + s + t.slice(at(t, f)),
  ),
  fc.constantFrom<Mutation>((t) => t.replace(/\n/g, '\r\n'), (t) => t.replace(/\n/g, '\r'), (t) => JSON.stringify(JSON.parse(t) as unknown)),
);
const mutated = fc.tuple(fc.constantFrom(...RESPONSES), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([base, edits]) =>
  edits.reduce((text, edit) => {
    try {
      return edit(text);
    } catch {
      return text; // JSON.stringify(JSON.parse(...)) of a text already broken
    }
  }, base),
);

describe('the JSON digest parser never throws', () => {
  it('on random text and random JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json(), fc.jsonValue().map((v) => JSON.stringify([v, { paper: v }]))), (text) => {
        const digest = parseDigest(text, JSON_URI);
        checkJsonDigest(text, digest);
        expect(digest.papers).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('on random entries of roughly the right shape', () => {
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));
    const entry = fc.record({
      paper: fc.oneof(
        fc.record({ id: fc.oneof(fc.constant('2405.15738'), value), title: value, summary: value, authors: value, upvotes: value, publishedAt: value, organization: value, githubRepo: value, ai_keywords: value }, { requiredKeys: [] }),
        value,
      ),
      title: value,
      organization: value,
    }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 4 }), fc.boolean(), (entries, pretty) => {
        const text = JSON.stringify(entries, null, pretty ? 2 : undefined);
        checkJsonDigest(text, parseDigest(text, JSON_URI));
      }),
      { numRuns: 400 },
    );
  });

  it('on mutated real responses', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        checkJsonDigest(text, parseDigest(text, JSON_URI));
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------
// Linear work
// ---------------------------------------------------------------------------

function work(text: string): number {
  const counter = newWorkCounter();
  parseHfJson(text, JSON_URI, { work: counter });
  return counter.steps;
}

const entries = RESPONSES.map((r) => JSON.parse(r) as unknown[]);
const JSON_SHAPES: Record<string, (n: number) => string> = {
  'real entries': (n) => JSON.stringify(Array.from({ length: n }, (_, i) => entries[i % 2][i % entries[i % 2].length]), null, 2),
  'one huge summary': (n) => JSON.stringify([{ paper: { id: '2405.15738', title: 'T', summary: 'word https://a.org/x '.repeat(n * 20) } }]),
  'many authors': (n) => JSON.stringify([{ paper: { id: '2405.15738', title: 'T', authors: Array.from({ length: n * 20 }, (_, i) => ({ name: `A${i}` })) } }]),
  'deep nesting in an unused field': (n) => `[{"paper": {"id": "2405.15738", "title": "T", "x": ${'['.repeat(n * 20)}${']'.repeat(n * 20)}}}]`,
  'deep nesting as the entry': (n) => `[${'['.repeat(n * 20)}${']'.repeat(n * 20)}]`,
  'backslashes in strings': (n) => JSON.stringify([{ paper: { id: '2405.15738', title: '\\"'.repeat(n * 20), summary: '\\'.repeat(n * 20) } }]),
  'white space': (n) => `[${' \n'.repeat(n * 50)}]`,
  'cut short': (n) => JSON.stringify(Array.from({ length: n }, () => entries[1][0])).slice(0, -10),
  'all on one line': (n) => JSON.stringify(Array.from({ length: n }, (_, i) => entries[1][i % entries[1].length])),
  'CRLF line endings': (n) => JSON.stringify(Array.from({ length: n }, (_, i) => entries[0][i % entries[0].length]), null, 2).replace(/\n/g, '\r\n'),
  'scalars between entries': (n) => `[${Array.from({ length: n * 20 }, (_, i) => (i % 2 === 0 ? '1' : 'null')).join(', ')}]`,
};

describe('JSON digest work grows linearly with the input', () => {
  for (const [name, shape] of Object.entries(JSON_SHAPES)) {
    it(name, () => {
      const single = work(shape(200));
      const double = work(shape(400));
      expect(single).toBeGreaterThan(0);
      expect(double / single).toBeGreaterThan(1.7);
      expect(double / single).toBeLessThan(2.3);
    });
  }
});

describe('white space in the API\'s text', () => {
  it('is collapsed the same whether or not it needs it', () => {
    // The rule itself, applied to every text: white space and control characters.
    // eslint-disable-next-line no-control-regex
    const SPACE_RUN = /[\s\u0000-\u001f\u007f-\u009f]+/g;
    const text = fc.array(fc.constantFrom('a', 'b', ' ', '  ', '\n', '\t', '\r', '\u00a0', '\u0085', '\u0000', '\u2028', '\ufeff', 'é'), { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(fc.property(fc.oneof(text, fc.string({ unit: 'binary' })), (value) => {
      expect(collapseSpace(value)).toBe(value.replace(SPACE_RUN, ' ').trim());
    }), { numRuns: 1000 });
  });
});

// ---------------------------------------------------------------------------
// Generated responses with hostile text, through Markdown and back
// ---------------------------------------------------------------------------

const hostileChar = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'*_[]<>#`|\\!-+.()~=&;:"\'/,?@$%^{}',
  ' ', ' ', ' ', '\n', '\t', '\r\n', '\u00a0', '·', '•', '▲', 'é', '中', '😀',
);
const hostileText = (maxLength: number) => fc.array(hostileChar, { minLength: 1, maxLength }).map((chars) => chars.join(''));
/** Fragments that mean something in Markdown or in a metadata line, at the start of a line or anywhere. */
const fragment = fc.constantFrom(
  '## Not a heading', '# H1', '- item', '* item', '1. item', '2) item', '> quote', '```', '~~~', '    indented', '<div>', '<!--', '<script>alert(1)</script>',
  '[ref]: https://example.org', '| a | b |', '---', '===', '***', '3 authors · Oct 13 · ▲ 2', 'Oct 13 2', '·', '  • 8 authors', 'zai-org Z.ai',
  '**Upvotes:** 5', '**Authors:** A, B', 'www.example.com', 'me@example.org', '&amp;', '&#42;', '\\*', '[x](https://e.org/a)', '![img](x.png)', '<https://e.org>',
  'https://github.com/a/b.', 'https://x.org/a_(b)_c*', 'https://llm.github.io/{https://llm.github.io/}.', 'http://a.org/x?y=1&z=2#f', 'xhttps://no.org',
);
const prose = fc.array(fc.oneof({ weight: 3, arbitrary: hostileText(12) }, { weight: 2, arbitrary: fragment }), { minLength: 1, maxLength: 12 })
  .chain((parts) => fc.array(fc.constantFrom(' ', '\n', '\n\n', '  \n'), { minLength: parts.length, maxLength: parts.length })
    .map((glue) => parts.map((part, i) => part + glue[i]).join('')));

const urlPath = fc.array(fc.constantFrom(...'abcXYZ019-._~()*&=%'.split(''), '/', '?', '#'), { maxLength: 14 }).map((c) => c.join(''));
const httpUrl = fc.tuple(fc.constantFrom('https://github.com/', 'https://example.org/', 'http://a.b.io/'), urlPath).map(([a, b]) => a + b);
const isoDate = fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2027-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
const orNull = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 3 });

const apiEntry = fc.record({
  title: prose,
  summary: fc.option(prose, { nil: '', freq: 8 }),
  authors: fc.array(fc.oneof(hostileText(16), fc.constantFrom('Smith, Jr.', 'A `B` C', '  ', 'Jean-Luc Picard', 'a@a.a', 'www.x.org', 'https://x.org/a, b')), { maxLength: 6 }),
  upvotes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5000 })),
  publishedAt: isoDate,
  org: fc.option(fc.record({ name: fc.oneof(hostileText(10), fc.constant('me@x.org')), fullname: fc.option(hostileText(20), { nil: undefined }) }, { requiredKeys: ['name'] }), { nil: undefined }),
  githubRepo: orNull(httpUrl),
  projectPage: orNull(fc.oneof(httpUrl, fc.constant('not a url'))),
  keywords: fc.option(fc.array(fc.oneof(hostileText(14), fc.constantFrom('a, b', 'SE(3)', 'www.example.com')), { maxLength: 5 }), { nil: undefined }),
});

type ApiEntry = typeof apiEntry extends fc.Arbitrary<infer T> ? T : never;

/** The entries as the API would send them, with arXiv ids that tell them apart. */
function responseOf(generated: readonly ApiEntry[]): unknown[] {
  return generated.map((g, i) => {
    const paper: Record<string, unknown> = {
      id: `2605.${String(10000 + i)}`,
      authors: g.authors.map((name, j) => ({ _id: `a${j}`, name, hidden: false })),
      publishedAt: g.publishedAt,
      title: g.title,
      summary: g.summary,
      upvotes: g.upvotes,
      githubRepo: g.githubRepo,
      projectPage: g.projectPage,
      submittedOnDailyAt: '2026-08-14T00:00:00.000Z',
    };
    if (g.keywords !== undefined) paper.ai_keywords = g.keywords;
    if (g.org !== undefined) paper.organization = g.org;
    return { paper, publishedAt: g.publishedAt, title: g.title, numComments: 0 };
  });
}

/** Titles that are nothing but white space are no papers: keep them out of these cases. */
const response = fc.array(apiEntry, { maxLength: 5 }).filter((es) => es.every((e) => e.title.trim() !== ''));

describe('the fetched Markdown reads back as the JSON', () => {
  it('for generated entries with hostile titles, abstracts, names and keywords', () => {
    fc.assert(
      fc.property(response, fc.boolean(), (generated, pretty) => {
        const json = JSON.stringify(responseOf(generated), null, pretty ? 2 : undefined);
        const fromJson = parseDigest(json, JSON_URI);
        checkJsonDigest(json, fromJson);
        expect(fromJson.papers).toHaveLength(generated.length);
        const text = renderFetchedDigest('2026-08-14', fromJson.papers);
        const fromMarkdown = parseDigest(text, MD_URI);
        expect(fromMarkdown.digestDate).toBe(fromJson.digestDate);
        expect(fromMarkdown.papers.map((p) => p.id)).toEqual(fromJson.papers.map((p) => p.id));
        expect(fieldsOf(fromMarkdown)).toEqual(fieldsOf(fromJson));
        // Nothing to report but the papers with no abstract, as in the JSON (and a day with no papers).
        if (generated.length > 0) expect(fromMarkdown.diagnostics.map((d) => d.message)).toEqual(fromJson.diagnostics.map((d) => d.message));
        else expect([fromMarkdown.diagnostics.length, fromJson.diagnostics.length]).toEqual([1, 1]);
      }),
      { numRuns: 120 },
    );
  });
});

describe('the fetched Markdown layout under damage', () => {
  const day = '2026-08-14';
  const base = renderFetchedDigest(day, parseDigest(RESPONSES[1], JSON_URI).papers.slice(0, 4));
  const papers = fieldsOf(parseDigest(RESPONSES[1], JSON_URI));
  const damage = fc.oneof(
    mutation,
    fc.tuple(fraction, fc.constantFrom('- **Upvotes:** ', '**arXiv:** ', '- **Authors:** `', '\n- ', '\n## ', '\n```\n', ' · ', '**', '<', '>', '\n\n')).map(
      ([f, piece]): Mutation => (t) => t.slice(0, at(t, f)) + piece + t.slice(at(t, f)),
    ),
  );
  const damaged = fc.array(damage, { minLength: 1, maxLength: 8 }).map((edits) => edits.reduce((text, edit) => {
    try {
      return edit(text);
    } catch {
      return text;
    }
  }, base));

  it('is read and merged into without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(damaged, async (text) => {
        await breathe();
        const digest = parseDigest(text, MD_URI);
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const paper of digest.papers) {
          expect(paper.source.endLine).toBeLessThan(lines);
          if (paper.upvotes !== undefined) expect(Number.isSafeInteger(paper.upvotes)).toBe(true);
          if (paper.authors !== undefined) expect(paper.authorCount).toBe(paper.authors.length);
          for (const url of [paper.code, paper.projectPage]) if (url !== undefined) expect(url).toMatch(/^https?:\/\//);
        }
        const result = mergeFetchedDigest(text, papers, day);
        if (result.status === 'merged') expect(parseDigest(result.text, MD_URI).papers.length).toBeGreaterThanOrEqual(digest.papers.length);
      }),
      { numRuns: 30 },
    );
  });

  it('takes work that grows linearly with the papers', () => {
    const markdownWork = (n: number): number => {
      const counter = newWorkCounter();
      parseDigest(renderFetchedDigest(day, Array.from({ length: n }, (_, i) => ({ ...papers[i % papers.length], title: `${papers[i % papers.length].title} ${i}` }))), MD_URI, { work: counter });
      return counter.steps;
    };
    const single = markdownWork(25);
    const double = markdownWork(50);
    expect(double / single).toBeGreaterThan(1.7);
    expect(double / single).toBeLessThan(2.3);
  });
});

// ---------------------------------------------------------------------------
// Fetching a day again
// ---------------------------------------------------------------------------

/** Fetched papers with distinct ids and titles, as hfEntriesFields gives them. */
function fetchedPapers(generated: readonly ApiEntry[], offset = 0): PaperFields[] {
  const text = JSON.stringify(responseOf(generated).map((entry, i) => {
    const e = entry as { paper: Record<string, unknown>; title: string };
    e.paper.id = `2605.${String(20000 + offset + i)}`;
    e.title = `${e.title} ${offset + i}`;
    return e;
  }));
  const response = parseHfApiResponse(text);
  if ('error' in response) throw new Error(response.error);
  return fieldsOf(parseDigest(text, JSON_URI));
}

const COUNT = /(\*\*Upvotes:\*\* )\d+/g;
const withoutCounts = (text: string) => text.replace(COUNT, '$1#');

/** A user's edit of a rendered digest: words added to a title, to an abstract, a note paragraph, a changed line ending. */
const edit = fc.tuple(fc.constantFrom('title', 'abstract', 'note', 'crlf'), fraction, fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,15}$/));

function applyEdit(text: string, [kind, f, words]: [string, number, string]): string {
  const lines = text.split('\n');
  const pick = (test: (line: string) => boolean): number => {
    const candidates = lines.flatMap((line, i) => (test(line) ? [i] : []));
    return candidates.length === 0 ? -1 : candidates[Math.floor(f * candidates.length)];
  };
  if (kind === 'crlf') return text.replace(/\n/g, '\r\n');
  if (kind === 'title') {
    const i = pick((l) => l.startsWith('## ['));
    if (i >= 0) lines[i] = lines[i].replace('## [', `## [${words} `);
  } else {
    // After CRLF a blank line is "\r": a note put there would split the title from its fields.
    const i = pick((l) => l.trim() !== '' && !l.startsWith('#') && !l.startsWith('- '));
    if (i >= 0 && kind === 'abstract') lines[i] = `${lines[i]} ${words}`;
    if (i >= 0 && kind === 'note') lines.splice(i + 1, 0, '', `My note: ${words}.`);
  }
  return lines.join('\n');
}

describe('fetching a day again', () => {
  it('changes nothing when nothing changed', () => {
    fc.assert(
      fc.property(fc.array(apiEntry, { maxLength: 5 }), (generated) => {
        const papers = fetchedPapers(generated);
        expect(mergeFetchedDigest(renderFetchedDigest('2026-08-14', papers), papers, '2026-08-14')).toEqual({ status: 'up-to-date' });
      }),
      { numRuns: 40 },
    );
  });

  it('rewrites only upvote counts and appends new papers, whatever the reader edited', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(apiEntry, { minLength: 1, maxLength: 4 }),
        fc.array(apiEntry, { maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 4, maxLength: 4 }),
        fc.array(edit, { maxLength: 4 }),
        async (before, arriving, counts, edits) => {
          await breathe();
          const old = fetchedPapers(before);
          const written = edits.reduce(applyEdit, renderFetchedDigest('2026-08-14', old));
          const again = old.map((p, i) => {
            const next = { ...p };
            if (counts[i] === 0) delete next.upvotes;
            else next.upvotes = counts[i];
            return next;
          });
          const added = fetchedPapers(arriving, before.length);
          const result = mergeFetchedDigest(written, [...again, ...added], '2026-08-14');
          const changed = again.some((p, i) => (p.upvotes ?? 0) !== (old[i].upvotes ?? 0));
          if (!changed && added.length === 0) {
            expect(result).toEqual({ status: 'up-to-date' });
            return;
          }
          if (result.status !== 'merged') throw new Error(`not merged: ${JSON.stringify(result)}`);
          expect(result.added).toBe(added.length);
          // Byte for byte what the reader had, but for the counts, then the new papers.
          expect(withoutCounts(result.text).startsWith(withoutCounts(written))).toBe(true);
          const eol = written.includes('\r\n') ? '\r\n' : '\n';
          const tail = result.text.slice(result.text.length - (added.length === 0 ? 0 : renderFetchedPapers(added).replace(/\n/g, eol).length));
          if (added.length > 0) expect(tail).toBe(renderFetchedPapers(added).replace(/\n/g, eol));
          const merged = parseDigest(result.text, MD_URI);
          expect(merged.papers.map((p) => p.upvotes)).toEqual([...again, ...added].map((p) => p.upvotes));
          expect(fieldsOf(merged).slice(old.length)).toEqual(added);
          expect(mergeFetchedDigest(result.text, [...again, ...added], '2026-08-14')).toEqual({ status: 'up-to-date' });
        },
      ),
      { numRuns: 60 },
    );
  });
});
