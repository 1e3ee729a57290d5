/**
 * BibTeX for LaTeX writers: one @misc entry per paper, the way arXiv's own
 * export cites a preprint (eprint, archivePrefix, url), with what is known
 * for a paper without an arXiv id.
 *
 * Every value is written so that it cannot end its field or its entry: the
 * LaTeX special characters are escaped, braces become \textbraceleft{} and
 * \textbraceright{} (BibTeX counts every brace, escaped or not, when it looks
 * for the end of a field), and the key holds only a-z, 0-9 and "-". Other
 * characters stay as UTF-8, which biber and bibtex8 read.
 *
 * Keys follow Better BibTeX's `[auth:lower][year][shorttitle:lower]`:
 * `kalai2025why`, the first author's family name ASCII-folded, the year,
 * then the first significant words of the title (its skip words and rules),
 * with a, b, c... added to keys already taken within one export.
 */
import { isHttpUrl, type Paper } from '../model';
import { arxivAbsUrl, parseArxivId, type ArxivId } from './arxiv';
import { paperDate } from './dates';
import type { ExportItem } from './export';
import { splitName, type PersonName } from './names';

export interface BibtexOptions {
  /** How many significant title words the key ends with, 0 to 3; 1 by default ("kalai2025why"). */
  titleWords?: number;
}

/** Better BibTeX's default skip words: function words of English and other languages. */
const SKIP_WORDS = new Set((
  'a,ab,aboard,about,above,across,after,against,al,along,amid,among,an,and,anti,around,as,at,before,behind,below,beneath,'
  + 'beside,besides,between,beyond,but,by,d,da,das,de,del,dell,dello,dei,degli,della,delle,dem,den,der,des,despite,die,do,'
  + 'down,du,during,ein,eine,einem,einen,einer,eines,el,en,et,except,for,from,gli,i,il,in,inside,into,is,l,la,las,le,les,'
  + 'like,lo,los,near,nor,of,off,on,onto,or,over,past,per,plus,round,save,since,so,some,sur,than,the,through,to,toward,'
  + 'towards,un,una,unas,under,underneath,une,unlike,uno,unos,until,up,upon,versus,via,von,while,with,within,without,yet,zu,zum'
).split(','));

const LATEX: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

