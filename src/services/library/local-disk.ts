/**
 * Candidate files on this extension host's own disk, read with Node's file API.
 *
 * Extension code otherwise reaches files through vscode.workspace.fs, so that remote and
 * virtual workspaces work. The scan of candidates is the exception, for two reasons:
 * vscode.workspace.fs has no ranged read (a file's head costs the whole file), and each of
 * its calls waits on a round trip to the window (`$ensureActivation`), which in a
 * browser-served window costs milliseconds: 2,000 files took 19 s. Only file: URIs come
 * here (candidateFilesFor), and only in the Node extension host, where they are this
 * process's disk, in a remote window too; every other scheme goes through vscode.workspace.fs.
 *
 * A size and a head are read with synchronous calls: on a local disk the three or four
 * system calls take tens of microseconds, where each asynchronous one waits for a thread
 * of Node's pool and a turn of the event loop (2,000 heads: 35 ms against 200 to 700 ms
 * on a busy 2-core machine). The scan gives the event loop back every few milliseconds
 * between files. Should one call take long (a network mount), this reader uses the
 * asynchronous calls from then on, so the host is never held up by a slow disk twice.
 */
// eslint-disable-next-line no-restricted-imports -- the one ranged, round-trip-free read of local candidates (see above)
import { closeSync, openSync, readSync, statSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- as above
import { open, readFile, stat } from 'node:fs/promises';
import type { CandidateFiles, FileFacts } from './candidate-port';

/** A synchronous call slower than this means the disk is not a fast local one. */
const SLOW_CALL_MS = 15;

function isGone(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function orGone<T>(read: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

function facts(stats: { size: number; mtimeMs: number; isDirectory(): boolean }): FileFacts {
  return { size: stats.size, mtime: Math.floor(stats.mtimeMs), isDirectory: stats.isDirectory() };
}

function readHeadSync(path: string, bytes: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = new Uint8Array(bytes);
    let filled = 0;
    while (filled < bytes) {
      const read = readSync(fd, buffer, filled, bytes - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

async function readHeadAsync(path: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(bytes);
    let filled = 0;
    while (filled < bytes) {
      const { bytesRead } = await handle.read(buffer, filled, bytes - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

class LocalDisk implements CandidateFiles {
  private slow = false;

  /** The synchronous call while the disk answers fast; the asynchronous one once it did not. */
  private call<T>(sync: () => T, async: () => Promise<T>): T | Promise<T> {
    if (this.slow) return async();
    const started = performance.now();
    try {
      return sync();
    } finally {
      if (performance.now() - started > SLOW_CALL_MS) this.slow = true;
    }
  }

  stat(uri: { fsPath: string }): Promise<FileFacts | undefined> {
    return orGone(() => this.call(() => facts(statSync(uri.fsPath)), async () => facts(await stat(uri.fsPath))));
  }

  readHead(uri: { fsPath: string }, bytes: number): Promise<Uint8Array | undefined> {
    return orGone(() => this.call(() => readHeadSync(uri.fsPath, bytes), () => readHeadAsync(uri.fsPath, bytes)));
  }

  readWhole(uri: { fsPath: string }): Promise<Uint8Array | undefined> {
    return orGone(() => readFile(uri.fsPath));
  }
}

export const localDisk: CandidateFiles = new LocalDisk();
