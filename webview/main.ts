// The card's web app; filled in by the card feature.
export {};
