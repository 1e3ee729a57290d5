import type { PaperNote, ReadingStatus } from '../../core';
import type { DigestInfo, IndexedPaper } from '../../services';

export type GroupMode = 'digest' | 'tag' | 'status' | 'starred';
export const GROUP_MODES: GroupMode[] = ['digest', 'tag', 'status', 'starred'];

export interface Group {
  key: string;
  label: string;
  description?: string;
  /** For digest groups: the digest's uri. */
  digestUri?: string;
  readonly papers: IndexedPaper[];
}

const STATUS_LABELS: Record<ReadingStatus, string> = { unread: 'Unread', reading: 'Reading', read: 'Read' };

/** Newest digest first, then most upvoted. */
function byRecency(digestRank: Map<string, number>) {
  return (a: IndexedPaper, b: IndexedPaper) =>
    (digestRank.get(a.paper.source.uri) ?? 0) - (digestRank.get(b.paper.source.uri) ?? 0) ||
    (b.paper.upvotes ?? 0) - (a.paper.upvotes ?? 0) ||
    a.paper.title.localeCompare(b.paper.title);
}

/**
 * Splits the papers into the groups of the chosen mode. Pure so the tree can be
 * tested and reasoned about without VS Code.
 */
export function groupPapers(
  mode: GroupMode,
  digests: DigestInfo[],
  papers: () => IndexedPaper[],
  paperOf: (id: string) => IndexedPaper | undefined,
  noteOf: (id: string) => PaperNote | undefined,
  visible: (paper: IndexedPaper) => boolean,
): Group[] {
  if (mode === 'digest') {
    // A digest's papers are listed when it is expanded, so a workspace of thousands of
    // digests costs one row each until then.
    return digests.map((d): Group => {
      let members: IndexedPaper[] | undefined;
      return {
        key: `digest:${d.digest.uri}`,
        label: d.digest.digestDate ?? d.name,
        description: `${d.name} · ${d.digest.papers.length} ${d.digest.papers.length === 1 ? 'paper' : 'papers'}`,
        digestUri: d.digest.uri,
        get papers() {
          members ??= digestMembers(d, paperOf, visible);
          return members;
        },
      };
    });
  }
  const rank = new Map(digests.map((d, i) => [d.digest.uri, i]));
  const sort = byRecency(rank);
  const shown = papers().filter(visible).sort(sort);
  if (mode === 'starred') {
    return [{ key: 'starred', label: 'Starred', papers: shown.filter((p) => noteOf(p.id)?.starred) }];
  }
  if (mode === 'status') {
    const groups = new Map<ReadingStatus, IndexedPaper[]>([['reading', []], ['unread', []], ['read', []]]);
    for (const p of shown) groups.get(noteOf(p.id)?.status ?? 'unread')!.push(p);
    return [...groups].map(([status, members]) => ({
      key: `status:${status}`,
      label: STATUS_LABELS[status],
      description: count(members.length),
      papers: members,
    }));
  }
  const tags = new Map<string, IndexedPaper[]>();
  const untagged: IndexedPaper[] = [];
  for (const p of shown) {
    const noteTags = noteOf(p.id)?.tags ?? [];
    if (noteTags.length === 0) untagged.push(p);
    for (const tag of noteTags) {
      const list = tags.get(tag);
      if (list) list.push(p);
      else tags.set(tag, [p]);
    }
  }
  const groups: Group[] = [...tags.keys()]
    .sort((a, b) => a.localeCompare(b))
    .map((tag) => ({ key: `tag:${tag}`, label: tag, description: count(tags.get(tag)!.length), papers: tags.get(tag)! }));
  if (untagged.length) groups.push({ key: 'untagged', label: 'Untagged', description: count(untagged.length), papers: untagged });
  return groups;
}

function digestMembers(d: DigestInfo, paperOf: (id: string) => IndexedPaper | undefined, visible: (paper: IndexedPaper) => boolean): IndexedPaper[] {
  const seen = new Set<string>();
  const members: IndexedPaper[] = [];
  for (const paper of d.digest.papers) {
    const entry = paperOf(paper.id);
    if (!entry || seen.has(paper.id) || !visible(entry)) continue;
    seen.add(paper.id);
    members.push(entry);
  }
  return members;
}

function count(n: number): string {
  return `${n} ${n === 1 ? 'paper' : 'papers'}`;
}
