import type * as vscode from 'vscode';
import type { RenameOver } from '../../shared/files';
import type { CandidateFiles } from './candidate-port';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

/** What the digest worker client hears from a running worker. */
export interface DigestThreadEvents {
  message(response: WorkerResponse): void;
  /** The worker failed or sent a message that could not be read. */
  error(message: string): void;
  exit(code: number): void;
}

/** A running digest worker, as the client drives it. */
export interface DigestThread {
  postMessage(request: WorkerRequest): void;
  terminate(): Promise<unknown>;
}

/**
 * What the library needs of the extension host that differs between a Node host (desktop,
 * remote) and a browser's web worker host: chosen by the entry point, src/extension-node.ts
 * or src/extension-web.ts.
 */
export interface LibraryHost {
  /** Reads `file:` candidates on this host's own disk; none: every scheme goes through vscode.workspace.fs. */
  readonly localDisk?: CandidateFiles;
  /** Starts the digest worker from its script; none: Markdown digests are parsed on the host, one per turn. */
  readonly startWorker?: (script: vscode.Uri, events: DigestThreadEvents) => DigestThread;
  /** Renames a `file:` URI over another in one step; none: VS Code's rename, which deletes the target first. */
  readonly renameOver?: RenameOver;
}
