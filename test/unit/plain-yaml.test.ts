/**
 * The plain YAML reader and writer of notes frontmatter (plain-yaml-read.ts,
 * plain-yaml-write.ts) against the yaml library: whatever the reader accepts, the
 * library reads as the same values; whatever the writer writes, the reader accepts
 * and both read back as the values written.
 */
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseNoteFile, serializeNoteFile } from '../../src/core/notes/notes-file';
import { readPlainYaml } from '../../src/core/notes/plain-yaml-read';
import { writePlainEntry } from '../../src/core/notes/plain-yaml-write';
import { emptyNote } from '../../src/core/notes/notes-file';
import { noteArb } from './notes-arbitraries';
import { frontmatterArb } from './notes-yaml-arbitraries';

/** The values of a frontmatter as the yaml library reads it, or undefined when it reports an error. */
function libraryValues(yamlText: string): unknown {
  const doc = parseDocument(yamlText, { uniqueKeys: true });
  if (doc.errors.length > 0) return undefined;
  return doc.toJS() ?? {};
}

function plainValues(yamlText: string): Record<string, unknown> | undefined {
  const plain = readPlainYaml(yamlText);
  return plain && Object.fromEntries(plain.entries.map((e) => [e.key, e.value]));
}

/** Fragments of lines that are, or are close to, the plain subset. */
const lineArb = fc
  .tuple(
    fc.constantFrom('', ' ', '  ', '    ', '      ', '   '),
    fc.constantFrom(
      'title: x', 'title:', 'tags:', 'tags: []', 'tags: [a, "b", \'c\']', 'tags: [a,b]', 'tags: [a, ]', 'tags: [a: b]', 'tags: [https://x.y/z, a:b, c:]', 'tags: [a:[b]]',
      '- a', '- -1', '- 12', '- null', '- ~', '- true', '- "x\\ty"', "- 'it''s'", '- a: b', '- k: v', '-', '- - x', '- [a]',
      'k: v', 'k: 0x1F', 'k: 1.5', 'k: .inf', 'k: 007', 'k: -3', 'k: +4', 'k: True', 'k: yes', 'k: a:b', 'k: a: b', 'k: a #c', 'k: a#c',
      'k: |', 'k: |-', 'k: |+', 'k: |2', 'k: |-2', 'k: |2-', 'k: >', 'k: "\\u00e9\\n"', "k: ''", 'k: ""', 'k: -x', 'k: ---', 'k: ...',
      'body: line one', 'line two', '# comment', 'k: &a x', 'k: *a', 'k: !t x', '<<: x', 'k:  x', 'k: x ', 'null: 1', 'k: [x',
      'k: https://example.org/a?b=1', 'k: C# and F#', 'k: @at', 'k: `t`', 'k: %p', 'k: {a: 1}', 'k: 日本語', 'kind: url',
    ),
  )
  .map(([indent, text]) => indent + text);

/** Well-formed block YAML near the subset: nested lists and mappings, literal blocks, any indentation. */
const scalarTextArb = fc.constantFrom(
  'x', 'a b', '-1', '12', '0', 'null', '~', 'True', 'no', '1e3', '.5', 'a:b', 'https://a.b/c?d=1', 'C#', '"q"', '"\\u00e9\\t"', "'it''s'", "''", '""', '日本語', '-x', '...',
);
function valueAt(column: number, depth: number): fc.Arbitrary<string> {
  const scalar = scalarTextArb.map((t) => ` ${t}\n`);
  const literal = fc
    .record({ header: fc.constantFrom('|', '|-', '|+', '|2', '|1-', '|+2'), extra: fc.constantFrom(1, 2, 3), lines: fc.array(fc.constantFrom('a', ' b', '', '# c', '  d', '-'), { minLength: 1, maxLength: 4 }) })
    .map(({ header, extra, lines }) => ` ${header}\n${lines.map((l) => (l === '' ? '' : ' '.repeat(column + extra) + l)).join('\n')}\n`);
  const flow = fc.array(scalarTextArb, { maxLength: 3 }).map((items) => ` [${items.join(', ')}]\n`);
  if (depth >= 2) return fc.oneof(scalar, literal, flow);
  const seq = fc
    .record({ offset: fc.constantFrom(0, 2, 3), items: fc.array(fc.oneof(scalarTextArb.map((t) => ({ t })), fc.constant(null)), { minLength: 1, maxLength: 3 }) })
    .chain(({ offset, items }) =>
      fc
        .tuple(...items.map((it) => (it ? fc.constant(`${' '.repeat(column + offset)}- ${it.t}\n`) : mapAt(column + offset + 2, depth + 1, `${' '.repeat(column + offset)}- `))))
        .map((lines) => `\n${lines.join('')}`),
    );
  const map = fc.constantFrom(1, 2, 4).chain((step) => mapAt(column + step, depth + 1).map((m) => `\n${m}`));
  return fc.oneof(scalar, literal, flow, seq, map);
}
function mapAt(column: number, depth: number, firstLead = ' '.repeat(column)): fc.Arbitrary<string> {
  return fc
    .uniqueArray(fc.constantFrom('title', 'tags', 'kind', 'url', 'body', 'anchor', 'replies', 'k-1'), { minLength: 1, maxLength: 3 })
    .chain((keys) => fc.tuple(...keys.map((k) => valueAt(column, depth).map((v) => `${k}:${v}`))))
    .map((entries) => entries.map((e, i) => (i === 0 ? firstLead : ' '.repeat(column)) + e).join(''));
}
const blockYamlArb = mapAt(0, 0);

