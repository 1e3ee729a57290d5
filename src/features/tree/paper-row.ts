// What a paper's row in the Papers tree shows, as plain data: papers-tree.ts turns it into a
// vscode.TreeItem. Pure, so the row is tested without VS Code.
import { highlightRanges, parseQuery, queryTerms, type PaperNote, type ReadingStatus } from '../../core';
import type { IndexedPaper } from '../../services';
import { paperDescription, statusIcon } from '../../shared/papers';

export interface PaperRow {
  label: string;
  /** [start, end) ranges of the label to highlight: the filter's words. */
  highlights: Array<[number, number]>;
  description: string;
  /** A codicon id; the star is drawn in yellow. */
  icon: string;
  starred: boolean;
  status: ReadingStatus;
  /** Menus tell papers, and starred ones, apart by this. */
  contextValue: 'paper' | 'paper starred';
  /** What a screen reader says for the row. */
  accessibilityLabel: string;
}

/**
 * The words of a tree filter that light up in paper titles: its free words as the search reads
 * them (folded, common words left out, the last one a prefix while it may still be typed).
 * Filters (tag:, status:, upvotes>…) and excluded words (-word) light up nothing.
 */
export function filterHighlightTerms(filter: string): string[] {
  const query = parseQuery(filter);
  return queryTerms(query.words.join(' '), query.open);
}

/** `newWord` marks a paper listed only in the newest digest; papers-tree.ts passes it translated. */
export function paperRow(entry: IndexedPaper, note: PaperNote | undefined, highlightTerms: readonly string[] = [], newWord = 'new'): PaperRow {
  const { paper } = entry;
  const status = note?.status ?? 'unread';
  const starred = note?.starred ?? false;
  const meta = paperDescription(paper);
  return {
    label: paper.title,
    highlights: highlightTerms.length ? highlightRanges(paper.title, highlightTerms) : [],
    description: entry.isNew ? (meta ? `${newWord} · ${meta}` : newWord) : meta,
    icon: starred ? 'star-full' : statusIcon[status],
    starred,
    status,
    contextValue: starred ? 'paper starred' : 'paper',
    accessibilityLabel: [paper.title, meta, status, ...(starred ? ['starred'] : [])].filter(Boolean).join(', '),
  };
}
