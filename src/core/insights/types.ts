/** What the insights figures read of the library, and the figures themselves (sent to the webview as they are). */
import type { PaperNote } from '../model';

/** A paper of the library as the figures see it. */
export interface InsightPaper {
  id: string;
  title: string;
  /** The organisation line as written ("zai-org Z.ai"). */
  org?: string;
  keywords?: readonly string[];
  upvotes?: number;
  /** Milliseconds since the epoch (UTC) of each digest holding the paper, in any order; undated digests left out. */
  digestTimes: readonly number[];
}

/** What the reader wrote about a paper, as far as the figures need it. */
export type InsightNote = Pick<PaperNote, 'status' | 'annotations' | 'body'>;
export type NoteLookup = (id: string) => InsightNote | undefined;

/** A range of digest days: `from` included, `to` excluded (ms since the epoch, UTC). */
export interface Period {
  from: number;
  to: number;
}

export interface WeekCount {
  /** Monday 00:00 UTC of the week. */
  week: number;
  /** Papers in the week's digests. */
  papers: number;
  /** Of those, papers no earlier digest holds. */
  new: number;
}

/** A label counted over the papers of a period, with the search-language query that lists them. */
export interface RankedCount {
  label: string;
  count: number;
  query: string;
}

export type KeywordSource = 'keywords' | 'title-words';

export interface KeywordFigure {
  /** 'title-words' when no paper of the period carries keywords: the commonest title words stand in. */
  source: KeywordSource;
  items: RankedCount[];
}

export interface UpvoteBucket {
  /** Lowest number of upvotes in the bucket. */
  from: number;
  /** First number of upvotes past the bucket; absent for the last, open one. */
  to?: number;
  count: number;
  query: string;
}

export interface UpvoteFigure {
  buckets: UpvoteBucket[];
  /** Papers of the period whose digest gives no upvote count. */
  unknown: number;
}

export interface TopPaper {
  id: string;
  title: string;
  upvotes: number;
  org?: string;
}

export interface TrendPoint {
  /** The first day of the month, 00:00 UTC. */
  month: number;
  /** Papers first seen that month that match the query. */
  count: number;
  /** Papers first seen that month. */
  total: number;
}

export interface ProgressWeek {
  /** Monday 00:00 UTC of the week of the papers' newest digest. */
  week: number;
  read: number;
  reading: number;
  unread: number;
}

export interface ProgressFigure {
  weeks: ProgressWeek[];
  read: number;
  reading: number;
  unread: number;
  /** Papers with at least one annotation. */
  annotated: number;
  /** Papers with notes written in their notes file. */
  withNotes: number;
}

export interface InsightsFigures {
  /** The period the period figures are of; absent for the whole library. */
  period?: Period;
  /** First and last digest day of the library; absent when no digest is dated. */
  span?: Period;
  /** Papers of the library, and of those in the period. */
  papers: number;
  inPeriod: number;
  weeks: WeekCount[];
  organisations: RankedCount[];
  keywords: KeywordFigure;
  upvotes: UpvoteFigure;
  topPapers: TopPaper[];
  progress: ProgressFigure;
}
