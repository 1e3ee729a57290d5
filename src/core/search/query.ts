/**
 * The search query language shared by the quick pick and the Papers tree filter.
 *
 *   mamba state space tag:rl -tag:survey status:unread is:starred org:"Z.ai"
 *   digest:"Nov 6" upvotes>=10 authors<5 -is:read -"linear attention"
 *   author:"Yann LeCun" -author:smith arxiv:2405.15738 has:code -has:arxiv
 *
 * Free words and filters combine in any order. Every filter must hold; a
 * leading "-" negates a filter or excludes a free word (or a quoted group of
 * words). Parsing is total: a filter it cannot understand stays in the query as
 * plain words and is reported in `warnings`, so typing half a filter never
 * empties the result list or throws.
 */

import type { ReadingStatus } from '../model';
import { foldTerm } from './terms';
import type { CompareOp, CountField, FilterPredicate, FilterView, FlagName, HasName, ParsedQuery, QueryFilter, SearchDoc } from './types';


interface Token {
  text: string;
  start: number;
  end: number;
}

const STATUSES: readonly ReadingStatus[] = ['unread', 'reading', 'read'];
const FLAGS: readonly FlagName[] = ['starred', 'new', 'annotated'];
const HAS: readonly HasName[] = ['code', 'arxiv', 'pdf'];
const TEXT_KEYS = new Set(['tag', 'org', 'digest']);
const COUNT_KEYS: Record<string, CountField> = { upvotes: 'upvotes', authors: 'authors' };
const KNOWN_KEYS = new Set(['tag', 'status', 'is', 'has', 'org', 'author', 'arxiv', 'digest', 'upvotes', 'authors']);

/** A new-style (2405.15738) or old-style (hep-th/9901001) arXiv id, without its version. */
const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[a-z]{2})?\/\d{7})$/;

// key, operator, value. Longer operators first so ">=" is not read as ">" + "=5".
const FILTER_SHAPE = /^([A-Za-z]+)(>=|<=|:|>|<|=)([\s\S]*)$/;

/** Splits on whitespace; a double quote runs to the next one, so `digest:"Nov 6"` is one token. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    while (i < n && isSpace(input.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(input.charCodeAt(i))) {
      if (input[i] === '"') {
        const close = input.indexOf('"', i + 1);
        // An unclosed quote (still being typed) runs to the end of the input.
        i = close < 0 ? n : close + 1;
      } else {
        i++;
      }
    }
    tokens.push({ text: input.slice(start, i), start, end: i });
  }
  return tokens;
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a);
}

function unquote(text: string): string {
  return text.replace(/"/g, '').trim();
}

export function parseQuery(input: string): ParsedQuery {
  const query: ParsedQuery = { words: [], excluded: [], filters: [], warnings: [], open: false };
  if (typeof input !== 'string') return query;
  const tokens = tokenize(input);
  for (const token of tokens) {
    // "-" alone, "--x" and "-" before a space are ordinary text, not negations.
    const negated = token.text.length > 1 && token.text[0] === '-' && token.text[1] !== '-';
    const body = negated ? token.text.slice(1) : token.text;
    query.open = false;
    const shape = FILTER_SHAPE.exec(body);
    if (shape) {
      const outcome = readFilter(shape[1].toLowerCase(), shape[2], unquote(shape[3]), shape[3], negated);
      if (outcome.filter) {
        query.filters.push(outcome.filter);
        continue;
      }
      if (outcome.problem) query.warnings.push({ token: token.text, start: token.start, end: token.end, message: outcome.problem });
      // Not understood as a filter: its words still search, as typed.
    }
    const words = unquote(body);
    if (!words) continue;
    (negated ? query.excluded : query.words).push(words);
    // A closing quote or a space after the word says the word is complete.
    query.open = !negated && token.end === input.length && !token.text.endsWith('"');
  }
  return query;
}

interface FilterOutcome {
  filter?: QueryFilter;
  /** Why the token is not a filter; absent when it is plain text that only looks like one ("Mamba:"). */
  problem?: string;
}

