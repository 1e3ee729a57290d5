/**
 * The core's public API: the pure model, in packages by domain (each folder's index.ts is
 * its only door). Nothing here imports vscode or does I/O.
 */
export * from './model';
export * from './digest';
export * from './library';
export * from './anchor';
export * from './notes';
export * from './export';
export * from './search';
export * from './similar';
export * from './reading';
export * from './insights';
export * from './protocol';
export * from './fetch';
