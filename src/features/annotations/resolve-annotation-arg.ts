import { decodeAnnotationArg, type AnnotationRef, type Decoded } from './command-args';
import { AnnotationComment } from './comments';
import type { ThreadSync } from './thread-sync';

/** The annotation a command argument names, and whether to ask before deleting it. */
export interface NamedAnnotation {
  ref: AnnotationRef;
  /** From a menu (a comment or a thread), or from code asking for it with `confirm: true`. */
  ask: boolean;
}

const isAnnotationComment = (arg: unknown): arg is AnnotationComment => arg instanceof AnnotationComment;

/** A comment of ours, a thread we show, or `{ paperId, annotationId, reply?, confirm? }`. */
export function resolveAnnotationArg(arg: unknown, threads: ThreadSync): Decoded<NamedAnnotation> {
  const decoded = decodeAnnotationArg(arg, isAnnotationComment);
  if (!decoded.ok) return decoded;
  const given = decoded.value;
  switch (given.kind) {
    case 'comment':
      return { ok: true, value: { ref: given.comment.ref, ask: true } };
    case 'thread': {
      const owner = threads.ownerOf(given.thread);
      return owner ? { ok: true, value: { ref: owner, ask: true } } : { ok: false, refusal: { kind: 'not-our-thread' } };
    }
    case 'ref':
      return { ok: true, value: { ref: given.ref, ask: given.confirm } };
  }
}
