import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPaperId, paperId } from '../../src/core';
import { argLabel, decodePaperId, isPaperArg, ownField } from '../../src/shared/paper-arg-decode';

/** Stands in for vscode.Uri: the decoding is given the check, so any class will do. */
class FakeUri {
  constructor(readonly path: string) {}
}
const isUri = (value: object) => value instanceof FakeUri;
const decode = (arg: unknown) => decodePaperId(arg, isUri);
const meant = (arg: unknown) => isPaperArg(arg, isUri);

const ID = paperId('Mamba: Linear-Time Sequence Modeling with Selective State Spaces');

/** A Proxy every one of whose traps throws, as a hostile caller could pass. */
function throwingProxy(): object {
  const fail = () => {
    throw new Error('trap');
  };
  return new Proxy({}, { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail });
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({ id: ID }, {});
  revoke();
  return proxy;
}

describe('decodePaperId', () => {
  it('takes a paper id, or the own id field of a tree node or any object', () => {
    expect(decode(ID)).toBe(ID);
    expect(decode({ kind: 'paper', id: ID, paper: {}, parent: { key: 'digest:x' } })).toBe(ID);
    const bare = Object.create(null) as Record<string, unknown>;
    bare.id = ID;
    expect(decode(bare)).toBe(ID);
  });

  it('refuses strings that are not ids: paths, URLs, upper case, blanks', () => {
    for (const arg of ['../../x', '../x', '/etc/passwd', 'a/b', 'C:\\x', 'file:///x', 'https://x.example', 'Mamba', '-leading-dash', '', ' ', `${ID}\n`, `${ID}/../x`]) {
      expect(decode(arg), JSON.stringify(arg)).toBeUndefined();
      expect(meant(arg), JSON.stringify(arg)).toBe(true);
    }
    expect(decode({ id: '../x' })).toBeUndefined();
    expect(decode({ id: ['x'] })).toBeUndefined();
    expect(decode({ id: { id: ID } })).toBeUndefined();
  });

  it('refuses numbers, booleans, symbols, functions and big integers', () => {
    const fn = Object.assign(() => ID, { id: ID });
    for (const arg of [0, 42, -1, NaN, Infinity, 2312.00752, true, false, Symbol('x'), 10n, fn]) {
      expect(decode(arg), String(typeof arg)).toBeUndefined();
      expect(meant(arg)).toBe(true);
    }
    expect(decode({ id: 42 })).toBeUndefined();
  });

  it('does not take a list (the selected tree items) or a document as a paper, nor as something meant as one', () => {
    expect(decode([ID])).toBeUndefined();
    expect(decode([{ id: ID }])).toBeUndefined();
    expect(decode(Object.assign([ID], { id: ID }))).toBeUndefined();
    expect(meant([ID])).toBe(false);
    expect(meant([])).toBe(false);
    const uri = Object.assign(new FakeUri('/ws/000.txt'), { id: ID });
    expect(decode(uri)).toBeUndefined();
    expect(meant(uri)).toBe(false);
    expect(meant(undefined)).toBe(false);
    expect(meant(null)).toBe(false);
  });

  it('never runs a getter, so an id behind one is refused and a throwing one throws nothing', () => {
    const getter = vi.fn(() => ID);
    const withGetter = Object.defineProperty({}, 'id', { get: getter, enumerable: true });
    expect(decode(withGetter)).toBeUndefined();
    expect(decode({ get id(): string {
      throw new Error('boom');
    } })).toBeUndefined();
    expect(getter).not.toHaveBeenCalled();
    class WithIdGetter {
      get id() {
        return getter();
      }
    }
    expect(decode(new WithIdGetter())).toBeUndefined();
    expect(getter).not.toHaveBeenCalled();
  });

  it('survives Proxies whose traps throw, and revoked ones', () => {
    for (const proxy of [throwingProxy(), revokedProxy()]) {
      expect(decode(proxy)).toBeUndefined();
      // Something was passed, and it is no paper: the command says so rather than asking.
      expect(meant(proxy)).toBe(true);
      expect(argLabel(proxy)).toBe('{…}');
    }
  });

  it('takes no id from the prototype chain, so prototype pollution cannot supply one', () => {
    expect(decode(JSON.parse(`{"__proto__": {"id": "${ID}"}}`))).toBeUndefined();
    expect(decode(Object.create({ id: ID }))).toBeUndefined();
    expect(decode({ constructor: { prototype: { id: ID } } })).toBeUndefined();
    expect(decode({ __proto__: { id: ID } })).toBeUndefined();
  });

  describe('with Object.prototype polluted', () => {
    afterEach(() => {
      delete (Object.prototype as { id?: unknown }).id;
    });

    it('still takes no id from it', () => {
      (Object.prototype as { id?: unknown }).id = ID;
      expect(({} as { id?: unknown }).id).toBe(ID);
      expect(decode({})).toBeUndefined();
      expect(decode({ kind: 'paper' })).toBeUndefined();
      expect(ownField({}, 'id')).toBeUndefined();
    });
  });

  it('leaves Object.prototype alone while decoding', () => {
    decode(JSON.parse('{"__proto__": {"polluted": "yes", "id": "x"}}'));
    argLabel(JSON.parse('{"__proto__": {"polluted": "yes"}}'));
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses an id longer than any paper id, in constant work on a huge string', () => {
    const longest = 'a'.repeat(120);
    expect(decode(longest)).toBe(longest);
    expect(decode(`${longest}a`)).toBeUndefined();
    const huge = 'a'.repeat(5_000_000);
    expect(decode(huge)).toBeUndefined();
    expect(decode({ id: huge })).toBeUndefined();
    expect(argLabel(huge)).toBe('a'.repeat(80));
    expect(argLabel({ id: huge })).toBe('a'.repeat(80));
  });

  it('for any value whatever, answers undefined or a valid id, and never throws', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true, withObjectString: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true }), (arg) => {
        const id = decode(arg);
        expect(id === undefined || isPaperId(id)).toBe(true);
        expect(typeof meant(arg)).toBe('boolean');
        expect(argLabel(arg).length).toBeLessThanOrEqual(80);
      }),
    );
  });

  it('decodes every id, bare or in an object, to itself', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), (title) => {
        const id = paperId(title);
        expect(decode(id)).toBe(id);
        expect(decode({ id })).toBe(id);
        expect(decode({ id, parent: { digestUri: 'file:///x' } })).toBe(id);
      }),
    );
  });
});

