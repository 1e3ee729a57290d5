/**
 * The insights panel's HTML, for the host to set as the webview's html. The
 * CSP allows the one script (by nonce), styles by the same nonce (the page
 * adds its stylesheet with it) or from the webview's own resources, and
 * blob: images, which saving a chart as PNG draws the SVG through. Nothing
 * else: no eval, no remote content, no inline handlers.
 */

export interface InsightsPageOptions {
  /** A fresh random nonce per page (base64 or hex letters). */
  nonce: string;
  /** The webview's cspSource. */
  cspSource: string;
  /** asWebviewUri of dist/insights.js. */
  scriptUri: string;
  /** The page's words, translated (INSIGHTS_TEXT's keys); English where absent. */
  l10n?: Record<string, string>;
  /** The `lang` of the page, VS Code's display language. */
  lang?: string;
  title?: string;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function insightsPageHtml(options: InsightsPageOptions): string {
  const nonce = options.nonce.replace(/[^A-Za-z0-9+/=_-]/g, '');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}' ${options.cspSource}`,
    `font-src ${options.cspSource}`,
    `img-src ${options.cspSource} blob:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(options.lang ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeAttribute(options.title ?? 'Insights')}</title>
</head>
<body>
<main id="app" data-l10n="${escapeAttribute(JSON.stringify(options.l10n ?? {}))}"></main>
<script nonce="${nonce}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>
`;
}
