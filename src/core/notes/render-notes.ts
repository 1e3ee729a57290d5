/**
 * The HTML preview of a note's Markdown, for the card webview.
 *
 * Markdown (GFM) goes to HTML through remark → rehype. Raw HTML in the note
 * is dropped (remark-rehype never passes it on), and the result is then
 * sanitised with GitHub's schema, extended only with what wikilinks need:
 * `data-paper-id` on links and the class of an unresolved wikilink. Link
 * targets are kept only for http, https and mailto URLs and in-page
 * fragments (`#paper:<id>`, footnotes); image sources only for http(s).
 *
 * An image from the web tells its server that the note was opened, and when: unless the
 * reader allows remote images, each becomes a button ("Load image from <host>") that
 * carries the address, and the card loads the image only when it is clicked.
 */

import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { UNRESOLVED_CLASS, remarkWikilinks, type WikilinkResolver } from './wikilinks';

export { findWikilinks } from './wikilinks';
export type { WikilinkResolver, WikilinkTarget } from './wikilinks';

const schema: SanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    a: [...(defaultSchema.attributes?.a ?? []), 'dataPaperId'],
    span: [...(defaultSchema.attributes?.span ?? []), ['className', UNRESOLVED_CLASS]],
  },
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
  // remark-rehype already prefixes the only ids there can be (footnotes; raw HTML is dropped):
  // a second prefix would break the footnote links.
  clobberPrefix: '',
};

const SAFE_HREF = /^(?:https?:\/\/|mailto:|#)/i;
const SAFE_SRC = /^https?:\/\//i;

/**
 * The sanitiser accepts any relative URL, which includes protocol-relative
 * ones (`//host/x`) that leave the webview; only absolute web URLs and
 * fragments are kept.
 */
function rehypeAbsoluteUrls() {
  const visit = (node: HastRoot | HastContent): void => {
    if (node.type === 'element') fixUrls(node);
    if ('children' in node) node.children.forEach(visit);
  };
  return (tree: HastRoot): void => visit(tree);
}

function fixUrls(element: Element): void {
  const { href, src } = element.properties;
  if (href !== undefined && !(typeof href === 'string' && SAFE_HREF.test(href))) delete element.properties.href;
  if (src !== undefined && !(typeof src === 'string' && SAFE_SRC.test(src))) delete element.properties.src;
}

/** How the notes' HTML treats images from the web. */
export interface NotesHtmlOptions {
  /** Show remote images at once (the reader's setting); otherwise each is a button that loads it. */
  remoteImages?: boolean;
  /** The button's words for an image from `host`. */
  loadImageLabel?: (host: string) => string;
}

/** The class of the button standing in for a remote image; `data-src` holds its address. */
export const REMOTE_IMAGE_CLASS = 'remote-image';

const defaultLabel = (host: string) => `Load image from ${host}`;

function hostOf(src: string): string {
  try {
    return new URL(src).host;
  } catch {
    return src.slice(0, 80);
  }
}

/** Turns each remote image into a button that names its host (see the file comment). */
function rehypeRemoteImagePlaceholders(options: NotesHtmlOptions) {
  const label = options.loadImageLabel ?? defaultLabel;
  const visit = (node: HastRoot | Element): void => {
    node.children.forEach((child, index) => {
      if (child.type !== 'element') return;
      const { src, alt } = child.properties;
      if (child.tagName === 'img' && typeof src === 'string' && SAFE_SRC.test(src)) {
        const placeholder: Element = {
          type: 'element',
          tagName: 'button',
          properties: { type: 'button', className: [REMOTE_IMAGE_CLASS], dataSrc: src, dataAlt: typeof alt === 'string' ? alt : '', title: src },
          children: [{ type: 'text', value: label(hostOf(src)) }],
        };
        node.children[index] = placeholder;
        return;
      }
      visit(child);
    });
  };
  return (tree: HastRoot): void => visit(tree);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Renders a note's Markdown to sanitised HTML. Never throws: on failure the text is shown escaped. */
export function renderNotesHtml(markdown: string, resolve: WikilinkResolver, options: NotesHtmlOptions = {}): string {
  try {
    const processor = unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkWikilinks, { resolve })
      .use(remarkRehype)
      .use(rehypeSanitize, schema)
      .use(rehypeAbsoluteUrls)
      .use(options.remoteImages ? [] : [[rehypeRemoteImagePlaceholders, options]])
      .use(rehypeStringify);
    return String(processor.processSync(markdown));
  } catch {
    return `<pre>${escapeHtml(markdown)}</pre>`;
  }
}
