/**
 * Inputs built to be slow: a notes file with 40,000 tags and one with 10,000 annotations
 * (read and saved, against one with a tenth of them: linear work gives 10x), and a megabyte
 * of Markdown nested as deep as it goes (parsed, against a normal 50 KB digest: twenty times
 * the bytes, so no slower per byte gives 20x).
 */
import { emptyNote, parseDigest, parseNoteFile, serializeNoteFile, type Annotation, type NoteDocument, type PaperNote } from '../src/core';
import type { CorpusFile } from './corpus';
import { median, paired, round } from './measure';
import { figure, ratioFigure, type Figure } from './results';

export interface RobustnessOptions {
  quick: boolean;
  log: (message: string) => void;
}

/** The notes file the store writes for `note`. */
function notesFile(note: PaperNote, what: string): string {
  const saved = serializeNoteFile(note);
  if (!saved.ok) throw new Error(`could not write a notes file of ${what}: ${saved.message}`);
  return saved.text;
}

/** A notes file with `count` tags, as the store writes it. */
function notesFileWithTags(count: number): string {
  const note: PaperNote = { ...emptyNote('p-1', 'A paper with many tags'), tags: Array.from({ length: count }, (_, i) => `tag-${i.toString(36)}`), body: 'Some notes.\n' };
  return notesFile(note, `${count} tags`);
}

/** A notes file with `count` annotations, each with a two-line comment and a quote needing quotes. */
function notesFileWithAnnotations(count: number): string {
  const annotations: Annotation[] = Array.from({ length: count }, (_, i) => ({
    id: `a-${i.toString(36)}`,
    anchor: { field: 'abstract', exact: `words of "sentence" ${i}: quoted`, prefix: 'before ', suffix: ' after', start: i * 10, end: i * 10 + 30 },
    body: `A comment on ${i}.\nIt goes on for a second line.`,
    created: '2026-11-06T10:00:00.000Z',
    ...(i % 7 === 0 ? { tag: 'question' } : {}),
  }));
  return notesFile({ ...emptyNote('p-1', 'A paper with many annotations'), annotations, body: 'Some notes.\n' }, `${count} annotations`);
}

function readNotes(text: string): { note: PaperNote; doc: NoteDocument } {
  const parsed = parseNoteFile(text, 'p-1');
  if (!parsed.ok) throw new Error(`could not read the notes file back: ${parsed.message}`);
  return parsed;
}

/** Block quotes, lists, emphasis, brackets and links nested as deep as a line can hold them. */
const NESTED = [
  `${'> '.repeat(2000)}x`,
  `${'- '.repeat(2000)}x`,
  `${'> - '.repeat(1000)}x`,
  `${'*a '.repeat(1000)}x${' a*'.repeat(1000)}`,
  `${'**a '.repeat(800)}x${' a**'.repeat(800)}`,
  `${'['.repeat(2000)}x${']'.repeat(2000)}`,
  `${'[['.repeat(800)}x${'](u)]'.repeat(800)}`,
];

/** About `bytes` of Markdown digest whose every paper's abstract is hostile nesting. */
function nestedDigest(bytes: number): string {
  const parts = ['# Digest Nov 6\n'];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const section = `\n## Nested paper ${i}\n\n${NESTED[i % NESTED.length]}\n\nzai-org · 3 authors · Nov 6 · ▲ 2\n`;
    parts.push(section);
    size += section.length;
  }
  return parts.join('');
}

/** The corpus's Markdown digests, joined and cut at a section to about `bytes`. */
function normalDigest(files: readonly CorpusFile[], bytes: number): string {
  const markdown = files.filter((f) => f.format === 'markdown').map((f) => f.text);
  if (markdown.length === 0) throw new Error('the corpus has no Markdown digest');
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += `${markdown[i % markdown.length]}\n\n`;
  const cut = text.lastIndexOf('\n## ', bytes);
  return cut > 0 ? text.slice(0, cut + 1) : text;
}

/** Figures and a sink for the values measured, so no run is optimised away. */
function figureList(log: (message: string) => void) {
  const figures: Figure[] = [];
  const add = (f: Parameters<typeof figure>[0]) => {
    const result = figure(f);
    figures.push(result);
    log(`  ${result.label}: ${result.value} ${result.unit} (goal ${result.goal?.op} ${result.goal?.value}: ${result.met ? 'met' : 'MISSED'})`);
  };
  return { figures, add };
}

