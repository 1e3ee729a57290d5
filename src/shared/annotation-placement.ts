import * as vscode from 'vscode';
import { placeAnnotations, type Digest, type DocPosition, type Placement } from '../core';
import type { Services } from '../services';

/** Documents of these schemes are files a reader annotates (not output panes, diffs or settings). */
const ANNOTATED_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);
const ANNOTATED_LANGUAGES = new Set(['paper-digest', 'markdown', 'plaintext']);

export function hasAnnotatedScheme(uri: vscode.Uri): boolean {
  return ANNOTATED_SCHEMES.has(uri.scheme);
}

/** The digest an open document shows annotations in; undefined when it is no digest. */
export function annotatedDigestOf(services: Pick<Services, 'documents'>, doc: vscode.TextDocument): Digest | undefined {
  if (!hasAnnotatedScheme(doc.uri) || !ANNOTATED_LANGUAGES.has(doc.languageId)) return undefined;
  return services.documents.get(doc);
}

export function linesOf(doc: vscode.TextDocument): (line: number) => string | undefined {
  return (line) => (line >= 0 && line < doc.lineCount ? doc.lineAt(line).text : undefined);
}

export function toRange(start: DocPosition, end: DocPosition): vscode.Range {
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

/**
 * Where the annotations of a document's papers are in its text now (unsaved
 * edits included): the one placement the highlights, the threads and reveal
 * all show. Undefined when the document is no digest.
 */
export function placementsIn(services: Pick<Services, 'documents' | 'store'>, doc: vscode.TextDocument): Placement[] | undefined {
  const digest = annotatedDigestOf(services, doc);
  if (!digest) return undefined;
  return placeAnnotations(linesOf(doc), digest.papers, (id) => services.store.get(id));
}

/** The placement of one annotation: its first anchored copy, else its first orphaned one. */
export function placementOf(placements: readonly Placement[], paperId: string, annotationId: string): Placement | undefined {
  const own = placements.filter((p) => p.paper.id === paperId && p.annotation.id === annotationId);
  return own.find((p) => p.status === 'anchored') ?? own[0];
}
