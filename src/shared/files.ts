import * as vscode from 'vscode';

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

export function isNotFound(error: unknown): boolean {
  if (error instanceof vscode.FileSystemError) return error.code === 'FileNotFound' || error.code === 'EntryNotFound';
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'ENOENT' || code === 'FileNotFound' || code === 'EntryNotFound';
}

export function describeError(error: unknown): string {
  if (error instanceof vscode.FileSystemError && error.code === 'NoPermissions') return vscode.l10n.t('permission denied');
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return vscode.l10n.t('permission denied');
  return error instanceof Error ? error.message : String(error);
}

/** The file's text, or undefined when it does not exist. Other failures are thrown. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Replaces the file in one step: the text goes to a temporary file beside it, which is then
 * renamed over the target, so a crash or a full disk never leaves half a notes file behind.
 * The temporary name does not end in ".md", so watchers of notes files and digests never see it.
 */
export async function writeTextAtomic(uri: vscode.Uri, text: string): Promise<void> {
  await writeBytesAtomic(uri, encoder.encode(text));
}

/** writeTextAtomic for bytes (an image): a temporary file beside the target, renamed over it. */
export async function writeBytesAtomic(uri: vscode.Uri, bytes: Uint8Array): Promise<void> {
  const folder = vscode.Uri.joinPath(uri, '..');
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const random = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
  const temp = vscode.Uri.joinPath(folder, `.${name}.${random}.tmp`);
  await vscode.workspace.fs.createDirectory(folder);
  await vscode.workspace.fs.writeFile(temp, bytes);
  try {
    await vscode.workspace.fs.rename(temp, uri, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    throw error;
  }
}
