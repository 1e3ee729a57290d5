/** The search's shared types: documents, results and parsed queries, imported by every module of the package. */

import type { ReadingStatus } from '../model';

export type SearchField = 'title' | 'tags' | 'notes' | 'keywords' | 'annotations' | 'authors' | 'abstract';

export interface SearchDigestRef {
  uri: string;
  /** The digest's date as written ("Nov 6"). */
  date?: string;
  /** File name without folders. */
  name: string;
  /** When known (ms since the epoch, larger is newer), orders papers; otherwise read from date and name. */
  time?: number;
}

export interface SearchDoc {
  id: string;
  title: string;
  abstract: string;
  tags: string[];
  /** The notes body. */
  notes: string;
  /** Annotation quotes and bodies, joined. */
  annotations: string;
  org?: string;
  /** Authors' names in order, as the digest lists them. */
  authors?: string[];
  authorCount?: number;
  /** The arXiv id, "2405.15738" (a version, "v2", may follow). */
  arxivId?: string;
  /** The code repository's URL. */
  code?: string;
  /** Topic keywords the digest gives the paper. */
  keywords?: string[];
  upvotes?: number;
  published?: string;
  digests: SearchDigestRef[];
  status: 'unread' | 'reading' | 'read';
  starred: boolean;
  isNew: boolean;
}

export interface SearchMatch {
  field: SearchField;
  /** Words of the field that matched (after prefix and typo expansion), lower case. */
  terms: string[];
}

export interface SearchResult {
  doc: SearchDoc;
  /** Relevance; 0 for a query of filters alone, whose results come in display order. */
  score: number;
  /** Fields in ranking order (title first). */
  matches: SearchMatch[];
}

/**
 * Ranking order of the fields, highest first. Keywords are topic words like
 * tags, but a machine's, not the reader's. Authors' names rank above the
 * abstract (a name in the author list says more than one in the text) and
 * below what the reader wrote: many family names are also words of titles
 * and abstracts (Song, Long, Ma, He), and `author:` finds people exactly.
 */
export const SEARCH_FIELDS: readonly SearchField[] = ['title', 'tags', 'notes', 'keywords', 'annotations', 'authors', 'abstract'];

export type CompareOp = '>' | '>=' | '<' | '<=' | '=';
export type FlagName = 'starred' | 'new' | 'annotated';
export type CountField = 'upvotes' | 'authors';
/** What `has:` asks a paper to have: a code repository, an arXiv id, a PDF (arXiv's). */
export type HasName = 'code' | 'arxiv' | 'pdf';

export type QueryFilter =
  | { kind: 'tag'; value: string; negated: boolean }
  | { kind: 'status'; value: ReadingStatus; negated: boolean }
  | { kind: 'is'; value: FlagName; negated: boolean }
  | { kind: 'org'; value: string; negated: boolean }
  /** Folded (lower case, no accents), spaces collapsed. */
  | { kind: 'author'; value: string; negated: boolean }
  /** Lower case, without a version. */
  | { kind: 'arxiv'; value: string; negated: boolean }
  | { kind: 'has'; value: HasName; negated: boolean }
  | { kind: 'digest'; value: string; negated: boolean }
  | { kind: 'count'; field: CountField; op: CompareOp; value: number; negated: boolean };

export interface QueryWarning {
  /** The token as typed. */
  token: string;
  /** Offsets of the token in the input, end exclusive. */
  start: number;
  end: number;
  message: string;
}

export interface ParsedQuery {
  /** Free words in input order, quotes removed (malformed filters included, as typed). */
  words: string[];
  /** Word groups to exclude: a result may not contain every word of any group. */
  excluded: string[];
  filters: QueryFilter[];
  warnings: QueryWarning[];
  /** The input ends inside its last free word: that word is still being typed. */
  open: boolean;
}

/**
 * What filters look at in a paper, normalised once: a filter-only query walks
 * up to every paper, so per-paper work must be a few comparisons, not case
 * folding and regular expressions.
 */
export interface FilterView {
  /** Lower case, without a leading "#". */
  tags: string[];
  status: ReadingStatus;
  starred: boolean;
  isNew: boolean;
  annotated: boolean;
  /** Lower case; '' when the paper has none. */
  org: string;
  /** Authors' names folded as `author:` values are, joined by newlines, so a value never matches across two names. */
  authorNames: string;
  /** Lower case without a version; '' when the paper has none. */
  arxivId: string;
  hasCode: boolean;
  /** Digest file names, lower case. */
  digestNames: string[];
  /** Digest dates, lower case without spaces or punctuation ("nov6"). */
  digestDates: string[];
  upvotes?: number;
  authors?: number;
}

export type FilterPredicate = (view: FilterView) => boolean;
