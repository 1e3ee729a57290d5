/**
 * The search index's snapshot: a restored index, brought up to date with the
 * papers that changed, answers every query exactly as one built from scratch;
 * a snapshot cut short, damaged or of another version is refused whole.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PaperSearch, type SearchDoc, type SearchResult } from '../../src/core';
import { SNAPSHOT_VERSION, decodeSnapshot, encodeSnapshot } from '../../src/core/search/search-snapshot';
import { SEARCH_FIELDS } from '../../src/core/search/types';
import { searchDoc } from './search-doc';

const WORDS = ['diffusion', 'diffusions', 'difusion', 'model', 'models', 'modal', 'mamba', 'mambo', 'sparse', 'attention', 'attend',
  'retrieval', 'agent', 'agents', 'vision', 'language', 'reward', 'rl', 'video', 'schrödinger', 'bridge', 'token', 'tokens', '7b', '2024'];
const TAGS = ['rl', 'ml/vision', 'survey', 'to-read'];

const words = (min: number, max: number) => fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join(' '));

/** A paper's text: what the index splits. */
const textArb = fc.record({
  title: words(1, 6),
  abstract: words(0, 30),
  notes: fc.oneof(fc.constant(''), words(1, 5)),
  tags: fc.subarray(TAGS),
  authors: fc.option(fc.subarray(['Ada Lovelace', 'Grace Hopper', 'Yann LeCun']), { nil: undefined }),
});
/** What the reader changes without touching the words. */
const stateArb = fc.record({ starred: fc.boolean(), status: fc.constantFrom('unread' as const, 'reading' as const, 'read' as const), upvotes: fc.nat(50) });

type Text = typeof textArb extends fc.Arbitrary<infer T> ? T : never;

function paper(n: number, text: Text, state = { starred: false, status: 'unread' as const, upvotes: 0 }): SearchDoc {
  return searchDoc({ ...text, ...state, id: `p${n}`, title: text.title, digests: [{ uri: `file:///w/d${n % 3}.md`, name: `d${n % 3}.md`, time: (n % 3) * 1000 }] });
}

const queryArb = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.constantFrom(...WORDS).map((w) => w.slice(0, Math.max(1, w.length - 2))),
  fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([a, b]) => `${a} ${b}`),
  fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom('tag:rl', 'is:starred', 'status:read', '-mamba', 'author:"grace hopper"')).map(([a, b]) => `${a} ${b}`),
  fc.constantFrom('is:starred', 'tag:survey', 'mo', 'difussion modls', 'schrodinger brige', ''),
);

const answer = (results: SearchResult[]) => results.map((r) => ({ id: r.doc.id, score: r.score, matches: r.matches, doc: r.doc }));

/** One of the edits a library sees: a paper's words change, its state changes, it goes, or a new one comes. */
const editArb = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), at: fc.nat(), text: textArb }),
  fc.record({ kind: fc.constant('state' as const), at: fc.nat(), state: stateArb }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), text: textArb }),
);
type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

/** Applies the edits to a library (by id), numbering new papers from `next`. */
function edited(library: Map<string, SearchDoc>, edits: readonly Edit[], next: { n: number }): Map<string, SearchDoc> {
  const out = new Map(library);
  for (const edit of edits) {
    const ids = [...out.keys()];
    if (edit.kind === 'add') {
      const doc = paper(next.n++, edit.text);
      out.set(doc.id, doc);
      continue;
    }
    if (ids.length === 0) continue;
    const id = ids[edit.at % ids.length];
    const old = out.get(id)!;
    if (edit.kind === 'remove') out.delete(id);
    else if (edit.kind === 'text') out.set(id, { ...old, ...edit.text });
    else out.set(id, { ...old, ...edit.state });
  }
  return out;
}

/** Brings `search` from library `from` to library `to`, a change at a time. */
function follow(search: PaperSearch, from: Map<string, SearchDoc>, to: Map<string, SearchDoc>): void {
  for (const id of from.keys()) if (!to.has(id)) search.remove(id);
  for (const [id, doc] of to) if (from.get(id) !== doc) search.upsert(doc);
}

async function builtFrom(docs: SearchDoc[]): Promise<PaperSearch> {
  const search = new PaperSearch();
  await search.upsertManyAsync(docs, { sliceMs: 1000 });
  return search;
}

