/**
 * The Markdown digest: one paper per level-2 heading.
 *
 *   # Daily Papers — Nov 6                  <- the level-1 heading may carry the digest date
 *
 *   ## [Title of the paper](https://...)    <- heading text = title, its link = url
 *
 *   The abstract, in one or more paragraphs (hard-wrapped lines are joined).
 *
 *   zai-org Z.ai · 3 authors · Oct 13 · ▲ 2  <- a line or list item of metadata
 *
 * A digest written from the Hugging Face API (render-fetched.ts) has, right under each
 * heading, a list of labelled fields instead (`- **Authors:** A, B`, see
 * fetched-fields.ts); every paragraph after it is then abstract text.
 *
 * A paper's arXiv id comes from its arXiv field, else from its heading's link, else from
 * its abstract when that links to exactly one paper (arxiv-id.ts); a paper with an id and
 * no heading link gets its Hugging Face page as url.
 *
 * The structure comes from remark (mdast with positions), never from regular expressions
 * over the Markdown: code blocks, HTML, emphasis, escapes and setext headings all mean
 * what CommonMark says they mean. Only the plain text of a single line is matched
 * against the metadata vocabulary shared with the plain-text format.
 *
 * Our own walk is linear (iterative, each node once). remark itself is not on hostile
 * input: deeply nested block quotes, links or emphasis take it superlinear time and
 * overflow its recursive tree walks, so the nesting it is given is bounded first
 * (markdown-nesting.ts), with a warning where that cut anything. A stack overflow
 * that still happens is reported as a diagnostic rather than thrown.
 */
