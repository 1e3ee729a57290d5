/** Exporting papers and notes: a Markdown reading list, CSL-JSON and BibTeX for reference managers. */
export { exportMarkdown, exportCslJson } from './export';
export type { ExportItem, CslItem, CslDate, CslName } from './export';
export { parsePublished } from './dates';
export type { CslDateParts } from './dates';
export { exportBibtex, bibtexEntry, bibtexKey } from './bibtex';
export type { BibtexOptions } from './bibtex';
