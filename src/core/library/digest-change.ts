import type { Diagnostic, Digest, Paper, SourceSpan } from '../model';

type Same<T> = (a: T, b: T) => boolean;

/**
 * One comparison for every field of T. A field added to T and missing here, or a key T does
 * not have, fails the type check: no field can be left out of what "the same" means.
 */
type FieldComparisons<T> = { readonly [K in keyof T]-?: Same<T[K]> };

/** Strings, numbers and booleans; the constraint keeps an array or object field from being compared by reference. */
const same = <T extends string | number | boolean | undefined>(a: T, b: T): boolean => a === b;

function sameStrings(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameList<T>(sameItem: Same<T>): Same<readonly T[]> {
  return (a, b) => a === b || (a.length === b.length && a.every((item, i) => sameItem(item, b[i])));
}

function sameFields<T>(fields: FieldComparisons<T>): Same<T> {
  const keys = Object.keys(fields) as (keyof T)[];
  return (a, b) => {
    if (a === b) return true;
    for (const key of keys) if (!fields[key](a[key], b[key])) return false;
    return true;
  };
}

const sameSource = sameFields<SourceSpan>({ uri: same, titleLine: same, startLine: same, endLine: same });

const samePaperFields = sameFields<Paper>({
  id: same,
  title: same,
  abstract: same,
  authorCount: same,
  org: same,
  published: same,
  upvotes: same,
  url: same,
  arxivId: same,
  authors: sameStrings,
  code: same,
  projectPage: same,
  keywords: sameStrings,
  links: sameStrings,
  source: sameSource,
});

const sameDiagnostics = sameList(sameFields<Diagnostic>({ line: same, message: same, severity: same }));

/** Whether two papers read the same, field by field; a field left out and one holding undefined are the same. */
export function samePaper(a: Paper, b: Paper): boolean {
  return samePaperFields(a, b);
}

/** What a digest parsed again changes against the one the index held. */
export interface DigestChange {
  /** The digest to index: the new one, with each paper that reads the same as before replaced by the paper already indexed. */
  digest: Digest;
  /** Ids of the papers added, removed or changed. */
  ids: Set<string>;
  /** Anything differs at all: the papers, the digest's date or its diagnostics. */
  changed: boolean;
}

/**
 * Compares a digest parsed again with the one held before. A paper that reads the same
 * keeps its indexed object, so what keeps a paper by identity (the search index, similar
 * papers, the tree's items) sees it unchanged.
 */
export function digestChange(previous: Digest | undefined, next: Digest): DigestChange {
  if (!previous) return { digest: next, ids: new Set(next.papers.map((p) => p.id)), changed: true };
  const before = new Map(previous.papers.map((p) => [p.id, p]));
  const ids = new Set<string>();
  const papers = next.papers.map((paper) => {
    const old = before.get(paper.id);
    if (old && samePaper(old, paper)) return old;
    ids.add(paper.id);
    return paper;
  });
  const kept = new Set(next.papers.map((p) => p.id));
  for (const id of before.keys()) if (!kept.has(id)) ids.add(id);
  const order = papers.length === previous.papers.length && papers.every((p, i) => p === previous.papers[i]);
  const changed = !order || previous.digestDate !== next.digestDate || !sameDiagnostics(previous.diagnostics, next.diagnostics);
  return { digest: { ...next, papers }, ids, changed };
}
