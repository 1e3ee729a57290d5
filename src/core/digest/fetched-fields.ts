/**
 * The labelled fields of a paper in a fetched Markdown digest (see render-fetched.ts):
 * list items of `**Label:** value` pairs, read from the mdast the Markdown parser
 * already has, so emphasis, escapes and code mean what CommonMark says:
 *
 *   - **arXiv:** [2405.15738](https://arxiv.org/abs/2405.15738) · **Published:** May 24 · **Upvotes:** 32
 *   - **Organisation:** zai-org Z.ai
 *   - **Authors:** Chunjiang Ge, Sijie Cheng, `Name, With Comma`
 *   - **Code:** <https://github.com/alibaba/conv-llava>
 *   - **Project page:** <https://example.org/>
 *   - **Keywords:** visual encoder, ConvNeXt
 *
 * A label is a strong node holding nothing but "<Label>:"; its value runs to the next
 * label of the item, less the " · " written between two fields. Names and keywords are
 * separated by commas; one that holds a comma is written as inline code, which the
 * split never looks into. Upvotes read 0 as none, as the page shows no count then.
 */
import type { Paragraph, PhrasingContent } from 'mdast';
import { arxivIdFromUrl, isArxivId } from './arxiv-id';
import { readDate } from './parse-hf-text';
import { isHttpUrl } from '../model';

/** What the labelled fields say about a paper. */
export interface FetchedFields {
  arxivId?: string;
  published?: string;
  upvotes?: number;
  org?: string;
  authors?: string[];
  code?: string;
  projectPage?: string;
  keywords?: string[];
}

export type FieldKey = keyof FetchedFields;

/** The label of each field, as written. */
export const FIELD_LABELS: Readonly<Record<FieldKey, string>> = {
  arxivId: 'arXiv',
  published: 'Published',
  upvotes: 'Upvotes',
  org: 'Organisation',
  authors: 'Authors',
  code: 'Code',
  projectPage: 'Project page',
  keywords: 'Keywords',
};

const BY_LABEL = new Map<string, FieldKey>([
  ...(Object.entries(FIELD_LABELS) as Array<[FieldKey, string]>).map(([key, label]): [string, FieldKey] => [`${label}:`, key]),
  ['Organization:', 'org'],
]);

/** Where the value of an Upvotes field is in the source, for a re-fetch to rewrite the count. */
export interface ValueSpan {
  /** Source offsets of the value's text node. */
  start: number;
  end: number;
  /** The text node's value: when the source slice differs (escapes, entities), it is not rewritten. */
  value: string;
}

export interface FieldItem {
  fields: FetchedFields;
  /** A field of the item whose value could not be read. */
  problems: string[];
  upvotes?: ValueSpan;
}

function labelOf(node: PhrasingContent): FieldKey | undefined {
  if (node.type !== 'strong' || node.children.length !== 1) return undefined;
  const child = node.children[0];
  return child.type === 'text' ? BY_LABEL.get(child.value) : undefined;
}

const SEPARATOR_AT_END = /[ \t]*·[ \t]*$/;
const COUNT = /^\d{1,9}$/;

/**
 * The text of a link written as its own address ("https://x.org/a", "<https://x.org/a>",
 * and GFM's "www.x.org" and "a@b.org"), or undefined for any other node: such a link
 * is text that GFM happens to link.
 */
export function literalLinkText(node: PhrasingContent): string | undefined {
  if (node.type !== 'link' || node.children.length !== 1) return undefined;
  const child = node.children[0];
  if (child.type !== 'text') return undefined;
  const { url } = node;
  const text = child.value;
  return url === text || url === `http://${text}` || url === `mailto:${text}` ? text : undefined;
}

/** The text of a text node or of a link that is text. */
function textOf(node: PhrasingContent): string | undefined {
  return node.type === 'text' ? node.value : literalLinkText(node);
}

/** The value's text, when it is nothing but text. */
function plainText(nodes: readonly PhrasingContent[]): string | undefined {
  let text = '';
  for (const node of nodes) {
    const part = textOf(node);
    if (part === undefined) return undefined;
    text += part;
  }
  return text.trim();
}

