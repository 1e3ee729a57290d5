// Bundles the extension host (dist/extension.js, dist/extension-surfaces.js, dist/extension-search.js, dist/extension-lazy.js), the web extension
// host (dist/extension-web.js), the digest worker
// (dist/digest-worker.js), the webview app (dist/webview.js),
// the integration tests (out/test/index.js) and the UI tests (out/e2e/index.js) with esbuild.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const watch = process.argv.includes('--watch');
const root = resolve(import.meta.dirname, '..');
const common = { absWorkingDir: root, bundle: true, sourcemap: true, minify: true, target: 'es2022', logLevel: 'info', legalComments: 'none' };

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

/**
 * The search index and similar papers (a third of the host code VS Code would otherwise load
 * to activate): dist/extension-search.js, which the host loads when the services are made, in
 * the turn after activate() returned (src/extension.ts), not while the window's extensions start.
 */
const SEARCH_DIRS = ['search', 'similar'].map((name) => join(root, 'src', 'core', name));
// The modules behind the folders' index.ts: those re-export them by name, so the core's
// `export *` of an index stays static and the rest of the core is still tree-shaken.
const SEARCH_MODULES = SEARCH_DIRS.flatMap((dir) => readdirSync(dir).filter((name) => name.endsWith('.ts') && name !== 'index.ts').map((name) => join(dir, name)));
const SEARCH_BUNDLE = './extension-search.js';

/**
 * The surfaces src/extension.ts starts after the Papers view, a turn or more after activate()
 * was called: their code goes into dist/extension-surfaces.js, one namespace per feature,
 * which the host loads when the first of them starts. VS Code counts only the loading of
 * dist/extension.js and the first, synchronous stage of activate() as activation, so the
 * bundle it loads holds the services and the tree alone. The core and shared code a surface
 * uses is bundled into it as well (a copy of what the first bundle holds too): handing the
 * first bundle's modules over instead would keep all of that code in the bundle activation loads.
 */
const LATER_SURFACES = ['editor', 'search', 'card', 'notes', 'export', 'fetch', 'links', 'reading', 'similar', 'annotations', 'insights'];
const SURFACES_BUNDLE = './extension-surfaces.js';
const surfaceFile = (name) => join(root, 'src', 'features', name, 'index.ts');

/** The runtime export names of a module, read by esbuild. */
async function exportNames(file) {
  const result = await esbuild.build({ entryPoints: [file], bundle: false, write: false, metafile: true, format: 'esm', logLevel: 'silent' });
  return Object.values(result.metafile.outputs)[0].exports;
}

/** The module file a relative import names: `./x` is ./x.ts or ./x/index.ts. */
function importedFile(path, resolveDir) {
  const base = resolve(resolveDir, path);
  if (path.endsWith('.ts')) return base;
  return existsSync(`${base}.ts`) ? `${base}.ts` : join(base, 'index.ts');
}

/**
 * Replaces imports of the modules of a lazily loaded bundle by getters that require the
 * bundle on first use. `modules` maps each module's file to its export names and to the
 * property of the bundle's exports that holds them (undefined: the bundle's exports themselves).
 */
function lazyBundle(name, bundle, modules) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter: /^\./ }, ({ path, resolveDir }) => {
        const file = importedFile(path, resolveDir);
        return modules.has(file) ? { path: file, namespace: name } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: name }, ({ path }) => {
        const { names, key } = modules.get(path);
        const from = key === undefined ? 'load()' : `load()[${JSON.stringify(key)}]`;
        return {
          loader: 'js',
          contents: [
            'let loaded;',
            `const load = () => (loaded ??= require(${JSON.stringify(bundle)}));`,
            'Object.defineProperty(exports, "__esModule", { value: true });',
            ...names.map((n) => `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: () => ${from}[${JSON.stringify(n)}] });`),
          ].join('\n'),
        };
      });
    },
  };
}

/** Replaces imports of the Markdown and YAML modules by getters that load dist/extension-lazy.js on first use. */
const lazyModules = (modules) => lazyBundle('lazy-modules', LAZY_BUNDLE, modules);

