/**
 * A synthetic workspace of daily digests, deterministic from a seed: years of
 * Hugging Face "Daily Papers" text files and Markdown digests grown from the
 * papers of the real seed digests.
 *
 * What makes it realistic enough to measure with:
 *   - every paper is a seed paper with its title and abstract mutated (words
 *     swapped, replaced and inserted from the seeds' own vocabulary, a coined
 *     method name in the title and abstract), so term statistics look like
 *     real abstracts and no two papers share a title;
 *   - papers re-appear in later digests (same title, more upvotes), as
 *     trending papers do, so one paper has several occurrences;
 *   - metadata varies the way the page does: organisation or author count,
 *     a date with or without an upvote count or a year, and sometimes none;
 *   - files vary the way saved pages do: with or without the page header,
 *     CRLF line endings, abstracts hard-wrapped by an e-mail client, a
 *     byte-order mark, trailing spaces and runs of blank lines;
 *   - about one file in five is a Markdown digest.
 *
 * Files are named by their day ("2021-01-01.txt", one per day), so the
 * digest order is known without reading a modification time.
 */
import { paperId } from '../src/core';
import { renderHfDigest, renderMarkdownDigest, type PaperFields } from '../src/core';
import type { Paper } from '../src/core';
import { Prng } from './prng';

export type CorpusFormat = 'hf-text' | 'markdown';

export interface CorpusOptions {
  /** How many digest files, 1 to 10,000 (at most MAX_CORPUS_FILES). */
  files: number;
  seed: number;
  /** Mean papers per file; each file holds this many plus or minus 6. Default 28. */
  papersPerFile?: number;
  /** Share of Markdown digests. Default 0.2. */
  markdownShare?: number;
  /** Share of a digest's papers that appeared in an earlier digest. Default 0.12. */
  repeatShare?: number;
  /** ISO date of the first file. Default 2021-01-01. */
  start?: string;
}

export interface CorpusVariant {
  header: boolean;
  crlf: boolean;
  /** Abstracts hard-wrapped at this many columns; 0 when not wrapped. */
  wrap: number;
  bom: boolean;
  /** Trailing spaces on some lines and runs of blank lines between some blocks. */
  untidy: boolean;
}

export interface CorpusFile {
  /** "2021-01-01.txt" or "2021-01-01.md". */
  name: string;
  format: CorpusFormat;
  text: string;
  /** The digest's date as written in the file: "Jan 1". */
  digestDate: string;
  /** The titles in file order, as the parser should read them back. */
  titles: string[];
  /** How many of those papers appeared in an earlier file of the corpus. */
  repeats: number;
  variant: CorpusVariant;
}

/** Enough for the scaling curve: about 27 years of dailies, 280,000 entries. */
export const MAX_CORPUS_FILES = 10_000;

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

/** Organisations as the page writes them: the hub handle, then the display name. */
const ORGS = [
  'zai-org Z.ai', 'google Google', 'meta-llama Meta Llama', 'nvidia NVIDIA', 'microsoft Microsoft',
  'Qwen Qwen', 'deepseek-ai DeepSeek', 'allenai Ai2', 'mistralai Mistral AI', 'apple Apple',
  'ByteDance-Seed ByteDance Seed', 'OpenGVLab OpenGVLab', 'tencent Tencent', 'stanford-crfm Stanford CRFM',
  'facebook AI at Meta', 'HuggingFaceTB Hugging Face Smol Models Research', 'ibm-granite IBM Granite',
  'baidu BAIDU', 'moonshotai Moonshot AI', 'THUDM Knowledge Engineering Group (KEG) & Data Mining at Tsinghua University',
];

const SYLLABLES = [
  'ra', 'zo', 'vex', 'lu', 'mi', 'tor', 'qua', 'nex', 'sil', 'dra', 'ko', 'pha', 'gen', 'tri', 'mo', 'lex',
  'ar', 'bel', 'cy', 'dor', 'fi', 'gra', 'hy', 'jin', 'ka', 'lo', 'mer', 'no', 'pi', 'ron', 'sa', 'tu', 'vi', 'wen',
];
const COIN_SUFFIXES = ['', '', '', '', '-7B', '-R1', 'Net', 'GPT', 'Bench', 'RL', '-VL', 'Former', '-2', 'Zero'];

/** Words of the seed abstracts that can stand anywhere in a sentence: plain lower-case words. */
function vocabularyOf(papers: readonly PaperFields[]): string[] {
  const words = new Set<string>();
  for (const paper of papers) {
    for (const word of paper.abstract.split(/\s+/)) {
      if (/^[a-z]{4,14}$/.test(word)) words.add(word);
    }
  }
  return [...words].sort();
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}

/** A made-up method or model name ("Zovextor", "Kalu-7B"): rare words that a reader searches for. */
function coinName(rng: Prng): string {
  let name = '';
  const count = rng.int(2, 3);
  for (let i = 0; i < count; i++) name += rng.pick(SYLLABLES);
  return capitalise(name) + rng.pick(COIN_SUFFIXES);
}

