/**
 * The page's stylesheet, put in a <style> carrying the page's script nonce
 * (the CSP allows no other inline style). Colours come from VS Code's theme
 * variables, so light, dark and high-contrast themes all read well.
 */
export const INSIGHTS_CSS = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 24px; }
h1 { font-size: 1.4em; font-weight: 600; margin: 16px 0 8px; }
h2 { font-size: 1.1em; font-weight: 600; margin: 0; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; }
.controls input[type="search"] { flex: 0 1 28em; min-width: 12em; }
.summary, .note { color: var(--vscode-descriptionForeground); margin: 4px 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
section.chart { border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); border-radius: 4px; padding: 12px; min-width: 0; }
section.chart.wide { grid-column: 1 / -1; }
.chart-head { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; justify-content: space-between; }
.toolbar { display: flex; gap: 6px; }
button, select, input { font: inherit; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, var(--vscode-contrastBorder, transparent)); border-radius: 2px; padding: 3px 8px; }
button { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); cursor: pointer; }
button:hover { background: var(--vscode-button-secondaryHoverBackground); }
button.primary { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
button.primary:hover { background: var(--vscode-button-hoverBackground); }
button[aria-pressed="true"] { outline: 1px solid var(--vscode-focusBorder); }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
.legend { display: flex; gap: 12px; margin: 6px 0; font-size: 0.9em; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; border: 1px solid var(--vscode-contrastBorder, transparent); }
.swatch-0 { background: var(--vscode-charts-blue); }
.swatch-1 { background: var(--vscode-charts-orange); }
.swatch-green { background: var(--vscode-charts-green); }
.swatch-lines { background: var(--vscode-charts-lines); }
.plot-box { min-height: 60px; overflow-x: auto; }
.insights-plot { display: block; height: auto; max-width: 100%; overflow: visible; }
.insights-plot text, .insights-plot tspan { white-space: pre; }
.insights-target { cursor: pointer; outline: none; }
table { border-collapse: collapse; width: 100%; margin-top: 6px; }
th, td { text-align: left; padding: 2px 8px; border-bottom: 1px solid var(--vscode-widget-border, var(--vscode-panel-border, transparent)); }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
td button { background: none; border: none; padding: 0; color: var(--vscode-textLink-foreground); text-align: left; }
td button:hover { text-decoration: underline; background: none; }
.table-box { max-height: 320px; overflow-y: auto; }
[hidden] { display: none !important; }
.empty { color: var(--vscode-descriptionForeground); font-style: italic; }
`;