import type { List, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { arxivIdFromUrl, arxivIdOfLinks, hfPaperUrl } from './arxiv-id';
import { FIELD_LABELS, literalLinkText, readFieldItem, type FetchedFields, type FieldKey, type ValueSpan } from './fetched-fields';
import { extractLinks } from './links';
import { capMarkdownNesting } from './markdown-nesting';
import { ownText, paperId } from '../model';
import { isMonthName, readMetadataLine, type PaperMetadata, type ParseOptions } from './parse-hf-text';
import type { Diagnostic, Digest, Paper } from '../model';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

/**
 * The mdast tree, or undefined when the text nests so deeply (thousands of levels of
 * block quotes, lists or links) that remark's recursive tree walks overflow the stack.
 * Only that RangeError is caught; anything else is a bug and propagates.
 */
function parseTree(text: string): Root | undefined {
  try {
    return processor.parse(text);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

interface Draft {
  title: string;
  url?: string;
  titleLine: number;
  endLine: number;
  paragraphs: string[];
  links: string[];
  meta: PaperMetadata;
  /** Blocks read since the heading: a field list counts only as the first. */
  blocks: number;
  /** The labelled fields, when the paper has a field list. */
  fetched?: FetchedFields;
  upvotes?: ValueSpan;
}

/** The plain text of inline content, with its line breaks, and the http(s) URLs it links to, in order. */
interface InlineText {
  text: string;
  urls: string[];
  steps: number;
}

function isHttpUrl(url: string): boolean {
  return url.startsWith('https://') || url.startsWith('http://');
}

/**
 * Flattens inline content to text. Iterative rather than recursive, so nesting depth
 * in hostile input cannot overflow the stack.
 *
 * A URL written in the text is found by extractLinks, as in every other format, rather
 * than by GFM's autolink literals, which end a URL at other characters and also link
 * "www." and e-mail addresses: consecutive text and literal links are read as one run
 * of text for that.
 */
function readInline(nodes: readonly PhrasingContent[], definitions: ReadonlyMap<string, string>): InlineText {
  let text = '';
  const urls: string[] = [];
  let steps = 0;
  let run = '';
  const endRun = (): void => {
    if (run === '') return;
    for (const url of extractLinks(run)) urls.push(url);
    run = '';
  };
  const stack: PhrasingContent[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]);
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    steps++;
    const value = node.type === 'text' ? node.value : literalLinkText(node);
    if (value !== undefined) {
      text += value;
      run += value;
      steps += value.length;
      continue;
    }
    endRun();
    switch (node.type) {
      case 'inlineCode':
        text += node.value;
        steps += node.value.length;
        for (const url of extractLinks(node.value)) urls.push(url);
        continue;
      case 'html':
        // Kept as written: it is text to show (escaped), never markup to run.
        text += node.value;
        steps += node.value.length;
        continue;
      case 'break':
        text += '\n';
        continue;
      case 'image':
      case 'imageReference':
        text += node.alt ?? '';
        continue;
      case 'footnoteReference':
        continue;
      case 'link':
        if (isHttpUrl(node.url)) urls.push(node.url);
        break;
      case 'linkReference': {
        const url = definitions.get(node.identifier);
        if (url !== undefined && isHttpUrl(url)) urls.push(url);
        break;
      }
      default:
        break;
    }
    if ('children' in node) {
      const children = node.children as PhrasingContent[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  endRun();
  return { text, urls, steps };
}

const DATE_IN_TEXT = /(?:^|[^A-Za-z])([A-Z][a-z]{2,8})\.?[ \t]+(\d{1,2})(?:,[ \t]*(\d{4}))?(?!\d)|(?:^|\D)(\d{4}-\d{2}-\d{2})(?!\d)/g;

/** The first date in a heading such as "Daily Papers — Nov 6", as written. */
export function findDate(text: string): string | undefined {
  DATE_IN_TEXT.lastIndex = 0;
  for (let match = DATE_IN_TEXT.exec(text); match; match = DATE_IN_TEXT.exec(text)) {
    if (match[4] !== undefined) return match[4];
    const day = Number(match[2]);
    if (isMonthName(match[1]) && day >= 1 && day <= 31) {
      return match[3] === undefined ? `${match[1]} ${match[2]}` : `${match[1]} ${match[2]}, ${match[3]}`;
    }
  }
  return undefined;
}

function startLine(node: Nodes): number {
  return (node.position?.start.line ?? 1) - 1;
}

function endLine(node: Nodes): number {
  return (node.position?.end.line ?? 1) - 1;
}

const FIELD_NAMES: Record<keyof PaperMetadata, string> = {
  org: 'organisation',
  authorCount: 'author count',
  published: 'date',
  upvotes: 'upvote count',
};

/**
 * What one piece of a Markdown digest yields on its own, with lines relative to the
 * piece's first line: the whole text, or one section of it (see markdown-sections.ts).
 * Diagnostics are in the order they were found, not yet sorted; what depends on the
 * whole text (an empty file, no papers at all) is added by `assembleMarkdownDigest`.
 */
export interface MarkdownPiece {
  papers: Paper[];
  diagnostics: Diagnostic[];
  /** The first date found in a level-1 heading of the piece. */
  digestDate?: string;
  /** The work counted while reading the piece. */
  steps: number;
  /** Where the upvote count of each paper with an Upvotes field is (index into `papers`). */
  upvotes: Array<{ paper: number; span: ValueSpan }>;
}

/**
 * Reads one piece of a Markdown digest, or returns undefined when the text nests so
 * deeply that remark cannot read it. A piece is read as if it were the whole text:
 * callers cut only where that gives the same result (markdown-sections.ts).
 */
export function parseMarkdownPiece(text: string, uri: string): MarkdownPiece | undefined {
  const diagnostics: Diagnostic[] = [];
  const papers: Paper[] = [];
  const upvotes: MarkdownPiece['upvotes'] = [];
  let digestDate: string | undefined;
  let steps = 0;
  const capped = capMarkdownNesting(text);
  const tree = parseTree(capped.text);
  if (tree === undefined) return undefined;
  for (const cut of capped.cuts) diagnostics.push({ line: cut.line, severity: 'warning', message: cut.message });

  // Reference-style links ("[code][1]" with "[1]: https://...") resolve through definitions.
  const definitions = new Map<string, string>();
  for (const node of tree.children) {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node.url);
  }

  let draft: Draft | undefined;

  const finish = (d: Draft): void => {
    // Every string a copy, so that the library keeps its papers and not the text they came from.
    const title = ownText(d.title);
    const abstract = ownText(d.paragraphs.join('\n\n'));
    steps += title.length + abstract.length;
    if (abstract === '') {
      diagnostics.push({ line: d.titleLine, severity: 'warning', message: `"${title}" has no abstract.` });
    }
    const paper: Paper = { id: paperId(title), title, abstract, links: [...new Set(d.links)].map(ownText), source: {
      uri, titleLine: d.titleLine, startLine: d.titleLine, endLine: d.endLine,
    } };
    if (d.meta.authorCount !== undefined) paper.authorCount = d.meta.authorCount;
    if (d.meta.org !== undefined) paper.org = ownText(d.meta.org);
    if (d.meta.published !== undefined) paper.published = ownText(d.meta.published);
    if (d.meta.upvotes !== undefined) paper.upvotes = d.meta.upvotes;
    if (d.url !== undefined) paper.url = ownText(d.url);
    const fetched = d.fetched;
    if (fetched !== undefined) {
      if (fetched.authors !== undefined) {
        paper.authors = fetched.authors.map(ownText);
        paper.authorCount = fetched.authors.length;
      }
      if (fetched.code !== undefined) paper.code = ownText(fetched.code);
      if (fetched.projectPage !== undefined) paper.projectPage = ownText(fetched.projectPage);
      if (fetched.keywords !== undefined) paper.keywords = fetched.keywords.map(ownText);
    }
    const arxivId = fetched?.arxivId ?? (d.url === undefined ? undefined : arxivIdFromUrl(d.url)) ?? arxivIdOfLinks(paper.links);
    if (arxivId !== undefined) {
      paper.arxivId = arxivId;
      paper.url ??= hfPaperUrl(arxivId);
    }
    if (d.upvotes !== undefined) upvotes.push({ paper: papers.length, span: d.upvotes });
    papers.push(paper);
  };

  /**
   * A list right under a heading whose first item is all labelled fields is the paper's
   * field list. Its other items add fields; what cannot be read is reported.
   */
  const readFieldList = (d: Draft, list: List): boolean => {
    const items = list.children.map((item) => (item.children.length === 1 && item.children[0].type === 'paragraph' ? item.children[0] : undefined));
    const first = items[0] === undefined ? undefined : readFieldItem(items[0]);
    if (first === undefined || first.problems.length > 0) return false;
    const fields: FetchedFields = {};
    for (const [i, paragraph] of items.entries()) {
      steps++;
      const line = startLine(paragraph ?? list.children[i]);
      const read = i === 0 ? first : paragraph === undefined ? undefined : readFieldItem(paragraph);
      if (read === undefined) {
        diagnostics.push({ line, severity: 'info', message: `Skipped an item with no field label in the fields of "${d.title}".` });
        continue;
      }
      for (const problem of read.problems) diagnostics.push({ line, severity: 'warning', message: problem });
      for (const key of Object.keys(read.fields) as FieldKey[]) {
        if (fields[key] === undefined) (fields as Record<FieldKey, unknown>)[key] = read.fields[key];
        else diagnostics.push({ line, severity: 'warning', message: `"${d.title}" has a second ${FIELD_LABELS[key]} field; keeping the first.` });
      }
      if (read.upvotes !== undefined) d.upvotes ??= read.upvotes;
    }
    d.fetched = fields;
    if (fields.org !== undefined) d.meta.org = fields.org;
    if (fields.published !== undefined) d.meta.published = fields.published;
    if (fields.upvotes !== undefined) d.meta.upvotes = fields.upvotes;
    return true;
  };

  const setField = <K extends keyof PaperMetadata>(d: Draft, key: K, value: PaperMetadata[K], line: number): void => {
    if (value === undefined) return;
    if (d.meta[key] === undefined) d.meta[key] = value;
    else if (d.meta[key] !== value) {
      diagnostics.push({ line, severity: 'warning', message: `"${d.title}" has a second ${FIELD_NAMES[key]}; keeping the first.` });
    }
  };

  /**
   * A paragraph's lines are metadata lines or abstract text. Lines of text that were
   * hard-wrapped are joined with single spaces. As in the plain-text format, a line
   * directly followed by a "·" or "• N authors" line is the organisation. A paper with
   * a field list has no metadata lines: its paragraphs are all abstract.
   */
  const readParagraph = (paragraph: Paragraph): void => {
    const verbatim = draft?.fetched !== undefined;
    const inline = readInline(paragraph.children, definitions);
    steps += inline.steps;
    const lines = inline.text.split('\n').map((line) => line.trim());
    const first = startLine(paragraph);
    const isSeparatorOrBullet = (line: string | undefined): boolean =>
      line !== undefined && (line === '·' || line.startsWith('•')) && readMetadataLine(line) !== undefined;
    const prose: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line === '') continue;
      const meta = verbatim ? undefined : readMetadataLine(line);
      if (draft === undefined) {
        if (meta) diagnostics.push({ line: first + i, severity: 'warning', message: 'Metadata with no paper before it.' });
        continue;
      }
      if (meta) {
        for (const key of Object.keys(FIELD_NAMES) as Array<keyof PaperMetadata>) {
          setField(draft, key, meta.fields[key], first + i);
        }
        if (meta.problem) diagnostics.push({ line: first + i, severity: 'warning', message: meta.problem });
      } else if (!verbatim && isSeparatorOrBullet(lines[i + 1]) && line.length <= 200) {
        setField(draft, 'org', line, first + i);
      } else {
        prose.push(line);
      }
    }
    if (draft !== undefined && prose.length > 0) {
      draft.paragraphs.push(prose.join(' '));
      for (const url of inline.urls) draft.links.push(url);
    }
  };

  /** Paragraphs anywhere in a paper's section (in lists and block quotes too); code, HTML and tables are not abstract text. */
  const readSection = (node: RootContent): void => {
    const stack: Nodes[] = [node];
    for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
      steps++;
      if (current.type === 'paragraph') readParagraph(current);
      else if (current.type === 'blockquote' || current.type === 'list' || current.type === 'listItem') {
        for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]);
      }
    }
  };

  const readHeading = (heading: Extract<RootContent, { type: 'heading' }>): void => {
    const inline = readInline(heading.children, definitions);
    steps += inline.steps;
    const title = inline.text.split('\n').map((line) => line.trim()).filter((line) => line !== '').join(' ');
    const line = startLine(heading);
    if (heading.depth === 1) {
      digestDate ??= findDate(title);
      return;
    }
    if (title === '') {
      diagnostics.push({ line, severity: 'warning', message: 'A level-2 heading with no text: no paper read.' });
      return;
    }
    draft = { title, titleLine: line, endLine: endLine(heading), paragraphs: [], links: [], meta: {}, blocks: 0 };
    const link = firstLink(heading.children, definitions);
    if (link !== undefined) {
      if (isHttpUrl(link)) draft.url = link;
      else diagnostics.push({ line, severity: 'info', message: `Ignored the heading's link "${link}": only http(s) links are kept.` });
    }
  };

  for (const node of tree.children) {
    steps++;
    if (node.type === 'heading' && node.depth <= 2) {
      if (draft) finish(draft);
      draft = undefined;
      readHeading(node);
      continue;
    }
    if (draft?.blocks === 0 && node.type === 'list' && readFieldList(draft, node)) {
      // The field list's items are not abstract text.
    } else {
      readSection(node);
    }
    if (draft) {
      draft.blocks++;
      draft.endLine = endLine(node);
    }
  }
  if (draft) finish(draft);

  const piece: MarkdownPiece = { papers, diagnostics, steps, upvotes };
  if (digestDate !== undefined) piece.digestDate = digestDate;
  return piece;
}

