import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeFetchedDigest, parseDigest, renderFetchedDigest, type PaperFields } from '../../src/core';

const DAY = '2026-08-14';
const json = readFileSync(join(__dirname, '..', 'hf-api', `${DAY}.json`), 'utf8');
const fetched: PaperFields[] = parseDigest(json, `file:///d/${DAY}.json`).papers.map(({ id: _id, source: _source, ...rest }) => rest);

/** The day as fetched earlier: fewer papers, fewer upvotes. */
const earlier = fetched.slice(0, 20).map((p, i) => (i % 3 === 0 ? { ...p, upvotes: Math.max(1, (p.upvotes ?? 0) - 5) } : p));

function merged(existing: string, papers: readonly PaperFields[] = fetched) {
  const result = mergeFetchedDigest(existing, papers, DAY);
  if (result.status !== 'merged') throw new Error(`expected a merge, got ${JSON.stringify(result)}`);
  return result;
}

/** Lines of `b` that differ from the same lines of `a`, as [line, a, b]. */
function changedLines(a: string, b: string): Array<[number, string, string]> {
  const left = a.split('\n');
  const right = b.split('\n');
  return left.flatMap((line, i): Array<[number, string, string]> => (line === right[i] ? [] : [[i, line, right[i]]]));
}

describe('mergeFetchedDigest', () => {
  it('says a digest is up to date when it is', () => {
    expect(mergeFetchedDigest(renderFetchedDigest(DAY, fetched), fetched, DAY)).toEqual({ status: 'up-to-date' });
  });

  it('writes the whole digest into an empty file', () => {
    expect(merged('\n')).toEqual({ status: 'merged', text: renderFetchedDigest(DAY, fetched), updated: 0, added: 23 });
  });

  it('rewrites the counts that changed and appends the papers that are new', () => {
    const existing = renderFetchedDigest(DAY, earlier);
    const result = merged(existing);
    expect([result.updated, result.added]).toEqual([7, 3]);
    expect(result.text.startsWith(existing.slice(0, existing.indexOf('**Upvotes:**')))).toBe(true);
    // The old part differs only in its upvote counts...
    const changes = changedLines(existing, result.text.slice(0, existing.length + 200));
    expect(changes).toHaveLength(7);
    for (const [, before, after] of changes) {
      expect(before.replace(/\*\*Upvotes:\*\* \d+$/, '')).toBe(after.replace(/\*\*Upvotes:\*\* \d+$/, ''));
    }
    // ...and the whole reads as the day fetched now.
    expect(parseDigest(result.text, `file:///d/${DAY}.md`).papers.map(({ id: _id, source: _source, ...rest }) => rest)).toEqual(fetched);
    expect(mergeFetchedDigest(result.text, fetched, DAY)).toEqual({ status: 'up-to-date' });
  });

  it('keeps what the reader changed, byte for byte', () => {
    const existing = renderFetchedDigest(DAY, earlier)
      .replace('## [DreamX-Phi 1.0:', '## [My favourite — DreamX-Phi 1.0:')
      .replace('Our model and code will be publicly available.', 'Our model and code will be publicly available.\n\n> Read this first! *Really*.')
      .replace('# Daily Papers — Aug 14', '# Daily Papers — Aug 14\n\nNotes for the reading group:\n\n1. start with DreamX');
    const result = merged(existing);
    expect(result.updated).toBe(7);
    const strip = (text: string) => text.replace(/(\*\*Upvotes:\*\* )\d+/g, '$1');
    expect(strip(result.text).startsWith(strip(existing))).toBe(true);
    const digest = parseDigest(result.text, `file:///d/${DAY}.md`);
    // The renamed paper is still the paper with that arXiv id: its count is updated, it is not added again.
    expect(digest.papers).toHaveLength(23);
    expect(digest.papers[0]).toMatchObject({ title: 'My favourite — DreamX-Phi 1.0: Action-Conditioned Video World Model for Robotic Manipulation', upvotes: 61 });
  });

  it('appends in the file\'s line endings, after a blank line, whatever the file ends with', () => {
    const existing = renderFetchedDigest(DAY, fetched.slice(0, 2));
    const crlf = merged(existing.replace(/\n/g, '\r\n'), fetched.slice(0, 3)).text;
    expect(crlf.replace(/\r\n/g, '')).not.toContain('\n');
    expect(crlf.startsWith(existing.replace(/\n/g, '\r\n'))).toBe(true);
    const unterminated = merged(existing.trimEnd(), fetched.slice(0, 3)).text;
    expect(unterminated.slice(existing.trimEnd().length, existing.trimEnd().length + 6)).toBe('\n\n## [');
    const spaced = merged(`${existing}\n\n`, fetched.slice(0, 3)).text;
    expect(spaced.slice(existing.length, existing.length + 6)).toBe('\n\n## [');
    for (const text of [crlf, unterminated, spaced]) expect(parseDigest(text, 'file:///d/x.md').papers).toHaveLength(3);
  });

  it('leaves a count alone when the reader removed or rewrote its field', () => {
    const existing = renderFetchedDigest(DAY, earlier.slice(0, 2))
      .replace(' · **Upvotes:** 56', '')
      .replace('**Upvotes:** 53', '**Upvotes:** &#53;3');
    expect(mergeFetchedDigest(existing, fetched.slice(0, 2), DAY)).toEqual({ status: 'up-to-date' });
  });

  it('finds a paper without an arXiv id by its title, and adds the same new paper once', () => {
    const existing = '# Mine\n\n## DreamX-Phi 1.0: Action-Conditioned Video World Model for Robotic Manipulation\n\nPasted abstract.\n';
    const result = merged(existing, [fetched[0], fetched[1], fetched[1]]);
    expect([result.updated, result.added]).toEqual([0, 1]);
    expect(parseDigest(result.text, 'file:///d/x.md').papers.map((p) => p.arxivId)).toEqual([undefined, '2608.06867']);
  });

  it('refuses to append where the new papers would not read as papers', () => {
    const existing = `${renderFetchedDigest(DAY, fetched.slice(0, 1))}\n\`\`\`\nan unclosed code block\n`;
    expect(mergeFetchedDigest(existing, fetched.slice(0, 2), DAY)).toEqual({
      status: 'unreadable',
      message: 'The end of this digest is inside a code block or an HTML block: new papers cannot be added after it.',
    });
  });
});