describe('the search index snapshot', () => {
  it('restored and brought up to date, answers every query as an index built from scratch', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(textArb, { minLength: 0, maxLength: 40 }),
      fc.array(editArb, { maxLength: 12 }),
      fc.array(editArb, { maxLength: 12 }),
      fc.array(editArb, { maxLength: 8 }),
      fc.array(queryArb, { minLength: 1, maxLength: 12 }),
      fc.constantFrom(5, 20, 200),
      async (texts, before, between, after, queries, limit) => {
        const next = { n: texts.length };
        const first = new Map(texts.map((text, n) => [`p${n}`, paper(n, text)]));
        // The snapshot's index has a history of its own: removed papers leave postings behind until compaction.
        const saved = edited(first, before, next);
        const source = await builtFrom([...first.values()]);
        follow(source, first, saved);
        const bytes = await source.snapshot();
        expect(bytes).toBeDefined();

        // The library as the next window finds it.
        const reopened = edited(saved, between, next);
        const restored = new PaperSearch();
        const outcome = restored.restore(bytes!, reopened.values());
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        await restored.upsertManyAsync(outcome.pending);
        const pendingIds = new Set(outcome.pending.map((d) => d.id));
        const decoded = decodeSnapshot(bytes!, SEARCH_FIELDS.length);
        if (!decoded.ok) throw new Error(decoded.problem);
        // Kept papers in the snapshot's order, then the pending ones: the order a fresh build must see to number papers alike.
        const order = [...decoded.papers.ids.filter((id) => reopened.has(id) && !pendingIds.has(id)).map((id) => reopened.get(id)!), ...outcome.pending];
        expect(outcome.restored + outcome.pending.length).toBe(reopened.size);
        const fresh = await builtFrom(order);

        const later = edited(reopened, after, next);
        follow(restored, reopened, later);
        follow(fresh, reopened, later);
        expect(restored.size).toBe(later.size);
        for (const query of queries) expect(answer(restored.search(query, limit)), query).toEqual(answer(fresh.search(query, limit)));
      },
    ), { numRuns: 150 });
  });

  it('says which papers it holds, and takes back only those whose text is the same', async () => {
    const a = paper(1, { title: 'Sparse attention', abstract: 'We study sparse attention.', notes: '', tags: [], authors: undefined });
    const b = paper(2, { title: 'Diffusion models', abstract: 'About diffusion.', notes: '', tags: ['rl'], authors: undefined });
    const source = await builtFrom([a, b]);
    const bytes = (await source.snapshot())!;
    const decoded = decodeSnapshot(bytes, SEARCH_FIELDS.length);
    expect(decoded.ok && decoded.papers.ids).toEqual(['p1', 'p2']);

    const restored = new PaperSearch();
    const outcome = restored.restore(bytes, [{ ...a, starred: true }, { ...b, notes: 'a note about mamba' }]);
    expect(outcome).toMatchObject({ ok: true, restored: 1, pending: [expect.objectContaining({ id: 'p2' })] });
    // Nothing was split again for the paper taken back, though its state changed.
    expect(restored.indexedCount).toBe(0);
    expect(restored.search('is:starred sparse').map((r) => r.doc.id)).toEqual(['p1']);
    expect(restored.search('diffusion')).toEqual([]);
    if (outcome.ok) await restored.upsertManyAsync(outcome.pending);
    expect(restored.search('mamba').map((r) => r.doc.id)).toEqual(['p2']);
    expect(restored.indexedCount).toBe(1);
  });

  it('takes the papers in any order, the last of two with one id winning, as when they come without repeats', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(textArb, { minLength: 1, maxLength: 30 }),
      fc.array(editArb, { maxLength: 8 }),
      fc.array(fc.nat(), { maxLength: 40 }),
      fc.array(fc.record({ at: fc.nat(), text: fc.option(textArb, { nil: undefined }) }), { maxLength: 6 }),
      fc.array(queryArb, { minLength: 1, maxLength: 8 }),
      async (texts, between, keys, repeats, queries) => {
        const next = { n: texts.length };
        const saved = new Map(texts.map((text, n) => [`p${n}`, paper(n, text)]));
        const bytes = (await (await builtFrom([...saved.values()])).snapshot())!;
        const reopened = [...edited(saved, between, next).values()];
        // Shuffled, then papers repeated, as they were or with other words, anywhere in the list.
        const listed = reopened.map((doc, i) => ({ doc, key: keys[i % Math.max(1, keys.length)] ?? 0 })).sort((a, b) => a.key - b.key).map((x) => x.doc);
        for (const { at, text } of repeats) {
          if (listed.length === 0) break;
          const doc = listed[at % listed.length];
          listed.splice((at * 7) % (listed.length + 1), 0, text ? { ...doc, ...text } : doc);
        }
        const once = new Map<string, SearchDoc>();
        for (const doc of listed) once.set(doc.id, doc);

        const restored = new PaperSearch();
        const outcome = restored.restore(bytes, listed);
        const expected = new PaperSearch();
        expect(outcome).toEqual(expected.restore(bytes, [...once.values()]));
        if (!outcome.ok) return;
        await restored.upsertManyAsync(outcome.pending);
        const fresh = await builtFrom([...once.values()]);
        expect(restored.size).toBe(once.size);
        for (const query of queries) expect(answer(restored.search(query, 200)).map((r) => r.id).sort(), query).toEqual(answer(fresh.search(query, 200)).map((r) => r.id).sort());
        expect(answer(restored.search('', 200))).toEqual(answer(fresh.search('', 200)));
      },
    ), { numRuns: 100 });
  });

  it('shows the papers in display order whatever places the snapshot gives them', async () => {
    const docs = Array.from({ length: 40 }, (_, n) => paper(n, { title: `${WORDS[n % WORDS.length]} ${WORDS[(n * 3) % WORDS.length]}`, abstract: 'about models', notes: '', tags: [], authors: undefined }, { starred: false, status: 'unread', upvotes: (n * 7) % 11 }));
    const bytes = (await (await builtFrom(docs)).snapshot())!;
    const decoded = decodeSnapshot(bytes, SEARCH_FIELDS.length);
    if (!decoded.ok) throw new Error(decoded.problem);
    const fresh = await builtFrom(docs);
    const places = [
      decoded.papers.ranks.map((rank) => decoded.papers.ranks.length - 1 - rank),
      decoded.papers.ranks.map(() => 0),
      decoded.papers.ranks.map((rank, paper) => (paper % 3 === 0 ? 0xffffffff : rank)),
    ];
    for (const ranks of [decoded.papers.ranks, ...places]) {
      const snapshot = encodeSnapshot(decoded.state, { ...decoded.papers, ranks });
      // In one piece, and in steps of one paper, where the display order is sorted in runs of a few and merged.
      for (const step of [1, 64]) {
        const restored = new PaperSearch();
        expect(await restored.restoreAsync(snapshot, docs, undefined, step)).toMatchObject({ ok: true, restored: docs.length });
        expect(answer(restored.search('', 100))).toEqual(answer(fresh.search('', 100)));
        expect(answer(restored.search('mo', 100))).toEqual(answer(fresh.search('mo', 100)));
      }
    }
  });

  it('keeps each paper\'s folded title and tags, taken back only with a paper whose text is the same', async () => {
    const titles = ['Schrödinger bridges', 'ÉCOLE of ﬁne models', 'İstanbul agents', 'Ｗide vision', 'Straße tokens', 'mamba models'];
    const docs = titles.map((title, n) => paper(n, { title, abstract: 'about models', notes: '', tags: n % 2 === 0 ? ['Ünïcode', 'rl'] : [], authors: undefined }));
    const bytes = (await (await builtFrom(docs)).snapshot())!;
    const decoded = decodeSnapshot(bytes, SEARCH_FIELDS.length);
    if (!decoded.ok) throw new Error(decoded.problem);
    // A head whose title part claims more than the head holds is damage, whatever the checksum says.
    const overlong = encodeSnapshot(decoded.state, { ...decoded.papers, titleLengths: decoded.papers.titleLengths.map((n, paper) => (paper === 2 ? decoded.papers.heads[paper].length + 1 : n)) });
    expect(decodeSnapshot(overlong, SEARCH_FIELDS.length)).toEqual({ ok: false, problem: 'damaged' });

    // The reopened library changed one title in case and accents only, and one paper's tags.
    const reopened = docs.map((doc, n) => (n === 0 ? { ...doc, title: 'SCHRODINGER Bridges' } : n === 3 ? { ...doc, tags: ['Ｓurvey'] } : doc));
    const restored = new PaperSearch();
    const outcome = restored.restore(bytes, reopened);
    expect(outcome).toMatchObject({ ok: true, restored: docs.length - 2, pending: [expect.objectContaining({ id: 'p0' }), expect.objectContaining({ id: 'p3' })] });
    if (outcome.ok) await restored.upsertManyAsync(outcome.pending);
    const fresh = await builtFrom(reopened);
    for (const query of ['', 'sch', 'eco', 'fi', 'ist', 'i̇s', 'wi', 'str', 'ün', 'su', 'mam', 'tag:survey', 'SCHRODINGER'])
      expect(answer(restored.search(query, 50)), query).toEqual(answer(fresh.search(query, 50)));
  });

  it('restores an empty index, and one whose every paper went', async () => {
    const bytes = (await new PaperSearch().snapshot())!;
    const empty = new PaperSearch();
    expect(empty.restore(bytes, [])).toEqual({ ok: true, restored: 0, pending: [] });
    expect(empty.search('anything')).toEqual([]);
    const full = await builtFrom([paper(1, { title: 'Mamba', abstract: 'state spaces', notes: '', tags: [], authors: undefined })]);
    const gone = new PaperSearch();
    expect(gone.restore((await full.snapshot())!, [])).toEqual({ ok: true, restored: 0, pending: [] });
    expect(gone.search('mamba')).toEqual([]);
    expect(gone.size).toBe(0);
  });

  describe('refuses a snapshot it cannot trust, and changes nothing then', () => {
    const docs = Array.from({ length: 12 }, (_, n) => paper(n, { title: `${WORDS[n]} ${WORDS[n + 1]}`, abstract: WORDS.join(' '), notes: '', tags: [], authors: undefined }));
    const snapshot = async () => (await (await builtFrom(docs)).snapshot())!;

    it('cut short anywhere', async () => {
      const bytes = await snapshot();
      fc.assert(fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (cut) => {
        const result = decodeSnapshot(bytes.slice(0, cut), SEARCH_FIELDS.length);
        expect(result.ok).toBe(false);
      }), { numRuns: 200 });
      expect(decodeSnapshot(new Uint8Array([...bytes, 0, 0, 0, 0]), SEARCH_FIELDS.length)).toEqual({ ok: false, problem: 'cut short' });
    });

    it('with any byte past the header changed', async () => {
      const bytes = await snapshot();
      fc.assert(fc.property(fc.integer({ min: 48, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const damaged = bytes.slice();
        damaged[at] ^= flip;
        expect(decodeSnapshot(damaged, SEARCH_FIELDS.length)).toEqual({ ok: false, problem: 'damaged' });
      }), { numRuns: 300 });
    });

    it('of another version, other indexing rules, or no snapshot at all', async () => {
      const bytes = await snapshot();
      const words = (b: Uint8Array) => new Uint32Array(b.buffer, b.byteOffset, b.length / 4);
      const older = bytes.slice();
      words(older)[1] = SNAPSHOT_VERSION - 1;
      expect(decodeSnapshot(older, SEARCH_FIELDS.length)).toEqual({ ok: false, problem: 'another version' });
      const rules = bytes.slice();
      words(rules)[2] ^= 1;
      expect(decodeSnapshot(rules, SEARCH_FIELDS.length)).toEqual({ ok: false, problem: 'another version' });
      expect(decodeSnapshot(bytes, SEARCH_FIELDS.length - 1)).toEqual({ ok: false, problem: 'another version' });
      expect(decodeSnapshot(new TextEncoder().encode('paper-digest-library 1 1\nend 0\n'.padEnd(64)), SEARCH_FIELDS.length)).toEqual({ ok: false, problem: 'not a search snapshot' });
      expect(decodeSnapshot(new Uint8Array(0), SEARCH_FIELDS.length)).toEqual({ ok: false, problem: 'cut short' });

      const search = await builtFrom(docs.slice(0, 2));
      const before = search.search('diffusion').map((r) => r.doc.id);
      expect(search.restore(older, docs)).toEqual({ ok: false, problem: 'another version' });
      expect(search.search('diffusion').map((r) => r.doc.id)).toEqual(before);
    });

    it('read from an unaligned buffer, as a file read may give it', async () => {
      const bytes = await snapshot();
      const shifted = new Uint8Array(bytes.length + 1);
      shifted.set(bytes, 1);
      const restored = new PaperSearch();
      expect(restored.restore(shifted.subarray(1), docs)).toMatchObject({ ok: true, restored: docs.length, pending: [] });
      expect(answer(restored.search('mamba model'))).toEqual(answer((await builtFrom(docs)).search('mamba model')));
    });
  });

  it('gives up a snapshot the index outran while it was being taken', async () => {
    const docs = Array.from({ length: 3000 }, (_, n) => paper(n, { title: `paper ${n} ${WORDS[n % WORDS.length]}`, abstract: Array.from({ length: 80 }, (_, i) => `w${(n * 7 + i) % 5000}`).join(' '), notes: '', tags: [], authors: undefined }));
    const search = await builtFrom(docs);
    let pauses = 0;
    const taken = await search.snapshot(async () => {
      if (pauses++ === 0) search.upsert(paper(9999, { title: 'late', abstract: '', notes: '', tags: [], authors: undefined }));
    });
    expect(pauses).toBeGreaterThan(0);
    expect(taken).toBeUndefined();
    expect(await search.snapshot()).toBeDefined();
  });
  it('restored in steps, however they are spaced, answers exactly as restored in one piece, and as before until its last step', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(textArb, { minLength: 0, maxLength: 30 }),
      fc.array(editArb, { maxLength: 10 }),
      fc.array(fc.boolean(), { maxLength: 80 }),
      fc.integer({ min: 1, max: 9 }),
      fc.array(queryArb, { minLength: 1, maxLength: 8 }),
      async (texts, between, waits, step, queries) => {
        const next = { n: texts.length };
        const saved = new Map(texts.map((text, n) => [`p${n}`, paper(n, text)]));
        const bytes = (await (await builtFrom([...saved.values()])).snapshot())!;
        const reopened = edited(saved, between, next);

        const whole = new PaperSearch();
        const wholeOutcome = whole.restore(bytes, reopened.values());
        // The index being restored holds something else until the restore's last step.
        const earlier = [paper(9000, { title: 'mamba agents', abstract: 'vision tokens', notes: '', tags: ['rl'], authors: undefined })];
        const stepped = await builtFrom(earlier);
        const before = queries.map((q) => answer(stepped.search(q, 20)));
        let pauses = 0;
        const steppedOutcome = await stepped.restoreAsync(bytes, reopened.values(), async () => {
          // A pause that gives the event loop back, or none: the caller decides.
          if (waits[pauses++ % Math.max(1, waits.length)]) await new Promise((resolve) => setTimeout(resolve, 0));
          queries.forEach((q, i) => expect(answer(stepped.search(q, 20)), q).toEqual(before[i]));
        }, step);
        expect(pauses).toBeGreaterThan(0);
        expect(steppedOutcome).toEqual(wholeOutcome);
        if (!wholeOutcome.ok || !steppedOutcome.ok) return;
        await whole.upsertManyAsync(wholeOutcome.pending);
        await stepped.upsertManyAsync(steppedOutcome.pending);
        expect(stepped.size).toBe(whole.size);
        for (const query of queries) expect(answer(stepped.search(query, 20)), query).toEqual(answer(whole.search(query, 20)));
      },
    ), { numRuns: 100 });
  });

  it('restored in steps, refuses a damaged snapshot and keeps what it held', async () => {
    const a = paper(1, { title: 'Sparse attention', abstract: 'We study sparse attention.', notes: '', tags: [], authors: undefined });
    const bytes = (await (await builtFrom([a])).snapshot())!;
    const damaged = bytes.slice();
    damaged[damaged.length - 1] ^= 0xff;
    const search = await builtFrom([a]);
    const outcome = await search.restoreAsync(damaged, [a], () => new Promise((resolve) => setTimeout(resolve, 0)), 1);
    expect(outcome).toEqual({ ok: false, problem: 'damaged' });
    expect(search.search('sparse', 5).map((r) => r.doc.id)).toEqual(['p1']);
  });
});
