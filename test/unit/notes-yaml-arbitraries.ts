/**
 * fast-check generators of notes-file frontmatter as people and tools write it: the
 * note's fields and unknown keys, block and flow style, quoting, block scalars,
 * comments, Unicode, anchors, aliases, merge keys, tags and duplicate keys.
 */
import fc from 'fast-check';

/** A YAML value before it is written out. */
type Tree =
  | { kind: 'scalar'; text: string }
  | { kind: 'block-scalar'; lines: string[]; style: '|' | '>' | '|-' | '>+' }
  | { kind: 'seq'; items: Tree[]; flow: boolean }
  | { kind: 'map'; entries: Array<[string, Tree]>; flow: boolean }
  | { kind: 'alias'; name: string };

interface Decorated {
  tree: Tree;
  anchor?: string;
  tag?: string;
  comment?: string;
}

const word = fc.constantFrom('alpha', 'beta', 'rl', 'agents', 'x', 'ü', 'naïve', '日本語', '☃', 'a b', 'C++', 'null', 'yes', '12', '1e3', 'true');
const plain = fc.oneof(word, fc.stringMatching(/^[a-z][a-z0-9 _.-]{0,12}[a-z0-9]$/));
const quoted = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.string({ maxLength: 12 }).map((s) => `'${s.replace(/[\n\r]/g, ' ').replace(/'/g, "''")}'`),
);
const scalarText = fc.oneof({ weight: 4, arbitrary: plain }, { weight: 2, arbitrary: quoted }, { weight: 1, arbitrary: fc.constantFrom('~', 'null', '', '0', '-1', 'on', '2024-03-05') });
const commentText = fc.oneof(word, fc.string({ unit: 'grapheme', maxLength: 10 }).map((s) => s.replace(/[\r\n]/g, ' ')));
const anchorName = fc.constantFrom('a', 'b', 'base', 't');
const tagName = fc.constantFrom('!foo', '!!str', '!!binary', '!bar');
const unknownKey = fc.constantFrom('x-custom', 'source', 'color', 'note', '日本', '"quoted key"', 'Title', '<<', 'review', 'due');

const scalarTree: fc.Arbitrary<Tree> = scalarText.map((text) => ({ kind: 'scalar', text }));
const blockScalar: fc.Arbitrary<Tree> = fc
  .record({ lines: fc.array(fc.oneof(plain, fc.constant('# not a comment'), fc.constant('')), { minLength: 1, maxLength: 3 }), style: fc.constantFrom('|' as const, '>' as const, '|-' as const, '>+' as const) })
  .map(({ lines, style }) => ({ kind: 'block-scalar', lines, style }));

const { tree: anyTree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: scalarTree },
    { weight: 1, arbitrary: blockScalar },
    { weight: 1, arbitrary: anchorName.map((name): Tree => ({ kind: 'alias', name })) },
    { weight: 2, arbitrary: fc.record({ items: fc.array(tie('tree'), { maxLength: 3 }), flow: fc.boolean() }).map((r): Tree => ({ kind: 'seq', ...r })) },
    { weight: 2, arbitrary: fc.record({ entries: fc.array(fc.tuple(fc.oneof(plain, unknownKey), tie('tree')), { maxLength: 3 }), flow: fc.boolean() }).map((r): Tree => ({ kind: 'map', ...r })) },
  ),
}));

const decorate = (tree: fc.Arbitrary<Tree>): fc.Arbitrary<Decorated> =>
  fc.record(
    {
      tree,
      anchor: fc.option(anchorName, { nil: undefined, freq: 6 }),
      tag: fc.option(tagName, { nil: undefined, freq: 10 }),
      comment: fc.option(commentText, { nil: undefined, freq: 4 }),
    },
    { requiredKeys: ['tree'] },
  );

const url = fc.constantFrom('https://example.org/x', 'https://arxiv.org/abs/2401.00001', 'http://a.b/c?d=1');
const fieldValues: Record<string, fc.Arbitrary<Tree>> = {
  title: fc.oneof(scalarTree, blockScalar),
  status: fc.constantFrom('unread', 'reading', 'read', 'Reading', '" read "', 'done').map((text): Tree => ({ kind: 'scalar', text })),
  starred: fc.constantFrom('true', 'false', 'yes', 'No', '1', 'maybe').map((text): Tree => ({ kind: 'scalar', text })),
  tags: fc.oneof(
    fc.record({ items: fc.array(plain.map((text): Tree => ({ kind: 'scalar', text })), { maxLength: 4 }), flow: fc.boolean() }).map((r): Tree => ({ kind: 'seq', ...r })),
    fc.array(plain, { minLength: 1, maxLength: 3 }).map((words): Tree => ({ kind: 'scalar', text: words.join(', ') })),
  ),
  links: fc
    .record({
      items: fc.array(
        fc.oneof(
          url.map((text): Tree => ({ kind: 'scalar', text })),
          fc.record({ u: url, title: fc.option(plain, { nil: undefined }) }).map(({ u, title }): Tree => ({
            kind: 'map',
            flow: false,
            entries: [['kind', { kind: 'scalar', text: 'url' }], ['url', { kind: 'scalar', text: u }], ...(title === undefined ? [] : [['title', { kind: 'scalar', text: title }] as [string, Tree]])],
          })),
        ),
        { maxLength: 3 },
      ),
      flow: fc.boolean(),
    })
    .map((r): Tree => ({ kind: 'seq', ...r })),
  annotations: fc
    .record({
      items: fc.array(
        fc.record({ id: plain, exact: plain, body: fc.oneof(scalarTree, blockScalar), extra: fc.option(fc.tuple(unknownKey, anyTree), { nil: undefined }) }).map(({ id, exact, body, extra }): Tree => ({
          kind: 'map',
          flow: false,
          entries: [
            ['id', { kind: 'scalar', text: id }],
            ['anchor', { kind: 'map', flow: true, entries: [['exact', { kind: 'scalar', text: exact }]] }],
            ['body', body],
            ...(extra ? [extra] : []),
          ],
        })),
        { maxLength: 3 },
      ),
      flow: fc.constant(false),
    })
    .map((r): Tree => ({ kind: 'seq', ...r })),
};

