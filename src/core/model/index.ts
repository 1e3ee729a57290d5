/** The shared data model: papers, digests, notes, and the checks every value from outside passes. */
export * from './types';
export { paperId, normaliseTitle, normaliseAnyTitle, fnv1a, isPaperId, MAX_PAPER_ID_LENGTH } from './paper-id';
export { READING_STATUSES, MAX_TAG_LENGTH, MAX_URL_LENGTH, isReadingStatus, isHttpUrl, cleanTag } from './checks';
export { newWorkCounter } from './work-counter';
export type { WorkCounter } from './work-counter';
export { digestTime, digestDayLabel } from './digest-order';
export { ownJoinedLines, ownText } from './own-text';
export { markdownLines, markdownText } from './markdown-text';