describe('argLabel', () => {
  it('says in a few characters what a command was given, for the message that it is not a paper', () => {
    expect(argLabel('../../x')).toBe('../../x');
    expect(argLabel({ id: '../x' })).toBe('../x');
    expect(argLabel(42)).toBe('42');
    expect(argLabel(10n)).toBe('10');
    expect(argLabel(false)).toBe('false');
    expect(argLabel(undefined)).toBe('undefined');
    expect(argLabel(null)).toBe('null');
    expect(argLabel(Symbol('x'))).toBe('symbol');
    expect(argLabel(() => 1)).toBe('function');
    expect(argLabel([1, 2])).toBe('[…]');
    expect(argLabel({ toString: () => ID })).toBe('{…}');
  });

  it('never calls the argument\'s own conversions', () => {
    const toString = vi.fn(() => 'x');
    const valueOf = vi.fn(() => 1);
    const toPrimitive = vi.fn(() => 'x');
    const hostile = { toString, valueOf, [Symbol.toPrimitive]: toPrimitive };
    expect(argLabel(hostile)).toBe('{…}');
    expect(argLabel(Object.create(null))).toBe('{…}');
    expect(argLabel({ get id(): string {
      throw new Error('boom');
    } })).toBe('{…}');
    expect(toString).not.toHaveBeenCalled();
    expect(valueOf).not.toHaveBeenCalled();
    expect(toPrimitive).not.toHaveBeenCalled();
  });
});

describe('ownField', () => {
  it('reads an own data field only', () => {
    expect(ownField({ atCursor: true }, 'atCursor')).toBe(true);
    expect(ownField(Object.create({ atCursor: true }), 'atCursor')).toBeUndefined();
    expect(ownField({ get atCursor() {
      return true;
    } }, 'atCursor')).toBeUndefined();
    expect(ownField(ownField({ parent: { digestUri: 'file:///a' } }, 'parent'), 'digestUri')).toBe('file:///a');
    expect(ownField(ownField({}, 'parent'), 'digestUri')).toBeUndefined();
    for (const value of [undefined, null, 1, 'atCursor', Symbol('x'), throwingProxy(), revokedProxy()]) expect(ownField(value, 'atCursor')).toBeUndefined();
  });
});
