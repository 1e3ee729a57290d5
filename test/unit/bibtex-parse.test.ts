/**
 * The BibTeX export read back by Better BibTeX's own parser: what a .bib
 * file says is what the paper said.
 */
import { parse, type Creator } from '@retorquere/bibtex-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportBibtex } from '../../src/core/export/bibtex';
import { paperDate } from '../../src/core/export/dates';
import { splitName, type PersonName } from '../../src/core/export/names';
import type { Paper } from '../../src/core/model/types';
import { hfApiPapers } from './hf-api-papers';

const source = { uri: 'file:///digests/2025-09-05.txt', titleLine: 0, startLine: 0, endLine: 0 };
const oneLine = (text: string) => text.replace(/[\p{Cc}\p{Cs}\s\p{Z}]+/gu, ' ').trim();

/** Reads a .bib file as the parser does, without sentence-casing titles (it would change what is compared). */
function read(bib: string) {
  const library = parse(bib, { english: false });
  expect(library.errors).toEqual([]);
  return library.entries;
}

/** A name as the parser gives it back, in the parts splitName makes. */
function fromCreator(creator: Creator): PersonName {
  if (creator.name !== undefined) return { literal: creator.name };
  const family = [creator.prefix, creator.lastName].filter(Boolean).join(' ');
  return { family, ...(creator.firstName ? { given: creator.firstName } : {}), ...(creator.suffix ? { suffix: creator.suffix } : {}) };
}

const expectedNames = (authors: readonly string[]) => authors.map(splitName).filter((n): n is PersonName => n !== undefined);

describe('exportBibtex read back by @retorquere/bibtex-parser', () => {
  it('gives back the title, authors, year and eprint of every paper of the real API digests', () => {
    const papers = hfApiPapers();
    const entries = read(exportBibtex(papers.map(({ paper, digest }) => ({ paper, digests: [digest] }))));
    expect(entries).toHaveLength(papers.length);
    entries.forEach((entry, i) => {
      const { paper, digest } = papers[i];
      expect(entry.type).toBe('misc');
      expect(entry.fields.title).toBe(paper.title);
      expect((entry.fields.author ?? []).map(fromCreator)).toEqual(expectedNames(paper.authors!));
      expect(entry.fields.year).toBe(String(paperDate(paper, [digest])![0]));
      expect(entry.fields.eprint).toBe(paper.arxivId);
      expect(entry.fields.archiveprefix).toBe('arXiv');
      expect(entry.fields.url).toBe(`https://arxiv.org/abs/${paper.arxivId}`);
    });
    // Names the digests really have: particles, accents, a team, one-word names.
    const authors = entries.flatMap((e) => e.fields.author ?? []);
    expect(authors).toContainEqual({ name: 'DreamX Team' });
    expect(authors).toContainEqual({ name: 'Xingyu' });
    expect(authors).toContainEqual({ prefix: 'de', lastName: 'Rosa', firstName: 'Gustavo' });
    expect(authors).toContainEqual({ lastName: 'Üstün', firstName: 'Ahmet' });
  });

  it('gives back hostile titles and names as they were (property)', () => {
    const hostile = fc.oneof(
      fc.constantFrom('', ' ', '{', '}', '}{', '\\', '\\}', '\\textbf{x}', '$x_1$', '50% & #1', '~^', 'a -- b --- c', "``q''", '?`', ',,',
        '@misc{x,', 'a,b=c', '"quoted"', 'and', 'others', 'A and B', 'Über ünïcödé', '日本語', '😀', 'ConvLLaVA', 'DreamX Team', 'de Rosa',
        'Gustavo de Rosa', 'Smith, John', 'van der Berg, Jan', 'King Jr.', '<b>x</b>', '\u0000', 'tab\there', 'line\nbreak'),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.stringMatching(/^[{}\\%&$#_~^@,="`'\- a-zA-Z]{0,20}$/),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(hostile, fc.array(hostile, { maxLength: 4 })), { minLength: 1, maxLength: 3 }), (rows) => {
        const papers: Paper[] = rows.map(([title, authors], i) => ({ id: `p${i}`, title, authors, abstract: '', links: [], source }));
        const entries = read(exportBibtex(papers.map((paper) => ({ paper }))));
        expect(entries).toHaveLength(papers.length);
        entries.forEach((entry, i) => {
          expect(entry.fields.title ?? '').toBe(oneLine(papers[i].title));
          expect((entry.fields.author ?? []).map(fromCreator)).toEqual(expectedNames(papers[i].authors!));
        });
      }),
      { numRuns: 300 },
    );
  });
});
