import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPaperId, normaliseTitle, paperId, parseDigest } from '../../src/core';
import { SEEDS } from './fixtures/seed-papers';

/**
 * The rule as documented in paper-id.ts, written the plain way (Unicode normalisation and
 * regular expressions throughout). paperId's fast path for ASCII titles must agree with
 * it on every input.
 */
function referenceNormal(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
function referenceId(title: string): string {
  const normal = referenceNormal(title);
  let slug = normal.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > 48) {
    const cut = slug.slice(0, 48);
    const lastDash = cut.lastIndexOf('-');
    slug = (lastDash > 16 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '');
  }
  let hash = 0x811c9dc5;
  for (let i = 0; i < normal.length; i++) hash = Math.imul(hash ^ normal.charCodeAt(i), 0x01000193);
  return `${slug || 'paper'}-${(hash >>> 0).toString(16).padStart(8, '0')}`;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const allSeedTitles = SEEDS.flatMap((s) => s.papers.map((p) => p.title));

describe('paperId', () => {
  it('follows the documented rule on any text, ASCII or not', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 160 }),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.constantFrom(...allSeedTitles),
    );
    fc.assert(
      fc.property(text, (title) => {
        expect(paperId(title)).toBe(referenceId(title));
        expect(normaliseTitle(title)).toBe(referenceNormal(title));
      }),
      { numRuns: 3000 },
    );
    // Characters whose case or compatibility mapping lands in or leaves ASCII.
    for (const tricky of ['\u212A elvin', 'İstanbul', 'ﬁnal ﬂow', 'Ａｌｐｈａ', 'x\u00A0y', 'ǅemal', 'ß']) {
      expect(paperId(tricky), tricky).toBe(referenceId(tricky));
    }
  });

  it('gives the same paper the same id across digests: wrapping, spacing, punctuation and case', () => {
    const id = paperId('Mamba: Linear-Time Sequence Modeling with Selective State Spaces');
    for (const variant of [
      'Mamba: Linear-Time Sequence Modeling with Selective State Spaces ',
      'MAMBA: LINEAR-TIME SEQUENCE MODELING WITH SELECTIVE STATE SPACES',
      'Mamba:  Linear-Time\tSequence Modeling with Selective State Spaces',
      'Mamba - Linear Time Sequence Modeling with Selective State Spaces.',
    ]) {
      expect(paperId(variant), variant).toBe(id);
    }
  });

  it('gives a paper the same id in a plain-text digest, hard-wrapped, and in a Markdown digest', () => {
    const title = 'Huxley-Gödel Machine: Human-Level Coding Agent Development by an Approximation of the Optimal Self-Improving Machine';
    const plain = parseDigest(`${title}\n\nAn abstract.\n\n  • 8 authors`);
    const wrapped = parseDigest(
      'Huxley-Gödel Machine: Human-Level Coding Agent Development by an\napproximation of the optimal self-improving machine\n\nAn abstract.\n\n  • 8 authors',
    );
    const markdown = parseDigest(`# Digest\n\n## ${title}\n\nAn abstract.\n\n8 authors · Oct 24\n`, 'file:///d.md');
    expect(wrapped.papers[0].id).toBe(plain.papers[0].id);
    expect(markdown.papers[0].id).toBe(plain.papers[0].id);
  });

  it('gives the 52 seed papers 52 different ids', () => {
    const fromFiles = SEEDS.flatMap((s) => parseDigest(readFileSync(join(__dirname, '..', 'fixtures', s.file), 'utf8')).papers);
    expect(fromFiles).toHaveLength(52);
    expect(new Set(allSeedTitles).size).toBe(52);
    expect(new Set(fromFiles.map((p) => p.id)).size).toBe(52);
  });

  it('separates titles that share their first 48 characters', () => {
    const a = 'Scaling Laws for Neural Language Models Trained on Code and on Text';
    const b = 'Scaling Laws for Neural Language Models Trained on Code and on Images';
    expect(paperId(a)).not.toBe(paperId(b));
    expect(paperId(a).split('-').slice(0, -1)).toEqual(paperId(b).split('-').slice(0, -1));
  });

  it('makes ids that are safe file names on every system', () => {
    const titles = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc.constantFrom('CON', 'con', 'Aux', 'NUL', 'COM1', 'lpt9', 'PRN', '', '...', '---', '.hidden', '日本語のタイトル'),
    );
    const check = (title: string): void => {
      const id = paperId(title);
      expect(id, title).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(id.length, title).toBeLessThan(64);
      expect(WINDOWS_RESERVED.test(id), title).toBe(false);
    };
    for (const title of allSeedTitles) check(title);
    fc.assert(fc.property(titles, (title) => check(title)), { numRuns: 2000 });
  });
});

describe('isPaperId', () => {
  it('refuses what could leave the notes folder or name a device, as no paperId() can be', () => {
    for (const bad of ['../x', '/x', 'a/b', 'a\\b', '%2e%2e', '-a', '', 'A', 'con', 'nul', 'com1', 'lpt9', 'a'.repeat(121), 42, null, { id: 'a' }]) {
      expect(isPaperId(bad)).toBe(false);
    }
    for (const good of ['a', 'console-1a2b3c4d', 'con-1a2b3c4d', paperId('CON')]) expect(isPaperId(good)).toBe(true);
  });
});
