import { describe, expect, it, vi } from 'vitest';
import { CALENDAR_THRESHOLD, groupPapers, newUnreadCount, type Group, type TreeSource } from '../../src/features/tree/group-by';
import { parseDigest } from '../../src/core';
import { InMemoryWorkspace, SEED_DIGESTS } from './in-memory-workspace';

const MAMBA = 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces';
const LONG_MAMBA = "LongMamba: Enhancing Mamba's Long Context Capabilities via Training-Free Receptive Field Enlargement";
const XLSTM = 'xLSTM 7B: A Recurrent LLM for Fast and Efficient Inference';
const JAXMARL = 'JaxMARL: Multi-Agent RL Environments in JAX';

const seeded = () => new InMemoryWorkspace().addSeedDigests();
const titles = (group: Group) => group.papers.map((p) => p.paper.title);
const summary = (groups: Group[]) => groups.map(({ key, label, description, papers }) => ({ key, label, description, count: papers.length }));

/** A Markdown digest of papers with nothing but titles and upvotes. */
function markdownDigest(heading: string, papers: [title: string, upvotes: number][]): string {
  return [`# ${heading}`, '', ...papers.flatMap(([title, upvotes]) => [`## ${title}`, '', 'An abstract.', '', `3 authors · Oct 1 · ▲ ${upvotes}`, ''])].join('\n');
}

describe('grouping by digest', () => {
  it('lists each digest newest first, labelled by its date, described by its file and paper count', () => {
    const workspace = seeded();
    const groups = groupPapers('digest', workspace);
    expect(summary(groups)).toEqual(
      [SEED_DIGESTS[1], SEED_DIGESTS[0], SEED_DIGESTS[2]].map(({ file, date, papers }) => ({
        key: `digest:${workspace.uri(file)}`,
        label: date,
        description: `${file} · ${papers} papers`,
        count: papers,
      })),
    );
    expect(groups.map((g) => g.digestUri)).toEqual(groups.map((g) => g.key.slice('digest:'.length)));
  });

  it('keeps the papers of a digest in the order the digest lists them', () => {
    const workspace = seeded();
    const nov6 = groupPapers('digest', workspace).find((g) => g.label === 'Nov 6')!;
    expect(titles(nov6)).toEqual(workspace.index.digest(workspace.uri(SEED_DIGESTS[0].file))!.digest.papers.map((p) => p.title));
    expect(titles(nov6).slice(0, 3)).toEqual([
      'Boundary-Guided Policy Optimization for Memory-efficient RL of Diffusion Large Language Models',
      XLSTM,
      LONG_MAMBA,
    ]);
  });

  it('lists a paper under every digest holding it, once per digest', () => {
    const workspace = new InMemoryWorkspace()
      .addDigest('2025-03-02.md', markdownDigest('Papers', [['Shared Paper', 1], ['Only New', 2], ['Shared Paper', 3]]))
      .addDigest('2025-03-01.md', markdownDigest('Papers', [['Shared Paper', 4], ['Only Old', 5]]));
    const groups = groupPapers('digest', workspace);
    expect(groups.map((g) => [g.label, titles(g)])).toEqual([
      ['Mar 2, 2025', ['Shared Paper', 'Only New']],
      ['Mar 1, 2025', ['Shared Paper', 'Only Old']],
    ]);
  });

  it('says "1 paper" for a digest of one', () => {
    const workspace = new InMemoryWorkspace().addDigest('one.md', markdownDigest('Daily Papers — Nov 6', [['Alone', 1]]));
    expect(summary(groupPapers('digest', workspace))).toEqual([{ key: `digest:${workspace.uri('one.md')}`, label: 'Nov 6', description: 'one.md · 1 paper', count: 1 }]);
  });

  it('reads a digest\'s papers only when its group is opened', () => {
    const workspace = seeded();
    const source: TreeSource = {
      digests: () => workspace.digests(),
      papers: vi.fn(() => workspace.papers()),
      paper: vi.fn((id: string) => workspace.paper(id)),
      note: vi.fn((id: string) => workspace.note(id)),
    };
    const groups = groupPapers('digest', source);
    expect(groups).toHaveLength(3);
    expect(source.papers).not.toHaveBeenCalled();
    expect(source.paper).not.toHaveBeenCalled();
    expect(groups[0].papers).toHaveLength(18);
    expect(source.paper).toHaveBeenCalledTimes(18);
    expect(groups[0].papers).toBe(groups[0].papers);
    expect(source.paper).toHaveBeenCalledTimes(18);
  });

  it('under a filter, keeps only the matching papers and says how many of the digest\'s match', () => {
    const workspace = seeded();
    const mamba = workspace.idOf(MAMBA);
    const groups = groupPapers('digest', workspace, (p) => p.id === mamba);
    expect(summary(groups).map(({ label, description, count }) => ({ label, description, count }))).toEqual([
      { label: 'Dec 11', description: `${SEED_DIGESTS[1].file} · 1 of 18 papers`, count: 1 },
      { label: 'Nov 6', description: `${SEED_DIGESTS[0].file} · 0 of 6 papers`, count: 0 },
      { label: 'Oct 27', description: `${SEED_DIGESTS[2].file} · 0 of 28 papers`, count: 0 },
    ]);
    expect(titles(groups[0])).toEqual([MAMBA]);
  });
});

