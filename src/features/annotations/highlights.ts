import * as vscode from 'vscode';
import { toRange } from '../../shared/annotation-placement';
import type { DocView, ViewPart } from './document-views';
import { PALETTE, placedByColour, type Colour } from './palette';

/** What a colour is called in menus and comments. */
export function colourLabel(colour: Colour): string {
  switch (colour) {
    case 'yellow': return vscode.l10n.t('Yellow');
    case 'green': return vscode.l10n.t('Green');
    case 'blue': return vscode.l10n.t('Blue');
    case 'pink': return vscode.l10n.t('Pink');
    case 'purple': return vscode.l10n.t('Purple');
  }
}

/**
 * The highlights of annotated words: one decoration type per colour, given to
 * every visible editor of a document each time its annotations are placed.
 */
export class Highlights implements ViewPart, vscode.Disposable {
  private readonly types = createHighlightTypes();
  /** Ranges last given to a document's editors, per colour. */
  private readonly last = new Map<string, Map<Colour, vscode.Range[]>>();

  show(doc: vscode.TextDocument, view: DocView): void {
    const byColour = new Map([...placedByColour(view.placements)].map(([colour, placed]) => [colour, placed.map((p) => toRange(p.start, p.end))]));
    this.last.set(doc.uri.toString(), byColour);
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== doc) continue;
      for (const [colour, ranges] of byColour) editor.setDecorations(this.types.get(colour)!, ranges.map((range) => ({ range })));
    }
  }

  clear(key: string): void {
    this.last.delete(key);
  }

  /** The ranges last given to the document's editors, per colour. */
  ranges(uri: vscode.Uri): Map<Colour, vscode.Range[]> {
    return new Map(this.last.get(uri.toString()) ?? []);
  }

  dispose(): void {
    for (const type of this.types.values()) type.dispose();
    this.last.clear();
  }
}

/**
 * One decoration type per colour. The background and the border are theme
 * colours (package.json): high-contrast themes clear the background and let
 * the border carry the colour.
 */
function createHighlightTypes(): Map<Colour, vscode.TextEditorDecorationType> {
  const types = new Map<Colour, vscode.TextEditorDecorationType>();
  for (const colour of PALETTE) {
    types.set(colour, vscode.window.createTextEditorDecorationType({
      backgroundColor: new vscode.ThemeColor(`paperReader.annotation.${colour}Background`),
      border: '1px solid',
      borderColor: new vscode.ThemeColor(`paperReader.annotation.${colour}Border`),
      borderRadius: '2px',
      overviewRulerColor: new vscode.ThemeColor(`paperReader.annotation.${colour}Ruler`),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
      // Also gives the highlighted text its own inline class, so the highlighted
      // words themselves carry the decoration (UI tests find them by it).
      opacity: '1',
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }));
  }
  return types;
}
