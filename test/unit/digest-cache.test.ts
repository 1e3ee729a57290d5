import { describe, expect, it } from 'vitest';
import {
  DIGEST_PARSER_VERSION, cacheHeader, digestCacheKey, indexCache, parseDigest, readCachedDigest, serializeCache, textHash,
} from '../../src/core';

const A = '# Digest Nov 6\n\n## [Sparse Attention at Scale](https://example.org/a)\n\n3 authors · Nov 6 · 12\n\nWe study sparse attention.\n\n## Second Paper\n\nAn abstract about retrieval.\n';
const B = '# Digest Nov 7\n\n## Only Paper\n\nIts abstract.\n';

const encode = (text: string) => new TextEncoder().encode(text);
const keyOf = (text: string) => digestCacheKey(textHash(text));

function cacheOf(...texts: string[]) {
  return serializeCache(texts.map((t) => [keyOf(t), parseDigest(t, 'file:///old/place.md')]));
}

describe('digest cache', () => {
  it('keys a text by parser version, length and FNV-1a hash', () => {
    expect(keyOf(A)).toMatch(new RegExp(`^md:${DIGEST_PARSER_VERSION}:${A.length}:[0-9a-f]{8}$`));
    expect(keyOf(A)).toBe(keyOf(`${A}`));
    expect(keyOf(A)).not.toBe(keyOf(`${A} `));
    expect(keyOf(A)).not.toBe(keyOf(A.replace('Sparse', 'Sparse'.split('').reverse().join(''))));
  });

  it('reads back what it wrote, the uri rewritten to the file it is read for', () => {
    const cache = indexCache(encode(cacheOf(A, B)))!;
    expect(cache.badLines).toBe(0);
    expect(cache.spans.size).toBe(2);
    const digest = readCachedDigest(cache, keyOf(A), 'file:///ws/a.md')!;
    expect(digest).toEqual(parseDigest(A, 'file:///ws/a.md'));
    expect(digest.papers.every((p) => p.source.uri === 'file:///ws/a.md')).toBe(true);
    expect(readCachedDigest(cache, keyOf(B), 'file:///ws/b.md')).toEqual(parseDigest(B, 'file:///ws/b.md'));
    expect(readCachedDigest(cache, keyOf('# other\n'), 'file:///ws/c.md')).toBeUndefined();
  });

  it('ignores a file of another parser version or format, or no cache at all', () => {
    const other = cacheOf(A).replace(cacheHeader(), `paper-digest-cache 1 ${DIGEST_PARSER_VERSION + 1}`);
    expect(indexCache(encode(other))).toBeUndefined();
    expect(indexCache(encode('{"not":"a cache"}\n'))).toBeUndefined();
    expect(indexCache(encode(''))).toBeUndefined();
    expect(indexCache(new Uint8Array([0xff, 0xfe, 0x00, 0x0a]))).toBeUndefined();
  });

  it('skips damaged lines and keeps the good ones', () => {
    const [header, lineA, lineB] = cacheOf(A, B).split('\n');
    const text = [header, 'garbage without a tab', `${keyOf('x')}\t{"uri":`, lineA, `not-a-key\t{}`, lineB, ''].join('\n');
    const cache = indexCache(encode(text))!;
    expect(cache.badLines).toBe(2);
    expect(readCachedDigest(cache, keyOf(A), 'file:///a.md')?.papers.length).toBe(2);
    expect(readCachedDigest(cache, keyOf(B), 'file:///b.md')?.papers.length).toBe(1);
    // A key whose JSON is cut short is a miss, and is dropped.
    expect(readCachedDigest(cache, keyOf('x'), 'file:///x.md')).toBeUndefined();
    expect(cache.spans.has(keyOf('x'))).toBe(false);
  });

  it('never trusts the last line of a truncated file', () => {
    const whole = cacheOf(A, B);
    const cut = indexCache(encode(whole.slice(0, whole.length - 20)))!;
    expect(cut.badLines).toBe(1);
    expect(cut.spans.has(keyOf(B))).toBe(false);
    expect(readCachedDigest(cut, keyOf(A), 'file:///a.md')?.papers.length).toBe(2);
  });

  it('treats JSON that is not a digest as a miss', () => {
    const text = [cacheHeader(), `${keyOf(A)}\t{"uri":"x","papers":[{"id":1}],"diagnostics":[]}`, `${keyOf(B)}\t[1,2]`, ''].join('\n');
    const cache = indexCache(encode(text))!;
    expect(readCachedDigest(cache, keyOf(A), 'file:///a.md')).toBeUndefined();
    expect(readCachedDigest(cache, keyOf(B), 'file:///b.md')).toBeUndefined();
  });
});
