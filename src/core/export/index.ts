/** Exporting papers and notes: a Markdown reading list, CSL-JSON and BibTeX for reference managers. */
export { exportMarkdown, exportCslJson } from './export';
export type { ExportItem, CslItem, CslDate, CslName } from './export';
export { parsePublished, paperDate } from './dates';
export type { CslDateParts } from './dates';
export { splitName } from './names';
export type { PersonName } from './names';
export { parseArxivId } from './arxiv';
export type { ArxivId } from './arxiv';
export { exportBibtex, bibtexEntry, bibtexKey } from './bibtex';
export type { BibtexOptions } from './bibtex';
