/**
 * The chart colours of the current VS Code theme. Charts are SVG with colours
 * as attributes, so the CSS variables VS Code sets on the page are read and
 * resolved here (a saved chart then keeps them too), and read again when the
 * theme changes.
 */

export interface Palette {
  foreground: string;
  background: string;
  lines: string;
  focus: string;
  /** Set in high-contrast themes: every bar gets an outline in it. */
  contrastBorder?: string;
  series: string[];
}

function cssVariable(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

export function readPalette(): Palette {
  const contrast = cssVariable('--vscode-contrastBorder', '');
  return {
    foreground: cssVariable('--vscode-charts-foreground', cssVariable('--vscode-foreground', '#616161')),
    background: cssVariable('--vscode-editor-background', '#ffffff'),
    lines: cssVariable('--vscode-charts-lines', '#80808080'),
    focus: cssVariable('--vscode-focusBorder', '#0090f1'),
    ...(contrast !== '' ? { contrastBorder: contrast } : {}),
    series: [
      cssVariable('--vscode-charts-blue', '#3794ff'),
      cssVariable('--vscode-charts-orange', '#d18616'),
      cssVariable('--vscode-charts-green', '#388a34'),
      cssVariable('--vscode-charts-purple', '#652d90'),
      cssVariable('--vscode-charts-red', '#e51400'),
      cssVariable('--vscode-charts-yellow', '#bf8803'),
    ],
  };
}

/**
 * Calls `changed` when VS Code switches theme: it sets the theme's class on
 * the body and the colour variables in the root element's style.
 */
export function onThemeChange(changed: () => void): void {
  const observer = new MutationObserver(changed);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'style', 'data-vscode-theme-kind'] });
}