// Failed before: a digest with no date in its text was labelled by its file name and described
// by the same file name again.
describe('the day a digest is labelled by', () => {
  it('takes the YYYY-MM-DD of its file name when its text has no date, without repeating the name', () => {
    const workspace = new InMemoryWorkspace().addDigest('notes/2024-12-09 reading.md', markdownDigest('Papers', [['A Paper', 1]]));
    expect(summary(groupPapers('digest', workspace))).toEqual([
      { key: `digest:${workspace.uri('notes/2024-12-09 reading.md')}`, label: 'Dec 9, 2024', description: 'notes/2024-12-09 reading.md · 1 paper', count: 1 },
    ]);
  });

  it('prefers the date written in the text to the one in the name', () => {
    const workspace = new InMemoryWorkspace().addDigest('2024-12-09.md', markdownDigest('Daily Papers — Nov 6', [['A Paper', 1]]));
    expect(groupPapers('digest', workspace)[0].label).toBe('Nov 6');
  });

  it('is the file name, said once, when neither the text nor the name has a real day', () => {
    const workspace = new InMemoryWorkspace()
      .addDigest('reading.md', markdownDigest('Papers', [['A Paper', 1]]))
      .addDigest('2025-02-31.md', markdownDigest('Papers', [['B Paper', 1], ['C Paper', 2]]));
    expect(summary(groupPapers('digest', workspace)).map(({ label, description }) => [label, description]).sort()).toEqual([
      ['2025-02-31.md', '2 papers'],
      ['reading.md', '1 paper'],
    ]);
  });
});

/** `n` digests named by their day, one every `step` days back from 2025-03-31, each of one paper. */
function library(n: number, step = 5): InMemoryWorkspace {
  const workspace = new InMemoryWorkspace();
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2025, 2, 31) - i * step * 86_400_000).toISOString().slice(0, 10);
    workspace.addDigest(`${day}.md`, markdownDigest('Papers', [[`Paper of ${day}`, i]]));
  }
  return workspace;
}

const outline = (groups: Group[]): unknown => groups.map((g) => (g.children ? [g.label, g.description, outline(g.children)] : g.label));

