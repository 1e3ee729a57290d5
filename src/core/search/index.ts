/** Search: the query language, the ranked index over every paper, and highlighting what matched. */
export type { SearchDoc, SearchDigestRef, SearchResult, SearchMatch, SearchField, ParsedQuery, QueryFilter, QueryWarning, CompareOp, FlagName, CountField, HasName, FilterView, FilterPredicate } from './types';
export { SEARCH_FIELDS } from './types';
export { parseQuery, matchesFilters, isFiltersOnly, compileFilters, filterView } from './query';
export { PaperSearch, newestDigestTime } from './paper-search';
export type { BulkOptions, RestoreOutcome } from './paper-search';
export { WORD_SEPARATOR, foldTerm, queryTerms } from './terms';
export { highlightRanges } from './highlight';
export { toSearchDoc } from './to-search-doc';
