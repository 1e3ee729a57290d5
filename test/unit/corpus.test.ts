import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus, type CorpusFile } from '../../bench/corpus';
import { Prng } from '../../bench/prng';
import { readSeedPapers } from '../../bench/seeds';
import { isDigest } from '../../src/core/digest/is-digest';
import { parseDigest } from '../../src/core/digest/parse-digest';
import { paperId } from '../../src/core/model/paper-id';

const seeds = readSeedPapers(join(__dirname, '..', 'fixtures'));
/** One corpus shared by the tests that read it: generating and parsing is the slow part. */
const corpus = generateCorpus(seeds, { files: 200, seed: 11 });
const parsed = corpus.map((file) => parseDigest(file.text, `file:///corpus/${file.name}`));

function fingerprint(files: CorpusFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.name).update('\0').update(file.text).update('\0');
  return hash.digest('hex');
}

describe('Prng', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = new Prng(7);
    const b = new Prng(7);
    const c = new Prng(8);
    const fromA = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(fromA);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(fromA);
    expect(fromA.every((x) => x >= 0 && x < 1)).toBe(true);
    const ints = Array.from({ length: 1000 }, () => a.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
  });
});

describe('generateCorpus', () => {
  it('grows from every paper of the three seed digests', () => {
    expect(seeds).toHaveLength(6 + 18 + 28);
  });

  it('gives byte-identical files for the same seed and different files for another seed', () => {
    const first = generateCorpus(seeds, { files: 40, seed: 1, papersPerFile: 6 });
    const again = generateCorpus(seeds, { files: 40, seed: 1, papersPerFile: 6 });
    const other = generateCorpus(seeds, { files: 40, seed: 2, papersPerFile: 6 });
    expect(fingerprint(again)).toBe(fingerprint(first));
    expect(fingerprint(other)).not.toBe(fingerprint(first));
    // Same names (one file per day), different contents.
    expect(other.map((f) => f.name).map((n) => n.slice(0, 10))).toEqual(first.map((f) => f.name).map((n) => n.slice(0, 10)));
    expect(other.filter((f, i) => f.text === first[i].text)).toHaveLength(0);
  });

  it('names files by consecutive days and writes the day as the digest date', () => {
    const files = generateCorpus(seeds, { files: 70, seed: 3, papersPerFile: 2 });
    expect(files[0].name).toMatch(/^2021-01-01\.(txt|md)$/);
    expect(files[31].name).toMatch(/^2021-02-01\.(txt|md)$/);
    expect(files[0].digestDate).toBe('Jan 1');
    expect(files[69].digestDate).toBe('Mar 11');
    for (const file of files) expect(file.name.endsWith(file.format === 'markdown' ? '.md' : '.txt')).toBe(true);
  });

  it('makes every file a digest that parses to exactly its papers, with no errors', () => {
    corpus.forEach((file, i) => {
      expect(isDigest(file.text, file.name), file.name).toBe(true);
      const digest = parsed[i];
      expect(digest.papers.map((p) => p.title), file.name).toEqual(file.titles);
      expect(digest.digestDate, file.name).toBe(file.digestDate);
      expect(digest.diagnostics.filter((d) => d.severity === 'error'), file.name).toEqual([]);
      expect(digest.papers.every((p) => p.abstract !== ''), file.name).toBe(true);
    });
  });

  it('varies files and papers the way real digests vary', () => {
    const files = corpus;
    const share = (test: (f: CorpusFile) => boolean) => files.filter(test).length / files.length;
    expect(share((f) => f.format === 'markdown')).toBeGreaterThan(0.12);
    expect(share((f) => f.format === 'markdown')).toBeLessThan(0.28);
    expect(files.some((f) => f.format === 'hf-text' && !f.variant.header)).toBe(true);
    expect(files.some((f) => f.text.includes('\r\n'))).toBe(true);
    expect(files.some((f) => f.variant.wrap > 0)).toBe(true);
    expect(files.some((f) => f.text.startsWith('\ufeff'))).toBe(true);
    expect(files.some((f) => f.variant.untidy)).toBe(true);

    const papers = parsed.flatMap((d) => d.papers);
    // About 28 papers a file, so 1,800 files hold about 50,000 paper entries.
    const mean = papers.length / files.length;
    expect(mean * 1800).toBeGreaterThan(48_000);
    expect(mean * 1800).toBeLessThan(52_000);
    expect(papers.some((p) => p.org === undefined && p.authorCount === undefined && p.published === undefined)).toBe(true);
    expect(papers.some((p) => p.published !== undefined && p.upvotes === undefined)).toBe(true);
    expect(papers.some((p) => p.org !== undefined)).toBe(true);
    expect(papers.some((p) => p.url !== undefined)).toBe(true);
    expect(papers.some((p) => p.links.length > 0)).toBe(true);

    // Papers re-appear in later digests: fewer distinct ids than entries, as many repeats as the files say.
    const ids = new Set(papers.map((p) => p.id));
    const repeats = files.reduce((n, f) => n + f.repeats, 0);
    expect(repeats).toBeGreaterThan(papers.length * 0.05);
    expect(ids.size).toBe(papers.length - repeats);

    // Titles and abstracts are mutated, not copied: no generated paper is a seed paper.
    const seedIds = new Set(seeds.map((s) => paperId(s.title)));
    const seedAbstracts = new Set(seeds.map((s) => s.abstract));
    expect(papers.filter((p) => seedIds.has(p.id))).toEqual([]);
    expect(papers.filter((p) => seedAbstracts.has(p.abstract))).toEqual([]);
  });

  it('clamps the file count and needs seeds', () => {
    expect(generateCorpus(seeds, { files: 0, seed: 1 })).toEqual([]);
    expect(generateCorpus([], { files: 5, seed: 1 })).toEqual([]);
    const most = generateCorpus(seeds, { files: 12_000, seed: 1, papersPerFile: 1, markdownShare: 0 });
    expect(most).toHaveLength(10_000);
    expect(most[9999].name).toBe('2048-05-18.txt');
  });
});
