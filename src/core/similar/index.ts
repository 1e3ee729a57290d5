/** Similar papers: the papers of the whole library most like a given one, and the words they share. */
export { SimilarPapers, DEFAULT_SIMILAR_LIMIT, similarInputOf } from './similar-papers';
export type { SimilarInput, SimilarPaper } from './similar-papers';
export { similarTerm, forEachTerm, forEachWord } from './similar-terms';
