/**
 * `[[paper-id]]`, `[[Paper title]]` and `[[target|label]]` links between notes.
 *
 * They are found in the Markdown syntax tree, in text only: a `[[...]]` in
 * code, in a link's text or in a URL is not a wikilink.
 */

import type { Link, Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export interface WikilinkTarget {
  id: string;
  title: string;
}

/** Maps what the user wrote between the brackets (an id or a title) to a paper. */
export type WikilinkResolver = (target: string) => WikilinkTarget | undefined;

export interface Wikilink {
  /** The text before `|`, trimmed. */
  target: string;
  /** The text after `|`, trimmed, when there is one. */
  label?: string;
  /** The link as written, brackets included. */
  raw: string;
}

const WIKILINK = /\[\[([^[\]\n|]+)(?:\|([^[\]\n]*))?\]\]/g;

/** Splits one text into plain runs and wikilinks. */
export function splitWikilinks(text: string): Array<string | Wikilink> {
  const parts: Array<string | Wikilink> = [];
  let last = 0;
  for (const m of text.matchAll(WIKILINK)) {
    const start = m.index ?? 0;
    const target = m[1].trim();
    if (target === '') continue;
    if (start > last) parts.push(text.slice(last, start));
    const label = m[2]?.trim();
    parts.push({ target, raw: m[0], ...(label ? { label } : {}) });
    last = start + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Text nodes outside links, with their parent, in document order. */
function textNodes(tree: Root): Array<{ node: Text; parent: Parent }> {
  const found: Array<{ node: Text; parent: Parent }> = [];
  const walk = (node: Nodes): void => {
    if (!('children' in node)) return;
    if (node.type === 'link' || node.type === 'linkReference') return;
    for (const child of node.children) {
      if (child.type === 'text') found.push({ node: child, parent: node });
      else walk(child);
    }
  };
  walk(tree);
  return found;
}

const markdownParser = unified().use(remarkParse).use(remarkGfm).freeze();

/** The targets of the wikilinks in a note, each once, in order of first use. */
export function findWikilinks(markdown: string): string[] {
  const targets: string[] = [];
  let tree: Root;
  try {
    tree = markdownParser.parse(markdown);
  } catch {
    return targets;
  }
  for (const { node } of textNodes(tree)) {
    for (const part of splitWikilinks(node.value)) {
      if (typeof part !== 'string' && !targets.includes(part.target)) targets.push(part.target);
    }
  }
  return targets;
}

export const UNRESOLVED_CLASS = 'wikilink-unresolved';

function safeResolve(resolve: WikilinkResolver, target: string): WikilinkTarget | undefined {
  try {
    return resolve(target);
  } catch {
    return undefined;
  }
}

function wikilinkNode(link: Wikilink, resolve: WikilinkResolver): PhrasingContent {
  const target = safeResolve(resolve, link.target);
  if (!target) {
    // Shown as marked text, not as a link that leads nowhere.
    return {
      type: 'text',
      value: link.label ?? link.target,
      data: {
        hName: 'span',
        hProperties: { className: [UNRESOLVED_CLASS], title: `No paper found for "${link.target}"` },
      },
    };
  }
  const node: Link = {
    type: 'link',
    url: `#paper:${target.id}`,
    children: [{ type: 'text', value: link.label ?? (target.title || link.target) }],
    data: { hProperties: { dataPaperId: target.id } },
  };
  return node;
}

/** remark plugin: turns wikilinks in text into paper links (or marked text when they resolve to nothing). */
export function remarkWikilinks(options: { resolve: WikilinkResolver }) {
  return (tree: Root): void => {
    for (const { node, parent } of textNodes(tree)) {
      const parts = splitWikilinks(node.value);
      if (parts.length === 1 && typeof parts[0] === 'string') continue;
      const replacement = parts.map((part): PhrasingContent =>
        typeof part === 'string' ? { type: 'text', value: part } : wikilinkNode(part, options.resolve),
      );
      const children = parent.children as PhrasingContent[];
      children.splice(children.indexOf(node), 1, ...replacement);
    }
  };
}
