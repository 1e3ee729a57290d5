import * as vscode from 'vscode';
import { comparePositions, fieldOfRange, paperFields, type DocPosition, type FieldMap, type FieldName, type PaperFieldMaps } from '../../core';
import type { Digest, Paper } from '../../core';
import { linesOf, toRange } from '../../shared/annotation-placement';

/** Words of one paper's title or abstract, as offsets into that field's text. */
export interface Target {
  uri: vscode.Uri;
  paper: Paper;
  /** Which copy of the paper in the digest. */
  occurrence: number;
  field: FieldName;
  /** The field's text as the parser builds it. */
  text: string;
  start: number;
  end: number;
  range: vscode.Range;
}

function fieldRange(map: FieldMap, start: number, end: number): vscode.Range {
  return toRange(map.toPosition(start, 'start'), map.toPosition(end, 'end'));
}

const NOT_IN_A_FIELD = (): string =>
  vscode.l10n.t("Select words within one paper's title or abstract to annotate them.");

/**
 * The paper field words that `range` covers in `doc`. A selection must lie
 * within one field; with `clamp`, a range of whole lines (a comment started
 * from the gutter) is cut down to the one field it overlaps. Returns a message
 * for the user when there is no such field.
 */
export function resolveRange(doc: vscode.TextDocument, digest: Digest | undefined, range: vscode.Range, clamp = false): Target | string {
  if (!digest) return vscode.l10n.t('This file is not a paper digest, so its text cannot be annotated.');
  const trimmed = trimRange(doc, range);
  if (!trimmed) return NOT_IN_A_FIELD();
  const occurrence = new Map<string, number>();
  for (const paper of digest.papers) {
    const index = occurrence.get(paper.id) ?? 0;
    occurrence.set(paper.id, index + 1);
    if (trimmed.start.line < paper.source.startLine || trimmed.start.line > paper.source.endLine) continue;
    const fields = paperFields(linesOf(doc), paper);
    let found = fieldOfRange(fields, trimmed.start, trimmed.end);
    if (!found && clamp) found = clampToField(fields, trimmed.start, trimmed.end);
    if (!found || found.start >= found.end) return NOT_IN_A_FIELD();
    const map = fields[found.field]!;
    return {
      uri: doc.uri, paper, occurrence: index, field: found.field, text: map.text, start: found.start, end: found.end,
      range: fieldRange(map, found.start, found.end),
    };
  }
  return NOT_IN_A_FIELD();
}

/** The whole of a paper's title, for annotating a paper from its CodeLens with nothing selected. */
export function titleTarget(doc: vscode.TextDocument, digest: Digest, paperId: string): Target | undefined {
  let index = -1;
  for (const paper of digest.papers) {
    if (paper.id !== paperId) continue;
    index++;
    const map = paperFields(linesOf(doc), paper).title;
    if (!map) continue;
    return { uri: doc.uri, paper, occurrence: index, field: 'title', text: map.text, start: 0, end: map.text.length, range: fieldRange(map, 0, map.text.length) };
  }
  return undefined;
}

/** The range without white space at its ends; undefined when nothing else is in it. */
function trimRange(doc: vscode.TextDocument, range: vscode.Range): vscode.Range | undefined {
  let start = doc.validatePosition(range.start);
  let end = doc.validatePosition(range.end);
  const text = doc.getText(new vscode.Range(start, end));
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  if (lead === text.length) return undefined;
  start = doc.positionAt(doc.offsetAt(start) + lead);
  end = doc.positionAt(doc.offsetAt(end) - trail);
  return new vscode.Range(start, end);
}

/** The one field a range overlaps, cut to the range; undefined when it overlaps none or both. */
function clampToField(fields: PaperFieldMaps, start: DocPosition, end: DocPosition): { field: FieldName; start: number; end: number } | undefined {
  const overlapping = [fields.title, fields.abstract].filter((map): map is FieldMap =>
    map !== undefined && comparePositions(start, map.end) < 0 && comparePositions(end, map.start) > 0);
  if (overlapping.length !== 1) return undefined;
  const map = overlapping[0];
  const from = comparePositions(start, map.start) <= 0 ? 0 : map.toOffset(start, 'start');
  const to = comparePositions(end, map.end) >= 0 ? map.text.length : map.toOffset(end, 'end');
  if (from === undefined || to === undefined) return undefined;
  return { field: map.field, start: from, end: to };
}