function swap<T>(items: T[], i: number, j: number): void {
  const t = items[i];
  items[i] = items[j];
  items[j] = t;
}

function mutateTitle(rng: Prng, title: string, vocabulary: readonly string[], coin: string | undefined): string {
  const words = title.split(' ').filter((w) => w !== '');
  const edits = rng.int(1, 3);
  for (let e = 0; e < edits; e++) {
    const roll = rng.next();
    const i = rng.int(0, words.length - 1);
    if (roll < 0.35 && words.length > 2) {
      swap(words, i, rng.int(0, words.length - 1));
    } else if (roll < 0.7) {
      const word = rng.pick(vocabulary);
      words[i] = isCapitalised(words[i]) ? capitalise(word) : word;
    } else {
      const word = rng.pick(vocabulary);
      words.splice(i, 0, isCapitalised(words[Math.min(i, words.length - 1)]) ? capitalise(word) : word);
    }
  }
  let result = words.join(' ');
  if (coin !== undefined) {
    const colon = result.indexOf(': ');
    result = colon > 0 && colon < 40 ? `${coin}${result.slice(colon)}` : `${coin}: ${result}`;
  }
  // A title is not a sentence: the parser reads a one-line block ending in "." as prose.
  let end = result.length;
  while (end > 0 && (result[end - 1] === '.' || result[end - 1] === ' ')) end--;
  return result.slice(0, end);
}

function mutateAbstract(rng: Prng, abstract: string, vocabulary: readonly string[], coin: string | undefined): string {
  const paragraphs = abstract.split('\n\n').map((p) => p.split(' ').filter((w) => w !== ''));
  const edits = rng.int(4, 16);
  for (let e = 0; e < edits; e++) {
    const words = rng.pick(paragraphs);
    if (words.length < 3) continue;
    const i = rng.int(1, words.length - 2);
    const roll = rng.next();
    if (roll < 0.4) swap(words, i, i + 1);
    else if (roll < 0.7) words.splice(i, 0, rng.pick(vocabulary));
    else if (/^[a-z]+$/.test(words[i])) words[i] = rng.pick(vocabulary);
  }
  let text = paragraphs.map((words) => words.join(' ')).join('\n\n');
  if (coin !== undefined) {
    const roll = rng.next();
    if (roll < 0.25) {
      text += ` Code and models are available at https://github.com/${coin.toLowerCase()}-lab/${coin}.`;
    } else if (roll < 0.75) {
      text += ` We call the resulting method ${coin}.`;
    }
  }
  return text;
}

function writtenDate(time: number, withYear: boolean): string {
  const date = new Date(time);
  const base = `${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCDate()}`;
  return withYear ? `${base}, ${date.getUTCFullYear()}` : base;
}

function isoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * Metadata the way the page shows it: usually an author count, sometimes the
 * organisation instead (rarely both), a publication date weeks to years before
 * the digest, an upvote count after it most of the time, and now and then no
 * metadata at all.
 */
function metadataFor(rng: Prng, day: number, needsTelling: boolean): Pick<PaperFields, 'org' | 'authorCount' | 'published' | 'upvotes'> {
  const meta: Pick<PaperFields, 'org' | 'authorCount' | 'published' | 'upvotes'> = {};
  if (!needsTelling && rng.chance(0.08)) return meta;
  const roll = rng.next();
  if (roll < 0.4) meta.org = rng.pick(ORGS);
  else if (roll < 0.96) meta.authorCount = rng.chance(0.9) ? rng.int(2, 14) : rng.int(1, 60);
  else {
    meta.org = rng.pick(ORGS);
    meta.authorCount = rng.int(2, 30);
  }
  if (needsTelling || rng.chance(0.97)) {
    const age = Math.floor(rng.next() * rng.next() * 700);
    meta.published = writtenDate(day - age * DAY_MS, age > 300);
    if (rng.chance(0.7)) meta.upvotes = Math.floor(Math.exp(rng.next() * 6)) - 1;
  }
  return meta;
}

function markdownUrl(rng: Prng, day: number): string | undefined {
  const roll = rng.next();
  const date = new Date(day);
  const yymm = `${String(date.getUTCFullYear()).slice(2)}${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  const number = `${yymm}.${String(rng.int(0, 99999)).padStart(5, '0')}`;
  if (roll < 0.45) return `https://arxiv.org/abs/${number}`;
  if (roll < 0.8) return `https://huggingface.co/papers/${number}`;
  return undefined;
}

function variantFor(rng: Prng, format: CorpusFormat): CorpusVariant {
  if (format === 'markdown') {
    return { header: false, crlf: rng.chance(0.05), wrap: 0, bom: false, untidy: false };
  }
  return {
    header: rng.chance(0.75),
    crlf: rng.chance(0.1),
    wrap: rng.chance(0.15) ? rng.pick([72, 76, 80]) : 0,
    bom: rng.chance(0.03),
    untidy: rng.chance(0.08),
  };
}

