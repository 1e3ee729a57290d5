/** Digest files: recognising, parsing and rendering the formats, and the links in a paper. */
export { parseDigest, digestFormat, hasLevel2Headings, DigestParser } from './parse-digest';
export type { DigestFormat } from './parse-digest';
export { parseHfText, readMetadataLine, readDate, readAuthorCount, isMonthName, isSpace, HF_HEADER_LINES } from './parse-hf-text';
export type { ParseOptions, PaperMetadata, MetadataLine, DateParts } from './parse-hf-text';
export { parseMarkdownDigest } from './parse-markdown';
export { MarkdownDigestParser } from './markdown-digest-parser';
export type { MarkdownParseStats } from './markdown-digest-parser';
export { splitMarkdownSections } from './markdown-sections';
export type { MarkdownSection } from './markdown-sections';
export { isDigest, DIGEST_SNIFF_LENGTH } from './is-digest';
export { extractLinks } from './links';
export { renderHfDigest, renderMarkdownDigest, metadataLine } from './render-digest';
export type { PaperFields, HfRenderOptions, MarkdownRenderOptions } from './render-digest';
export { parseHfApiResponse, looksLikeHfApiJson } from './hf-api';
export type { HfEntry, HfApiResponse, HfApiOptions } from './hf-api';
export { parseHfJson, hfEntryFields, hfEntriesFields, writtenDay, dayInName } from './parse-hf-json';
export { renderFetchedDigest, renderFetchedPapers } from './render-fetched';
export { arxivIdFromUrl, arxivIdOfLinks, isArxivId, hfPaperUrl, arxivAbsUrl } from './arxiv-id';
