/**
 * The Markdown digest written for a day fetched from the Hugging Face API
 * (`digests/YYYY-MM-DD.md`): every field the API gives a paper, laid out for a person
 * reading the file and read back exactly by the Markdown digest parser.
 *
 *   # Daily Papers — May 27
 *
 *   ## [ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models](https://huggingface.co/papers/2405.15738)
 *
 *   - **arXiv:** [2405.15738](https://arxiv.org/abs/2405.15738) · **Published:** May 24 · **Upvotes:** 32
 *   - **Organisation:** zai-org Z.ai
 *   - **Authors:** Chunjiang Ge, Sijie Cheng, Ziming Wang
 *   - **Code:** <https://github.com/alibaba/conv-llava>
 *   - **Project page:** <https://example.org/convllava/>
 *   - **Keywords:** visual encoder, hierarchical backbone, ConvNeXt
 *
 *   High-resolution Large Multimodal Models (LMMs) encounter the challenges of ... The
 *   ConvLLaVA model series are publicly available at <https://github.com/alibaba/conv-llava>.
 *
 * - The level-1 heading carries the day as the page writes it ("May 27"); the year is
 *   in the file name.
 * - Each paper is a level-2 heading: its title, linked to its Hugging Face page.
 * - Right under it, one list of labelled fields (fetched-fields.ts). The first item is
 *   always there: the arXiv id linked to arXiv, the arXiv date ("May 24", with the year
 *   when it is not the digest's: "May 24, 2023") and the upvote count (0 when there is
 *   none, which reads back as none). The others appear when the API has them: the
 *   organisation as the page writes it ("<name> <fullname>"), the authors in order,
 *   the code repository, the project page, the keywords. A name or keyword holding a
 *   comma is written as inline code.
 * - Then the abstract, as paragraphs, its URLs written as autolinks. A paper with a
 *   field list has all its metadata there, so the parser reads every paragraph after it
 *   as abstract text, even one that looks like a metadata line.
 *
 * The text is built as mdast and serialised by remark, so whatever a title, a name or
 * an abstract holds (asterisks, brackets, HTML, "#", backticks) is escaped and reads
 * back as written. A re-fetch rewrites only the upvote counts and appends new papers
 * (merge-fetched.ts), so what the reader edits in the file stays as it is.
 */
import type { Heading, List, ListItem, PhrasingContent, RootContent } from 'mdast';
import { arxivAbsUrl, hfPaperUrl } from './arxiv-id';
import { FIELD_LABELS, type FieldKey } from './fetched-fields';
import { extractLinks } from './links';
import { dayInName, writtenDay } from './parse-hf-json';
import { paragraphsOf, stringifyMarkdown, type PaperFields } from './render-digest';

const text = (value: string): PhrasingContent => ({ type: 'text', value });

function label(key: FieldKey): PhrasingContent {
  return { type: 'strong', children: [text(`${FIELD_LABELS[key]}:`)] };
}

function autolink(url: string): PhrasingContent {
  return { type: 'link', url, children: [text(url)] };
}

/** Names or keywords separated by commas; one that holds a comma is inline code. */
function listValue(items: readonly string[]): PhrasingContent[] {
  const nodes: PhrasingContent[] = [];
  let pending = ' ';
  for (const [i, item] of items.entries()) {
    if (i > 0) pending += ', ';
    if (item.includes(',')) {
      nodes.push(text(pending), { type: 'inlineCode', value: item });
      pending = '';
    } else {
      pending += item;
    }
  }
  if (pending !== '') nodes.push(text(pending));
  return nodes;
}

function item(children: PhrasingContent[]): ListItem {
  return { type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] };
}

function fieldList(paper: PaperFields): List {
  const first: PhrasingContent[] = [];
  if (paper.arxivId !== undefined) {
    first.push(label('arxivId'), text(' '), { type: 'link', url: arxivAbsUrl(paper.arxivId), children: [text(paper.arxivId)] }, text(' · '));
  }
  if (paper.published !== undefined) first.push(label('published'), text(` ${paper.published} · `));
  first.push(label('upvotes'), text(` ${paper.upvotes ?? 0}`));
  const items = [item(first)];
  if (paper.org !== undefined) items.push(item([label('org'), text(` ${paper.org}`)]));
  if (paper.authors !== undefined && paper.authors.length > 0) items.push(item([label('authors'), ...listValue(paper.authors)]));
  if (paper.code !== undefined) items.push(item([label('code'), text(' '), autolink(paper.code)]));
  if (paper.projectPage !== undefined) items.push(item([label('projectPage'), text(' '), autolink(paper.projectPage)]));
  if (paper.keywords !== undefined && paper.keywords.length > 0) items.push(item([label('keywords'), ...listValue(paper.keywords)]));
  return { type: 'list', ordered: false, spread: false, children: items };
}

/**
 * A paragraph of prose with its URLs as autolinks: "<https://x.org/a>" reads better than
 * the "https\://x.org/a" that escaping a bare URL gives, and reads back as the same text.
 */
function prose(paragraph: string): PhrasingContent[] {
  const nodes: PhrasingContent[] = [];
  let from = 0;
  for (const url of extractLinks(paragraph)) {
    const at = paragraph.indexOf(url, from);
    if (at === -1) continue;
    if (at > from) nodes.push(text(paragraph.slice(from, at)));
    nodes.push(autolink(url));
    from = at + url.length;
  }
  if (from < paragraph.length) nodes.push(text(paragraph.slice(from)));
  return nodes;
}

/** One paper's section: heading, field list, abstract. */
function paperNodes(paper: PaperFields): RootContent[] {
  const url = paper.url ?? (paper.arxivId === undefined ? undefined : hfPaperUrl(paper.arxivId));
  const title = text(paper.title);
  const heading: Heading = { type: 'heading', depth: 2, children: url === undefined ? [title] : [{ type: 'link', url, children: [title] }] };
  const nodes: RootContent[] = [heading, fieldList(paper)];
  for (const paragraph of paragraphsOf(paper.abstract)) nodes.push({ type: 'paragraph', children: prose(paragraph) });
  return nodes;
}

/** The papers' sections alone, for appending to a digest already written. */
export function renderFetchedPapers(papers: ReadonlyArray<PaperFields>): string {
  return stringifyMarkdown({ type: 'root', children: papers.flatMap(paperNodes) });
}

/**
 * The whole digest of the list of `day` ("YYYY-MM-DD"): papers as `hfEntriesFields`
 * gives them for that day (or as `parseDigest` reads them from the response).
 */
export function renderFetchedDigest(day: string, papers: ReadonlyArray<PaperFields>): string {
  const heading = dayInName(day) === day ? `Daily Papers — ${writtenDay(day, Number(day.slice(0, 4)))}` : 'Daily Papers';
  const children: RootContent[] = [{ type: 'heading', depth: 1, children: [text(heading)] }, ...papers.flatMap(paperNodes)];
  return stringifyMarkdown({ type: 'root', children });
}
