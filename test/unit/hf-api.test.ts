/**
 * The Hugging Face API's JSON as a digest, checked against two real responses: the
 * older shape (2024-05-27) and the newest (2026-08-14, with organisations, code
 * repositories, project pages and keywords). The expected values below were read from
 * the JSON files by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  digestFormat,
  DigestParser,
  isDigest,
  looksLikeHfApiJson,
  paperId,
  parseDigest,
  parseHfApiResponse,
  type Paper,
} from '../../src/core';

const read = (day: string): string => readFileSync(join(__dirname, '..', 'hf-api', `${day}.json`), 'utf8');
const OLD = read('2024-05-27');
const NEW = read('2026-08-14');
const OLD_URI = 'file:///ws/digests/2024-05-27.json';
const NEW_URI = 'file:///ws/digests/2026-08-14.json';

function fields(paper: Paper): Omit<Paper, 'id' | 'source'> {
  const { id: _id, source: _source, ...rest } = paper;
  return rest;
}

/** The author names of each entry, read from the JSON with nothing but JSON.parse. */
function authorNames(text: string): string[][] {
  const entries = JSON.parse(text) as Array<{ paper: { authors: Array<{ name: string }> } }>;
  return entries.map((e) => e.paper.authors.map((a) => a.name));
}

describe('the 2024-05-27 response (older shape)', () => {
  const digest = parseDigest(OLD, OLD_URI);

  it('is every entry, in order, with nothing to report', () => {
    expect(digest.diagnostics).toEqual([]);
    expect(digest.digestDate).toBe('May 27');
    expect(digest.papers.map((p) => p.arxivId)).toEqual([
      '2405.15738', '2405.15574', '2405.15071', '2405.15032', '2405.15682', '2405.15319', '2405.14979',
      '2405.15223', '2405.14908', '2405.14906', '2405.15613', '2405.15216', '2405.15125',
    ]);
    expect(digest.papers.map((p) => p.authorCount)).toEqual([9, 4, 4, 17, 7, 8, 7, 7, 5, 3, 13, 6, 7]);
    expect(digest.papers.map((p) => p.upvotes)).toEqual([32, 28, 19, 11, 10, 9, 9, 7, 7, 7, 5, 4, 3]);
    expect(digest.papers.map((p) => p.published)).toEqual([
      'May 24', 'May 24', 'May 23', 'May 23', 'May 24', 'May 24', 'May 23', 'May 24', 'May 23', 'May 23', 'May 24', 'May 24', 'May 24',
    ]);
    expect(digest.papers.map((p) => p.authors)).toEqual(authorNames(OLD));
    expect(digest.papers.map((p) => p.url)).toEqual(digest.papers.map((p) => `https://huggingface.co/papers/${p.arxivId}`));
    expect(digest.papers.map((p) => p.id)).toEqual(digest.papers.map((p) => paperId(p.title)));
    // The older shape has no organisations, repositories, project pages or keywords.
    for (const p of digest.papers) expect([p.org, p.code, p.projectPage, p.keywords]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reads the first paper field by field, its hard-wrapped summary joined', () => {
    const [first] = digest.papers;
    expect(first.source).toEqual({ uri: OLD_URI, startLine: 1, titleLine: 84, endLine: 87 });
    const abstract = fields(first).abstract;
    expect(abstract.startsWith('High-resolution Large Multimodal Models (LMMs) encounter the challenges of excessive visual tokens and quadratic visual complexity. Current high-resolution LMMs')).toBe(true);
    expect(abstract.endsWith('on mainstream benchmarks. The ConvLLaVA model series are publicly available at https://github.com/alibaba/conv-llava.')).toBe(true);
    expect(abstract).not.toMatch(/\s{2}|\n/);
    expect({ ...fields(first), abstract: undefined }).toEqual({
      title: 'ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models',
      abstract: undefined,
      arxivId: '2405.15738',
      url: 'https://huggingface.co/papers/2405.15738',
      authors: ['Chunjiang Ge', 'Sijie Cheng', 'Ziming Wang', 'Jiale Yuan', 'Yuan Gao', 'Jun Song', 'Shiji Song', 'Gao Huang', 'Bo Zheng'],
      authorCount: 9,
      published: 'May 24',
      upvotes: 32,
      links: ['https://github.com/alibaba/conv-llava'],
    });
  });

  it('takes the entry\'s title over the paper\'s hard-wrapped one', () => {
    const autoCoder = digest.papers[9];
    expect(autoCoder.title).toBe('AutoCoder: Enhancing Code Large Language Model with \\textsc{AIEV-Instruct}');
    expect(autoCoder.authors).toEqual(['Bin Lei', 'Yuchen Li', 'Qiuwu Chen']);
    expect(autoCoder.published).toBe('May 23');
    expect(autoCoder.links).toEqual(['https://github.com/bin123apple/AutoCoder']);
    expect(autoCoder.source).toEqual({ uri: OLD_URI, startLine: 809, titleLine: 844, endLine: 847 });
  });
});

describe('the 2026-08-14 response (newest shape)', () => {
  const digest = parseDigest(NEW, NEW_URI);

  it('is every entry, in order, with nothing to report', () => {
    expect(digest.diagnostics).toEqual([]);
    expect(digest.digestDate).toBe('Aug 14');
    expect(digest.papers.map((p) => p.arxivId)).toEqual([
      '2608.13489', '2608.06867', '2608.13546', '2608.13505', '2608.07545', '2608.13560', '2608.12743', '2608.13552',
      '2608.12149', '2608.11752', '2608.11745', '2608.08975', '2608.07193', '2608.13049', '2608.08888', '2608.12990',
      '2608.13558', '2608.10538', '2608.12997', '2608.13430', '2608.12773', '2608.11951', '2607.29211',
    ]);
    expect(digest.papers.map((p) => p.authorCount)).toEqual([10, 12, 6, 125, 12, 14, 8, 12, 11, 8, 9, 8, 6, 9, 8, 8, 5, 4, 1, 3, 1, 3, 8]);
    // No count on the page, and none here, for a paper nobody upvoted yet.
    expect(digest.papers.map((p) => p.upvotes)).toEqual([
      61, 53, 52, 37, 34, 28, 25, 24, 11, 8, 8, 6, 6, 5, 4, 2, 2, 1, undefined, undefined, undefined, undefined, undefined,
    ]);
    expect(digest.papers.map((p) => p.keywords?.length)).toEqual([7, 12, 10, 14, 9, 5, 6, 7, 9, 9, 9, 10, 9, 8, 8, 7, 10, 8, 7, 6, 9, 7, 8]);
    expect(digest.papers.map((p) => p.authors)).toEqual(authorNames(NEW));
    expect(digest.papers.map((p) => p.org)).toEqual([
      'alibabagroup alibaba', 'UIUC-CS University of Illinois at Urbana-Champaign', undefined, undefined,
      'Salesforce Salesforce AI Research', 'meituan meituan', 'zju Zhejiang University', undefined, 'startlux-models Startlux',
      'QwenBusinessUnit Qwen Business Unit', 'QwenBusinessUnit Qwen Business Unit', 'UMaryland University of Maryland', undefined,
      'SJTU Shanghai Jiao Tong University', 'MicrosoftResearch Microsoft Research', undefined, undefined, 'opendatalab OpenDataLab',
      'epfl-ch EPFL', undefined, 'ebenworks Ebenworks Systems', 'TUDelft Technology University of Delft', undefined,
    ]);
  });

  it('reads a paper with an organisation, a repository, a project page and keywords', () => {
    expect(fields(digest.papers[1])).toEqual({
      title: 'LLMRouter: Unified Infrastructure for Developing, Evaluating, and Deploying LLM Routers',
      abstract: expect.stringMatching(/^No single large language model \(LLM\) is optimal across all queries .* and user-conditioned routing consistently improves personalization\.$/),
      arxivId: '2608.06867',
      url: 'https://huggingface.co/papers/2608.06867',
      authors: ['Tao Feng', 'Fangxu Yu', 'Haozhen Zhang', 'Zhongjie Dai', 'Liangqi Yuan', 'Zijie Lei', 'Weizhi Zhang', 'Kunlun Zhu', 'Haodong Yue', 'Keyang Xuan', 'Ge Liu', 'Jiaxuan You'],
      authorCount: 12,
      org: 'UIUC-CS University of Illinois at Urbana-Champaign',
      published: 'Aug 7',
      upvotes: 53,
      code: 'https://github.com/ulab-uiuc/LLMRouter',
      projectPage: 'https://ulab-uiuc.github.io/LLMRouter/',
      keywords: ['LLM routing', 'context encoders', 'model encoders', 'scoring functions', 'decision rules', 'learning signals',
        'multi-turn routing', 'personalized routing', 'xRouteBench', 'LLMRouter', 'learned routers', 'user-conditioned routing'],
      links: [],
    });
  });

  it('reads a paper published in July, one with a single author and no upvotes, and the last one', () => {
    const darwin = digest.papers[4];
    expect([darwin.title, darwin.published, darwin.upvotes, darwin.code, darwin.projectPage]).toEqual([
      'DarwinX: Evolving Agent Harnesses Through Natural Selection', 'Jul 31', 34, undefined, 'https://huggingface.co/spaces/CoderDoge/darwinx',
    ]);
    expect(darwin.source).toEqual({ uri: NEW_URI, startLine: 1121, titleLine: 1226, endLine: 1252 });

    const pix = digest.papers[18];
    expect({ ...fields(pix), abstract: undefined, keywords: undefined }).toEqual({
      title: 'PixSDS: Why Latent SDS Makes Noisy Pixels',
      abstract: undefined,
      arxivId: '2608.12997',
      url: 'https://huggingface.co/papers/2608.12997',
      authors: ['Vsevolod Skorokhodov'],
      authorCount: 1,
      org: 'epfl-ch EPFL',
      published: 'Aug 13',
      code: 'https://github.com/sevashasla/PixSDS',
      projectPage: 'https://sevashasla.github.io/pixsds-webpage/',
      keywords: undefined,
      links: ['https://sevashasla.github.io/pixsds-webpage/'],
    });
    expect(pix.source).toEqual({ uri: NEW_URI, startLine: 2732, titleLine: 2782, endLine: 2808 });

    const last = digest.papers[22];
    expect([last.title, last.published, last.upvotes, last.org, last.code, last.links]).toEqual([
      'Knowing When to Quit: Diagnosing and Training LLMs to Abort Futile Reasoning', 'Jul 31', undefined, undefined,
      'https://github.com/icip-cas/Knowing-When-to-Quit', ['https://github.com/icip-cas/Knowing-When-to-Quit'],
    ]);
    expect(last.keywords?.[0]).toBe('futile reasoning');
    expect(last.source).toEqual({ uri: NEW_URI, startLine: 3050, titleLine: 3138, endLine: 3156 });
  });

  it('places every paper on the lines of its entry, its title line on its title key', () => {
    const lines = NEW.split('\n');
    for (const p of digest.papers) {
      expect(lines[p.source.startLine]).toBe('  {');
      expect(lines[p.source.endLine]).toMatch(/^ {2}\},?$/);
      expect(lines[p.source.titleLine]).toBe(`    "title": ${JSON.stringify(p.title)},`);
    }
    const starts = digest.papers.map((p) => p.source.startLine);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('places them on the same lines with CRLF or CR line endings, and on line 0 when all is one line', () => {
    const sources = (text: string) => parseDigest(text, NEW_URI).papers.map(({ source: { titleLine, startLine, endLine } }) => [startLine, titleLine, endLine]);
    expect(sources(NEW.replace(/\n/g, '\r\n'))).toEqual(sources(NEW));
    expect(sources(NEW.replace(/\n/g, '\r'))).toEqual(sources(NEW));
    expect(sources(JSON.stringify(JSON.parse(NEW)))).toEqual(Array(23).fill([0, 0, 0]));
  });
});

describe('dates', () => {
  it('writes a year for a paper published in another year than the digest', () => {
    const entry = (publishedAt: string) => JSON.stringify([{ paper: { id: '2312.00752', title: 'Mamba', summary: 'S.', publishedAt } }]);
    const at = (text: string, uri: string) => parseDigest(text, uri).papers[0].published;
    expect(at(entry('2023-12-01T18:01:34.000Z'), 'file:///d/2024-01-02.json')).toBe('Dec 1, 2023');
    expect(at(entry('2023-12-01T18:01:34.000Z'), 'file:///d/2023-12-04.json')).toBe('Dec 1');
    // Days are UTC days.
    expect(at(entry('2023-12-01T23:30:00.000-05:00'), 'file:///d/2023-12-04.json')).toBe('Dec 2');
    // Not a date: no date.
    expect(at(entry('yesterday'), 'file:///d/2023-12-04.json')).toBeUndefined();
  });

  it('takes the digest\'s day from the file name, else from the day most entries were on the list', () => {
    expect(parseDigest(NEW, 'file:///ws/today.json').digestDate).toBe('Aug 14');
    expect(parseDigest(OLD, 'file:///ws/saved.json').digestDate).toBe('May 27');
    expect(parseDigest(NEW, 'file:///ws/2026-08-15.json').digestDate).toBe('Aug 15');
    // Not a real day in the name: the entries tell.
    expect(parseDigest(NEW, 'file:///ws/2026-02-30.json').digestDate).toBe('Aug 14');
    const undated = JSON.stringify([{ paper: { id: '2312.00752', title: 'Mamba', summary: 'S.', publishedAt: '2023-12-01T18:01:34.000Z' } }]);
    const digest = parseDigest(undated, 'file:///ws/papers.json');
    expect(digest.digestDate).toBeUndefined();
    expect(digest.papers[0].published).toBe('Dec 1, 2023');
  });
});

describe('JSON of another shape', () => {
  const one = (text: string) => {
    const digest = parseDigest(text, 'file:///ws/data.json');
    expect(digest.papers).toEqual([]);
    expect(digest.diagnostics).toHaveLength(1);
    expect(digest.diagnostics[0].severity).toBe('error');
    return digest.diagnostics[0];
  };

  it('is no papers and one diagnostic that says what is wrong', () => {
    expect(one('{"status": "ok", "data": [{"paper": {"id": "2405.15738"}}]}').message)
      .toBe('Not a Hugging Face daily papers response: it is an object, not a list of papers.');
    expect(one(`["{'paper': {'id': '2405.15738', 'title': 'X'}}", "{'paper': {}}"]`).message)
      .toBe('Not a Hugging Face daily papers response: entry 1: it is a string, not an object.');
    expect(one(OLD.slice(0, 30_000)).message).toMatch(/^Not a Hugging Face daily papers response: the text is not valid JSON \(.+\)\.$/);
    expect(one('[{"paper": {"id": "2405.15738", "title": "X", "upvotes": "many"}}]').message)
      .toBe('Not a Hugging Face daily papers response: entry 1: "paper.upvotes" is a string, not a count.');
    expect(one('[{"paper": {"id": "not an id", "title": "X"}}]').message)
      .toBe('Not a Hugging Face daily papers response: entry 1: "paper.id" is not an arXiv id.');
    expect(one('[{"paper": {"id": "2405.15738"}}]').message).toBe('Not a Hugging Face daily papers response: entry 1: it has no title.');
    expect(one('[{"title": "X"}]').message).toBe('Not a Hugging Face daily papers response: entry 1: "paper" is missing, not an object.');
    expect(one('"just a string"').message).toBe('Not a Hugging Face daily papers response: it is a string, not a list of papers.');
  });

  it('points at the line of the entry that is wrong', () => {
    const entries = JSON.parse(NEW) as Array<{ paper: Record<string, unknown> }>;
    entries[2].paper.authors = 'x'.repeat(1_000_000);
    const diagnostic = one(JSON.stringify(entries, null, 2));
    expect(diagnostic.message).toBe('Not a Hugging Face daily papers response: entry 3: "paper.authors" is a string, not a list of authors.');
    expect(diagnostic.line).toBe(parseDigest(NEW, NEW_URI).papers[2].source.startLine);
    // The value is never quoted, however big.
    expect(diagnostic.message.length).toBeLessThan(200);
  });

  it('reads deep nesting, huge values and other types without throwing', () => {
    expect(one(`${'['.repeat(200_000)}${']'.repeat(200_000)}`).message).toBe('Not a Hugging Face daily papers response: entry 1: it is a list, not an object.');
    const deepUnused = `[{"paper": {"id": "2405.15738", "title": "T", "summary": "S.", "extra": ${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}]`;
    expect(parseDigest(deepUnused, 'file:///d.json').papers.map((p) => p.title)).toEqual(['T']);
    expect(one('[{"paper": {"id": "2405.15738", "title": ["x"]}}]').message).toContain('"paper.title" is a list, not a string');
    expect(one('[{"paper": {"id": "2405.15738", "title": "T", "authors": [{"name": 7}]}}]').message).toContain('"paper.authors[].name" is a number, not a string');
    expect(one('[{"paper": {"id": "2405.15738", "title": "T", "ai_keywords": [null]}}]').message).toContain('"paper.ai_keywords[]" is null, not a string');
    expect(one('[{"paper": {"id": "2405.15738", "title": "T", "organization": "acme"}}]').message).toContain('"paper.organization" is a string, not an object');
    expect(one('[{"paper": {"id": "2405.15738", "title": "T", "upvotes": -1}}]').message).toContain('"paper.upvotes" is a number, not a count');
    expect(one('[{"paper": {"id": "2405.15738", "title": "T"}}, 3]').message).toContain('entry 2: it is a number, not an object');
  });

  it('reports an empty file and an empty list as such', () => {
    expect(parseDigest('', 'file:///d/2024-01-01.json').diagnostics).toEqual([{ line: 0, severity: 'info', message: 'The file is empty.' }]);
    expect(parseDigest(' [ ] ', 'file:///d/2024-01-01.json')).toEqual({
      uri: 'file:///d/2024-01-01.json', digestDate: 'Jan 1', papers: [], diagnostics: [{ line: 0, severity: 'info', message: 'The response lists no papers.' }],
    });
  });

  it('leaves out what is there but of no use: blank names, links that are not http(s), null fields', () => {
    const text = JSON.stringify([{
      paper: {
        id: '2405.15738', title: '  Spaced\n  Title ', summary: 'Line one\nline two.', upvotes: 0,
        authors: [{ name: ' A  B ' }, { name: '' }, { _id: 'x' }], githubRepo: 'javascript:alert(1)', projectPage: null,
        ai_keywords: [' k1 ', ''], organization: { name: 'acme' },
      },
    }]);
    const [paper] = parseDigest(`\uFEFF${text}`, 'file:///d/2024-05-27.json').papers;
    expect(fields(paper)).toEqual({
      title: 'Spaced Title', abstract: 'Line one line two.', arxivId: '2405.15738', url: 'https://huggingface.co/papers/2405.15738',
      authors: ['A B'], authorCount: 1, org: 'acme', keywords: ['k1'], links: [],
    });
  });
});

describe('recognising a response', () => {
  it('by its first bytes, in a .json file or any other', () => {
    expect(isDigest(OLD, '2024-05-27.json')).toBe(true);
    expect(isDigest(NEW, 'today.json')).toBe(true);
    expect(isDigest(NEW, 'untitled')).toBe(true);
    expect(looksLikeHfApiJson(`\uFEFF \r\n${NEW}`)).toBe(true);
    expect(digestFormat(NEW, 'untitled:1')).toBe('hf-json');
    expect(digestFormat('[1]', 'file:///a/b.JSON')).toBe('hf-json');
    expect(digestFormat(NEW, 'file:///a/b.md')).toBe('markdown');
  });

  it('and not other JSON', () => {
    expect(isDigest('{"paper": {"publishedAt": 1}}', 'a.json')).toBe(false);
    expect(isDigest('[]', 'a.json')).toBe(false);
    expect(isDigest('[{"name": "eslint", "version": "9"}]', 'package-lock.json')).toBe(false);
    expect(isDigest(`[{"summary": "x", "${'a'.repeat(5000)}": 1, "paper": {}}]`, 'a.json')).toBe(false);
    expect(isDigest(`["{'paper': {'summary': 'x'}}"]`, 'a.json')).toBe(false);
    // A .json file that is not a response is no digest, whatever else it looks like.
    expect(isDigest('Title\n\nAbstract.\n\n  • 3 authors', 'notes.json')).toBe(false);
  });
});

describe('parseHfApiResponse', () => {
  it('gives the checked entries that a fetch writes a digest from', () => {
    const response = parseHfApiResponse(NEW);
    if ('error' in response) throw new Error(response.error);
    expect(response.entries).toHaveLength(23);
    expect(response.entries[0]).toEqual({
      arxivId: '2608.13489',
      title: 'DreamX-Phi 1.0: Action-Conditioned Video World Model for Robotic Manipulation',
      abstract: expect.stringMatching(/^We present DreamX-Phi 1\.0, an action-conditioned video world model .* Our model and code will be publicly available\.$/),
      authors: ['DreamX Team', 'Rui Chen', 'Xiangxiang Chu', 'Geng Li', 'Jifan Li', 'Qingfeng Shi', 'Datao Tang', 'Jing Tang', 'Jun Wang', 'Pengfei Zhang'],
      upvotes: 61,
      publishedDay: '2026-08-13',
      listedDay: '2026-08-14',
      org: 'alibabagroup alibaba',
      code: 'https://github.com/AMAP-ML/DreamX-Phi',
      keywords: ['action-conditioned video world model', 'SE(3) transformations', 'PRoPE-style geometric encoding', 'depth branch',
        'SAM3 masks', 'V-JEPA teacher', 'distribution-matching distillation'],
      lines: { start: 1, end: 134, title: 107 },
    });
    const old = parseHfApiResponse(OLD);
    expect('entries' in old && old.entries.map((e) => e.listedDay)).toEqual(Array(13).fill('2024-05-27'));
  });

  it('gives one error for a body that is not a response', () => {
    expect(parseHfApiResponse('{"error": "Invalid date"}')).toEqual({
      error: 'Not a Hugging Face daily papers response: it is an object, not a list of papers.', line: 0,
    });
    expect(parseHfApiResponse('<!DOCTYPE html>\n<html>')).toMatchObject({ line: 0, error: expect.stringContaining('not valid JSON') });
    expect(parseHfApiResponse(undefined as unknown as string)).toMatchObject({ error: expect.any(String) });
  });

  it('is what DigestParser reads for a JSON digest too', () => {
    const parser = new DigestParser();
    expect(parser.parse(NEW, NEW_URI)).toEqual(parseDigest(NEW, NEW_URI));
    expect(parser.lastStats()).toEqual({ sections: 0, parsed: 0 });
  });
});
