// Bundles the extension host (dist/extension.js, dist/extension-lazy.js), the web extension
// host (dist/extension-web.js), the digest worker
// (dist/digest-worker.js), the webview app (dist/webview.js),
// the integration tests (out/test/index.js) and the UI tests (out/e2e/index.js) with esbuild.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const watch = process.argv.includes('--watch');
const root = resolve(import.meta.dirname, '..');
const common = { bundle: true, sourcemap: true, minify: true, target: 'es2022', logLevel: 'info', legalComments: 'none' };

/** Files under `dir` (recursively) whose name ends with `suffix`, sorted, relative to the repo. */
function findTests(dir, suffix) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(suffix))
    .map((name) => relative(root, join(abs, name)).split('\\').join('/'))
    .sort();
}

/**
 * A generated entry point: `runner` is the module that knows how to run tests, and every
 * test file found under `dir` is listed with a loader, so mocha can set up its globals
 * before each file's top level runs. New test files are picked up without editing an index.
 */
function testEntry(name, { dir, suffix, runner, exportAll = false }) {
  return {
    name: `${name}-entry`,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${name}-entry$`) }, () => ({ path: name, namespace: 'test-entry' }));
      build.onLoad({ filter: /.*/, namespace: 'test-entry' }, () => {
        const files = findTests(dir, suffix);
        const list = files
          .map((file) => `  { name: ${JSON.stringify(file)}, load: () => require(${JSON.stringify(`./${file}`)}) },`)
          .join('\n');
        const contents = [
          `import * as runner from ${JSON.stringify(`./${runner}`)};`,
          exportAll ? `export * from ${JSON.stringify(`./${runner}`)};` : '',
          `export const testFiles = [\n${list}\n];`,
          'export function run() { return runner.runTests(testFiles); }',
        ].join('\n');
        // Rebuild in watch mode when a test file is added or removed.
        return { contents, loader: 'ts', resolveDir: root, watchDirs: [join(root, dir)] };
      });
    },
  };
}

const testBundle = { ...common, minify: false, platform: 'node', format: 'cjs', sourcesContent: false };

/**
 * Core modules that pull in the Markdown and YAML libraries (remark, rehype, yaml: more
 * than half of the host code). They go into dist/extension-lazy.js, which the host
 * loads the first time one of their functions is called (a Markdown digest, the notes
 * store, the card's preview, an export), so activation reads a small bundle.
 */
const LAZY_MODULES = ['digest/parse-markdown', 'digest/render-digest', 'notes/render-notes', 'notes/wikilinks', 'export/export', 'notes/notes-file'].map((name) => join(root, 'src', 'core', `${name}.ts`));
const LAZY_BUNDLE = './extension-lazy.js';

/** The runtime export names of a module, read by esbuild. */
async function exportNames(file) {
  const result = await esbuild.build({ entryPoints: [file], bundle: false, write: false, metafile: true, format: 'esm', logLevel: 'silent' });
  return Object.values(result.metafile.outputs)[0].exports;
}

/** Replaces imports of the lazy modules by getters that load the lazy bundle on first use. */
function lazyModules(names) {
  return {
    name: 'lazy-modules',
    setup(build) {
      build.onResolve({ filter: /^\./ }, ({ path, resolveDir }) => {
        const file = resolve(resolveDir, path.endsWith('.ts') ? path : `${path}.ts`);
        return LAZY_MODULES.includes(file) ? { path: file, namespace: 'lazy-module' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-module' }, ({ path }) => ({
        loader: 'js',
        contents: [
          'let loaded;',
          `const load = () => (loaded ??= require(${JSON.stringify(LAZY_BUNDLE)}));`,
          'Object.defineProperty(exports, "__esModule", { value: true });',
          ...names.get(path).map((name) => `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => load()[${JSON.stringify(name)}] });`),
        ].join('\n'),
      }));
    },
  };
}

/**
 * `import * as vscode from 'vscode'` in each module becomes its own __toESM(require('vscode')),
 * which copies every property of the API object (hundreds) into a new namespace object: 50-odd
 * copies while the bundle loads, a cost activation pays. One module re-exports the API once and
 * every import resolves to it.
 */
function vscodeOnce() {
  return {
    name: 'vscode-once',
    setup(build) {
      build.onResolve({ filter: /^vscode$/ }, ({ namespace }) => (namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
      build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: 'export * from "vscode";', loader: 'js' }));
    },
  };
}

const lazyNames = new Map(await Promise.all(LAZY_MODULES.map(async (file) => [file, await exportNames(file)])));

const builds = [
  { ...common, entryPoints: ['src/extension-node.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode', LAZY_BUNDLE], plugins: [vscodeOnce(), lazyModules(lazyNames)] },
  // The web extension (package.json `browser`), for a browser's web worker extension host: one
  // file (a worker cannot require a second bundle), no Node built-ins (a build error if one is imported).
  // The `worker` condition picks the builds of packages meant for a worker: a worker has no DOM
  // (decode-named-character-reference's `browser` build decodes entities with document.createElement).
  { ...common, entryPoints: ['src/extension-web.ts'], outfile: 'dist/extension-web.js', platform: 'browser', conditions: ['worker'], format: 'cjs', external: ['vscode'], plugins: [vscodeOnce()] },
  {
    ...common,
    stdin: { contents: LAZY_MODULES.map((file) => `export * from ${JSON.stringify(file)};`).join('\n'), resolveDir: root, loader: 'ts', sourcefile: 'extension-lazy.ts' },
    outfile: 'dist/extension-lazy.js',
    platform: 'node',
    format: 'cjs',
  },
  // Parses Markdown digests in a worker thread, off the extension host's thread (src/services/library/digest-worker-client.ts).
  // It loads remark from dist/extension-lazy.js, as the host does, so the .vsix holds the Markdown stack once.
  { ...common, entryPoints: ['src/services/library/digest-worker.ts'], outfile: 'dist/digest-worker.js', platform: 'node', format: 'cjs', external: [LAZY_BUNDLE], plugins: [lazyModules(lazyNames)] },
  { ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife' },
  { ...common, entryPoints: ['webview/insights/main.ts'], outfile: 'dist/insights.js', platform: 'browser', format: 'iife' },
  // Integration tests run inside the extension host; they are not shipped in the .vsix.
  {
    ...testBundle,
    entryPoints: ['integration-entry'],
    outfile: 'out/test/index.js',
    external: ['vscode', 'mocha'],
    plugins: [testEntry('integration', { dir: 'test/integration', suffix: '.itest.ts', runner: 'test/integration/index.ts' })],
  },
  // UI tests run in Node and drive the workbench in Chromium.
  {
    ...testBundle,
    entryPoints: ['e2e-entry'],
    outfile: 'out/e2e/index.js',
    external: ['mocha', 'playwright-core'],
    plugins: [testEntry('e2e', { dir: 'test/e2e', suffix: '.e2e.ts', runner: 'test/e2e/harness.ts', exportAll: true })],
  },
];

process.chdir(root);
mkdirSync('dist', { recursive: true });
cpSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/codicon.css');
cpSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/codicon.ttf');

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
