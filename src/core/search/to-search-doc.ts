import type { IndexedDigest, IndexedPaperEntry } from '../library';
import type { PaperNote } from '../model';
import type { SearchDoc } from './types';

/** What the search index knows of one paper: the digest's words and the reader's. */
export function toSearchDoc(
  entry: IndexedPaperEntry,
  note: PaperNote | undefined,
  digestOf: (uri: string) => IndexedDigest | undefined,
): SearchDoc {
  const { paper } = entry;
  return {
    id: entry.id,
    title: paper.title,
    abstract: paper.abstract,
    tags: note?.tags ?? [],
    notes: note?.body ?? '',
    annotations: note ? note.annotations.map((a) => `${a.anchor.exact} ${a.body} ${(a.replies ?? []).map((r) => r.body).join(' ')}`).join('\n') : '',
    org: paper.org,
    authors: paper.authors,
    authorCount: paper.authorCount,
    arxivId: paper.arxivId,
    code: paper.code,
    keywords: paper.keywords,
    upvotes: paper.upvotes,
    published: paper.published,
    digests: entry.occurrences.map((p) => {
      const info = digestOf(p.source.uri);
      return { uri: p.source.uri, date: info?.digest.digestDate, name: info?.name ?? p.source.uri, time: info?.sortKey };
    }),
    status: note?.status ?? 'unread',
    starred: note?.starred ?? false,
    isNew: entry.isNew,
  };
}
