/**
 * Command arguments, decoded. Commands are called from menus (with a comment, a
 * thread or a document), from code and from command links (with ids and
 * options), so an argument can be anything: each is turned into a typed value
 * or a refusal saying why, never a throw. Only own data properties are read, so
 * an inherited or computed field cannot pass for one the caller gave, and every
 * paper id is checked with isPaperId before anything uses it.
 */
import { LIMITS, MAX_PAPER_ID_LENGTH, isPaperId } from '../../core';
import { paletteColour, type Colour } from './palette';

/** The annotation a command acts on; `reply` names one of its replies by index. */
export interface AnnotationRef {
  paperId: string;
  annotationId: string;
  reply?: number;
}

/** Options of `paperReader.annotation.add` when called from code rather than a menu. */
export interface AddOptions {
  /** The comment; when given, the annotation is saved at once instead of opening the comment widget. */
  body?: string;
  /** A palette colour. */
  tag?: Colour;
  /** Annotate this paper's title when the selection is not in it (the CodeLens passes the paper's id). */
  paperId?: string;
}

/** Why an argument was refused; `given` describes what came, shortened. */
export type Refusal =
  | { kind: 'not-a-paper-id'; given: string }
  | { kind: 'not-an-annotation-id'; given: string }
  | { kind: 'not-a-colour'; given: string }
  | { kind: 'not-a-reply'; given: string }
  | { kind: 'not-text'; field: string; given: string }
  | { kind: 'too-long'; field: string; max: number }
  | { kind: 'unexpected'; given: string }
  | { kind: 'not-our-thread' };

export type Decoded<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** What a command about one annotation was given. */
export type AnnotationArg<C> =
  | { kind: 'comment'; comment: C }
  | { kind: 'thread'; thread: ThreadLike }
  /** From code: `{ paperId, annotationId, reply?, confirm? }`; `confirm` asks before deleting as a menu would. */
  | { kind: 'ref'; ref: AnnotationRef; confirm: boolean };

/** What a thread looks like: the editor's threads are objects with these fields. */
export interface ThreadLike {
  uri: unknown;
  comments: unknown;
  collapsibleState: unknown;
}

/** Annotation ids are stored text (hand-edited notes may hold any); they are only ever compared. */
export const MAX_ANNOTATION_ID_LENGTH = MAX_PAPER_ID_LENGTH;
/** Longest comment a command may save (as long as a card may send). */
export const MAX_BODY_LENGTH = LIMITS.body;
const SHOWN_LENGTH = 80;

export function isAnnotationId(value: unknown): value is string {
  // eslint-disable-next-line no-control-regex
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ANNOTATION_ID_LENGTH && !/[\u0000-\u001f\u007f]/.test(value);
}

/** Whether a value is shaped like a comment thread (never read: only compared with the threads shown). */
export function isThreadLike(value: unknown): value is ThreadLike {
  return typeof value === 'object' && value !== null && 'uri' in value && 'comments' in value && 'collapsibleState' in value;
}

/**
 * The argument of a command about one annotation: a comment of ours (`isComment`
 * says which are), a thread, or `{ paperId, annotationId, reply?, confirm? }`.
 */
export function decodeAnnotationArg<C>(arg: unknown, isComment: (arg: unknown) => arg is C): Decoded<AnnotationArg<C>> {
  return guarded(() => {
    if (isComment(arg)) return ok({ kind: 'comment' as const, comment: arg });
    if (isThreadLike(arg)) return ok({ kind: 'thread' as const, thread: arg });
    if (!isRecord(arg)) return refuse({ kind: 'unexpected', given: describe(arg) });
    const ref = decodeRef(own(arg, 'paperId'), own(arg, 'annotationId'), own(arg, 'reply'));
    if (!ref.ok) return ref;
    return ok({ kind: 'ref' as const, ref: ref.value, confirm: own(arg, 'confirm') === true });
  });
}

/**
 * The arguments of Reveal Annotation: `(paperId, annotationId)`, or one object
 * with `paperId` (or `id`, as a tree item has) and `annotationId`.
 */
export function decodeRevealArgs(first: unknown, second: unknown): Decoded<AnnotationRef> {
  return guarded(() => {
    if (typeof first === 'string') return decodeRef(first, second, undefined);
    if (!isRecord(first)) return refuse({ kind: 'unexpected', given: describe(first) });
    const paperId = own(first, 'paperId') ?? own(first, 'id');
    return decodeRef(paperId, second === undefined ? own(first, 'annotationId') : second, undefined);
  });
}

