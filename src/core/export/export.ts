/**
 * Exports of a reading list: Markdown for people, CSL-JSON for reference
 * managers (Zotero, pandoc citeproc); BibTeX is in bibtex.ts.
 *
 * The Markdown is built as a syntax tree and written by remark, so any text
 * in a title, abstract or note (a "#", brackets, HTML, list markers) is
 * escaped and cannot break the list's structure. A note's own Markdown is
 * kept as Markdown but fitted into its paper's section: its headings go
 * below the section's, raw HTML shows as text, link definitions are
 * resolved in place (they would otherwise leak between notes), footnotes
 * are renamed per paper, links other than http(s) and mailto become text,
 * and wikilinks to papers in the export show the paper's title.
 */

import type {
  BlockContent,
  DefinitionContent,
  FootnoteDefinition,
  Link,
  ListItem,
  Nodes,
  Paragraph,
  Parent,
  PhrasingContent,
  Root,
  RootContent,
} from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import type { Annotation, NoteLink, Paper, PaperNote } from '../model';
import { splitWikilinks } from '../notes';
import { arxivAbsUrl, arxivDoi, parseArxivId } from './arxiv';
import { paperDate, type CslDateParts } from './dates';
import { splitName, type PersonName } from './names';

export interface ExportItem {
  paper: Paper;
  note?: PaperNote;
  /** The digests the paper appeared in, as the caller names them (a date or a file name). */
  digests?: string[];
}

const parser = unified().use(remarkParse).use(remarkGfm).freeze();
const writer = unified()
  .use(remarkGfm)
  .use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', fences: true, rule: '-', listItemIndent: 'one' })
  .freeze();

const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;
const BLOCK_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const oneLine = (value: string): string => value.replace(/\s+/g, ' ').trim();
const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const heading = (depth: 1 | 2 | 3, ...children: PhrasingContent[]): RootContent => ({ type: 'heading', depth, children });

