import * as vscode from 'vscode';
import type { Paper } from '../../core';

export function titleRange(doc: vscode.TextDocument, paper: Paper): vscode.Range {
  const line = doc.lineAt(Math.min(paper.source.titleLine, doc.lineCount - 1));
  return new vscode.Range(line.lineNumber, line.firstNonWhitespaceCharacterIndex, line.lineNumber, line.text.trimEnd().length);
}

export function blockRange(doc: vscode.TextDocument, paper: Paper): vscode.Range {
  const last = Math.min(paper.source.endLine, doc.lineCount - 1);
  return new vscode.Range(paper.source.startLine, 0, last, doc.lineAt(last).text.length);
}