function readFilter(key: string, op: string, value: string, rawValue: string, negated: boolean): FilterOutcome {
  if (!KNOWN_KEYS.has(key)) {
    // "Mamba:" and URLs are text; "foo:bar" is most likely a mistyped filter.
    if (!value || rawValue.startsWith('//')) return {};
    return { problem: `Unknown filter "${key}"; searched as text. Filters: ${[...KNOWN_KEYS].join(', ')}.` };
  }
  const countField = COUNT_KEYS[key];
  if (countField) {
    if (!/^\d{1,9}$/.test(value)) {
      const byName = key === 'authors' && op === ':' ? ' To find an author by name, use author:"Name".' : '';
      return { problem: `"${key}" compares with a whole number, as in ${key}>10, ${key}>=10, ${key}<3 or ${key}=5.${byName}` };
    }
    return { filter: { kind: 'count', field: countField, op: op === ':' ? '=' : (op as CompareOp), value: Number(value), negated } };
  }
  if (op !== ':' && op !== '=') return { problem: `"${key}" takes a value after ":", as in ${key}:${example(key)}.` };
  if (!value) return { problem: `"${key}:" needs a value, as in ${key}:${example(key)}.` };
  const lower = value.toLowerCase();
  if (key === 'status') {
    const status = STATUSES.find((s) => s === lower);
    return status
      ? { filter: { kind: 'status', value: status, negated } }
      : { problem: `Unknown status "${value}"; use ${STATUSES.join(', ')}.` };
  }
  if (key === 'is') {
    const flag = FLAGS.find((f) => f === lower);
    if (flag) return { filter: { kind: 'is', value: flag, negated } };
    // is:unread reads as naturally as status:unread.
    const status = STATUSES.find((s) => s === lower);
    if (status) return { filter: { kind: 'status', value: status, negated } };
    return { problem: `Unknown "is:${value}"; use ${[...FLAGS, ...STATUSES].map((f) => `is:${f}`).join(', ')}.` };
  }
  if (key === 'has') {
    const has = HAS.find((h) => h === lower);
    return has
      ? { filter: { kind: 'has', value: has, negated } }
      : { problem: `Unknown "has:${value}"; use ${HAS.map((h) => `has:${h}`).join(', ')}.` };
  }
  if (key === 'author') {
    const name = authorName(value);
    return name ? { filter: { kind: 'author', value: name, negated } } : { problem: `"author:" needs a name, as in author:${example(key)}.` };
  }
  if (key === 'arxiv') {
    const id = arxivKey(value);
    return ARXIV_ID.test(id)
      ? { filter: { kind: 'arxiv', value: id, negated } }
      : { problem: `"${value}" is not an arXiv id; use one as in arxiv:2405.15738 or arxiv:hep-th/9901001.` };
  }
  if (TEXT_KEYS.has(key)) {
    const text = key === 'tag' ? lower.replace(/^#/, '') : lower;
    if (!text) return { problem: `"${key}:" needs a value, as in ${key}:${example(key)}.` };
    return { filter: { kind: key as 'tag' | 'org' | 'digest', value: text, negated } };
  }
  return {};
}

function example(key: string): string {
  switch (key) {
    case 'status': return 'unread';
    case 'is': return 'starred';
    case 'org': return 'google';
    case 'author': return '"Yann LeCun"';
    case 'has': return 'code';
    case 'arxiv': return '2405.15738';
    case 'digest': return '"Nov 6"';
    default: return 'rl';
  }
}

/** True when the query asks for no text, only filters (or nothing at all). */
export function isFiltersOnly(query: ParsedQuery): boolean {
  return query.words.length === 0 && query.excluded.length === 0;
}


export function filterView(doc: SearchDoc): FilterView {
  const digests = Array.isArray(doc.digests) ? doc.digests.filter((d) => d && typeof d === 'object') : [];
  return {
    tags: Array.isArray(doc.tags) ? doc.tags.filter((t) => typeof t === 'string').map((t) => t.toLowerCase().replace(/^#/, '')) : [],
    status: doc.status,
    starred: doc.starred === true,
    isNew: doc.isNew === true,
    annotated: typeof doc.annotations === 'string' && doc.annotations.trim() !== '',
    org: typeof doc.org === 'string' ? doc.org.toLowerCase() : '',
    authorNames: Array.isArray(doc.authors) ? doc.authors.filter((a) => typeof a === 'string').map(authorName).join('\n') : '',
    arxivId: typeof doc.arxivId === 'string' ? arxivKey(doc.arxivId) : '',
    hasCode: typeof doc.code === 'string' && doc.code.trim() !== '',
    digestNames: digests.map((d) => (typeof d.name === 'string' ? d.name.toLowerCase() : '')),
    digestDates: digests.map((d) => (typeof d.date === 'string' ? compact(d.date) : '')),
    upvotes: finite(doc.upvotes),
    authors: finite(doc.authorCount),
  };
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}


/** The query's filters as one predicate over normalised papers (every filter must hold). */
export function compileFilters(query: ParsedQuery): FilterPredicate {
  const tests = query.filters.map((filter) => {
    const test = compileFilter(filter);
    return filter.negated ? (view: FilterView) => !test(view) : test;
  });
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0];
  return (view) => tests.every((test) => test(view));
}

function compileFilter(filter: QueryFilter): FilterPredicate {
  switch (filter.kind) {
    case 'tag': {
      const wanted = filter.value;
      return (view) => view.tags.some((tag) => tagMatches(tag, wanted));
    }
    case 'status': {
      const wanted = filter.value;
      return (view) => view.status === wanted;
    }
    case 'is':
      if (filter.value === 'starred') return (view) => view.starred;
      if (filter.value === 'new') return (view) => view.isNew;
      return (view) => view.annotated;
    case 'org': {
      const wanted = filter.value;
      return (view) => view.org !== '' && view.org.includes(wanted);
    }
    case 'author': {
      // One substring search over every name: the names are joined by newlines, which a value never holds.
      const wanted = filter.value;
      return (view) => view.authorNames.includes(wanted);
    }
    case 'arxiv': {
      const wanted = filter.value;
      return (view) => view.arxivId === wanted;
    }
    case 'has':
      if (filter.value === 'code') return (view) => view.hasCode;
      // An arXiv id means a PDF at arxiv.org/pdf/<id>.
      return (view) => view.arxivId !== '';
    case 'digest': {
      const name = filter.value;
      const date = compact(filter.value);
      return (view) => view.digestNames.some((n) => n.includes(name)) || (date !== '' && view.digestDates.some((d) => dateMatches(d, date)));
    }
    case 'count': {
      const { field, op, value } = filter;
      return (view) => {
        const actual = field === 'upvotes' ? view.upvotes : view.authors;
        return actual !== undefined && compare(actual, op, value);
      };
    }
  }
}

/** Does the paper satisfy every filter of the query? Free words are the index's business. */
export function matchesFilters(doc: SearchDoc, query: ParsedQuery): boolean {
  return compileFilters(query)(filterView(doc));
}

/**
 * Tags compare whole and case-insensitively (both sides already lower case);
 * a parent tag also matches its children, so `tag:ml` finds "ml/vision" but
 * not "mlops".
 */
export function tagMatches(tag: string, wanted: string): boolean {
  return tag === wanted || (tag.startsWith(wanted) && tag[wanted.length] === '/');
}

/**
 * `digest:` matches the digest's date or its file name. The name is a plain
 * case-insensitive substring (`digest:2025-11`, `digest:daily`). The date is
 * compared with spaces and punctuation ignored, so `digest:nov6`,
 * `digest:"Nov 6"` and `digest:nov` all find "Nov 6", while a number is never
 * cut in half: `digest:nov1` does not find "Nov 16". Both sides are compacted.
 */
export function dateMatches(date: string, value: string): boolean {
  for (let at = date.indexOf(value); at >= 0; at = date.indexOf(value, at + 1)) {
    const cutsBefore = isDigit(value[0]) && at > 0 && isDigit(date[at - 1]);
    const cutsAfter = isDigit(value[value.length - 1]) && isDigit(date[at + value.length]);
    if (!cutsBefore && !cutsAfter) return true;
  }
  return false;
}

/** A name as `author:` compares it: lower case, accents dropped ("Schölkopf" -> "scholkopf"), spaces collapsed. */
export function authorName(name: string): string {
  return foldTerm(name.replace(/[\s\p{Z}]+/gu, ' ').trim());
}

/**
 * An arXiv id as `arxiv:` compares it: lower case, without an "arXiv:"
 * prefix, the arxiv.org/abs/ or /pdf/ around it, or a version, so
 * `arxiv:2405.15738` finds the paper whichever version the digest names.
 */
export function arxivKey(id: string): string {
  return id
    .trim()
    .toLowerCase()
    .replace(/^arxiv:/, '')
    .replace(/^(?:https?:\/\/)?(?:www\.)?arxiv\.org\/(?:abs|pdf)\//, '')
    .replace(/\.pdf$/, '')
    .replace(/v\d+$/, '');
}

/** Lower case without spaces or punctuation: how `digest:` compares dates. */
export function compact(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function compare(actual: number, op: CompareOp, value: number): boolean {
  switch (op) {
    case '>': return actual > value;
    case '>=': return actual >= value;
    case '<': return actual < value;
    case '<=': return actual <= value;
    case '=': return actual === value;
  }
}
