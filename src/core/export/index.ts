/** Exporting papers and notes: a Markdown reading list and CSL-JSON for reference managers. */
export { exportMarkdown, exportCslJson, parsePublished } from './export';
export type { ExportItem, CslItem, CslDate, CslDateParts } from './export';
