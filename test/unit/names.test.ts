import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitName } from '../../src/core/export/names';
import { hfApiPapers } from './hf-api-papers';

describe('splitName', () => {
  it.each([
    ['Adam Tauman Kalai', { family: 'Kalai', given: 'Adam Tauman' }],
    ['Byung-Kwan Lee', { family: 'Lee', given: 'Byung-Kwan' }],
    ['Huy V. Vo', { family: 'Vo', given: 'Huy V.' }],
    ['Gustavo de Rosa', { family: 'de Rosa', given: 'Gustavo' }],
    ['Juan de la Cruz', { family: 'de la Cruz', given: 'Juan' }],
    ['Ludwig van der Berg', { family: 'van der Berg', given: 'Ludwig' }],
    ['Timothée  Darcet', { family: 'Darcet', given: 'Timothée' }],
    ["Conan O'Brien", { family: "O'Brien", given: 'Conan' }],
    ['Martin Luther King Jr.', { family: 'King', given: 'Martin Luther', suffix: 'Jr.' }],
    ['Kalai, Adam', { family: 'Kalai', given: 'Adam' }],
    ['van der Berg, Jan', { family: 'van der Berg', given: 'Jan' }],
    ['King, Jr., Martin', { family: 'King', given: 'Martin', suffix: 'Jr.' }],
    // Not a person's name, or nothing says how to split it: kept whole.
    ['Xingyu', { literal: 'Xingyu' }],
    ['DreamX Team', { literal: 'DreamX Team' }],
    ['Qwen Team', { literal: 'Qwen Team' }],
    ['Meta AI', { literal: 'Meta AI' }],
    ['DeepSeek-AI', { literal: 'DeepSeek-AI' }],
    ['de Rosa', { literal: 'de Rosa' }],
    ['Tom and Jerry', { literal: 'Tom and Jerry' }],
    ['R&D Lab', { literal: 'R&D Lab' }],
    ['GPT-4 Authors 2', { literal: 'GPT-4 Authors 2' }],
    ['a, b, c, d', { literal: 'a, b, c, d' }],
  ])('%j', (name, parts) => {
    expect(splitName(name)).toEqual(parts);
  });

  it('keeps "Ai" as a family name, not a group', () => {
    expect(splitName('Xiaoyu Ai')).toEqual({ family: 'Ai', given: 'Xiaoyu' });
  });

  it('has nothing for an empty name', () => {
    expect(splitName('  \n ')).toBeUndefined();
    expect(splitName(undefined as unknown as string)).toBeUndefined();
  });

  it('splits every name of the real API digests into non-empty parts that spell the name', () => {
    for (const { paper } of hfApiPapers()) {
      for (const author of paper.authors!) {
        const parts = splitName(author)!;
        const spelled = 'literal' in parts ? parts.literal : `${parts.given} ${parts.family}`;
        expect(spelled).toBe(author.replace(/\s+/g, ' ').trim());
      }
    }
  });

  it('loses no word of any name (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (name) => {
        const parts = splitName(name);
        const words = (text: string) => text.split(/[\s,]+/).filter(Boolean).sort();
        const all = !parts ? '' : 'literal' in parts ? parts.literal : [parts.family, parts.given ?? '', parts.suffix ?? ''].join(' ');
        expect(words(all)).toEqual(words(name.replace(/[\s\p{Z}\p{Cc}]+/gu, ' ')));
      }),
      { numRuns: 300 },
    );
  });
});
