import { describe, expect, it, vi } from 'vitest';
import { groupPapers, type Group, type TreeSource } from '../../src/features/tree/group-by';
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
      ['2025-03-02.md', ['Shared Paper', 'Only New']],
      ['2025-03-01.md', ['Shared Paper', 'Only Old']],
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
