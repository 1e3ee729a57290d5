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
 */
// eslint-disable-next-line no-restricted-imports -- the one ranged, round-trip-free read of local candidates (see above)
import { open, readFile, stat } from 'node:fs/promises';
import type { CandidateFiles } from './candidate-port';

function isGone(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function orGone<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

export const localDisk: CandidateFiles = {
  stat(uri) {
    return orGone(async () => {
      const facts = await stat(uri.fsPath);
      return { size: facts.size, mtime: Math.floor(facts.mtimeMs), isDirectory: facts.isDirectory() };
    });
  },
  readHead(uri, bytes) {
    return orGone(async () => {
      const handle = await open(uri.fsPath, 'r');
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
    });
  },
  readWhole(uri) {
    return orGone(() => readFile(uri.fsPath));
  },
};