const roughYamlArb = fc.array(lineArb, { maxLength: 8 }).map((lines) => (lines.length === 0 ? '' : `${lines.join('\n')}\n`));

describe('the plain YAML reader', () => {
  it('reads what it accepts as the yaml library reads it', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(frontmatterArb, roughYamlArb, blockYamlArb), (yamlText) => {
        const plain = plainValues(yamlText);
        if (plain === undefined) return;
        accepted++;
        expect(libraryValues(yamlText)).toEqual(plain);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(300);
  });

  it('accepts most well-formed block YAML of the subset, nesting and literal blocks included', () => {
    const samples = fc.sample(blockYamlArb, { numRuns: 400, seed: 7 });
    const accepted = samples.filter((text) => readPlainYaml(text) !== undefined);
    expect(accepted.length).toBeGreaterThan(100);
    expect(accepted.some((text) => /\n {2,}- [a-z-]+:/.test(text) && /: \|/.test(text))).toBe(true);
  });

  it('leaves to the yaml library what it does not handle', () => {
    for (const text of [
      '# a comment\ntitle: x\n',
      'title: x # a comment\n',
      'title: x\n\nstatus: read\n',
      'title: &t x\n',
      'title: !foo x\n',
      'tags: [a, *b]\n',
      'title: 1.5\n',
      'title: 0x1F\n',
      'title: a\n  continued\n',
      'title: >\n  folded\n',
      'title:\ttab\n',
      'title: x\ntitle: y\n',
      'anchor: {exact: x}\n',
      'tags:\n  - a\n   - b\n',
    ]) {
      expect(readPlainYaml(text), text).toBeUndefined();
    }
  });

  it('keeps the lines of each entry and the text of each list item', () => {
    const plain = readPlainYaml("title: T\ntags:\n  - 'quoted'\n  - b\nlinks: [https://a.b, \"x\"]\n");
    expect(plain?.entries.map((e) => e.text)).toEqual(["title: T\n", "tags:\n  - 'quoted'\n  - b\n", 'links: [https://a.b, "x"]\n']);
    expect(plain?.entries[1]).toMatchObject({ items: ["  - 'quoted'\n", '  - b\n'], seqColumn: 2 });
    expect(plain?.entries[2]).toMatchObject({ items: ['https://a.b', '"x"'], flow: true });
  });

  it('cuts a block list into one text per item, together its lines after the key', () => {
    let lists = 0;
    fc.assert(
      fc.property(fc.oneof(frontmatterArb, blockYamlArb), (yamlText) => {
        for (const entry of readPlainYaml(yamlText)?.entries ?? []) {
          if (!Array.isArray(entry.value) || entry.flow) continue;
          lists++;
          const items = entry.items ?? [];
          const dash = `${' '.repeat(entry.seqColumn ?? 0)}-`;
          expect(items).toHaveLength(entry.value.length);
          expect(items.join('')).toBe(entry.text.slice(entry.text.indexOf('\n') + 1));
          for (const item of items) expect(item.slice(0, dash.length)).toBe(dash);
        }
      }),
      { numRuns: 1000 },
    );
    expect(lists).toBeGreaterThan(40);
  });
});

