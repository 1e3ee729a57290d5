/**
 * Papers built from the Hugging Face API's JSON (test/hf-api), the
 * way a digest of that JSON fills the paper model: real titles, names and
 * ids for the citation and search tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paperId, type Paper } from '../../src/core';

export const HF_API_FILES = ['2024-05-27.json', '2026-08-14.json'];

interface ApiEntry {
  paper: {
    id: string;
    title: string;
    summary?: string;
    publishedAt?: string;
    authors?: Array<{ name: string }>;
    githubRepo?: string;
    projectPage?: string;
    ai_keywords?: string[];
    upvotes?: number;
  };
}

export interface ApiPaper {
  paper: Paper;
  /** The digest's file name, which gives a date its year. */
  digest: string;
}

export function hfApiPapers(): ApiPaper[] {
  return HF_API_FILES.flatMap((file) => {
    const entries = JSON.parse(readFileSync(join(__dirname, '..', 'hf-api', file), 'utf8')) as ApiEntry[];
    return entries.map(({ paper: p }, i) => {
      const title = p.title.replace(/\s+/g, ' ').trim();
      const authors = (p.authors ?? []).map((a) => a.name);
      const paper: Paper = {
        id: paperId(title),
        title,
        abstract: (p.summary ?? '').replace(/\s+/g, ' ').trim(),
        arxivId: p.id,
        authors,
        authorCount: authors.length,
        ...(p.publishedAt ? { published: p.publishedAt } : {}),
        ...(p.githubRepo ? { code: p.githubRepo } : {}),
        ...(p.projectPage ? { projectPage: p.projectPage } : {}),
        ...(p.ai_keywords?.length ? { keywords: p.ai_keywords } : {}),
        ...(typeof p.upvotes === 'number' ? { upvotes: p.upvotes } : {}),
        url: `https://huggingface.co/papers/${p.id}`,
        links: [],
        source: { uri: `file:///digests/${file}`, titleLine: i, startLine: i, endLine: i },
      };
      return { paper, digest: file };
    });
  });
}
