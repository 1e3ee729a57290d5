import { DigestParser, isDigest, type Digest } from '../../core';

/** What the index needs of a parser: one object per thread, which may keep state per file. */
export interface DigestParserLike {
  parse(text: string, uri: string): Digest;
  /** The file is gone (or no longer a digest): drop what was kept for it. */
  forget(uri: string): void;
}

/**
 * The one place that makes the parser used by the digest worker and by the host's fallback:
 * core's DigestParser, which re-reads only the changed sections of a Markdown digest.
 */
export function createDigestParser(): DigestParserLike {
  return new DigestParser();
}

/**
 * The digest in a file's text, or undefined when the text is no digest (a README, notes).
 * For Markdown files this check parses the head of the text with remark, so it runs
 * where the parse does: in the worker.
 */
export function parseIfDigest(parser: DigestParserLike, text: string, uri: string, name: string): Digest | undefined {
  if (isDigest(text, name)) return parser.parse(text, uri);
  parser.forget(uri);
  return undefined;
}

/**
 * Whether the head of a file (its first DIGEST_SNIFF_LENGTH + 1 characters, or all of a
 * shorter one) is a digest's: the check parseIfDigest makes, asked before the file's
 * text is decoded whole. For Markdown it runs remark, so it runs in the worker too.
 */
export function isDigestHead(head: string, name: string): boolean {
  return isDigest(head, name);
}