/** Trailing spaces on some lines and a run of blank lines between some blocks, as hand-saved files have. */
function untidy(rng: Prng, text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (line === '' && rng.chance(0.15)) out.push('', '');
    out.push(line !== '' && rng.chance(0.1) ? `${line}${rng.chance(0.5) ? ' ' : ' \t '}` : line);
  }
  return out.join('\n');
}

interface CorpusPaper {
  fields: PaperFields;
  id: string;
  firstDay: number;
}

/**
 * Papers from digests of the seed files. Only papers with a title and an
 * abstract are useful to grow a corpus from.
 */
export function seedFieldsOf(papers: readonly Paper[]): PaperFields[] {
  return papers
    .filter((p) => p.title.trim() !== '' && p.abstract.trim() !== '')
    .map(({ id: _id, source: _source, ...fields }) => fields);
}

/** The corpus, file by file, oldest first. The same options give byte-identical files. */
export function generateCorpus(seedPapers: readonly PaperFields[], options: CorpusOptions): CorpusFile[] {
  const fileCount = Math.max(0, Math.min(MAX_CORPUS_FILES, Math.floor(options.files)));
  if (seedPapers.length === 0 || fileCount === 0) return [];
  const rng = new Prng(options.seed);
  const perFile = Math.max(1, Math.floor(options.papersPerFile ?? 28));
  const spread = Math.min(6, perFile - 1);
  const markdownShare = options.markdownShare ?? 0.2;
  const repeatShare = options.repeatShare ?? 0.12;
  const start = Date.parse(`${options.start ?? '2021-01-01'}T00:00:00Z`);
  const vocabulary = vocabularyOf(seedPapers);
  // Seed titles are taken too: every paper of the corpus is a mutation, never a copy.
  const usedIds = new Set<string>(seedPapers.map((p) => paperId(p.title)));
  /** Papers of the last weeks' digests, the ones that may re-appear. */
  let recent: CorpusPaper[] = [];
  const files: CorpusFile[] = [];

  const freshPaper = (day: number, needsTelling: boolean, format: CorpusFormat): CorpusPaper => {
    const base = rng.pick(seedPapers);
    for (let attempt = 0; ; attempt++) {
      const coin = attempt > 3 || rng.chance(0.45) ? coinName(rng) : undefined;
      const title = mutateTitle(rng, base.title, vocabulary, coin);
      const id = paperId(title);
      if (usedIds.has(id)) continue;
      usedIds.add(id);
      const fields: PaperFields = {
        title,
        abstract: mutateAbstract(rng, base.abstract, vocabulary, coin),
        links: [],
        ...metadataFor(rng, day, needsTelling),
      };
      if (format === 'markdown') {
        const url = markdownUrl(rng, day);
        if (url !== undefined) fields.url = url;
      }
      return { fields, id, firstDay: day };
    }
  };

  for (let f = 0; f < fileCount; f++) {
    const day = start + f * DAY_MS;
    const format: CorpusFormat = rng.chance(markdownShare) ? 'markdown' : 'hf-text';
    const variant = variantFor(rng, format);
    const count = rng.int(perFile - spread, perFile + spread);
    const papers: PaperFields[] = [];
    const ids = new Set<string>();
    let repeats = 0;
    recent = recent.filter((p) => p.firstDay > day - 60 * DAY_MS);
    for (let i = 0; i < count; i++) {
      // Without the page header, the file must show it is a digest in its first paper.
      const needsTelling = i === 0 && !variant.header;
      if (!needsTelling && recent.length > 0 && rng.chance(repeatShare)) {
        const again = recent[rng.int(0, recent.length - 1)];
        if (!ids.has(again.id)) {
          ids.add(again.id);
          repeats++;
          const fields = { ...again.fields };
          if (fields.upvotes !== undefined) fields.upvotes += rng.int(1, 40);
          if (format !== 'markdown') delete fields.url;
          papers.push(fields);
          continue;
        }
      }
      const paper = freshPaper(day, needsTelling, format);
      ids.add(paper.id);
      recent.push(paper);
      papers.push(paper.fields);
    }
    const digestDate = writtenDate(day, false);
    let text = format === 'markdown'
      ? renderMarkdownDigest(digestDate, papers, { heading: rng.chance(0.5) ? 'Daily Papers' : 'Papers of the day' })
      : renderHfDigest(digestDate, papers, { header: variant.header, wrap: variant.wrap || undefined });
    if (variant.untidy) text = untidy(rng, text);
    if (variant.crlf) text = text.replace(/\n/g, '\r\n');
    if (variant.bom) text = `\ufeff${text}`;
    files.push({
      name: `${isoDate(day)}.${format === 'markdown' ? 'md' : 'txt'}`,
      format,
      text,
      digestDate,
      titles: papers.map((p) => p.title),
      repeats,
      variant,
    });
  }
  return files;
}