/** Replaces imports of the search and similar-papers modules by getters that load dist/extension-search.js on first use. */
const searchModules = (modules) => lazyBundle('search-modules', SEARCH_BUNDLE, modules);

/** Replaces the later surfaces' imports in src/extension.ts by getters that load dist/extension-surfaces.js when the first starts. */
const laterSurfaces = (modules) => lazyBundle('later-surfaces', SURFACES_BUNDLE, modules);

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

/**
 * The export names of the modules of a lazily loaded bundle, for its stubs. The bundle is one
 * `export *` of them all (starBundle), which drops a name two of them export from different
 * bindings: test/unit/host-bundles.test.ts checks that each bundle has every name its stubs read.
 */
async function bundledNames(modules) {
  return new Map(await Promise.all(modules.map(async (file) => [file, { names: await exportNames(file) }])));
}

/** A CommonJS bundle of `modules`, exporting everything each exports. */
function starBundle(modules, outfile, options = {}) {
  return {
    ...common,
    stdin: { contents: modules.map((file) => `export * from ${JSON.stringify(file)};`).join('\n'), resolveDir: root, loader: 'ts', sourcefile: outfile.replace(/^dist\//, '').replace(/\.js$/, '.ts') },
    outfile,
    platform: 'node',
    format: 'cjs',
    ...options,
  };
}

export const lazyNames = await bundledNames(LAZY_MODULES);
export const searchNames = await bundledNames(SEARCH_MODULES);
const surfaceNames = new Map(await Promise.all(LATER_SURFACES.map(async (name) => [surfaceFile(name), { names: await exportNames(surfaceFile(name)), key: name }])));

/**
 * The Node extension host's bundles: what activation loads (package.json `main`), the surfaces
 * started after it, the search index (loaded when the services are made) and the Markdown and
 * YAML code (on first use).
 */
export const hostBuilds = [
  { ...common, entryPoints: ['src/extension-node.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode', LAZY_BUNDLE, SEARCH_BUNDLE, SURFACES_BUNDLE], plugins: [vscodeOnce(), lazyModules(lazyNames), searchModules(searchNames), laterSurfaces(surfaceNames)] },
  {
    ...common,
    stdin: { contents: LATER_SURFACES.map((name) => `export * as ${name} from ${JSON.stringify(surfaceFile(name))};`).join('\n'), resolveDir: root, loader: 'ts', sourcefile: 'extension-surfaces.ts' },
    outfile: 'dist/extension-surfaces.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode', LAZY_BUNDLE, SEARCH_BUNDLE],
    plugins: [vscodeOnce(), lazyModules(lazyNames), searchModules(searchNames)],
  },
  // Should a search module ever reach the Markdown or YAML code, it stays in its own bundle.
  starBundle(SEARCH_MODULES, 'dist/extension-search.js', { external: [LAZY_BUNDLE], plugins: [lazyModules(lazyNames)] }),
  starBundle(LAZY_MODULES, 'dist/extension-lazy.js'),
];

const builds = [
  ...hostBuilds,
  // The web extension (package.json `browser`), for a browser's web worker extension host: one
  // file (a worker cannot require a second bundle), no Node built-ins (a build error if one is imported).
  // The `worker` condition picks the builds of packages meant for a worker: a worker has no DOM
  // (decode-named-character-reference's `browser` build decodes entities with document.createElement).
  { ...common, entryPoints: ['src/extension-web.ts'], outfile: 'dist/extension-web.js', platform: 'browser', conditions: ['worker'], format: 'cjs', external: ['vscode'], plugins: [vscodeOnce()] },
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

// Imported (by the bundle's unit test), it only declares the builds.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.chdir(root);
  mkdirSync('dist', { recursive: true });
  cpSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/codicon.css');
  cpSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/codicon.ttf');

  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
  } else {
    await Promise.all(builds.map((options) => esbuild.build(options)));
  }
}
