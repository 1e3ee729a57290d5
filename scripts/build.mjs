// Bundles the extension host (dist/extension.js), the webview app (dist/webview.js)
// and the integration tests (out/test/index.js) with esbuild.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = { bundle: true, sourcemap: true, minify: true, target: 'es2022', logLevel: 'info', legalComments: 'none' };

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  { ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife' },
  // Integration tests run inside the extension host; they are not shipped in the .vsix.
  { ...common, minify: false, entryPoints: ['test/integration/index.ts'], outfile: 'out/test/index.js', platform: 'node', format: 'cjs', external: ['vscode'] },
];

mkdirSync('dist', { recursive: true });
cpSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/codicon.css');
cpSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/codicon.ttf');

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
