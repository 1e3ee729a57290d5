/**
 * A digest saved from the Hugging Face API (`YYYY-MM-DD.json`, see hf-api.ts): each
 * entry is a paper, described the way the Daily Papers page describes it, so that
 * the same paper reads the same from the JSON, from a copy of the page and from the
 * Markdown digest written from the JSON.
 */
import { hfPaperUrl } from './arxiv-id';
import { parseHfApiResponse, type HfEntry } from './hf-api';
import { extractLinks } from './links';
import type { ParseOptions } from './parse-hf-text';
import type { PaperFields } from './render-digest';
import { paperId } from '../model';
import type { Digest, Paper } from '../model';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A day ("2024-05-24") as the page writes it: "May 24", with the year when it is not
 * the year of the digest ("May 24, 2023"), or when the digest's year is not known.
 */
export function writtenDay(day: string, digestYear?: number): string {
  const year = Number(day.slice(0, 4));
  const written = `${MONTHS[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8, 10))}`;
  return year === digestYear ? written : `${written}, ${year}`;
}

const DAY_IN_NAME = /(\d{4})-(\d{2})-(\d{2})/;

/** The "YYYY-MM-DD" in a file name (the last segment of a uri), if it is a real day. */
export function dayInName(uri: string): string | undefined {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  const match = DAY_IN_NAME.exec(name);
  if (!match) return undefined;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const day = new Date(time).toISOString().slice(0, 10);
  return day === match[0] ? day : undefined;
}

/** The day most entries were on the list (the latest of equally common ones). */
function commonListedDay(entries: readonly HfEntry[]): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  let bestCount = 0;
  for (const { listedDay } of entries) {
    if (listedDay === undefined) continue;
    const count = (counts.get(listedDay) ?? 0) + 1;
    counts.set(listedDay, count);
    if (count > bestCount || (count === bestCount && best !== undefined && listedDay > best)) {
      best = listedDay;
      bestCount = count;
    }
  }
  return best;
}

/**
 * What the page shows of an entry, as a paper's fields: the organisation and the
 * arXiv date as written there, no upvote count when nobody upvoted yet, and the
 * author count as the number of names.
 */
export function hfEntryFields(entry: HfEntry, digestYear?: number): PaperFields {
  const fields: PaperFields = {
    title: entry.title,
    abstract: entry.abstract,
    links: extractLinks(entry.abstract),
    arxivId: entry.arxivId,
    url: hfPaperUrl(entry.arxivId),
  };
  if (entry.authors.length > 0) {
    fields.authors = entry.authors;
    fields.authorCount = entry.authors.length;
  }
  if (entry.org !== undefined) fields.org = entry.org;
  if (entry.publishedDay !== undefined) fields.published = writtenDay(entry.publishedDay, digestYear);
  if (entry.upvotes > 0) fields.upvotes = entry.upvotes;
  if (entry.code !== undefined) fields.code = entry.code;
  if (entry.projectPage !== undefined) fields.projectPage = entry.projectPage;
  if (entry.keywords.length > 0) fields.keywords = entry.keywords;
  return fields;
}

/** The papers of a response for the list of `day` ("YYYY-MM-DD"), in the response's order. */
export function hfEntriesFields(entries: readonly HfEntry[], day: string): PaperFields[] {
  const year = Number(day.slice(0, 4));
  return entries.map((entry) => hfEntryFields(entry, year));
}

export function parseHfJson(text: string, uri: string, options: ParseOptions = {}): Digest {
  if (text.trim() === '') return { uri, papers: [], diagnostics: [{ line: 0, severity: 'info', message: 'The file is empty.' }] };
  const response = parseHfApiResponse(text, options);
  if ('error' in response) return { uri, papers: [], diagnostics: [{ line: response.line, severity: 'error', message: response.error }] };
  const { entries } = response;
  // The digest's day is the one its file is named after (what the fetch command writes
  // and what orders digests), else the day most of its entries were on the list.
  const day = dayInName(uri) ?? commonListedDay(entries);
  const year = day === undefined ? undefined : Number(day.slice(0, 4));
  const digest: Digest = { uri, papers: [], diagnostics: [] };
  if (day !== undefined) digest.digestDate = writtenDay(day, year);
  for (const entry of entries) {
    const paper: Paper = {
      id: paperId(entry.title),
      ...hfEntryFields(entry, year),
      source: { uri, titleLine: entry.lines.title, startLine: entry.lines.start, endLine: entry.lines.end },
    };
    if (options.work) options.work.steps += entry.title.length + entry.abstract.length;
    if (paper.abstract === '') {
      digest.diagnostics.push({ line: entry.lines.title, severity: 'warning', message: `"${paper.title}" has no abstract.` });
    }
    digest.papers.push(paper);
  }
  if (entries.length === 0) digest.diagnostics.push({ line: 0, severity: 'info', message: 'The response lists no papers.' });
  return digest;
}
