// eslint-disable-next-line no-restricted-imports -- the one rename that replaces a file in one step (see atomicFiles in shared/files.ts)
import { rename } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { LibraryHost } from './library-host';
import { localDisk } from './local-disk';
import type { WorkerResponse } from './worker-protocol';

/** The Node extension host: candidates read from its own disk, Markdown parsed in a worker thread. */
export const nodeHost: LibraryHost = {
  localDisk,
  // POSIX rename replaces the target in one step (and Windows' MoveFileEx with REPLACE_EXISTING).
  renameOver: (from, to) => rename(from.fsPath, to.fsPath),
  startWorker(script, events) {
    const worker = new Worker(script.fsPath);
    worker.on('message', (response: WorkerResponse) => events.message(response));
    worker.on('error', (error) => events.error(`the digest worker failed: ${error instanceof Error ? error.message : String(error)}`));
    worker.on('messageerror', (error) => events.error(`the digest worker sent an unreadable message: ${String(error)}`));
    worker.on('exit', (code) => events.exit(code));
    return worker;
  },
};