/**
 * Reading and saving the large notes files against the small ones. Measured before the corpus
 * is made: with a gigabyte of corpus and indexes on the heap, a full collection that falls in a
 * run of a few milliseconds costs more than the run, and the ratio then says more of the
 * bench's heap than of the notes file's code. The extension host holds one library, not ten.
 */
export function notesFileFigures({ quick, log }: RobustnessOptions): Figure[] {
  const { figures, add } = figureList(log);
  let sink = 0;

  const runs = quick ? 3 : 9;
  const kb = (text: string) => `${Math.round(text.length / 1000)} KB`;
  /** Read and save of `large` against `small` (a tenth of its items): two rows with a goal of 12x. */
  const readAndSave = (id: string, what: string, large: string, small: string, smallWhat: string, change: (note: PaperNote) => PaperNote) => {
    const read = paired(runs, () => {
      sink += readNotes(large).note.body.length;
    }, () => {
      sink += readNotes(small).note.body.length;
    });
    add(ratioFigure({
      id: `notes.${id}.read`,
      label: `Read a ${what} notes file, vs a ${smallWhat} one`,
      goal: { op: '<=', value: 12 },
      baseline: `parseNoteFile of the ${smallWhat} file`,
      runs,
      detail: `${round(median(read.subject), 1)} ms for ${kb(large)}, ${round(median(read.baseline), 2)} ms for ${kb(small)}`,
    }, read));

    // A save as the store makes it: one item more, written over the document read.
    const saveOf = (text: string) => {
      const { note, doc } = readNotes(text);
      const changed = change(note);
      return () => {
        const saved = serializeNoteFile(changed, doc);
        if (!saved.ok) throw new Error(`the ${what} save was refused: ${saved.message}`);
        sink += saved.text.length;
      };
    };
    const save = paired(runs, saveOf(large), saveOf(small));
    add(ratioFigure({
      id: `notes.${id}.save`,
      label: `Save a ${what} notes file, vs a ${smallWhat} one`,
      goal: { op: '<=', value: 12 },
      baseline: `serializeNoteFile of the ${smallWhat} file, one item added`,
      runs,
      detail: `${round(median(save.subject), 1)} ms for ${kb(large)}, ${round(median(save.baseline), 2)} ms for ${kb(small)}`,
    }, save));
  };

  readAndSave('tags40k', '40,000-tag', notesFileWithTags(40_000), notesFileWithTags(4_000), '4,000-tag', (note) => ({ ...note, tags: [...note.tags, 'one-more'] }));
  readAndSave('annotations10k', '10,000-annotation', notesFileWithAnnotations(10_000), notesFileWithAnnotations(1_000), '1,000-annotation', (note) => ({
    ...note,
    annotations: [...note.annotations, { id: 'a-new', anchor: { field: 'title', exact: 'new', prefix: '', suffix: '', start: 0, end: 3 }, body: 'One more.', created: '2026-11-07T10:00:00.000Z' }],
  }));

  if (sink === -1) log('');
  return figures;
}

/** 1 MB of Markdown nested as deep as it goes, parsed, against a normal 50 KB digest. */
export function nestedMarkdownFigures(files: readonly CorpusFile[], { quick, log }: RobustnessOptions): Figure[] {
  const { figures, add } = figureList(log);
  let sink = 0;
  const kb = (text: string) => `${Math.round(text.length / 1000)} KB`;
  const nested = nestedDigest(1_000_000);
  const normal = normalDigest(files, 50_000);
  const parseRuns = quick ? 2 : 5;
  const parse = paired(parseRuns, () => {
    sink += parseDigest(nested, 'file:///bench/nested.md').papers.length;
  }, () => {
    sink += parseDigest(normal, 'file:///bench/normal.md').papers.length;
  });
  add(ratioFigure({
    id: 'parse.markdown.nested1MB',
    label: 'Parse 1 MB of deeply nested Markdown, vs a normal 50 KB digest',
    goal: { op: '<=', value: 20 },
    baseline: `parseDigest of a normal ${kb(normal)} Markdown digest`,
    runs: parseRuns,
    detail: `${round(median(parse.subject), 0)} ms for ${kb(nested)} nested, ${round(median(parse.baseline), 1)} ms for ${kb(normal)}`,
  }, parse));
  if (sink === -1) log('');
  return figures;
}
