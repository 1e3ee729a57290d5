/**
 * Where each annotation of a digest's papers belongs in that digest's text
 * now. Free of the editor API: it works on the document's lines and the
 * papers parsed from them, so the same rules place annotations in an open
 * editor and report orphans for a file on disk.
 */
import { createAnchor, reanchor, type AnchorMethod } from './anchor';
import { paperFields, type DocPosition, type LineSource, type PaperFields } from './field-offsets';
import type { Annotation, AnnotationAnchor, Paper, PaperNote } from '../model';

export interface Placed {
  status: 'anchored';
  paper: Paper;
  annotation: Annotation;
  /** Which copy of the paper in this digest (a digest may list a paper twice). */
  occurrence: number;
  start: DocPosition;
  end: DocPosition;
  method: AnchorMethod;
  confidence: number;
  /**
   * The anchor as it would be stored for where the annotation is now, when it
   * moved (its offsets or quote differ from the stored ones); undefined when it
   * is where the notes file says.
   */
  moved?: AnnotationAnchor;
}

export interface Orphan {
  status: 'orphaned';
  paper: Paper;
  annotation: Annotation;
  occurrence: number;
  reason: string;
  bestConfidence: number;
}

export type Placement = Placed | Orphan;

/** Papers' annotations placed in a document: one placement per annotation per copy of its paper. */
export function placeAnnotations(
  lines: LineSource,
  papers: readonly Paper[],
  noteOf: (id: string) => PaperNote | undefined,
): Placement[] {
  const placements: Placement[] = [];
  const seen = new Map<string, number>();
  for (const paper of papers) {
    const occurrence = seen.get(paper.id) ?? 0;
    seen.set(paper.id, occurrence + 1);
    const annotations = noteOf(paper.id)?.annotations;
    if (!annotations || annotations.length === 0) continue;
    const fields = paperFields(lines, paper);
    for (const annotation of annotations) placements.push(place(paper, fields, annotation, occurrence));
  }
  return placements;
}

/** One annotation against one paper's located fields. */
export function place(paper: Paper, fields: PaperFields, annotation: Annotation, occurrence = 0): Placement {
  const anchor = annotation.anchor;
  const field = anchor?.field === 'title' ? 'title' : 'abstract';
  const map = fields[field];
  if (!map) {
    const text = field === 'title' ? paper.title : paper.abstract;
    const reason = text
      ? `the paper's ${field} could not be located in the file`
      : `the paper has no ${field} here`;
    return { status: 'orphaned', paper, annotation, occurrence, reason, bestConfidence: 0 };
  }
  const result = reanchor(anchor, map.text);
  if (result.status === 'orphaned') {
    return { status: 'orphaned', paper, annotation, occurrence, reason: result.reason, bestConfidence: result.bestConfidence };
  }
  const placed: Placed = {
    status: 'anchored',
    paper,
    annotation,
    occurrence,
    start: map.toPosition(result.start, 'start'),
    end: map.toPosition(result.end, 'end'),
    method: result.method,
    confidence: result.confidence,
  };
  if (result.start !== anchor.start || result.end !== anchor.end || map.text.slice(result.start, result.end) !== anchor.exact) {
    placed.moved = createAnchor(field, map.text, result.start, result.end);
  }
  return placed;
}

/** Whether an annotation anchors in a paper's fields as the parser gave them (no document needed). */
export function anchorsInPaper(paper: Paper, annotation: Annotation): boolean {
  const text = annotation.anchor?.field === 'title' ? paper.title : paper.abstract;
  return reanchor(annotation.anchor, text).status === 'anchored';
}

/** Same stored anchor: nothing to write. */
export function sameAnchor(a: AnnotationAnchor, b: AnnotationAnchor): boolean {
  return a.field === b.field && a.exact === b.exact && a.prefix === b.prefix && a.suffix === b.suffix && a.start === b.start && a.end === b.end;
}