describe('a library of years, grouped by digest', () => {
  it(`stays one list up to ${CALENDAR_THRESHOLD} digests`, () => {
    const groups = groupPapers('digest', library(CALENDAR_THRESHOLD));
    expect(groups).toHaveLength(CALENDAR_THRESHOLD);
    expect(groups.every((g) => g.digestUri !== undefined && g.children === undefined)).toBe(true);
  });

  it('files more digests under Year › Month, newest first, each level with its count of digests', () => {
    const workspace = library(70);
    const groups = groupPapers('digest', workspace);
    // 70 digests 5 days apart: Mar 31, 2025 back to Apr 20, 2024.
    expect(groups.map((g) => [g.key, g.label, g.description])).toEqual([
      ['year:2025', '2025', '18 digests'],
      ['year:2024', '2024', '52 digests'],
    ]);
    const months = groups[0].children!;
    expect(months.map((m) => [m.key, m.label, m.description])).toEqual([
      ['month:2025-03', 'March', '7 digests'],
      ['month:2025-02', 'February', '5 digests'],
      ['month:2025-01', 'January', '6 digests'],
    ]);
    expect(groups[1].children!.map((m) => m.label)).toEqual(['December', 'November', 'October', 'September', 'August', 'July', 'June', 'May', 'April']);
    expect(months[0].children!.map((d) => d.label)).toEqual(['Mar 31, 2025', 'Mar 26, 2025', 'Mar 21, 2025', 'Mar 16, 2025', 'Mar 11, 2025', 'Mar 6, 2025', 'Mar 1, 2025']);
    const digests = groups.flatMap((y) => y.children!.flatMap((m) => m.children!));
    expect(digests.map((d) => d.digestUri)).toEqual(workspace.digests().map((d) => d.digest.uri));
    expect(digests[0].description).toBe('2025-03-31.md · 1 paper');
    expect(titles(digests[0])).toEqual(['Paper of 2025-03-31']);
  });

  it('lists digests that nothing dates last, under Undated', () => {
    const workspace = library(61);
    workspace.index.setDigest(parseDigest(markdownDigest('Papers', [['Undated Paper', 1]]), workspace.uri('reading.md')), 'reading.md');
    const groups = groupPapers('digest', workspace);
    expect(groups.map((g) => g.label)).toEqual(['2025', '2024', 'Undated']);
    expect(outline(groups.slice(2))).toEqual([['Undated', '1 digest', ['reading.md']]]);
  });

  it('goes back to one list when a filter leaves few digests with a match', () => {
    const workspace = library(70);
    const kept = new Set(workspace.papers().filter((p) => p.paper.title.includes('2025-03')).map((p) => p.id));
    const groups = groupPapers('digest', workspace, (p) => kept.has(p.id));
    expect(groups).toHaveLength(70);
    expect(groups.filter((g) => g.papers.length > 0).map((g) => g.label)).toHaveLength(7);
  });

  it('files only the digests with a match when a filter leaves many', () => {
    const workspace = library(70);
    const dropped = workspace.papers().find((p) => p.paper.title === 'Paper of 2025-03-31')!.id;
    const groups = groupPapers('digest', workspace, (p) => p.id !== dropped);
    expect(JSON.stringify(outline(groups))).not.toContain('Mar 31, 2025');
    expect(groups.map((g) => [g.label, g.description])).toEqual([['2025', '17 digests'], ['2024', '52 digests']]);
  });

  it('reads no digest\'s papers until one is opened', () => {
    const workspace = library(70);
    const source: TreeSource = { digests: () => workspace.digests(), papers: vi.fn(() => workspace.papers()), paper: vi.fn((id: string) => workspace.paper(id)), note: (id) => workspace.note(id) };
    groupPapers('digest', source);
    expect(source.papers).not.toHaveBeenCalled();
    expect(source.paper).not.toHaveBeenCalled();
  });
});

describe('grouping by status', () => {
  it('puts papers without a note under Unread, in the order Reading, Unread, Read, each with its count', () => {
    const workspace = seeded();
    workspace.setNote(workspace.idOf(MAMBA), { status: 'reading' });
    workspace.setNote(workspace.idOf(XLSTM), { status: 'read' });
    workspace.setNote(workspace.idOf(JAXMARL), { status: 'read' });
    workspace.setNote(workspace.idOf(LONG_MAMBA), { tags: ['ssm'] });
    const groups = groupPapers('status', workspace);
    expect(summary(groups)).toEqual([
      { key: 'status:reading', label: 'Reading', description: '1 paper', count: 1 },
      { key: 'status:unread', label: 'Unread', description: '49 papers', count: 49 },
      { key: 'status:read', label: 'Read', description: '2 papers', count: 2 },
    ]);
    // Read: the Nov 6 paper before the Oct 27 one, newest digest first.
    expect(titles(groups[2])).toEqual([XLSTM, JAXMARL]);
  });

  it('keeps every status group, empty ones too, with a count of 0', () => {
    const groups = groupPapers('status', seeded());
    expect(summary(groups).map(({ label, description }) => `${label}: ${description}`)).toEqual(['Reading: 0 papers', 'Unread: 52 papers', 'Read: 0 papers']);
  });

  it('orders papers newest digest first, then most upvoted, then by title', () => {
    const workspace = new InMemoryWorkspace()
      .addDigest('2025-03-01.md', markdownDigest('Papers', [['Old Paper', 99]]))
      .addDigest('2025-03-02.md', markdownDigest('Papers', [['Beta', 5], ['Alpha', 5], ['Gamma', 9]]));
    expect(titles(groupPapers('status', workspace)[1])).toEqual(['Gamma', 'Alpha', 'Beta', 'Old Paper']);
  });
});

