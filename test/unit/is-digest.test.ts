import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDigest, renderHfDigest, renderMarkdownDigest } from '../../src/core';

const seedsDir = join(__dirname, '..', 'fixtures');
const unitFixtures = join(__dirname, 'fixtures');
const seeds = readdirSync(seedsDir).filter((name) => name.endsWith('.txt'));
const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');

describe('isDigest', () => {
  it('recognises the seed digests', () => {
    expect(seeds).toHaveLength(3);
    for (const name of seeds) expect(isDigest(read(seedsDir, name), name), name).toBe(true);
  });

  it('recognises a seed with no page header, with CRLF endings, and saved under another name', () => {
    const seed = read(seedsDir, seeds[1]);
    const headless = seed.split('\n').slice(12).join('\n');
    expect(isDigest(headless, 'papers.txt')).toBe(true);
    expect(isDigest(seed.replace(/\n/g, '\r\n'), 'Papers.TXT')).toBe(true);
    expect(isDigest(seed, 'digest')).toBe(true);
  });

  it('recognises a plain-text digest hard-wrapped by an e-mail client', () => {
    const text = renderHfDigest(undefined, [
      { title: 'A Paper', abstract: 'word '.repeat(400).trim(), authorCount: 3, published: 'Nov 5', links: [] },
    ], { header: false, wrap: 72 });
    expect(isDigest(text, 'mail.txt')).toBe(true);
  });

  it('recognises Markdown digests', () => {
    expect(isDigest(read(join(unitFixtures, 'digests'), 'daily.md'), 'daily.md')).toBe(true);
    const rendered = renderMarkdownDigest('Nov 6', [
      { title: 'One', abstract: 'An abstract.', authorCount: 6, published: 'Nov 19', upvotes: 14, links: [] },
    ]);
    expect(isDigest(rendered, 'rendered.md')).toBe(true);
    // Level-2 headings make it Markdown whatever the extension.
    expect(isDigest(rendered, 'rendered.txt')).toBe(true);
  });

  it('recognises a Markdown digest whose papers give only organisation and date', () => {
    const orgAndDate = { title: 'One', abstract: 'An abstract.', org: 'microsoft Microsoft', published: 'Jan 26', links: [] };
    // The level-1 heading's date tells...
    expect(isDigest(renderMarkdownDigest('Apr 23', [orgAndDate]), 'a.md')).toBe(true);
    // ...and so does a link in the paper's heading.
    expect(isDigest(renderMarkdownDigest(undefined, [{ ...orgAndDate, url: 'https://huggingface.co/papers/1' }]), 'a.md')).toBe(true);
    // Without either, "Org · date" is a line any README may have.
    expect(isDigest(renderMarkdownDigest(undefined, [orgAndDate]), 'a.md')).toBe(false);
  });

  it('looks only at the first few kilobytes', () => {
    const seed = read(seedsDir, seeds[0]);
    const buried = `${'A line of ordinary prose, nothing more.\n\n'.repeat(200)}${seed.split('\n').slice(12).join('\n')}`;
    expect(buried.length).toBeGreaterThan(8000);
    expect(isDigest(buried, 'notes.txt')).toBe(false);
  });

  const others = readdirSync(join(unitFixtures, 'not-digests'));
  it('has realistic files that are not digests to test against', () => {
    expect(others.length).toBeGreaterThanOrEqual(8);
  });
  for (const name of others) {
    it(`rejects ${name}`, () => {
      expect(isDigest(read(join(unitFixtures, 'not-digests'), name), name)).toBe(false);
    });
  }

  it('rejects empty, blank and binary-looking text', () => {
    expect(isDigest('', 'a.txt')).toBe(false);
    expect(isDigest('\n\n  \n', 'a.md')).toBe(false);
    expect(isDigest('\u0000\u0001\u0002PK\u0003\u0004'.repeat(100), 'a.txt')).toBe(false);
  });
});
