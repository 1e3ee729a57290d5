import { sameAnchor, type AnnotationAnchor, type Placement } from '../../core';
import type { NoteStoreService } from '../../services';

/** An annotation whose words are somewhere else than its stored anchor says. */
export interface Move {
  paperId: string;
  title: string;
  annotationId: string;
  from: AnnotationAnchor;
  to: AnnotationAnchor;
}

/** What anchor moves need of a document: which it is and whether it has unsaved edits. */
export interface MovedIn {
  uri: { toString(): string };
  isDirty: boolean;
}

/**
 * Writes anchors that moved back to the notes. They are written when the digest
 * is saved, so typing never writes notes files; a fuzzy match in a file with no
 * unsaved edits (re-downloaded, changed on disk) is written at once, since its
 * quote itself changed and the next reader should not have to search (once per
 * annotation and session: see autoWriters).
 */
export class AnchorMoves {
  /** Per document, the moves its last placement found, by annotation id. */
  private readonly pending = new Map<string, Map<string, Move>>();
  /** Per annotation, the digest whose fuzzy match was written without a save. */
  private readonly autoWriters = new Map<string, string>();
  /** Moves being written, so a placement during the write does not write the same move again. */
  private readonly writing = new Set<string>();

  constructor(private readonly store: Pick<NoteStoreService, 'get' | 'update'>) {}

  show(doc: MovedIn, view: { placements: readonly Placement[] }): void {
    const key = doc.uri.toString();
    const moves = new Map<string, Move>();
    this.pending.set(key, moves);
    for (const p of view.placements) {
      if (p.status !== 'anchored' || !p.moved) continue;
      const move: Move = { paperId: p.paper.id, title: p.paper.title, annotationId: p.annotation.id, from: p.annotation.anchor, to: p.moved };
      moves.set(p.annotation.id, move);
      if (p.method !== 'fuzzy' || doc.isDirty) continue;
      // Two open digests with different wordings of the quote would otherwise
      // take turns rewriting the anchor: the first one to write it keeps it.
      const writer = this.autoWriters.get(p.annotation.id);
      if (writer !== undefined && writer !== key) continue;
      this.autoWriters.set(p.annotation.id, key);
      void this.write(move);
    }
  }

  clear(key: string): void {
    this.pending.delete(key);
  }

  /** Writes the moves of a document just saved. */
  async saved(doc: MovedIn): Promise<void> {
    await Promise.all([...(this.pending.get(doc.uri.toString())?.values() ?? [])].map((move) => this.write(move)));
  }

  private async write(move: Move): Promise<void> {
    const stored = this.store.get(move.paperId)?.annotations.find((a) => a.id === move.annotationId)?.anchor;
    if (!stored || sameAnchor(stored, move.to)) return;
    const key = `${move.annotationId}\u0000${JSON.stringify(move.to)}`;
    if (this.writing.has(key)) return;
    this.writing.add(key);
    try {
      await this.store.update(move.paperId, move.title, (note) => {
        const annotation = note.annotations.find((a) => a.id === move.annotationId);
        // Only if nobody re-attached or edited it meanwhile.
        if (annotation && sameAnchor(annotation.anchor, move.from)) annotation.anchor = move.to;
      });
    } finally {
      this.writing.delete(key);
    }
  }
}
