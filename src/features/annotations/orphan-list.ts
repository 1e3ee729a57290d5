import { anchorsInPaper, type Annotation, type Orphan, type Paper, type PaperNote, type Placement } from '../../core';

/** An annotation that lost its text in one digest. */
export interface OrphanEntry {
  paperId: string;
  title: string;
  annotation: Annotation;
  digestUri: string;
  reason: string;
}

/** Said of an annotation whose digest is not open, when its quote is not in the paper as last indexed. */
export const QUOTE_GONE = 'the quote is no longer in the text';

/**
 * The orphans in every digest holding an annotated paper: in open digests as
 * placed (unsaved edits included), in the others as last indexed. One entry per
 * annotation and digest, however many copies of the paper the digest holds.
 */
export function listOrphans(
  open: ReadonlyMap<string, { placements: readonly Placement[] }>,
  notes: readonly PaperNote[],
  occurrencesOf: (id: string) => readonly Paper[],
): OrphanEntry[] {
  const found: OrphanEntry[] = [];
  const seen = new Set<string>();
  const add = (paper: Paper, annotation: Annotation, uri: string, reason: string) => {
    const key = `${annotation.id}\u0000${uri}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ paperId: paper.id, title: paper.title, annotation, digestUri: uri, reason });
  };
  for (const [uri, view] of open) {
    for (const p of view.placements) if (p.status === 'orphaned') add(p.paper, p.annotation, uri, p.reason);
  }
  for (const note of notes) {
    if (note.annotations.length === 0) continue;
    for (const paper of occurrencesOf(note.id)) {
      if (open.has(paper.source.uri)) continue;
      for (const annotation of note.annotations) {
        if (!anchorsInPaper(paper, annotation)) add(paper, annotation, paper.source.uri, QUOTE_GONE);
      }
    }
  }
  return found;
}

/** The orphaned placements among a document's. */
export function orphansOf(placements: readonly Placement[]): Orphan[] {
  return placements.filter((p): p is Orphan => p.status === 'orphaned');
}
