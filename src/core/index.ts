export * from './types';
export { paperId, normaliseTitle } from './paper-id';
