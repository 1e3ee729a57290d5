import { formatText, parseCardText } from '../src/core/protocol';

/**
 * The card's words, as the host translated them for VS Code's display language (passed in the
 * page's data-l10n attribute); English where a translation is missing.
 */
function readTable() {
  try {
    return parseCardText(JSON.parse(document.getElementById('app')?.dataset.l10n ?? '{}'));
  } catch {
    return parseCardText(undefined);
  }
}

const t = readTable();

export const text = {
  ...t,
  authors: (n: number) => (n === 1 ? t.oneAuthor : formatText(t.authors, n)),
  line: (n: number) => formatText(t.line, n),
  removeTag: (tag: string) => formatText(t.removeTag, tag),
  removeLink: (label: string) => formatText(t.removeLink, label),
  moreAuthors: (n: number) => formatText(t.moreAuthors, n),
  searchKeyword: (keyword: string) => formatText(t.searchKeyword, keyword),
  sharedWords: (words: string) => formatText(t.sharedWords, words),
  statuses: { unread: t.unread, reading: t.reading, read: t.read } as Record<string, string>,
};