const entry: fc.Arbitrary<[string, Decorated]> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...Object.keys(fieldValues)).chain((key) => decorate(fieldValues[key]).map((v): [string, Decorated] => [key, v])) },
  { weight: 2, arbitrary: fc.tuple(unknownKey, decorate(anyTree)) },
);

function flowScalar(text: string): string {
  return text;
}

function writeFlow(tree: Tree): string {
  switch (tree.kind) {
    case 'scalar':
      return flowScalar(tree.text);
    case 'block-scalar':
      return JSON.stringify(tree.lines.join('\n'));
    case 'alias':
      return `*${tree.name}`;
    case 'seq':
      return `[${tree.items.map(writeFlow).join(', ')}]`;
    case 'map':
      return `{${tree.entries.map(([k, v]) => `${k}: ${writeFlow(v)}`).join(', ')}}`;
  }
}

function props(d: Omit<Decorated, 'tree'>): string {
  return [d.anchor && `&${d.anchor}`, d.tag].filter(Boolean).join(' ');
}

/** `key:` and its value, at `indent` spaces, with a newline at the end. */
function writeEntry(key: string, d: Decorated, indent: number): string {
  const pad = ' '.repeat(indent);
  const p = props(d);
  const comment = d.comment === undefined ? '' : ` # ${d.comment}`;
  const tree = d.tree;
  if (tree.kind === 'block-scalar') {
    const body = tree.lines.map((l) => (l === '' ? '' : `${pad}  ${l}`)).join('\n');
    return `${pad}${key}: ${p ? `${p} ` : ''}${tree.style}${comment}\n${body}\n`;
  }
  if ((tree.kind === 'seq' || tree.kind === 'map') && !tree.flow && (tree.kind === 'seq' ? tree.items.length : tree.entries.length) > 0) {
    const head = `${pad}${key}:${p ? ` ${p}` : ''}${comment}\n`;
    if (tree.kind === 'map') return head + tree.entries.map(([k, v]) => writeEntry(k, { tree: v }, indent + 2)).join('');
    return head + tree.items.map((item) => writeItem(item, indent + 2)).join('');
  }
  return `${pad}${key}: ${p ? `${p} ` : ''}${writeFlow(tree)}${comment}\n`;
}

function writeItem(item: Tree, indent: number): string {
  const pad = ' '.repeat(indent);
  if (item.kind === 'map' && !item.flow && item.entries.length > 0) {
    const [first, ...rest] = item.entries;
    return `${pad}- ${writeEntry(first[0], { tree: first[1] }, 0 + indent + 2).trimStart()}${rest.map(([k, v]) => writeEntry(k, { tree: v }, indent + 2)).join('')}`;
  }
  if (item.kind === 'block-scalar') return `${pad}- ${JSON.stringify(item.lines.join('\n'))}\n`;
  return `${pad}- ${writeFlow(item.kind === 'seq' || item.kind === 'map' ? { ...item, flow: true } : item)}\n`;
}

const lineComment = commentText.map((c) => `# ${c}\n`);

/** The text between the fences: entries with comments and blank lines between some. */
export const frontmatterArb: fc.Arbitrary<string> = fc
  .array(fc.tuple(entry, fc.option(fc.oneof(lineComment, fc.constant('\n')), { nil: undefined, freq: 3 })), { maxLength: 7 })
  .map((entries) => entries.map(([[key, value], before]) => (before ?? '') + writeEntry(key, value, 0)).join(''));

/** A whole notes file: frontmatter, a body, LF or CRLF. */
export const notesFileArb: fc.Arbitrary<string> = fc
  .record({ yaml: frontmatterArb, body: fc.constantFrom('', 'notes\n', '\nSome notes.\n\n- a list\n', 'no final newline'), crlf: fc.boolean() })
  .map(({ yaml, body, crlf }) => {
    const text = `---\n${yaml}---\n${body}`;
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });
