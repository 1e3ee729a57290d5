import type { LibraryHost } from './library-host';

/**
 * A browser's web worker extension host: no disk of its own (every file through
 * vscode.workspace.fs) and no digest worker (Markdown digests are parsed on the host, one
 * per turn of the event loop, so the host keeps answering between them).
 */
export const webHost: LibraryHost = {};
