/** The pure model shared by every surface. Field names follow DESIGN.md. */

/** A URI as a string ("file:///...", "untitled:..."): core never sees vscode.Uri. */
export type UriString = string;

export interface SourceSpan {
  uri: UriString;
  /** 0-based line of the title (in a JSON digest, of its "title" key). */
  titleLine: number;
  /** 0-based first line of the paper's block: the title line, or in a JSON digest the first line of its entry. */
  startLine: number;
  /** 0-based last line of the paper's block (inclusive; last non-blank line). */
  endLine: number;
}

export interface Paper {
  /** Stable id derived from the normalised title; see paper-id.ts for the rule. */
  id: string;
  title: string;
  /** '' when the digest has none. Hard-wrapped lines are joined with single spaces. */
  abstract: string;
  authorCount?: number;
  /** The organisation line as written, e.g. "zai-org Z.ai". */
  org?: string;
  /** As written: "Mar 5, 2024", "Oct 13". */
  published?: string;
  /** The number after the date: "Oct 13 2" -> 2. */
  upvotes?: number;
  /** Link of a Markdown heading, or the paper's Hugging Face page when its arXiv id is known. */
  url?: string;
  /** The arXiv identifier ("2405.15738"), from the API's JSON, a Markdown digest or a link to the paper. */
  arxivId?: string;
  /** Authors' names in order, when the digest lists them (authorCount is then their number). */
  authors?: string[];
  /** Code repository URL (the API's githubRepo). */
  code?: string;
  /** Project page URL. */
  projectPage?: string;
  /** Topic keywords (the API's ai_keywords). */
  keywords?: string[];
  /** http(s) URLs found in the abstract, without trailing punctuation. */
  links: string[];
  source: SourceSpan;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** 0-based line. */
  line: number;
  message: string;
  severity: Severity;
}

export interface Digest {
  uri: UriString;
  /** The digest's own date as written ("Nov 6"), from the page header or the level-1 heading. */
  digestDate?: string;
  papers: Paper[];
  diagnostics: Diagnostic[];
}

export type ReadingStatus = 'unread' | 'reading' | 'read';

/** A link from a paper's notes to something else. */
export type NoteLink =
  | { kind: 'paper'; id: string; title?: string }
  | { kind: 'url'; url: string; title?: string }
  | { kind: 'file'; path: string; startLine: number; endLine: number; quote?: string };

/** W3C Web Annotation style selector, relative to one field of the paper. */
export interface AnnotationAnchor {
  field: 'title' | 'abstract';
  exact: string;
  prefix: string;
  suffix: string;
  /** Character offsets into the field's text when the annotation was last anchored. */
  start: number;
  end: number;
}

export interface AnnotationReply {
  body: string;
  created: string;
}

export interface Annotation {
  id: string;
  anchor: AnnotationAnchor;
  body: string;
  tag?: string;
  created: string;
  replies?: AnnotationReply[];
}

/** Everything the user wrote about one paper: one notes file. */
export interface PaperNote {
  id: string;
  title: string;
  status: ReadingStatus;
  starred: boolean;
  tags: string[];
  links: NoteLink[];
  annotations: Annotation[];
  /** Free Markdown notes (the file's body). */
  body: string;
}