/** `N authors · org · date · ▲ upvotes`, with what the paper has. */
function metadataText(paper: Paper): string | undefined {
  const parts: string[] = [];
  if (paper.authorCount !== undefined) parts.push(`${paper.authorCount} ${paper.authorCount === 1 ? 'author' : 'authors'}`);
  if (paper.org) parts.push(oneLine(paper.org));
  if (paper.published) parts.push(oneLine(paper.published));
  if (paper.upvotes !== undefined) parts.push(`▲ ${paper.upvotes}`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function noteStateLine(note: PaperNote): Paragraph {
  const children: PhrasingContent[] = [{ type: 'strong', children: [text('Status:')] }, text(` ${note.status}`)];
  if (note.tags.length > 0) {
    children.push(text(' · '), { type: 'strong', children: [text('Tags:')] }, text(' '));
    note.tags.forEach((tag, i) => {
      if (i > 0) children.push(text(', '));
      children.push({ type: 'inlineCode', value: tag });
    });
  }
  if (note.starred) children.push(text(' · ★ starred'));
  return paragraph(...children);
}

type Resolver = (target: string) => ExportItem | undefined;

function paperReference(item: ExportItem | undefined, fallback: string, label?: string): PhrasingContent {
  if (!item) return text(fallback);
  const title = label ?? (oneLine(item.paper.title) || fallback);
  return item.paper.url && SAFE_URL.test(item.paper.url)
    ? { type: 'link', url: item.paper.url, children: [text(title)] }
    : { type: 'emphasis', children: [text(title)] };
}

/** A note's Markdown as blocks that fit under a level-3 heading of paper `index`. */
function noteBlocks(markdown: string, index: number, resolve: Resolver): BlockContent[] {
  let tree: Root;
  try {
    tree = parser.parse(markdown);
  } catch {
    return [paragraph(text(markdown))];
  }
  const definitions = new Map<string, { url: string; title?: string | null }>();
  const collect = (node: Nodes): void => {
    if (node.type === 'definition') definitions.set(node.identifier, { url: node.url, title: node.title });
    if ('children' in node) node.children.forEach(collect);
  };
  collect(tree);
  const fitted = fit(tree, index, definitions, resolve) as Root;
  return fitted.children.filter((c): c is BlockContent => c.type !== 'definition');
}

function fit(
  node: Nodes,
  index: number,
  definitions: Map<string, { url: string; title?: string | null }>,
  resolve: Resolver,
): Nodes | Nodes[] {
  const recurse = (parent: Parent): void => {
    const children: Nodes[] = [];
    for (const child of parent.children) {
      const out = fit(child, index, definitions, resolve);
      children.push(...(Array.isArray(out) ? out : [out]));
    }
    // Raw HTML made text must sit in a paragraph where blocks go, or it is written unescaped.
    const blocks = BLOCK_PARENTS.has(parent.type);
    (parent as { children: Nodes[] }).children = children
      .filter((c) => c.type !== 'definition')
      .map((c) => (blocks && c.type === 'text' ? paragraph(c) : c));
  };
  switch (node.type) {
    case 'html':
      return { type: 'text', value: node.value };
    case 'heading':
      recurse(node);
      return { ...node, depth: Math.min(6, node.depth + 3) as 4 | 5 | 6 };
    case 'linkReference':
    case 'link': {
      recurse(node);
      const url = node.type === 'link' ? node.url : definitions.get(node.identifier)?.url;
      // A wikilink in a link's text became a link itself: links do not nest.
      const inner = (node.children as PhrasingContent[]).flatMap((c) => (c.type === 'link' ? c.children : [c]));
      if (url === undefined || !SAFE_URL.test(url)) return inner;
      return { type: 'link', url, children: inner } as Link;
    }
    case 'imageReference':
    case 'image': {
      const url = node.type === 'image' ? node.url : definitions.get(node.identifier)?.url;
      if (url === undefined || !/^https?:\/\//i.test(url)) return text(node.alt ?? '');
      return { type: 'image', url, alt: node.alt ?? '' };
    }
    case 'footnoteReference':
      return { ...node, identifier: `p${index}-${node.identifier}`, label: `p${index}-${node.label ?? node.identifier}` };
    case 'footnoteDefinition': {
      recurse(node);
      const renamed: FootnoteDefinition = {
        ...node,
        identifier: `p${index}-${node.identifier}`,
        label: `p${index}-${node.label ?? node.identifier}`,
      };
      return renamed;
    }
    case 'text':
      return splitWikilinks(node.value).map((part) =>
        typeof part === 'string' ? text(part) : paperReference(resolve(part.target), part.raw, part.label),
      );
    default:
      if ('children' in node) recurse(node);
      return node;
  }
}

function linkItem(link: NoteLink, resolve: Resolver): ListItem {
  const children: Array<BlockContent | DefinitionContent> = [];
  switch (link.kind) {
    case 'url': {
      const label = text(oneLine(link.title ?? '') || link.url);
      children.push(
        SAFE_URL.test(link.url)
          ? paragraph({ type: 'link', url: link.url, children: [label] })
          : paragraph(label, text(' '), { type: 'inlineCode', value: link.url }),
      );
      break;
    }
    case 'paper':
      children.push(paragraph(text('Paper: '), paperReference(resolve(link.id), oneLine(link.title ?? '') || link.id)));
      break;
    case 'file': {
      const lines = link.startLine === link.endLine ? `${link.startLine + 1}` : `${link.startLine + 1}-${link.endLine + 1}`;
      children.push(paragraph(text('File: '), { type: 'inlineCode', value: `${link.path}:${lines}` }));
      if (link.quote) children.push({ type: 'code', value: link.quote });
      break;
    }
  }
  return { type: 'listItem', spread: false, children };
}

function annotationItem(annotation: Annotation, index: number, resolve: Resolver): ListItem {
  const children: Array<BlockContent | DefinitionContent> = [];
  if (annotation.anchor.exact.trim()) {
    children.push({ type: 'blockquote', children: [paragraph(text(annotation.anchor.exact))] });
  }
  if (annotation.tag) children.push(paragraph({ type: 'emphasis', children: [text(annotation.tag)] }));
  children.push(...noteBlocks(annotation.body, index, resolve));
  for (const reply of annotation.replies ?? []) {
    children.push(paragraph({ type: 'strong', children: [text('Reply')] }));
    children.push(...noteBlocks(reply.body, index, resolve));
  }
  return { type: 'listItem', spread: true, children };
}

/** The reading list as Markdown. */
export function exportMarkdown(items: ReadonlyArray<ExportItem>, options: { title: string }): string {
  const byKey = new Map<string, ExportItem>();
  for (const item of items) {
    byKey.set(item.paper.id, item);
    const title = item.paper.title.trim().toLowerCase();
    if (!byKey.has(title)) byKey.set(title, item);
  }
  const resolve: Resolver = (target) => byKey.get(target) ?? byKey.get(target.trim().toLowerCase());

  const children: RootContent[] = [heading(1, text(oneLine(options.title) || 'Reading list'))];
  items.forEach((item, i) => {
    const { paper, note } = item;
    const title = text(oneLine(paper.title) || paper.id);
    children.push(
      heading(2, paper.url && SAFE_URL.test(paper.url) ? { type: 'link', url: paper.url, children: [title] } : title),
    );
    const meta = metadataText(paper);
    if (meta) children.push(paragraph(text(meta)));
    if (note) children.push(noteStateLine(note));
    if (item.digests && item.digests.length > 0) {
      children.push(paragraph(text(`Digests: ${item.digests.map(oneLine).join(', ')}`)));
    }
    if (paper.abstract.trim()) children.push(paragraph(text(paper.abstract)));
    const paperLinks = paper.links.filter((url) => SAFE_URL.test(url) && url !== paper.url);
    if (paperLinks.length > 0) {
      children.push({
        type: 'list',
        ordered: false,
        spread: false,
        children: paperLinks.map((url) => ({
          type: 'listItem',
          spread: false,
          children: [paragraph({ type: 'link', url, children: [text(url)] })],
        })),
      });
    }
    if (!note) return;
    if (note.body.trim()) children.push(heading(3, text('Notes')), ...noteBlocks(note.body, i + 1, resolve));
    if (note.links.length > 0) {
      children.push(heading(3, text('Links')), {
        type: 'list',
        ordered: false,
        spread: false,
        children: note.links.map((link) => linkItem(link, resolve)),
      });
    }
    if (note.annotations.length > 0) {
      children.push(heading(3, text('Annotations')), {
        type: 'list',
        ordered: false,
        spread: true,
        children: note.annotations.map((a) => annotationItem(a, i + 1, resolve)),
      });
    }
  });
  return writer.stringify({ type: 'root', children });
}

// ---------------------------------------------------------------------------
// CSL-JSON

/** A CSL date: parts when a year is known, otherwise the date as written. */
export type CslDate = { 'date-parts': [CslDateParts] } | { literal: string };

/** A CSL name: a person's parts, or a group's name whole. */
export type CslName = { family: string; given?: string; suffix?: string } | { literal: string };

export interface CslItem {
  id: string;
  type: 'article';
  title: string;
  author?: CslName[];
  abstract?: string;
  URL?: string;
  issued?: CslDate;
  /** "arXiv" for a preprint with an arXiv id, as arXiv's own CSL-JSON has it. */
  publisher?: string;
  /** The arXiv id. */
  number?: string;
  /** arXiv's DOI for the preprint, 10.48550/arXiv.<id>. */
  DOI?: string;
  /** Upvotes and author count, e.g. "▲ 14 upvotes · 6 authors". */
  note?: string;
  /** The note's tags, comma-separated (CSL's keyword is one string). */
  keyword?: string;
}

/** The reading list as CSL-JSON items, one per paper. */
export function exportCslJson(items: ReadonlyArray<ExportItem>): CslItem[] {
  return items.map(({ paper, note, digests }) => {
    const item: CslItem = { id: paper.id, type: 'article', title: oneLine(paper.title) };
    const authors = (Array.isArray(paper.authors) ? paper.authors : []).map(splitName).filter((n): n is PersonName => n !== undefined);
    if (authors.length > 0) item.author = authors;
    if (paper.abstract.trim()) item.abstract = paper.abstract;
    const arxiv = parseArxivId(paper.arxivId);
    const url = arxiv ? arxivAbsUrl(arxiv) : paper.url ?? paper.links[0];
    if (url) item.URL = url;
    const parts = paperDate(paper, digests);
    if (parts) item.issued = { 'date-parts': [parts] };
    else if (paper.published?.trim()) item.issued = { literal: oneLine(paper.published) };
    if (arxiv) {
      item.publisher = 'arXiv';
      item.number = arxiv.id;
      item.DOI = arxivDoi(arxiv);
    }
    const facts: string[] = [];
    if (paper.upvotes !== undefined) facts.push(`▲ ${paper.upvotes} ${paper.upvotes === 1 ? 'upvote' : 'upvotes'}`);
    if (paper.authorCount !== undefined) facts.push(`${paper.authorCount} ${paper.authorCount === 1 ? 'author' : 'authors'}`);
    if (facts.length > 0) item.note = facts.join(' · ');
    if (note && note.tags.length > 0) item.keyword = note.tags.join(', ');
    return item;
  });
}
