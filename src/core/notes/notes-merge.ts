/**
 * Three-way merge of a note: `base` is the note as last read from disk,
 * `mine` the unsaved edit made from it, `theirs` the note now on disk
 * (changed by git, another window or a hand edit). Field by field:
 *   - title, status, starred: the side that changed wins; when both changed
 *     differently the disk wins and the conflict is reported;
 *   - tags and links: set merge, so additions and removals from both sides
 *     apply;
 *   - annotations, by id: additions from both sides, deletions honoured;
 *     changes to different fields of one annotation combine (replies are
 *     merged as a set); changes to the same field on both sides keep both
 *     annotations, the unsaved one under a new id; an annotation changed on
 *     one side and deleted on the other is kept;
 *   - body: line-based three-way merge; overlapping changes keep both
 *     versions between conflict markers.
 * No text from either side is lost, and every conflict is reported in words.
 */

import { mergeText } from './notes-diff3';
import { annotationValue, deepEqual, linkValue } from './notes-fields';
import type { Annotation, AnnotationReply, NoteLink, PaperNote } from '../model';

export interface NoteMergeResult {
  note: PaperNote;
  /** One sentence per conflict, for the user. Empty when the merge was clean. */
  conflicts: string[];
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

function pickScalar<T>(name: string, base: T, mine: T, theirs: T, conflicts: string[], say = show): T {
  if (deepEqual(mine, base) || deepEqual(mine, theirs)) return theirs;
  if (deepEqual(theirs, base)) return mine;
  conflicts.push(`${name}: ${say(theirs)} on disk, ${say(mine)} in the unsaved edit; kept ${say(theirs)} from disk.`);
  return theirs;
}

/** Set merge keeping the order of `theirs`, then the additions of `mine` in their order. */
function mergeSet<T>(base: readonly T[], mine: readonly T[], theirs: readonly T[], key: (x: T) => string): T[] {
  const b = new Set(base.map(key));
  const m = new Set(mine.map(key));
  const t = new Set(theirs.map(key));
  const out: T[] = [];
  const seen = new Set<string>();
  const add = (x: T): void => {
    const k = key(x);
    if (seen.has(k)) return;
    seen.add(k);
    out.push(x);
  };
  for (const x of theirs) if (m.has(key(x)) || !b.has(key(x))) add(x);
  for (const x of mine) if (!t.has(key(x)) && !b.has(key(x))) add(x);
  return out;
}

const linkKey = (link: NoteLink): string => JSON.stringify(linkValue(link));
const replyKey = (reply: AnnotationReply): string => JSON.stringify([reply.body, reply.created]);

function describeAnnotation(a: Annotation): string {
  const quote = a.anchor.exact.length > 40 ? `${a.anchor.exact.slice(0, 40)}…` : a.anchor.exact;
  return `The annotation on "${quote}"`;
}

/** When one side left a list as it was, the other side's list is the answer, order included. */
function mergeList<T>(base: T[], mine: T[], theirs: T[], merge: () => T[]): T[] {
  if (deepEqual(mine, base)) return theirs;
  if (deepEqual(theirs, base)) return mine;
  // Both sides made the same change: keep it as it is (a set merge would drop duplicates).
  if (deepEqual(mine, theirs)) return theirs;
  return merge();
}

/** Merges one annotation present in all three; undefined when both sides changed the same field. */
function mergeAnnotation(base: Annotation, mine: Annotation, theirs: Annotation): Annotation | undefined {
  const merged: Annotation = { ...theirs };
  for (const field of ['anchor', 'body', 'tag', 'created'] as const) {
    const [b, m, t] = [base[field], mine[field], theirs[field]];
    if (deepEqual(m, b) || deepEqual(m, t)) continue;
    if (!deepEqual(t, b)) return undefined;
    if (m === undefined) delete merged[field];
    else Object.assign(merged, { [field]: m });
  }
  const replies = mergeSet(base.replies ?? [], mine.replies ?? [], theirs.replies ?? [], replyKey);
  if (replies.length > 0 || theirs.replies !== undefined || mine.replies !== undefined) merged.replies = replies;
  else delete merged.replies;
  return merged;
}

function mergeAnnotations(
  base: readonly Annotation[],
  mine: readonly Annotation[],
  theirs: readonly Annotation[],
  conflicts: string[],
): Annotation[] {
  const byId = (list: readonly Annotation[]) => new Map(list.map((a) => [a.id, a]));
  const b = byId(base);
  const m = byId(mine);
  const t = byId(theirs);
  const used = new Set([...b.keys(), ...m.keys(), ...t.keys()]);
  const freshId = (id: string): string => {
    let n = 2;
    while (used.has(`${id}-${n}`)) n++;
    used.add(`${id}-${n}`);
    return `${id}-${n}`;
  };
  const same = (x: Annotation, y: Annotation) => deepEqual(annotationValue(x), annotationValue(y));

  const out: Annotation[] = [];
  for (const theirsA of theirs) {
    const baseA = b.get(theirsA.id);
    const mineA = m.get(theirsA.id);
    if (!mineA) {
      if (!baseA) out.push(theirsA);
      else if (!same(baseA, theirsA)) {
        out.push(theirsA);
        conflicts.push(
          `${describeAnnotation(theirsA)} was deleted in the unsaved edit but changed on disk; kept the version on disk.`,
        );
      }
      continue;
    }
    if (same(mineA, theirsA)) {
      out.push(theirsA);
      continue;
    }
    const merged = baseA ? mergeAnnotation(baseA, mineA, theirsA) : undefined;
    if (merged) {
      out.push(merged);
      continue;
    }
    out.push(theirsA, { ...mineA, id: freshId(mineA.id) });
    conflicts.push(
      baseA
        ? `${describeAnnotation(theirsA)} was changed both on disk and in the unsaved edit; kept both versions.`
        : `Two different annotations with the id "${theirsA.id}" were added on disk and in the unsaved edit; kept both.`,
    );
  }
  for (const mineA of mine) {
    if (t.has(mineA.id)) continue;
    const baseA = b.get(mineA.id);
    if (!baseA) out.push(mineA);
    else if (!same(baseA, mineA)) {
      out.push(mineA);
      conflicts.push(
        `${describeAnnotation(mineA)} was deleted on disk but changed in the unsaved edit; kept the unsaved version.`,
      );
    }
  }
  return out;
}

export function mergeNotes(base: PaperNote, mine: PaperNote, theirs: PaperNote): NoteMergeResult {
  const conflicts: string[] = [];
  const title = pickScalar('Title', base.title, mine.title, theirs.title, conflicts);
  const status = pickScalar('Reading status', base.status, mine.status, theirs.status, conflicts);
  const starred = pickScalar('Star', base.starred, mine.starred, theirs.starred, conflicts, (v) =>
    v ? 'starred' : 'not starred',
  );
  const tags = mergeList(base.tags, mine.tags, theirs.tags, () => mergeSet(base.tags, mine.tags, theirs.tags, (t) => t));
  const links = mergeList(base.links, mine.links, theirs.links, () =>
    mergeSet(base.links, mine.links, theirs.links, linkKey),
  );
  const annotations = mergeList(base.annotations, mine.annotations, theirs.annotations, () =>
    mergeAnnotations(base.annotations, mine.annotations, theirs.annotations, conflicts),
  );
  const body = mergeText(base.body, mine.body, theirs.body);
  for (const c of body.conflicts) {
    const where = c.startLine === c.endLine ? `line ${c.startLine}` : `lines ${c.startLine}–${c.endLine}`;
    conflicts.push(
      `The notes text was changed in the same place on disk and in the unsaved edit; both versions are kept between conflict markers (${where}).`,
    );
  }
  return {
    note: { id: theirs.id, title, status, starred, tags, links, annotations, body: body.text },
    conflicts,
  };
}
