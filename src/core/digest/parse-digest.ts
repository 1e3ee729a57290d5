/**
 * One entry point for every digest format. The format is chosen from the file name
 * when it says JSON or Markdown, else from the text: a response of the Hugging Face
 * API starts as an array of paper objects, and a Markdown digest has level-2 headings
 * ("## Title") near its top, which the plain-text format never has.
 */
import { looksLikeHfApiJson } from './hf-api';
import { MarkdownDigestParser, wholeJob, type DigestParseJob, type MarkdownParseStats } from './markdown-digest-parser';
import { parseHfJson } from './parse-hf-json';
import { parseHfText, type ParseOptions } from './parse-hf-text';
import { parseMarkdownDigest } from './parse-markdown';
import type { Digest } from '../model';

export type { ParseOptions } from './parse-hf-text';
export type DigestFormat = 'hf-text' | 'markdown' | 'hf-json';

/** How far into the text the format sniffing looks. */
const SNIFF_LENGTH = 4096;

/** The uri in lower case without its query or fragment: "file:///a/b.md?x" is still b.md. */
function pathOf(uri: string): string {
  let end = uri.length;
  const query = uri.indexOf('?');
  if (query !== -1) end = query;
  const fragment = uri.indexOf('#');
  if (fragment !== -1 && fragment < end) end = fragment;
  return uri.slice(0, end).toLowerCase();
}

function hasMarkdownExtension(path: string): boolean {
  return path.endsWith('.md') || path.endsWith('.markdown');
}

/** True when one of the first lines is an ATX level-2 heading: "## ", after at most three spaces. */
export function hasLevel2Headings(text: string): boolean {
  const head = text.length > SNIFF_LENGTH ? text.slice(0, SNIFF_LENGTH) : text;
  let from = 0;
  for (;;) {
    const at = head.indexOf('## ', from);
    if (at === -1) return false;
    let lineStart = at;
    while (lineStart > 0 && head.charCodeAt(lineStart - 1) === 0x20) lineStart--;
    const atLineStart = lineStart === 0 || head.charCodeAt(lineStart - 1) === 0x0a || head.charCodeAt(lineStart - 1) === 0x0d
      || (lineStart === 1 && head.charCodeAt(0) === 0xfeff);
    const notDeeper = at === 0 || head.charCodeAt(at - 1) !== 0x23; // "### " is not level 2
    if (atLineStart && at - lineStart <= 3 && notDeeper) return true;
    from = at + 3;
  }
}

export function digestFormat(text: string, uri: string): DigestFormat {
  const path = pathOf(uri);
  if (path.endsWith('.json')) return 'hf-json';
  if (hasMarkdownExtension(path)) return 'markdown';
  if (looksLikeHfApiJson(text)) return 'hf-json';
  return hasLevel2Headings(text) ? 'markdown' : 'hf-text';
}

/**
 * Parses a digest of any format. Total: any text gives a Digest, and what could not
 * be read is reported in `diagnostics` (0-based lines) instead of being thrown.
 */
export function parseDigest(text: string, uri: string = 'untitled:digest', options: ParseOptions = {}): Digest {
  const source = typeof text === 'string' ? text : '';
  switch (digestFormat(source, uri)) {
    case 'markdown': return parseMarkdownDigest(source, uri, options);
    case 'hf-json': return parseHfJson(source, uri, options);
    default: return parseHfText(source, uri, options);
  }
}

/**
 * `parseDigest` for a text that changes: what adapters keep, one per workspace index.
 * Markdown digests are re-read section by section (only the sections that changed
 * since the last parse of the same uri go through remark); plain-text digests are
 * parsed whole, which is already fast. The result is always `parseDigest(text, uri)`.
 * It keeps the sections of the last parse of each uri; call `forget(uri)` when a
 * digest is deleted or stops being a digest. JSON digests, like plain-text ones, are
 * parsed whole.
 */
export class DigestParser {
  private readonly markdown = new MarkdownDigestParser();

  parse(text: string, uri: string = 'untitled:digest', options: ParseOptions = {}): Digest {
    const job = this.begin(text, uri, options);
    while (job.step());
    return job.result();
  }

  /**
   * The same parse in bounded steps (a Markdown digest's changed sections one at a time; a
   * plain-text or JSON digest, which parses fast, in one), for the editor's open documents.
   */
  begin(text: string, uri: string = 'untitled:digest', options: ParseOptions = {}): DigestParseJob {
    const source = typeof text === 'string' ? text : '';
    const format = digestFormat(source, uri);
    if (format === 'markdown') {
      this.markdownStats = true;
      return this.markdown.begin(source, uri, options);
    }
    this.markdown.forget(uri);
    this.markdownStats = false;
    // Nothing for remark to read: these parse at hundreds of MB/s, in one step.
    return wholeJob(0, () => (format === 'hf-json' ? parseHfJson(source, uri, options) : parseHfText(source, uri, options)));
  }

  private markdownStats = true;

  /** Sections of the last parse and how many remark read; both 0 for a plain-text or JSON digest or a text parsed whole. */
  lastStats(): MarkdownParseStats {
    return this.markdownStats ? this.markdown.lastStats() : { sections: 0, parsed: 0 };
  }

  forget(uri: string): void {
    this.markdown.forget(uri);
  }

  /** Drops everything kept, for every uri. */
  clear(): void {
    this.markdown.clear();
  }
}
