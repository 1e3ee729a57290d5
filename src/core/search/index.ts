export { parseQuery, matchesFilters, isFiltersOnly, compileFilters, filterView } from './query';
export type { ParsedQuery, QueryFilter, QueryWarning, CompareOp, FlagName, CountField, FilterView, FilterPredicate } from './query';
export { PaperSearch, SEARCH_FIELDS, newestDigestTime } from './paper-search';
export { WORD_SEPARATOR, foldTerm, queryTerms } from './terms';
export type { SearchDoc, SearchDigestRef, SearchResult, SearchMatch, SearchField, BulkOptions } from './paper-search';
export { highlightRanges } from './highlight';
export { toSearchDoc } from './to-search-doc';
