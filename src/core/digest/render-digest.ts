/**
 * Writes digests in both formats: the inverse of the parsers, used to generate test
 * corpora (round-trip properties, benchmarks) and available to export papers.
 *
 * Paragraphs of an abstract are separated by "\n\n", as the parsers join them.
 */
import type { Heading, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { HF_HEADER_LINES } from './parse-hf-text';
import type { Paper } from '../model';

/** What a digest says about a paper: everything but what the parser derives (id, source). */
export type PaperFields = Omit<Paper, 'id' | 'source'>;

export interface HfRenderOptions {
  /** Start with the page header ("new", "Get trending papers...", ...). Default true. */
  header?: boolean;
  /** "\r\n" line endings instead of "\n". */
  crlf?: boolean;
  /** Hard-wrap abstracts at this many columns, as an e-mail client would. Titles are not wrapped. */
  wrap?: number;
}

/** An abstract's paragraphs, each on one line. */
export function paragraphsOf(abstract: string): string[] {
  return abstract
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '');
}

/** Greedy word wrap; a word longer than the width stays whole on its own line. */
function wrapLines(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * The Hugging Face plain-text format. The format has no place for a paper's `url` or
 * for upvotes without a date, so those are not written; links live in the abstract.
 */
export function renderHfDigest(
  digestDate: string | undefined,
  papers: ReadonlyArray<PaperFields>,
  options: HfRenderOptions = {},
): string {
  const blocks: string[][] = [];
  if (options.header ?? true) for (const line of HF_HEADER_LINES) blocks.push([line]);
  if (digestDate !== undefined) blocks.push([digestDate]);
  const width = options.wrap !== undefined && options.wrap > 0 ? options.wrap : 0;
  for (const paper of papers) {
    blocks.push([paper.title]);
    for (const paragraph of paragraphsOf(paper.abstract)) {
      blocks.push(width > 0 ? wrapLines(paragraph, width) : [paragraph]);
    }
    const meta: string[] = [];
    if (paper.org !== undefined) meta.push(paper.org);
    if (paper.authorCount !== undefined) meta.push(`  • ${paper.authorCount} authors`);
    if (meta.length > 0 || paper.published !== undefined) meta.push('·');
    if (paper.published !== undefined) {
      meta.push(paper.upvotes === undefined ? paper.published : `${paper.published} ${paper.upvotes}`);
    }
    if (meta.length > 0) blocks.push(meta);
  }
  const eol = options.crlf ? '\r\n' : '\n';
  return blocks.map((lines) => lines.join(eol)).join(eol + eol) + eol;
}

export interface MarkdownRenderOptions {
  /** The level-1 heading's text before the date. Default "Daily Papers". */
  heading?: string;
}

const markdown = unified().use(remarkGfm).use(remarkStringify, { bullet: '-', emphasis: '_' });

/** The metadata line: "zai-org Z.ai · 3 authors · Oct 13 · ▲ 2". */
export function metadataLine(paper: PaperFields): string | undefined {
  const parts: string[] = [];
  if (paper.org !== undefined) parts.push(paper.org);
  if (paper.authorCount !== undefined) parts.push(`${paper.authorCount} authors`);
  if (paper.published !== undefined) parts.push(paper.published);
  if (paper.upvotes !== undefined) parts.push(`▲ ${paper.upvotes}`);
  if (parts.length === 0) return undefined;
  // A lone organisation needs its separator, or it would read as a line of prose.
  return parts.length === 1 && paper.org !== undefined ? `${paper.org} ·` : parts.join(' · ');
}

/**
 * The Markdown format, built as mdast and serialised by remark, so that any text in a
 * title or abstract (asterisks, brackets, HTML, "#") is escaped and reads back as written.
 */
export function renderMarkdownDigest(
  digestDate: string | undefined,
  papers: ReadonlyArray<PaperFields>,
  options: MarkdownRenderOptions = {},
): string {
  const heading = options.heading ?? 'Daily Papers';
  const children: RootContent[] = [
    { type: 'heading', depth: 1, children: [{ type: 'text', value: digestDate === undefined ? heading : `${heading} — ${digestDate}` }] },
  ];
  for (const paper of papers) {
    const title: PhrasingContent = { type: 'text', value: paper.title };
    const h2: Heading = {
      type: 'heading',
      depth: 2,
      children: paper.url === undefined ? [title] : [{ type: 'link', url: paper.url, children: [title] }],
    };
    children.push(h2);
    for (const paragraph of paragraphsOf(paper.abstract)) {
      children.push({ type: 'paragraph', children: [{ type: 'text', value: paragraph }] } satisfies Paragraph);
    }
    const meta = metadataLine(paper);
    if (meta !== undefined) children.push({ type: 'paragraph', children: [{ type: 'text', value: meta }] });
  }
  return stringifyMarkdown({ type: 'root', children });
}

/** Markdown text of an mdast tree, escaped so that it reads back as the same tree. */
export function stringifyMarkdown(root: Root): string {
  return markdown.stringify(root);
}
