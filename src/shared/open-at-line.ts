import * as vscode from 'vscode';

/** Opens a file in an editor with the cursor at the start of a line (0-based). */
export async function openAtLine(uri: vscode.Uri, line?: number): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const position = new vscode.Position(Math.max(0, line ?? 0), 0);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: false });
}