/** Any text, control characters, lone surrogates and line breaks included. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\t', '"', "'", '#', ':', '-', '|', '\\', '\u2028', '\ufeff', '\x7f', '\ud800', 'é'), maxLength: 12 }),
  fc.constantFrom('', ' lead', 'trail ', 'a\n', 'a\n\n', '\na', '\n', ' \n', 'a\n \nb', 'null', 'True', '12', '-1', '1e3', '.5', '0o7', '- x', 'a: b', '[x]'),
);

describe('the plain YAML writer', () => {
  const layouts = fc.record({ indent: fc.integer({ min: 2, max: 6 }), indentSeq: fc.boolean() });

  it('writes any text, list and mapping so that the reader and the yaml library read it back the same', () => {
    const valueArb = fc.oneof(
      anyText,
      fc.array(anyText, { maxLength: 4 }),
      fc.array(fc.record({ id: anyText, anchor: fc.record({ exact: anyText, start: fc.integer() }), body: anyText, replies: fc.array(fc.record({ body: anyText }), { maxLength: 2 }) }), { maxLength: 3 }),
      fc.boolean(),
      fc.integer(),
    );
    fc.assert(
      fc.property(fc.constantFrom('title', 'tags', 'x'), valueArb, layouts, (key, value, layout) => {
        const text = writePlainEntry(key, value, layout);
        const plain = plainValues(text);
        expect(plain, text).toEqual({ [key]: value });
        expect(libraryValues(text), text).toEqual({ [key]: value });
      }),
      { numRuns: 2000 },
    );
  });

  it('writes every note the extension saves in the subset the reader reads', () => {
    fc.assert(
      fc.property(noteArb, (note) => {
        const saved = serializeNoteFile(note);
        if (!saved.ok) throw new Error(saved.message);
        const yamlText = saved.text.slice('---\n'.length, saved.text.indexOf('\n---\n') + 1);
        expect(readPlainYaml(yamlText), saved.text).toBeDefined();
        expect(plainValues(yamlText)).toEqual(libraryValues(yamlText));
        expect(saved.doc.plain).toBeDefined();
      }),
      { numRuns: 500 },
    );
  });

  it('rewrites a changed list keeping the unchanged items and the style as written', () => {
    const text = "---\ntitle: T\ntags:\n    - 'quoted'\n    - b\nlinks: [https://a.b/c]\n---\n";
    const read = parseNoteFile(text, 'p-1');
    if (!read.ok) throw new Error(read.message);
    expect(read.doc.plain).toBeDefined();
    const saved = serializeNoteFile({ ...read.note, tags: [...read.note.tags, 'c'], links: [...read.note.links, { kind: 'url', url: 'https://d.e' }] }, read.doc);
    if (!saved.ok) throw new Error(saved.message);
    // The links become a block list: a flow list holds scalars only here.
    expect(saved.text).toBe(
      "---\ntitle: T\ntags:\n    - 'quoted'\n    - b\n    - c\nlinks:\n    - kind: url\n      url: https://a.b/c\n    - kind: url\n      url: https://d.e\n---\n",
    );
  });

  it('writes a hand-written comma-separated tags line as a one-line list', () => {
    const read = parseNoteFile('---\ntitle: T\ntags: rl, agents\n---\n', 'p-1');
    if (!read.ok) throw new Error(read.message);
    const saved = serializeNoteFile({ ...read.note, tags: ['rl', 'agents', 'new one'] }, read.doc);
    expect(saved.ok && saved.text).toBe('---\ntitle: T\ntags: [rl, agents, new one]\n---\n');
  });

  it('writes a new file as the yaml library would for the common fields', () => {
    const note = { ...emptyNote('p-1', 'A paper: "quoted"'), status: 'read' as const, tags: ['rl', 'yes', '12'], body: 'b' };
    const saved = serializeNoteFile(note);
    expect(saved.ok && saved.text).toBe('---\ntitle: "A paper: \\"quoted\\""\nstatus: read\ntags:\n  - rl\n  - yes\n  - "12"\n---\n\nb\n');
  });
});
