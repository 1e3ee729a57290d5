import { paperId, type SearchDoc } from '../../src/core';

/** A search document with nothing but what a test sets; the id follows the title, as in the workspace. */
export function searchDoc(over: Partial<SearchDoc> = {}): SearchDoc {
  const title = over.title ?? 'A paper';
  return {
    id: paperId(title),
    title,
    abstract: '',
    tags: [],
    notes: '',
    annotations: '',
    digests: [],
    status: 'unread',
    starred: false,
    isNew: false,
    ...over,
  };
}
