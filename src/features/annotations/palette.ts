import type { Placed, Placement } from '../../core';

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

/** The colour an annotation is highlighted in. */
export function colourOf(tag: string | undefined): Colour {
  return paletteColour(tag ?? '') ?? DEFAULT_COLOUR;
}

/** The palette colour a name (any case, spaces around) means; undefined when it names none. */
export function paletteColour(name: string): Colour | undefined {
  const lower = name.trim().toLowerCase();
  return PALETTE.find((c) => c === lower);
}

/**
 * The anchored placements per colour, in document order. Every colour is
 * present, so giving an empty list to the editor clears that colour.
 */
export function placedByColour(placements: readonly Placement[]): Map<Colour, Placed[]> {
  const byColour = new Map<Colour, Placed[]>(PALETTE.map((c) => [c, []]));
  for (const p of placements) if (p.status === 'anchored') byColour.get(colourOf(p.annotation.tag))!.push(p);
  return byColour;
}