describe('grouping by tag', () => {
  it('lists tags alphabetically with their counts, a paper under each of its tags, and Untagged last', () => {
    const workspace = seeded();
    workspace.setNote(workspace.idOf(MAMBA), { tags: ['ssm', 'architecture'] });
    workspace.setNote(workspace.idOf(LONG_MAMBA), { tags: ['ssm'] });
    workspace.setNote(workspace.idOf(JAXMARL), { tags: ['rl'] });
    const groups = groupPapers('tag', workspace);
    expect(summary(groups)).toEqual([
      { key: 'tag:architecture', label: 'architecture', description: '1 paper', count: 1 },
      { key: 'tag:rl', label: 'rl', description: '1 paper', count: 1 },
      { key: 'tag:ssm', label: 'ssm', description: '2 papers', count: 2 },
      { key: 'untagged', label: 'Untagged', description: '49 papers', count: 49 },
    ]);
    expect(titles(groups[2])).toEqual([MAMBA, LONG_MAMBA]);
  });

  // Failed before: "RL" and "rl" made two groups, and a tag written twice listed its paper twice
  // under one group, so two rows had the same tree id.
  it('treats tags that differ only in case as one tag, spelt as first seen, listing each paper once', () => {
    const workspace = seeded();
    workspace.setNote(workspace.idOf(MAMBA), { tags: ['RL', 'rl', 'RL'] });
    workspace.setNote(workspace.idOf(JAXMARL), { tags: ['rl'] });
    const groups = groupPapers('tag', workspace);
    expect(summary(groups).slice(0, -1)).toEqual([{ key: 'tag:rl', label: 'RL', description: '2 papers', count: 2 }]);
    expect(titles(groups[0])).toEqual([MAMBA, JAXMARL]);
  });

  it('has only Untagged when no paper has a tag, and no group at all without papers', () => {
    expect(summary(groupPapers('tag', seeded()))).toEqual([{ key: 'untagged', label: 'Untagged', description: '52 papers', count: 52 }]);
    expect(groupPapers('tag', new InMemoryWorkspace())).toEqual([]);
  });
});

describe('grouping by star', () => {
  it('is one group of the starred papers, newest digest first', () => {
    const workspace = seeded();
    workspace.setNote(workspace.idOf(JAXMARL), { starred: true });
    workspace.setNote(workspace.idOf(MAMBA), { starred: true });
    workspace.setNote(workspace.idOf(XLSTM), { starred: false, status: 'read' });
    const groups = groupPapers('starred', workspace);
    expect(groups.map((g) => [g.key, g.label, titles(g)])).toEqual([['starred', 'Starred', [MAMBA, JAXMARL]]]);
  });

  it('applies the filter to the starred papers too', () => {
    const workspace = seeded();
    workspace.setNote(workspace.idOf(JAXMARL), { starred: true });
    workspace.setNote(workspace.idOf(MAMBA), { starred: true });
    const mamba = workspace.idOf(MAMBA);
    expect(titles(groupPapers('starred', workspace, (p) => p.id !== mamba)[0])).toEqual([JAXMARL]);
  });
});

describe('the badge of new unread papers', () => {
  it('counts the papers only the newest digest lists, less those the reader has started or read', () => {
    const workspace = new InMemoryWorkspace()
      .addDigest('2025-03-02.md', markdownDigest('Papers', [['Shared Paper', 1], ['New One', 2], ['New Two', 3], ['New Three', 4]]))
      .addDigest('2025-03-01.md', markdownDigest('Papers', [['Shared Paper', 4], ['Only Old', 5]]));
    expect(newUnreadCount(workspace)).toBe(3);
    workspace.setNote(workspace.idOf('New One'), { status: 'reading' });
    workspace.setNote(workspace.idOf('New Two'), { status: 'read' });
    workspace.setNote(workspace.idOf('New Three'), { tags: ['later'] });
    workspace.setNote(workspace.idOf('Only Old'), { status: 'unread' });
    expect(newUnreadCount(workspace)).toBe(1);
  });

  it('is 0 without digests', () => {
    expect(newUnreadCount(new InMemoryWorkspace())).toBe(0);
  });
});
