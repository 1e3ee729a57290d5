import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutCommentImages } from '../../src/core/notes';

/** What a Markdown renderer would read as an image start outside code: an unescaped "![". */
function imageStartsOutsideCode(text: string): number {
  let fence = false;
  let n = 0;
  for (const line of text.split('\n')) {
    if (/^ {0,3}(`{3,}|~{3,})/.test(line)) {
      fence = !fence;
      continue;
    }
    if (fence) continue;
    const outside = line.replace(/(`+)[^`]*?\1/g, '');
    n += (outside.match(/(?<!\\)!\[/g) ?? []).length;
  }
  return n;
}

describe('withoutCommentImages', () => {
  it('turns images into links, inline and by reference', () => {
    expect(withoutCommentImages('see ![pixel](https://t.example/p.gif) here')).toBe('see \\![pixel](https://t.example/p.gif) here');
    expect(withoutCommentImages('![a][ref]\n\n[ref]: https://t.example/p.gif')).toBe('\\![a][ref]\n\n[ref]: https://t.example/p.gif');
  });

  it('leaves code, escaped images and text without images as written', () => {
    const text = 'a `![x](https://e.example/i.png)` b\n```\n![x](https://e.example/i.png)\n```\n\\![y](z) and [link](https://e.example)';
    expect(withoutCommentImages(text)).toBe(text);
  });

  it('leaves no image start outside code, and changes nothing but adding a backslash (property)', () => {
    const piece = fc.constantFrom('![', '](https://t.example/p.gif)', '`', '``', '```', '\n', '\\', 'text ', '[ref]', '!', '~~~');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((parts) => parts.join('')), (text) => {
        const out = withoutCommentImages(text);
        expect(out.replace(/\\!\[/g, '![')).toBe(text.replace(/\\!\[/g, '!['));
        if (!/`/.test(text)) expect(imageStartsOutsideCode(out)).toBe(0);
      }),
    );
  });

  it('escapes an image after a long line of unmatched backticks', () => {
    const line = Array.from({ length: 2000 }, (_, i) => '`'.repeat((i % 60) + 1) + 'x').join('');
    expect(withoutCommentImages(`${line}![a](b)`)).toMatch(/\\!\[a\]\(b\)$/);
  });
});
