import * as vscode from 'vscode';

/** A workspace file as a note stores it: relative, "/"-separated, led by the folder's name in a multi-root workspace. */
export function workspacePath(uri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const multi = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const relative = uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
  return multi ? `${folder.name}/${relative}` : relative;
}

/**
 * The file a stored path names, if it is inside the workspace. Absolute paths, "..", empty parts
 * and backslashes are refused, so a hand-edited or hostile note cannot point outside.
 */
export function resolveWorkspacePath(path: string): vscode.Uri | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0 || path === '' || path.startsWith('/') || path.includes('\\') || /^[a-zA-Z]:/.test(path) || /\p{Cc}/u.test(path)) return undefined;
  const parts = path.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..')) return undefined;
  const named = folders.length > 1 ? folders.find((f) => f.name === parts[0]) : undefined;
  if (named && parts.length > 1) return vscode.Uri.joinPath(named.uri, ...parts.slice(1));
  return vscode.Uri.joinPath(folders[0].uri, ...parts);
}