/** A piece and the 0-based line of the whole text where it starts. */
export interface PlacedPiece {
  piece: MarkdownPiece;
  line: number;
}

function placePaper(paper: Paper, line: number): Paper {
  const { source } = paper;
  return {
    ...paper,
    links: [...paper.links],
    source: { uri: source.uri, titleLine: source.titleLine + line, startLine: source.startLine + line, endLine: source.endLine + line },
  };
}

/**
 * The Digest of `text` from its pieces in order: papers and diagnostics moved to their
 * lines, the first digest date, the diagnostics about the whole file, all diagnostics
 * sorted by line (stably, so lines found in the same order as a whole-text parse).
 */
export function assembleMarkdownDigest(text: string, uri: string, pieces: readonly PlacedPiece[], options: ParseOptions = {}): Digest {
  const papers: Paper[] = [];
  const diagnostics: Diagnostic[] = [];
  let digestDate: string | undefined;
  let steps = 0;
  for (const { piece, line } of pieces) {
    for (const paper of piece.papers) papers.push(placePaper(paper, line));
    for (const d of piece.diagnostics) diagnostics.push({ line: d.line + line, severity: d.severity, message: d.message });
    digestDate ??= piece.digestDate;
    steps += piece.steps;
  }
  if (text.trim() === '') {
    diagnostics.push({ line: 0, severity: 'info', message: 'The file is empty.' });
  } else if (papers.length === 0) {
    diagnostics.push({
      line: 0,
      severity: 'warning',
      message: 'No papers found: a Markdown digest holds one paper per level-2 heading.',
    });
  }
  diagnostics.sort((a, b) => a.line - b.line);
  if (options.work) options.work.steps += steps;
  const digest: Digest = { uri, papers, diagnostics };
  if (digestDate !== undefined) digest.digestDate = digestDate;
  return digest;
}

/** The Digest of a text remark cannot read: nothing but an error. */
function unreadable(uri: string): Digest {
  return {
    uri,
    papers: [],
    diagnostics: [{ line: 0, severity: 'error', message: 'This Markdown nests block quotes, lists or links too deeply to be read.' }],
  };
}

export function parseMarkdownDigest(text: string, uri: string, options: ParseOptions = {}): Digest {
  const piece = parseMarkdownPiece(text, uri);
  if (piece === undefined) return unreadable(uri);
  return assembleMarkdownDigest(text, uri, [{ piece, line: 0 }], options);
}

/** The target of the first link in a heading, if any. */
function firstLink(nodes: readonly PhrasingContent[], definitions: ReadonlyMap<string, string>): string | undefined {
  const stack: PhrasingContent[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]);
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'link') return node.url;
    if (node.type === 'linkReference') {
      const url = definitions.get(node.identifier);
      if (url !== undefined) return url;
    }
    if ('children' in node) {
      const children = node.children as PhrasingContent[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return undefined;
}
