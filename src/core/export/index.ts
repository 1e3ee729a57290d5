/** Exporting papers and notes: a Markdown reading list and CSL-JSON for reference managers. */
export { exportMarkdown, exportCslJson } from './export';
export type { ExportItem, CslItem, CslDate } from './export';
export { parsePublished } from './dates';
export type { CslDateParts } from './dates';
