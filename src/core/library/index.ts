/** The workspace's papers across digests (one entry per paper), the first look at candidate files, and the library kept between sessions. */
export { PaperIndex } from './paper-index';
export type { IndexedDigest, IndexedPaperEntry } from './paper-index';
export { sniffDigest, mayBeMarkdownDigest, headText, SNIFF_BYTES } from './digest-sniff';
export type { DigestSniff } from './digest-sniff';
export {
  DIGEST_PARSER_VERSION, textHash, recordMatches, libraryHeader, libraryLine, libraryTrailer, libraryRemovalLine, serializeLibrary, indexLibrary, readLibraryRecord, readLibraryChange,
} from './persisted-library';
export type { LibraryRecord, LibraryLines, IndexedLibrary, LibraryFileKind } from './persisted-library';
export { digestChange, samePaper } from './digest-change';
export type { DigestChange } from './digest-change';
