// Reads the extension's TypeScript for the localisation tests: the messages it passes to
// vscode.l10n.t, and the strings a reader sees that are not passed through it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..', '..');

export interface Found {
  /** file:line */
  where: string;
  text: string;
}

export function parseSources(dir = 'src'): ts.SourceFile[] {
  return readdirSync(join(root, dir), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => ts.createSourceFile(join(dir, name), readFileSync(join(root, dir, name), 'utf8'), ts.ScriptTarget.ES2022, true));
}

function where(source: ts.SourceFile, node: ts.Node): string {
  return `${source.fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
}

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node);
  ts.forEachChild(node, (child) => visit(child, each));
}

const isL10nCall = (node: ts.Node): node is ts.CallExpression =>
  ts.isCallExpression(node) && /(^|\.)l10n\.t$/.test(node.expression.getText());

/** The literal messages of every vscode.l10n.t call and of the webviews' *_TEXT tables. */
export function l10nMessages(sources: ts.SourceFile[]): Found[] {
  const found: Found[] = [];
  for (const source of sources) {
    visit(source, (node) => {
      if (isL10nCall(node)) {
        const first = node.arguments[0];
        if (first && ts.isStringLiteralLike(first)) found.push({ where: where(source, first), text: first.text });
      }
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && /_TEXT$/.test(node.name.text) && node.initializer) {
        let init: ts.Expression = node.initializer;
        while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
        if (!ts.isObjectLiteralExpression(init)) return;
        for (const property of init.properties) {
          if (ts.isPropertyAssignment(property) && ts.isStringLiteralLike(property.initializer)) {
            found.push({ where: where(source, property), text: property.initializer.text });
          }
        }
      }
    });
  }
  return found;
}

/** Fields of quick pick items, input boxes, tree items and commands that a reader sees. */
const SHOWN_FIELDS = new Set(['title', 'placeHolder', 'placeholder', 'prompt', 'label', 'tooltip', 'description', 'detail', 'validationMessage']);

const isTextLiteral = (node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression =>
  ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);

/** The words of a literal, without ${...} and $(icon) references: nothing to translate if no letter is left. */
function words(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): string {
  const text = ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ') : node.text;
  return text.replace(/\$\([\w~-]+\)/g, '');
}

/**
 * String and template literals given as a message or button to vscode.window.show*Message, as
 * a tree item's label, or as one of SHOWN_FIELDS (in an object literal or assigned), that are
 * not the message of a vscode.l10n.t call, in the files that use the editor's API.
 */
export function bareStrings(sources: ts.SourceFile[]): Found[] {
  const found: Found[] = [];
  for (const source of sources) {
    if (!/from 'vscode'/.test(source.text)) continue;
    const report = (node: ts.Node): void => {
      // Either branch of `a ? 'x' : 'y'` and `a ?? 'x'` is shown.
      if (ts.isParenthesizedExpression(node)) return report(node.expression);
      if (ts.isConditionalExpression(node)) return [node.whenTrue, node.whenFalse].forEach(report);
      if (ts.isBinaryExpression(node) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) return report(node.right);
      if (isTextLiteral(node) && /\p{L}/u.test(words(node))) found.push({ where: where(source, node), text: node.getText(source) });
    };
    visit(source, (node) => {
      if (ts.isCallExpression(node) && /\bshow(Information|Warning|Error)Message$/.test(node.expression.getText(source))) node.arguments.forEach(report);
      if (ts.isNewExpression(node) && /\bTreeItem$/.test(node.expression.getText(source)) && node.arguments?.[0]) report(node.arguments[0]);
      if (ts.isPropertyAssignment(node) && SHOWN_FIELDS.has(node.name.getText(source))) report(node.initializer);
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && SHOWN_FIELDS.has(node.left.name.text)) report(node.right);
    });
  }
  return found;
}
