/** The paper of the card panel in front, so commands run from the palette act on it. */
let current: string | undefined;

export function activeCardId(): string | undefined {
  return current;
}

export function setActiveCardId(id: string | undefined): void {
  current = id;
}
