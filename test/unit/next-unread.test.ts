import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nextUnread, readingOrder, unreadCount, type ReadingDigest } from '../../src/core/reading';
import type { ReadingStatus } from '../../src/core';

const digest = (...ids: string[]): ReadingDigest => ({ papers: ids.map((id) => ({ id })) });
const statuses = (map: Record<string, ReadingStatus>) => (id: string): ReadingStatus => map[id] ?? 'unread';

describe('readingOrder', () => {
  it('takes the newest digest first, each in its own order, a repeated paper where it first appears', () => {
    expect(readingOrder([digest('c', 'a', 'b'), digest('a', 'd'), digest('e', 'c')])).toEqual(['c', 'a', 'b', 'd', 'e']);
  });
});

describe('nextUnread', () => {
  const digests = [digest('n1', 'n2', 'n3'), digest('o1', 'n2', 'o2')];

  it('starts at the first unread paper of the newest digest', () => {
    expect(nextUnread(digests, statuses({ n1: 'read' }))).toBe('n2');
  });

  it('skips papers being read as well as read ones', () => {
    expect(nextUnread(digests, statuses({ n1: 'read', n2: 'reading', n3: 'read' }))).toBe('o1');
  });

  it('goes on after the paper the reader is on, even one just marked read', () => {
    expect(nextUnread(digests, statuses({ n2: 'read' }), { after: 'n2' })).toBe('n3');
    expect(nextUnread(digests, statuses({}), { after: 'n3' })).toBe('o1');
  });

  it('wraps round to unread papers before the current one, never returning the current one', () => {
    expect(nextUnread(digests, statuses({ o2: 'read' }), { after: 'o2' })).toBe('n1');
    expect(nextUnread([digest('only')], statuses({}), { after: 'only' })).toBeUndefined();
  });

  it('keeps to the visible papers when a filter is set', () => {
    expect(nextUnread(digests, statuses({}), { visible: new Set(['o2', 'n3']) })).toBe('n3');
    expect(nextUnread(digests, statuses({}), { after: 'n3', visible: new Set(['o2', 'n3']) })).toBe('o2');
    expect(nextUnread(digests, statuses({ o2: 'read' }), { visible: new Set(['o2']) })).toBeUndefined();
  });

  it('starts from the beginning when the current paper is in no digest', () => {
    expect(nextUnread(digests, statuses({}), { after: 'gone' })).toBe('n1');
  });

  it('answers an unread visible paper other than the current one exactly when there is one', () => {
    const id = fc.constantFrom<string>('a', 'b', 'c', 'd', 'e');
    const status = fc.constantFrom<ReadingStatus>('unread', 'reading', 'read');
    fc.assert(fc.property(
      fc.array(fc.array(id, { maxLength: 5 }), { maxLength: 4 }),
      fc.dictionary(id, status),
      fc.option(id, { nil: undefined }),
      fc.option(fc.uniqueArray(id), { nil: undefined }),
      (lists, map, after, visibleList) => {
        const ds = lists.map((ids) => digest(...ids));
        const statusOf = statuses(map);
        const visible = visibleList ? new Set(visibleList) : undefined;
        const found = nextUnread(ds, statusOf, { after, visible });
        const candidates = readingOrder(ds).filter((p) => p !== after && statusOf(p) === 'unread' && (!visible || visible.has(p)));
        if (candidates.length === 0) expect(found).toBeUndefined();
        else expect(candidates).toContain(found);
      },
    ));
  });
});

describe('unreadCount', () => {
  it('counts each unread paper of the digest once', () => {
    expect(unreadCount(digest('a', 'b', 'a', 'c'), statuses({ b: 'read', c: 'reading' }))).toBe(1);
    expect(unreadCount(digest(), statuses({}))).toBe(0);
  });
});
