/** Fetching the Hugging Face Daily Papers: days, the request, and what a failure means. */
export { parseIsoDay, isoDay, lastDays, dateProblem } from './dates';
export { dailyPapersUrl, classifyFetchError } from './request';
export type { FetchFailure } from './request';
