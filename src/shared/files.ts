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

/** The symbolic links already reported, so the same one is not reported on every read. */
const linksShown = new Set<string>();

/**
 * The first symbolic link on the way from the uri's workspace folder down to the uri, if any.
 * A link (a `.papers` folder, a `notes` folder or a notes file) could lead anywhere on the disk,
 * so files inside a workspace folder are never read or written through one. A uri outside
 * every workspace folder (an export the reader saved elsewhere) is not checked: the reader chose it.
 */
export async function linkOnPath(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const base = folder.uri.path.replace(/\/+$/, '');
  if (!uri.path.startsWith(`${base}/`)) return undefined;
  let current = folder.uri;
  for (const part of uri.path.slice(base.length + 1).split('/').filter(Boolean)) {
    current = vscode.Uri.joinPath(current, part);
    let type: vscode.FileType;
    try {
      type = (await vscode.workspace.fs.stat(current)).type;
    } catch (error) {
      if (isNotFound(error)) return undefined; // nothing below a missing part exists, so no link either
      throw error;
    }
    if (type & vscode.FileType.SymbolicLink) return current;
  }
  return undefined;
}

/** The refusal of a symbolic link, in words that name it; shown to the reader once per link. */
function refuseLink(link: vscode.Uri): string {
  const message = vscode.l10n.t('{0} is a symbolic link: Paper Reader does not read or write notes through links, so nothing outside the workspace folder is touched. Replace the link with a real folder or file to use it.', vscode.workspace.asRelativePath(link));
  if (!linksShown.has(link.toString())) {
    linksShown.add(link.toString());
    void vscode.window.showWarningMessage(message);
  }
  return message;
}

/**
 * The file's text, or undefined when it does not exist. Other failures are thrown. A file
 * inside a workspace folder reached through a symbolic link is not read (see linkOnPath):
 * the reader is told, and it reads as missing.
 */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const link = await linkOnPath(uri);
  if (link) {
    refuseLink(link);
    return undefined;
  }
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Puts one file in place of another in a single step of the file system. */
export type RenameOver = (from: vscode.Uri, to: vscode.Uri) => Promise<void>;

/** Writes that replace a file in one step, through the extension host's own rename where it has one (see `atomicFiles`). */
export interface AtomicFiles {
  /**
   * Replaces the file in one step: the text goes to a temporary file beside it, which is then
   * renamed over the target, so a crash or a full disk never leaves half a notes file behind.
   * The temporary name does not end in ".md", so watchers of notes files and digests never see it.
   * A file inside a workspace folder reached through a symbolic link is refused (see linkOnPath).
   */
  writeText(uri: vscode.Uri, text: string): Promise<void>;
  /** writeText for bytes (an image). */
  writeBytes(uri: vscode.Uri, bytes: Uint8Array): Promise<void>;
  /** Renames `from` over `to` in one step where the host can. */
  renameOver: RenameOver;
}

/**
 * The atomic writes of a host, given its own rename for `file:` URIs (the Node host:
 * fs.rename). VS Code's rename with overwrite deletes the target before it renames, so a
 * crash in between leaves no file at all, and a reader in between (another window, a
 * watcher) finds none; a host's own rename replaces it in one step. Without one (the web
 * host), VS Code's.
 */
export function atomicFiles(hostRename?: RenameOver): AtomicFiles {
  const renameOver: RenameOver = async (from, to) => {
    if (hostRename && from.scheme === 'file' && to.scheme === 'file') await hostRename(from, to);
    else await vscode.workspace.fs.rename(from, to, { overwrite: true });
  };
  const writeBytes = async (uri: vscode.Uri, bytes: Uint8Array) => {
    // Checked before anything is made: creating the folder could already go through a link.
    const link = await linkOnPath(uri);
    if (link) throw new Error(refuseLink(link));
    const folder = vscode.Uri.joinPath(uri, '..');
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const random = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
    const temp = vscode.Uri.joinPath(folder, `.${name}.${random}.tmp`);
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(temp, bytes);
    try {
      await renameOver(temp, uri);
    } catch (error) {
      await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
      throw error;
    }
  };
  return { renameOver, writeBytes, writeText: (uri, text) => writeBytes(uri, encoder.encode(text)) };
}
