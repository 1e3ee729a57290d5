import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_BODY_LENGTH,
  decodeAddOptions,
  decodeAnnotationArg,
  decodeColourArg,
  decodeCommentReply,
  decodeRevealArgs,
  describe as describeValue,
  type Decoded,
  type Refusal,
} from '../../src/features/annotations/command-args';
import { isPaperId, paperId } from '../../src/core/model/paper-id';

const PAPER = paperId('Representing Long Volumetric Video with Temporal Gaussian Hierarchy');
const HUGE = 'a'.repeat(5_000_000);

class Comment {
  constructor(readonly ref: { paperId: string; annotationId: string }) {}
}
const isComment = (arg: unknown): arg is Comment => arg instanceof Comment;
const thread = { uri: 'file:///d.txt', comments: [], collapsibleState: 0 };

function refusal<T>(decoded: Decoded<T>): Refusal {
  if (decoded.ok) throw new Error(`expected a refusal, got ${JSON.stringify(decoded.value)}`);
  return decoded.refusal;
}

function value<T>(decoded: Decoded<T>): T {
  if (!decoded.ok) throw new Error(`expected a value, got ${JSON.stringify(decoded.refusal)}`);
  return decoded.value;
}

/** A proxy whose every trap throws, as a hostile caller might pass. */
const exploding = new Proxy({}, {
  get: () => { throw new Error('get'); },
  has: () => { throw new Error('has'); },
  getOwnPropertyDescriptor: () => { throw new Error('descriptor'); },
  getPrototypeOf: () => { throw new Error('prototype'); },
});

describe('decodeAnnotationArg', () => {
  it('names an annotation by its paper id and id, with a reply and confirm when given', () => {
    expect(value(decodeAnnotationArg({ paperId: PAPER, annotationId: 'a-1' }, isComment)))
      .toEqual({ kind: 'ref', ref: { paperId: PAPER, annotationId: 'a-1' }, confirm: false });
    expect(value(decodeAnnotationArg({ paperId: PAPER, annotationId: 'a-1', reply: 2, confirm: true }, isComment)))
      .toEqual({ kind: 'ref', ref: { paperId: PAPER, annotationId: 'a-1', reply: 2 }, confirm: true });
    // Only `true` asks: a truthy string from a command link does not.
    expect(value(decodeAnnotationArg({ paperId: PAPER, annotationId: 'a-1', confirm: 'yes' }, isComment))).toMatchObject({ confirm: false });
  });

  it('passes our comments and anything shaped like a thread through, for the caller to look up', () => {
    const comment = new Comment({ paperId: PAPER, annotationId: 'a-1' });
    expect(value(decodeAnnotationArg(comment, isComment))).toEqual({ kind: 'comment', comment });
    expect(value(decodeAnnotationArg(thread, isComment))).toEqual({ kind: 'thread', thread });
  });

  it('refuses a path where a paper id belongs before anything reads it', () => {
    expect(refusal(decodeAnnotationArg({ paperId: '../../x', annotationId: 'a' }, isComment))).toEqual({ kind: 'not-a-paper-id', given: '"../../x"' });
    expect(refusal(decodeAnnotationArg({ paperId: 'Upper-Case', annotationId: 'a' }, isComment)).kind).toBe('not-a-paper-id');
    expect(refusal(decodeAnnotationArg({ paperId: '', annotationId: 'a' }, isComment)).kind).toBe('not-a-paper-id');
  });

  it('refuses numbers, lists, strings and nothing', () => {
    for (const arg of [0, 42, Number.NaN, Infinity, true, 10n, undefined, null, 'a-1', PAPER]) {
      const kind = refusal(decodeAnnotationArg(arg, isComment)).kind;
      expect(['unexpected', 'not-a-paper-id']).toContain(kind);
    }
    expect(refusal(decodeAnnotationArg([PAPER, 'a-1'], isComment))).toEqual({ kind: 'unexpected', given: 'a list of 2' });
    expect(refusal(decodeAnnotationArg(42, isComment))).toEqual({ kind: 'unexpected', given: '42' });
  });

  it('reads only own data fields: inherited ones and getters count as absent, and a getter is never run', () => {
    expect(refusal(decodeAnnotationArg(Object.create({ paperId: PAPER, annotationId: 'a-1' }), isComment)).kind).toBe('not-a-paper-id');
    expect(refusal(decodeAnnotationArg(Object.prototype, isComment)).kind).toBe('not-a-paper-id');
    let reads = 0;
    const tricky = {
      get paperId() {
        reads++;
        return PAPER;
      },
      annotationId: 'a-1',
    };
    expect(refusal(decodeAnnotationArg(tricky, isComment)).kind).toBe('not-a-paper-id');
    expect(reads).toBe(0);
    // A "__proto__" key from JSON is an own field named so, not a prototype.
    expect(refusal(decodeAnnotationArg(JSON.parse(`{"__proto__": {"paperId": "${PAPER}", "annotationId": "a-1"}}`), isComment)).kind).toBe('not-a-paper-id');
  });

  it('refuses a proxy that throws instead of throwing', () => {
    expect(refusal(decodeAnnotationArg(exploding, isComment)).kind).toBe('unexpected');
  });

  it('refuses annotation ids that are empty, too long, not text or hold control characters', () => {
    for (const annotationId of ['', HUGE, 7, ['a'], 'a\u0000b', 'a\nb', undefined]) {
      expect(refusal(decodeAnnotationArg({ paperId: PAPER, annotationId }, isComment)).kind).toBe('not-an-annotation-id');
    }
    // Hand-written notes may use any readable id.
    expect(value(decodeAnnotationArg({ paperId: PAPER, annotationId: 'my note 1' }, isComment))).toMatchObject({ kind: 'ref' });
  });

  it('refuses a reply that is not the index of one', () => {
    for (const reply of [-1, 1.5, '0', Number.NaN, Number.MAX_VALUE, null]) {
      expect(refusal(decodeAnnotationArg({ paperId: PAPER, annotationId: 'a-1', reply }, isComment)).kind).toBe('not-a-reply');
    }
  });

  it('shows a huge string shortened in the refusal', () => {
    const given = (refusal(decodeAnnotationArg({ paperId: HUGE, annotationId: 'a' }, isComment)) as { given: string }).given;
    expect(given.length).toBeLessThanOrEqual(82);
    expect(given.startsWith('"aaa')).toBe(true);
  });
});

