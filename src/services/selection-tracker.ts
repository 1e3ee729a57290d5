import * as vscode from 'vscode';
import type { NoteLink } from '../core';
import { LIMITS } from '../core';
import { workspacePath } from '../shared/workspace-paths';

/**
 * Remembers the last selection in a text editor. When the card has focus there is no active
 * text editor, yet "link editor selection" in the card means the selection the reader just made.
 */
export class SelectionTracker implements vscode.Disposable {
  private last: { uri: vscode.Uri; selection: vscode.Selection; document: vscode.TextDocument } | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor() {
    const remember = (editor: vscode.TextEditor | undefined) => {
      if (editor && editor.document.uri.scheme !== 'output') this.last = { uri: editor.document.uri, selection: editor.selection, document: editor.document };
    };
    remember(vscode.window.activeTextEditor);
    this.disposables = [
      vscode.window.onDidChangeActiveTextEditor(remember),
      vscode.window.onDidChangeTextEditorSelection((event) => remember(event.textEditor)),
    ];
  }

  /** A link to the current (or last) selection, or a message saying why there is none. */
  link(): { link: NoteLink } | { error: string } {
    const editor = vscode.window.activeTextEditor;
    const source = editor ? { uri: editor.document.uri, selection: editor.selection, document: editor.document } : this.last;
    if (!source || source.document.isClosed) return { error: vscode.l10n.t('Select some text in an editor first.') };
    const path = workspacePath(source.uri);
    if (!path) return { error: vscode.l10n.t('Only files inside the workspace can be linked.') };
    const { selection, document } = source;
    const startLine = selection.start.line;
    // A selection that ends at the start of a line does not include that line.
    const endLine = selection.end.character === 0 && selection.end.line > startLine ? selection.end.line - 1 : selection.end.line;
    let quote = selection.isEmpty ? document.lineAt(startLine).text : document.getText(selection);
    quote = quote.trim();
    if (quote.length > LIMITS.quote) quote = `${quote.slice(0, LIMITS.quote - 1)}…`;
    const link: NoteLink = { kind: 'file', path, startLine, endLine };
    return { link: quote ? { ...link, quote } : link };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
