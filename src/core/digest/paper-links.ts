import { isHttpUrl, type Paper } from '../model';
import { isArxivId } from './arxiv-id';

/** Where a paper can be read: each address only when the digest gave what it needs. */
export interface PaperLinks {
  huggingFace?: string;
  arxiv?: string;
  pdf?: string;
  code?: string;
  projectPage?: string;
  /** The Hugging Face paper search for the title: for a paper with no arXiv id. */
  search: string;
}

export function paperLinks(paper: Pick<Paper, 'title' | 'arxivId' | 'code' | 'projectPage'>): PaperLinks {
  const links: PaperLinks = { search: `https://huggingface.co/papers?q=${encodeURIComponent(paper.title)}` };
  if (isArxivId(paper.arxivId)) {
    links.huggingFace = `https://huggingface.co/papers/${paper.arxivId}`;
    links.arxiv = `https://arxiv.org/abs/${paper.arxivId}`;
    links.pdf = `https://arxiv.org/pdf/${paper.arxivId}`;
  }
  if (isHttpUrl(paper.code)) links.code = paper.code;
  if (isHttpUrl(paper.projectPage)) links.projectPage = paper.projectPage;
  return links;
}
