export * from './types';
export { paperId, normaliseTitle } from './paper-id';
export { PaperIndex } from './paper-index';
export type { IndexedDigest, IndexedPaperEntry } from './paper-index';
export { digestTime } from './digest-order';
export { createAnchor, reanchor, reanchorAll, newAnchorWork, ANCHOR_CONFIDENCE_THRESHOLD, ANCHOR_CONTEXT_LENGTH } from './anchor';
export type { AnchorResult, AnchorMethod, AnchorWork } from './anchor';
export * from './search';