const NEEDS_LATEX = /[\\{}&%$#_~^<>]|[-`',?!][-`',]/;

/**
 * Text as LaTeX that prints it: special characters escaped, and the pairs
 * TeX fonts turn into one glyph ("--" into a dash, "``" into a quote) split
 * with an empty group; everything else as it is.
 */
export function latexText(text: string): string {
  // Most words need nothing: no new string for them.
  if (!NEEDS_LATEX.test(text)) return text;
  return text.replace(/[\\{}&%$#_~^<>]/g, (c) => LATEX[c]).replace(/([-`',?!])(?=[-`',])/g, '$1{}');
}

/** One line: control characters, lone surrogates and runs of white space become one space. */
function oneLine(text: unknown): string {
  return typeof text === 'string' ? text.replace(/[\p{Cc}\p{Cs}\s\p{Z}]+/gu, ' ').trim() : '';
}

// A part's first code point, then a capital before the next hyphen.
const MIXED_CASE = /(?:^|-)[^-][^-]*\p{Lu}/u;

/** A capital after the first letter of a part between hyphens: "LLMs", "GLM-4.5", "iVideoGPT", not "Action-Conditioned". */
function mixedCase(word: string): boolean {
  return MIXED_CASE.test(word);
}

/**
 * The title with case-protected words: a word with a capital after its
 * first letter keeps its case in styles that lower-case titles. Trailing
 * punctuation stays outside the braces, so BibTeX still sees a colon end a
 * sub-title.
 */
function titleField(title: string): string {
  return title
    .split(' ')
    .map((word) => {
      let end = word.length;
      while (end > 0 && ':;,.!?'.includes(word[end - 1])) end--;
      const core = word.slice(0, end);
      return mixedCase(core) ? `{${latexText(core)}}${latexText(word.slice(end))}` : latexText(word);
    })
    .join(' ');
}

/** A name as BibTeX reads it: "Family, Given" (particles stay with the family name), or a group's name braced whole. */
function nameField(name: PersonName): string {
  if ('literal' in name) return `{${latexText(name.literal)}}`;
  // splitName keeps a name with the word "and" whole: a person's parts never hold one.
  const family = latexText(name.family);
  const given = name.given ? latexText(name.given) : '';
  if (name.suffix) return `${family}, ${latexText(name.suffix)}, ${given}`.trimEnd();
  return given ? `${family}, ${given}` : family;
}

/** BibTeX takes a URL verbatim but still counts its braces; a backslash would start a command in bibtex. */
const urlField = (url: string): string => url.replace(/[{}\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function names(paper: Paper): PersonName[] {
  return (Array.isArray(paper.authors) ? paper.authors : []).map(splitName).filter((n): n is PersonName => n !== undefined);
}

const FOLD: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŀ: 'l', ŋ: 'n', ŧ: 't', ĸ: 'k',
};

/** Lower case ASCII letters, digits and "-" only, accents and ligatures folded ("Üstün" -> "ustun"). */
function keyPart(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, (c) => FOLD[c] ?? '')
    .replace(/[^a-z0-9-]/g, '');
}

/**
 * The first `count` significant words of the title, as Better BibTeX's
 * shorttitle finds them: ":" and "/" separate words, punctuation and dashes
 * are dropped from a word, and skip words and one-letter words (but not
 * digits) are left out.
 */
function shortTitle(title: string, count: number): string[] {
  const words: string[] = [];
  if (count <= 0) return words;
  for (const raw of title.replace(/<\/?[a-z][^>]*>|"/gi, '').split(/[\s/:]+/)) {
    const word = raw.replace(/[\p{P}\p{S}]/gu, '');
    if (!word || SKIP_WORDS.has(word.toLowerCase())) continue;
    if ([...word].length === 1 && !/^\d$/.test(word) && !/\p{Script=Han}/u.test(word)) continue;
    words.push(word);
    if (words.length >= count) break;
  }
  return words;
}

/** What an entry and its key are made of, read from the paper once. */
interface Facts {
  paper: Paper;
  title: string;
  names: PersonName[];
  year?: number;
  arxiv?: ArxivId;
}

function factsOf(item: ExportItem): Facts {
  const { paper } = item;
  return { paper, title: oneLine(paper.title), names: names(paper), year: paperDate(paper, item.digests ?? [])?.[0], arxiv: parseArxivId(paper.arxivId) };
}

const titleWordCount = (options: BibtexOptions): number => Math.max(0, Math.min(3, Math.floor(Number(options.titleWords ?? 1)) || 0));

function keyOf(facts: Facts, titleWords: number): string {
  const first = facts.names[0];
  const auth = first ? keyPart('literal' in first ? first.literal : first.family) : '';
  const words = shortTitle(facts.title, titleWords).map(keyPart).join('');
  const key = `${auth}${facts.year ?? ''}${words}`.replace(/^-+|-+$/g, '');
  if (key) return key;
  return facts.arxiv ? `arxiv${keyPart(facts.arxiv.base)}` : 'paper';
}

function entryOf(facts: Facts, key: string): string {
  const { paper, arxiv } = facts;
  const fields: Array<[string, string]> = [];
  if (facts.title) fields.push(['title', titleField(facts.title)]);
  if (facts.names.length > 0) fields.push(['author', facts.names.map(nameField).join(' and ')]);
  if (facts.year !== undefined) fields.push(['year', String(facts.year)]);
  if (arxiv) fields.push(['eprint', arxiv.id], ['archivePrefix', 'arXiv']);
  const url = arxiv ? arxivAbsUrl(arxiv) : [paper.url, ...(Array.isArray(paper.links) ? paper.links : [])].find(isHttpUrl);
  if (url) fields.push(['url', urlField(url)]);
  return `@misc{${key},\n${fields.map(([name, value]) => `  ${name} = {${value}},\n`).join('')}}\n`;
}

/** The paper's key before any suffix that keeps it unique, e.g. `kalai2025why`. */
export function bibtexKey(item: ExportItem, options: BibtexOptions = {}): string {
  return keyOf(factsOf(item), titleWordCount(options));
}

/** One @misc entry, ending in a newline. A key given is cleaned to what BibTeX accepts. */
export function bibtexEntry(item: ExportItem, key?: string): string {
  const facts = factsOf(item);
  const clean = key === undefined ? '' : keyPart(key).replace(/^-+|-+$/g, '');
  return entryOf(facts, clean || keyOf(facts, titleWordCount({})));
}

/** 1 -> a, 26 -> z, 27 -> aa: the suffixes Better BibTeX adds to a key already taken. */
function suffix(n: number): string {
  let text = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) text = String.fromCharCode(97 + ((k - 1) % 26)) + text;
  return text;
}

/** The papers as a .bib file, keys unique within it (the second `kalai2025why` becomes `kalai2025whya`). */
export function exportBibtex(items: ReadonlyArray<ExportItem>, options: BibtexOptions = {}): string {
  const taken = new Set<string>();
  // The next suffix to try per key: a thousand papers with one key stay linear.
  const next = new Map<string, number>();
  const titleWords = titleWordCount(options);
  return items
    .map((item) => {
      const facts = factsOf(item);
      const base = keyOf(facts, titleWords);
      let key = base;
      let n = next.get(base) ?? 1;
      while (taken.has(key)) key = base + suffix(n++);
      next.set(base, n);
      taken.add(key);
      return entryOf(facts, key);
    })
    .join('\n');
}
