import * as vscode from 'vscode';
import type { Services } from '../../services';

/**
 * The grammar can only guess which lines are titles; the parser knows. These
 * tokens mark exact titles and organisation lines, and themes colour them
 * through the TextMate scopes mapped in package.json (semanticTokenScopes).
 */
export const LEGEND = new vscode.SemanticTokensLegend(['paperTitle', 'paperOrg']);

export function semanticTokensProvider(docs: Services['documents']): vscode.DocumentSemanticTokensProvider {
  return {
    async provideDocumentSemanticTokens(doc) {
      const builder = new vscode.SemanticTokensBuilder(LEGEND);
      const digest = doc.languageId === 'paper-digest' ? await docs.parsed(doc) : undefined;
      for (const paper of digest?.papers ?? []) {
        mark(builder, doc, paper.source.titleLine, 0);
        if (!paper.org) continue;
        for (let line = paper.source.titleLine + 1; line <= Math.min(paper.source.endLine, doc.lineCount - 1); line++) {
          if (doc.lineAt(line).text.trim() === paper.org) {
            mark(builder, doc, line, 1);
            break;
          }
        }
      }
      return builder.build();
    },
  };
}

function mark(builder: vscode.SemanticTokensBuilder, doc: vscode.TextDocument, line: number, type: number): void {
  if (line >= doc.lineCount) return;
  const text = doc.lineAt(line);
  const start = text.firstNonWhitespaceCharacterIndex;
  const length = text.text.trimEnd().length - start;
  if (length > 0) builder.push(line, start, length, type, 0);
}
