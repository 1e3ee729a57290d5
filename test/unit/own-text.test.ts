import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ownJoinedLines, ownText } from '../../src/core/model';

describe('ownText', () => {
  it('gives back the same text, whatever its characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(ownText(text)).toBe(text);
      }),
    );
  });

  it('keeps lone surrogates, a leading byte-order mark and U+FFFD as they are', () => {
    const texts = [
      `\ufeffA title that starts with a byte-order mark`,
      `An abstract with a lone high surrogate \ud83d in it`,
      `An abstract with a lone low surrogate \ude00 and a pair \ud83d\ude00`,
      `A replacement character \ufffd written on purpose, long enough`,
      `Latin-1 only: café, naïve, Ångström, £5, ½ and ×`,
      `Beyond Latin-1 — em dash, “quotes”, • bullet and ▲ 12`,
    ];
    for (const text of texts) expect(ownText(text)).toBe(text);
  });

  it('gives back any UTF-16 code units, surrogates alone included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 13, maxLength: 300 }), (text) => {
        expect(ownText(text)).toBe(text);
      }),
    );
  });

  it('copies a long text in full, past any buffer kept between calls', () => {
    const text = `${'word '.repeat(40_000)}é — end`;
    expect(ownText(text)).toBe(text);
    expect(ownText('short')).toBe('short');
  });

  it('joins lines as replacing each line break by a space would, whatever the breaks around it', () => {
    const units = ['a', 'é', '•', '\r', '\n', ' ', '\ud83d\ude00'];
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom(...units), minLength: 13, maxLength: 80 }),
      fc.string({ unit: fc.constantFrom(...units, '\ud83d', '\ude00'), maxLength: 80 }),
    );
    const lineBreak = fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const);
    fc.assert(
      fc.property(text, lineBreak, (source, br) => {
        expect(ownJoinedLines(source, br)).toBe(source.replaceAll(br, ' '));
      }),
      { numRuns: 3000 },
    );
    const wrapped = `${'A line of a hard-wrapped abstract,\r\n'.repeat(50)}the end.`;
    expect(ownJoinedLines(wrapped, '\r\n')).toBe(wrapped.replaceAll('\r\n', ' '));
  });
});