/**
 * The argument of Annotate Selection: nothing or a document (from a menu), a
 * paper id (from the CodeLens), or `{ body?, tag?, paperId? | id? }` from code.
 */
export function decodeAddOptions(arg: unknown): Decoded<AddOptions> {
  return guarded(() => {
    if (arg === undefined || arg === null) return ok({});
    if (typeof arg === 'string') return isPaperId(arg) ? ok({ paperId: arg }) : refuse({ kind: 'not-a-paper-id', given: describe(arg) });
    if (!isRecord(arg)) return refuse({ kind: 'unexpected', given: describe(arg) });
    const options: AddOptions = {};
    const body = own(arg, 'body');
    if (body !== undefined) {
      if (typeof body !== 'string') return refuse({ kind: 'not-text', field: 'body', given: describe(body) });
      if (body.length > MAX_BODY_LENGTH) return refuse({ kind: 'too-long', field: 'body', max: MAX_BODY_LENGTH });
      options.body = body;
    }
    const tag = own(arg, 'tag');
    if (tag !== undefined) {
      if (typeof tag !== 'string') return refuse({ kind: 'not-a-colour', given: describe(tag) });
      // An empty tag is no tag.
      if (tag.trim() !== '') {
        const colour = tag.length <= SHOWN_LENGTH ? paletteColour(tag) : undefined;
        if (!colour) return refuse({ kind: 'not-a-colour', given: describe(tag) });
        options.tag = colour;
      }
    }
    const paperId = own(arg, 'paperId') ?? own(arg, 'id');
    if (paperId !== undefined) {
      if (!isPaperId(paperId)) return refuse({ kind: 'not-a-paper-id', given: describe(paperId) });
      options.paperId = paperId;
    }
    return ok(options);
  });
}

/** A colour given to Set Colour: undefined when none was given (the reader picks one). */
export function decodeColourArg(arg: unknown): Decoded<Colour | undefined> {
  if (arg === undefined) return ok(undefined);
  const colour = typeof arg === 'string' && arg.length <= SHOWN_LENGTH ? paletteColour(arg) : undefined;
  return colour ? ok(colour) : refuse({ kind: 'not-a-colour', given: describe(arg) });
}

/** What the comment widget passes when the reader saves a comment: the thread and the text typed. */
export function decodeCommentReply(arg: unknown): Decoded<{ thread: ThreadLike; text: string }> {
  return guarded(() => {
    if (!isRecord(arg)) return refuse({ kind: 'unexpected', given: describe(arg) });
    const thread = own(arg, 'thread');
    if (!isThreadLike(thread)) return refuse({ kind: 'unexpected', given: describe(arg) });
    const text = own(arg, 'text') ?? '';
    if (typeof text !== 'string') return refuse({ kind: 'not-text', field: 'text', given: describe(text) });
    if (text.length > MAX_BODY_LENGTH) return refuse({ kind: 'too-long', field: 'text', max: MAX_BODY_LENGTH });
    return ok({ thread, text });
  });
}

/**
 * A short, safe description of a value for a message: a string shortened and
 * quoted, anything else by its kind. Never calls the value's own methods.
 */
export function describe(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > SHOWN_LENGTH ? `${value.slice(0, SHOWN_LENGTH - 1)}…` : value;
    return JSON.stringify(shown);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return 'nothing';
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

function decodeRef(paperId: unknown, annotationId: unknown, reply: unknown): Decoded<AnnotationRef> {
  if (!isPaperId(paperId)) return refuse({ kind: 'not-a-paper-id', given: describe(paperId) });
  if (!isAnnotationId(annotationId)) return refuse({ kind: 'not-an-annotation-id', given: describe(annotationId) });
  if (reply === undefined) return ok({ paperId, annotationId });
  if (typeof reply !== 'number' || !Number.isSafeInteger(reply) || reply < 0) return refuse({ kind: 'not-a-reply', given: describe(reply) });
  return ok({ paperId, annotationId, reply });
}

/** A plain object or class instance (not a list, not a function). */
function isRecord(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own data property; an accessor or an inherited field counts as absent. */
function own(value: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(value, key);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
}

/** A proxy may throw from any trap: that too is a refusal, not a failure of the command. */
function guarded<T>(decode: () => Decoded<T>): Decoded<T> {
  try {
    return decode();
  } catch {
    return refuse({ kind: 'unexpected', given: 'an object that cannot be read' });
  }
}

function ok<T>(value: T): Decoded<T> {
  return { ok: true, value };
}

function refuse<T>(refusal: Refusal): Decoded<T> {
  return { ok: false, refusal };
}
