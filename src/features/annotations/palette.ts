import * as vscode from 'vscode';

/**
 * The highlight colours an annotation's tag can pick. Each is a set of theme
 * colours contributed in package.json (`paperReader.annotation.<name>Background`,
 * `...Border`, `...Ruler`) with light, dark and high-contrast values: in
 * high-contrast themes the background is clear and the border carries the
 * colour, so the text keeps its contrast.
 */
export const PALETTE = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type Colour = (typeof PALETTE)[number];

/** An annotation with no tag, or a tag that names no colour (a hand edit), is highlighted in this one. */
export const DEFAULT_COLOUR: Colour = 'yellow';

export function colourOf(tag: string | undefined): Colour {
  const name = tag?.trim().toLowerCase();
  return (PALETTE as readonly string[]).includes(name ?? '') ? (name as Colour) : DEFAULT_COLOUR;
}

export function colourLabel(colour: Colour): string {
  switch (colour) {
    case 'yellow': return vscode.l10n.t('Yellow');
    case 'green': return vscode.l10n.t('Green');
    case 'blue': return vscode.l10n.t('Blue');
    case 'pink': return vscode.l10n.t('Pink');
    case 'purple': return vscode.l10n.t('Purple');
  }
}

/** One decoration type per colour, created once and disposed with the extension. */
export function createHighlightTypes(): Map<Colour, vscode.TextEditorDecorationType> {
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