/** A comma-separated list; inline code is one item whatever it holds. */
function listOf(nodes: readonly PhrasingContent[]): string[] | undefined {
  const items: string[] = [];
  let run = '';
  const endRun = (): void => {
    for (const part of run.split(',')) {
      const item = part.trim();
      if (item !== '') items.push(item);
    }
    run = '';
  };
  for (const node of nodes) {
    const part = textOf(node);
    if (part !== undefined) {
      run += part;
    } else if (node.type === 'inlineCode') {
      endRun();
      items.push(node.value);
    } else {
      return undefined;
    }
  }
  endRun();
  return items.length > 0 ? items : undefined;
}

/** The one link among the value's nodes (white space around it allowed). */
function linkOf(nodes: readonly PhrasingContent[]): { url: string; text: string } | undefined {
  let link: { url: string; text: string } | undefined;
  for (const node of nodes) {
    if (node.type === 'text' && node.value.trim() === '') continue;
    if (node.type !== 'link' || link !== undefined) return undefined;
    const text = node.children.length === 1 && node.children[0].type === 'text' ? node.children[0].value : '';
    link = { url: node.url, text };
  }
  return link;
}

/** The value of one field, or undefined when it is not one. */
function readValue(key: FieldKey, nodes: readonly PhrasingContent[]): FetchedFields[FieldKey] | undefined {
  switch (key) {
    case 'arxivId': {
      const link = linkOf(nodes);
      if (link !== undefined) {
        const id = arxivIdFromUrl(link.url);
        return id !== undefined && (link.text === id || link.text === '') ? id : undefined;
      }
      const text = plainText(nodes);
      return text !== undefined && isArxivId(text) ? text : undefined;
    }
    case 'published': {
      const text = plainText(nodes);
      const date = text === undefined ? undefined : readDate(text);
      return date !== undefined && date.upvotes === undefined ? date.published : undefined;
    }
    case 'upvotes': {
      const text = plainText(nodes);
      return text !== undefined && COUNT.test(text) ? Number(text) : undefined;
    }
    case 'org': {
      const text = plainText(nodes);
      return text === '' ? undefined : text;
    }
    case 'authors':
    case 'keywords':
      return listOf(nodes);
    case 'code':
    case 'projectPage': {
      const url = linkOf(nodes)?.url;
      return url !== undefined && isHttpUrl(url) ? url : undefined;
    }
  }
}

/** Drops the " · " that the next field's label follows. */
function withoutSeparator(nodes: PhrasingContent[]): PhrasingContent[] {
  const last = nodes[nodes.length - 1];
  if (last?.type !== 'text' || !SEPARATOR_AT_END.test(last.value)) return nodes;
  const value = last.value.replace(SEPARATOR_AT_END, '');
  return value === '' ? nodes.slice(0, -1) : [...nodes.slice(0, -1), { ...last, value }];
}

/**
 * The fields of one list item's paragraph, or undefined when it does not start with a
 * label. A field repeated or unreadable is a problem, and the field is left out.
 */
export function readFieldItem(paragraph: Paragraph): FieldItem | undefined {
  const children = paragraph.children;
  if (children.length === 0 || labelOf(children[0]) === undefined) return undefined;
  const groups: Array<{ key: FieldKey; nodes: PhrasingContent[] }> = [];
  for (const node of children) {
    const key = labelOf(node);
    if (key !== undefined) groups.push({ key, nodes: [] });
    else groups[groups.length - 1].nodes.push(node);
  }
  const item: FieldItem = { fields: {}, problems: [] };
  const seen = new Set<FieldKey>();
  for (let i = 0; i < groups.length; i++) {
    const { key } = groups[i];
    const nodes = i + 1 < groups.length ? withoutSeparator(groups[i].nodes) : groups[i].nodes;
    const value = readValue(key, nodes);
    if (value === undefined) {
      item.problems.push(`Unreadable ${FIELD_LABELS[key]} field.`);
    } else if (seen.has(key)) {
      item.problems.push(`A second ${FIELD_LABELS[key]} field; keeping the first.`);
    } else if (key === 'upvotes') {
      seen.add(key);
      if (value !== 0) item.fields.upvotes = value as number;
      // The source node, separator and all: its slice of the source is its value.
      const node = groups[i].nodes.find((n) => n.type === 'text');
      if (node?.type === 'text' && node.position?.start.offset !== undefined && node.position.end.offset !== undefined) {
        item.upvotes = { start: node.position.start.offset, end: node.position.end.offset, value: node.value };
      }
    } else {
      seen.add(key);
      (item.fields as Record<FieldKey, unknown>)[key] = value;
    }
  }
  return item;
}
