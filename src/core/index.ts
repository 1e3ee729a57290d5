export * from './types';
export { paperId, normaliseTitle } from './paper-id';
export { PaperIndex } from './paper-index';
export type { IndexedDigest, IndexedPaperEntry } from './paper-index';
export { digestTime } from './digest-order';
