import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bibtexEntry, bibtexKey, exportBibtex, latexText } from '../../src/core/export/bibtex';
import type { ExportItem } from '../../src/core/export/export';
import type { Paper } from '../../src/core/model/types';
import { hfApiPapers } from './hf-api-papers';

const source = { uri: 'file:///digests/2025-09-05.txt', titleLine: 0, startLine: 0, endLine: 0 };

function paper(fields: Partial<Paper>): Paper {
  return { id: 'p-00000000', title: '', abstract: '', links: [], source, ...fields };
}

const kalai = paper({
  title: 'Why Language Models Hallucinate',
  authors: ['Adam Tauman Kalai', 'Ofir Nachum', 'Santosh S. Vempala', 'Edwin Zhang'],
  arxivId: '2509.04664',
  published: 'Sep 4',
  url: 'https://huggingface.co/papers/2509.04664',
});

const key = (fields: Partial<Paper>, digests?: string[], titleWords?: number) => bibtexKey({ paper: paper(fields), digests }, { titleWords });

/** Braces of the entry outside escapes balance, and never close below depth 0. */
function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '{') depth++;
    if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

describe('bibtexEntry', () => {
  it('cites an arXiv paper as arXiv does', () => {
    expect(bibtexEntry({ paper: kalai, digests: ['Sep 5', 'hf-2025-09-05.txt'] })).toBe(
      [
        '@misc{kalai2025why,',
        '  title = {Why Language Models Hallucinate},',
        '  author = {Kalai, Adam Tauman and Nachum, Ofir and Vempala, Santosh S. and Zhang, Edwin},',
        '  year = {2025},',
        '  eprint = {2509.04664},',
        '  archivePrefix = {arXiv},',
        '  url = {https://arxiv.org/abs/2509.04664},',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('cites a paper without an arXiv id with what is known', () => {
    const entry = bibtexEntry({ paper: paper({ title: 'The Road Less Scheduled', authors: ['Aaron Defazio'], published: 'May 24', url: 'https://huggingface.co/papers/2405.15682' }), digests: ['2024-05-27.txt'] });
    expect(entry).toBe('@misc{defazio2024road,\n  title = {The Road Less Scheduled},\n  author = {Defazio, Aaron},\n  year = {2024},\n  url = {https://huggingface.co/papers/2405.15682},\n}\n');
    // Only web links: a javascript: URL is no citation's.
    const unsafe = bibtexEntry({ paper: paper({ title: 'X', url: 'javascript:alert(1)', links: ['https://example.org/{a}\\b'] }) });
    expect(unsafe).toContain('url = {https://example.org/%7Ba%7D%5Cb}');
    expect(unsafe).not.toContain('javascript');
    expect(bibtexEntry({ paper: paper({}) })).toBe('@misc{paper,\n}\n');
  });

  it('writes names as "Family, Given", particles with the family name, groups and single names braced', () => {
    const entry = bibtexEntry({ paper: paper({ title: 'T', authors: ['Gustavo de Rosa', 'DreamX Team', 'Xingyu', 'Ahmet Üstün', 'Martin Luther King Jr.', 'Tom and Jerry', 'R&D Lab', '  '] }) });
    expect(entry).toContain('author = {de Rosa, Gustavo and {DreamX Team} and {Xingyu} and Üstün, Ahmet and King, Jr., Martin Luther and {Tom and Jerry} and {R\\&D Lab}},');
  });

  it('escapes LaTeX specials and protects the case of acronyms', () => {
    expect(latexText('50% & $5 #1 a_b {x} ~ ^ \\ < >')).toBe(
      '50\\% \\& \\$5 \\#1 a\\_b \\textbraceleft{}x\\textbraceright{} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\textless{} \\textgreater{}',
    );
    expect(latexText("a -- b --- c ``q'' ?` ,,")).toBe("a -{}- b -{}-{}- c `{}`q'{}' ?{}` ,{},");
    const entry = bibtexEntry({ paper: paper({ title: 'ConvLLaVA: Hierarchical Backbones for LMMs, GLM-4.5 and iVideoGPT' }) });
    expect(entry).toContain('title = {{ConvLLaVA}: Hierarchical Backbones for {LMMs}, {GLM-4.5} and {iVideoGPT}},');
  });

  it('keeps hostile input inside its field (property)', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.stringMatching(/^[{}\\%&$#_~^@,="\s a-zA-Z]{0,30}$/));
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 4 }), fc.option(text, { nil: undefined }), (title, authors, url) => {
        const entry = bibtexEntry({ paper: paper({ title, authors, url, arxivId: url }) });
        expect(balanced(entry)).toBe(true);
        expect(entry).toMatch(/^@misc\{[a-z0-9-]+,\n(?: {2}[a-zA-Z]+ = \{.*\},\n)*\}\n$/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('bibtexKey', () => {
  it('follows [auth:lower][year][shorttitle:lower]', () => {
    expect(bibtexKey({ paper: kalai, digests: ['2025-09-05.txt'] })).toBe('kalai2025why');
    // Skip words and one-letter words are no title words; digits are.
    expect(key({ title: 'The Road Less Scheduled', authors: ['Aaron Defazio'], published: '2024' })).toBe('defazio2024road');
    expect(key({ title: 'A 3 Body Problem', authors: ['X Y'], published: '2024' })).toBe('y20243');
    expect(key({ title: 'On the Impact of Instruction Tuning', authors: ['Irina Proskurina'], published: '2026' })).toBe('proskurina2026impact');
    // Punctuation and dashes go; ":" separates words.
    expect(key({ title: 'GLM-4.5: Agentic, Reasoning', authors: ['Aohan Zeng'], published: '2025' })).toBe('zeng2025glm45');
    expect(key({ title: "Are You Sure You're Sure?", authors: ['I P'], published: '2026' }, undefined, 3)).toBe('p2026areyousure');
    expect(key({ title: 'The Road Less Scheduled', authors: ['Aaron Defazio'], published: '2024' }, undefined, 0)).toBe('defazio2024');
  });

  it('folds the family name to ASCII and keeps particles and groups whole', () => {
    expect(key({ title: 'Aya 23', authors: ['Ahmet Üstün'], published: '2024' })).toBe('ustun2024aya');
    expect(key({ title: 'X Phi', authors: ['Gustavo de Rosa'], published: '2024' })).toBe('derosa2024phi');
    expect(key({ title: 'DreamX-Phi 1.0', authors: ['DreamX Team'], arxivId: '2608.13489' })).toBe('dreamxteam2026dreamxphi');
    expect(key({ title: 'Straße', authors: ['Jürgen Groß', 'B C'], published: '2020' })).toBe('gross2020strasse');
  });

  it('takes the year from the date, the digest, then the arXiv id', () => {
    expect(key({ title: 'T Word', authors: ['A B'], published: 'May 24, 2023' })).toBe('b2023word');
    expect(key({ title: 'T Word', authors: ['A B'], published: 'May 24' }, ['Nov 6', '2024-11-06.txt'])).toBe('b2024word');
    expect(key({ title: 'T Word', authors: ['A B'], published: 'May 24', arxivId: '2305.00001' })).toBe('b2023word');
    expect(key({ title: 'T Word', authors: ['A B'], arxivId: '2405.15738v2' })).toBe('b2024word');
    expect(key({ title: 'T Word', authors: ['A B'], arxivId: 'hep-th/9901001' })).toBe('b1999word');
    expect(key({ title: 'T Word', authors: ['A B'] })).toBe('bword');
  });

  it('falls back to the arXiv id, then to "paper"', () => {
    expect(key({ title: '日', authors: ['李'] })).toBe('paper');
    expect(key({ title: '', authors: [] })).toBe('paper');
    expect(key({ title: '?', arxivId: '24x' })).toBe('paper');
  });
});

describe('exportBibtex', () => {
  it('keeps keys unique within one export, adding a, b, c as Better BibTeX does', () => {
    const same = (title: string): ExportItem => ({ paper: paper({ title, authors: ['Adam Kalai'], published: '2025' }) });
    const bib = exportBibtex([same('Why A'), same('Why B'), same('Why C'), { paper: paper({ title: 'Whya', authors: ['Adam Kalai'], published: '2025' }) }]);
    expect([...bib.matchAll(/^@misc\{([^,]+),/gm)].map((m) => m[1])).toEqual(['kalai2025why', 'kalai2025whya', 'kalai2025whyb', 'kalai2025whyaa']);
  });

  it('stays linear with a thousand papers of one key', () => {
    const items = Array.from({ length: 1000 }, () => ({ paper: paper({ title: 'Same', authors: ['A B'] }) }));
    const keys = [...exportBibtex(items).matchAll(/^@misc\{([^,]+),/gm)].map((m) => m[1]);
    expect(new Set(keys).size).toBe(1000);
    expect(keys.slice(0, 3)).toEqual(['bsame', 'bsamea', 'bsameb']);
    expect(keys[27]).toBe('bsameaa');
  });

  it('writes one entry per paper of the real API digests, separated by blank lines', () => {
    const papers = hfApiPapers();
    const bib = exportBibtex(papers.map(({ paper: p, digest }) => ({ paper: p, digests: [digest] })));
    const keys = [...bib.matchAll(/^@misc\{([^,]+),/gm)].map((m) => m[1]);
    expect(keys).toHaveLength(papers.length);
    expect(new Set(keys).size).toBe(papers.length);
    expect(keys.slice(0, 3)).toEqual(['ge2024convllava', 'lee2024meteor', 'wang2024grokked']);
    expect(keys).toContain('dreamxteam2026dreamxphi');
    expect(bib.split('\n\n')).toHaveLength(papers.length);
    expect(bib.endsWith('}\n')).toBe(true);
    expect(exportBibtex([])).toBe('');
  });
});
