import * as vscode from 'vscode';
import { CARD_TEXT, type CardText, type CardTextKey } from '../../core';

function nonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(18)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The card's words in VS Code's display language. */
function cardText(): CardText {
  const text = { ...CARD_TEXT } as CardText;
  for (const key of Object.keys(CARD_TEXT) as CardTextKey[]) text[key] = vscode.l10n.t(CARD_TEXT[key]);
  return text;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The folders the card may load from: the bundles and the stylesheets, nothing else. */
export function cardResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

/**
 * Where the card's images may come from. Images from the web (a figure from a paper page) load
 * only when the reader allows them (paperReader.notes.loadRemoteImages); otherwise a clicked
 * placeholder's image is fetched by the extension and shown as a data: URL.
 */
export function imageSources(webview: Pick<vscode.Webview, 'cspSource'>, remoteImages: boolean): string {
  return remoteImages ? `img-src ${webview.cspSource} https: data:` : `img-src ${webview.cspSource} data:`;
}

/**
 * The card's page. Nothing runs but the bundled script carrying this page's nonce; styles come
 * from the extension's files (and Lit's constructed stylesheets); remote images only if allowed.
 */
export function cardHtml(webview: vscode.Webview, extensionUri: vscode.Uri, remoteImages = false): string {
  const n = nonce();
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const csp = [
    "default-src 'none'",
    imageSources(webview, remoteImages),
    `style-src ${webview.cspSource} 'nonce-${n}'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${n}'`,
  ].join('; ');
  const lang = vscode.env.language.replace(/[^A-Za-z0-9-]/g, '') || 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('dist', 'codicon.css')}" id="vscode-codicon-stylesheet" nonce="${n}">
<link rel="stylesheet" href="${asset('media', 'card.css')}" nonce="${n}">
<title>Paper</title>
</head>
<body>
<main id="app" class="card" data-l10n="${escapeAttribute(JSON.stringify(cardText()))}"></main>
<script nonce="${n}" src="${asset('dist', 'webview.js')}"></script>
</body>
</html>`;
}
