/** fast-check generators of notes, shared by the notes property tests. */
import fc from 'fast-check';
import type { Annotation, NoteLink, PaperNote } from '../../src/core/model/types';

/** Strings people and YAML find awkward, mixed with random Unicode text (no CR: bodies use "\n"). */
export const awkwardText = fc.oneof(
  fc.constantFrom(
    '', '---', '...', '# heading', 'yes', 'No', 'null', '~', '12', '0x1F', '1e3', ' lead', 'trail ', 'a: b',
    '- x', '"quoted"', "it's", '[[paper-id]]', '\t tab', 'multi\nline', 'ends with newline\n', '\n', '&anchor',
    '*alias', '!tag', '{a: 1}', '[1, 2]', '%YAML', '@at', '`tick`', 'ü ☃ 日本語', '<script>alert(1)</script>',
  ),
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.string({ maxLength: 24 }),
).map((s) => s.replace(/\r/g, ''));

const trimmedText = awkwardText.map((s) => s.trim()).filter((s) => s !== '');
const idText = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const withOptional = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export const linkArb: fc.Arbitrary<NoteLink> = fc.oneof(
  fc.record({ kind: fc.constant('paper' as const), id: trimmedText, title: optional(awkwardText) }).map(withOptional),
  fc.record({ kind: fc.constant('url' as const), url: trimmedText, title: optional(awkwardText) }).map(withOptional),
  fc
    .record({
      kind: fc.constant('file' as const),
      path: awkwardText.filter((s) => s !== ''),
      startLine: fc.nat(10_000),
      endLine: fc.nat(10_000),
      quote: optional(awkwardText),
    })
    .map(withOptional),
);

export const annotationArb: fc.Arbitrary<Annotation> = fc
  .record({
    id: fc.oneof(idText, trimmedText),
    anchor: fc.record({
      field: fc.constantFrom('title' as const, 'abstract' as const),
      exact: awkwardText,
      prefix: awkwardText,
      suffix: awkwardText,
      start: fc.nat(5000),
      end: fc.nat(5000),
    }),
    body: awkwardText,
    tag: optional(awkwardText),
    created: awkwardText,
    replies: optional(fc.array(fc.record({ body: awkwardText, created: awkwardText }), { maxLength: 2 })),
  })
  .map(withOptional);

export const bodyArb = fc.array(awkwardText, { maxLength: 6 }).map((lines) => lines.join('\n'));

export const noteArb: fc.Arbitrary<PaperNote> = fc.record({
  id: idText,
  title: awkwardText,
  status: fc.constantFrom('unread' as const, 'reading' as const, 'read' as const),
  starred: fc.boolean(),
  tags: fc.uniqueArray(trimmedText, { maxLength: 4 }),
  links: fc.array(linkArb, { maxLength: 3 }),
  annotations: fc.uniqueArray(annotationArb, { maxLength: 3, selector: (a) => a.id }),
  body: bodyArb,
});