describe('decodeRevealArgs', () => {
  it('takes (paperId, annotationId), one object with paperId or id, or a tree item and an id', () => {
    const ref = { paperId: PAPER, annotationId: 'a-1' };
    expect(value(decodeRevealArgs(PAPER, 'a-1'))).toEqual(ref);
    expect(value(decodeRevealArgs({ paperId: PAPER, annotationId: 'a-1' }, undefined))).toEqual(ref);
    expect(value(decodeRevealArgs({ id: PAPER, annotationId: 'a-1' }, undefined))).toEqual(ref);
    expect(value(decodeRevealArgs({ id: PAPER, label: 'a tree item' }, 'a-1'))).toEqual(ref);
  });

  it('refuses hostile arguments', () => {
    expect(refusal(decodeRevealArgs({ paperId: '../../x', annotationId: 'a' }, undefined))).toEqual({ kind: 'not-a-paper-id', given: '"../../x"' });
    expect(refusal(decodeRevealArgs('../../x', 'a')).kind).toBe('not-a-paper-id');
    expect(refusal(decodeRevealArgs(PAPER, 5)).kind).toBe('not-an-annotation-id');
    expect(refusal(decodeRevealArgs(PAPER, undefined)).kind).toBe('not-an-annotation-id');
    expect(refusal(decodeRevealArgs(5, 'a')).kind).toBe('unexpected');
    expect(refusal(decodeRevealArgs([PAPER, 'a'], undefined)).kind).toBe('unexpected');
    expect(refusal(decodeRevealArgs(Object.create({ paperId: PAPER, annotationId: 'a' }), undefined)).kind).toBe('not-a-paper-id');
    expect(refusal(decodeRevealArgs(HUGE, HUGE)).kind).toBe('not-a-paper-id');
    expect(refusal(decodeRevealArgs(exploding, undefined)).kind).toBe('unexpected');
  });
});

describe('decodeAddOptions', () => {
  it('reads nothing, a document, a paper id and options', () => {
    expect(value(decodeAddOptions(undefined))).toEqual({});
    // The editor's context menu passes the document's URI.
    expect(value(decodeAddOptions({ scheme: 'file', authority: '', path: '/w/d.txt', query: '', fragment: '' }))).toEqual({});
    expect(value(decodeAddOptions(PAPER))).toEqual({ paperId: PAPER });
    expect(value(decodeAddOptions({ body: 'Is this **measured**?', tag: ' Green ', paperId: PAPER })))
      .toEqual({ body: 'Is this **measured**?', tag: 'green', paperId: PAPER });
    expect(value(decodeAddOptions({ id: PAPER }))).toEqual({ paperId: PAPER });
    expect(value(decodeAddOptions({ body: '', tag: '  ' }))).toEqual({ body: '' });
  });

  it('refuses a bad paper id, a colour not in the palette, and a body that is not text or too long', () => {
    expect(refusal(decodeAddOptions('../../x'))).toEqual({ kind: 'not-a-paper-id', given: '"../../x"' });
    expect(refusal(decodeAddOptions({ paperId: '../../x', body: 'x' })).kind).toBe('not-a-paper-id');
    expect(refusal(decodeAddOptions({ id: 5 })).kind).toBe('not-a-paper-id');
    expect(refusal(decodeAddOptions({ tag: 'teal' }))).toEqual({ kind: 'not-a-colour', given: '"teal"' });
    expect(refusal(decodeAddOptions({ tag: ['green'] })).kind).toBe('not-a-colour');
    expect(refusal(decodeAddOptions({ tag: `green${HUGE}` })).kind).toBe('not-a-colour');
    expect(refusal(decodeAddOptions({ body: 42 }))).toEqual({ kind: 'not-text', field: 'body', given: '42' });
    expect(refusal(decodeAddOptions({ body: 'x'.repeat(MAX_BODY_LENGTH + 1) }))).toEqual({ kind: 'too-long', field: 'body', max: MAX_BODY_LENGTH });
    expect(refusal(decodeAddOptions(7)).kind).toBe('unexpected');
    expect(refusal(decodeAddOptions([PAPER])).kind).toBe('unexpected');
    expect(refusal(decodeAddOptions(exploding)).kind).toBe('unexpected');
  });

  it('ignores inherited options', () => {
    expect(value(decodeAddOptions(Object.create({ body: 'inherited', paperId: PAPER })))).toEqual({});
  });
});

describe('decodeColourArg and decodeCommentReply', () => {
  it('takes a palette colour in any case, or nothing (the reader picks)', () => {
    expect(value(decodeColourArg(undefined))).toBeUndefined();
    expect(value(decodeColourArg('BLUE'))).toBe('blue');
    for (const arg of ['teal', '', 5, null, ['blue'], HUGE, { colour: 'blue' }]) expect(refusal(decodeColourArg(arg)).kind).toBe('not-a-colour');
  });

  it('reads the comment widget\'s reply: its thread and the text typed', () => {
    expect(value(decodeCommentReply({ thread, text: 'a reply' }))).toEqual({ thread, text: 'a reply' });
    expect(value(decodeCommentReply({ thread }))).toEqual({ thread, text: '' });
    expect(refusal(decodeCommentReply({ thread, text: 5 })).kind).toBe('not-text');
    expect(refusal(decodeCommentReply({ thread: {}, text: 'x' })).kind).toBe('unexpected');
    expect(refusal(decodeCommentReply(undefined)).kind).toBe('unexpected');
    expect(refusal(decodeCommentReply(exploding)).kind).toBe('unexpected');
  });
});

describe('describe', () => {
  it('describes any value without running its code', () => {
    const hostile = { toString: () => { throw new Error('toString'); }, valueOf: () => { throw new Error('valueOf'); } };
    expect(describeValue(hostile)).toBe('an object');
    expect(describeValue(Symbol('s'))).toBe('a symbol');
    expect(describeValue(() => 1)).toBe('a function');
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue('a"b')).toBe('"a\\"b"');
  });
});

describe('every decoder, for any value', () => {
  const anything = fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withNullPrototype: true, withObjectString: true, withSet: true, withTypedArray: true, withSparseArray: true });

  it('returns a value or a refusal and never throws; decoded paper ids are paper ids', () => {
    fc.assert(fc.property(anything, anything, (a, b) => {
      const ref = decodeAnnotationArg(a, isComment);
      if (ref.ok && ref.value.kind === 'ref') expect(isPaperId(ref.value.ref.paperId)).toBe(true);
      const reveal = decodeRevealArgs(a, b);
      if (reveal.ok) expect(isPaperId(reveal.value.paperId)).toBe(true);
      const add = decodeAddOptions(a);
      if (add.ok && add.value.paperId !== undefined) expect(isPaperId(add.value.paperId)).toBe(true);
      decodeColourArg(a);
      decodeCommentReply(a);
      expect(typeof describeValue(a)).toBe('string');
    }), { numRuns: 500 });
  });

  it('accepts a well-formed reference whatever else the object holds', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.anything()), fc.nat(), (extra, reply) => {
      const arg = { ...extra, paperId: PAPER, annotationId: 'a-1', reply };
      delete (arg as { confirm?: unknown }).confirm;
      expect(value(decodeAnnotationArg(arg, isComment))).toEqual({ kind: 'ref', ref: { paperId: PAPER, annotationId: 'a-1', reply }, confirm: false });
    }), { numRuns: 200 });
  });
});
