import * as esbuild from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostBuilds, lazyNames, searchNames } from '../../scripts/build.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const LATER = ['editor', 'search', 'card', 'notes', 'export', 'fetch', 'links', 'reading', 'similar', 'annotations', 'insights'];

interface Bundle {
  code: string;
  /** The repository's source files bundled into it. */
  sources: string[];
}

/** Builds the Node host's bundles as `npm run build` does, in memory. */
async function buildHost(): Promise<Map<string, Bundle>> {
  const bundles = new Map<string, Bundle>();
  for (const options of hostBuilds as esbuild.BuildOptions[]) {
    const result = await esbuild.build({ ...options, write: false, metafile: true, sourcemap: false, logLevel: 'silent' });
    const [file, output] = Object.entries(result.metafile.outputs)[0];
    const code = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
    // Inputs of a plugin's namespace ("later-surfaces:/...") are the stubs, not the modules.
    bundles.set(basename(file), { code, sources: Object.keys(output.inputs).filter((input) => !input.includes(':')).map((input) => relative(root, resolve(root, input)).split('\\').join('/')) });
  }
  return bundles;
}

describe('the Node host bundles', () => {
  let bundles: Map<string, Bundle>;
  let dir: string;
  beforeAll(async () => {
    bundles = await buildHost();
    dir = mkdtempSync(join(tmpdir(), 'host-bundles-'));
    for (const [name, bundle] of bundles) writeFileSync(join(dir, name), bundle.code);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('activation loads the services and the Papers view, not the surfaces started after it', () => {
    const first = bundles.get('extension.js')!;
    expect(first.sources).toContain('src/features/tree/index.ts');
    expect(first.sources).toContain('src/services/create.ts');
    const later = first.sources.filter((file) => LATER.some((name) => file.startsWith(`src/features/${name}/`)));
    expect(later).toEqual([]);
    expect(first.code).toContain('"./extension-surfaces.js"');
  });

  it('the search index and similar papers are in a bundle of their own, held once', () => {
    // The folders' index.ts files only re-export by name from the modules behind them.
    const inSearch = (file: string) => (file.startsWith('src/core/search/') || file.startsWith('src/core/similar/')) && !file.endsWith('/index.ts');
    expect(bundles.get('extension.js')!.sources.filter(inSearch)).toEqual([]);
    expect(bundles.get('extension-surfaces.js')!.sources.filter(inSearch)).toEqual([]);
    const search = bundles.get('extension-search.js')!;
    expect(search.sources).toContain('src/core/search/paper-search.ts');
    expect(search.sources).toContain('src/core/similar/similar-papers.ts');
    expect(bundles.get('extension.js')!.code).toContain('"./extension-search.js"');
  });

  it('the search and the Markdown bundles export every name the other bundles read from them', () => {
    const read = (names: unknown) => [...(names as Map<string, { names: string[] }>).values()].flatMap((module) => module.names);
    for (const [bundle, names, one] of [['extension-search.js', read(searchNames), 'PaperSearch'], ['extension-lazy.js', read(lazyNames), 'parseNoteFile']] as const) {
      const { exports } = requireBundle(bundle);
      expect(names).toContain(one);
      expect(names.filter((name) => exports[name] === undefined), bundle).toEqual([]);
    }
  });

  it('the surfaces bundle holds every later surface', () => {
    const surfaces = bundles.get('extension-surfaces.js')!;
    for (const name of LATER) expect(surfaces.sources).toContain(`src/features/${name}/index.ts`);
    expect(surfaces.sources.filter((file) => file.startsWith('src/features/tree/'))).toEqual([]);
  });

  it('keeps the bundle activation loads within 250 KB', () => {
    expect(Buffer.byteLength(bundles.get('extension.js')!.code)).toBeLessThanOrEqual(250 * 1024);
  });

  /**
   * A stand-in for the vscode API with its top-level names (read from its type declarations),
   * each whatever a module does with it at load time: a class to construct, a function to
   * call, a namespace to read.
   */
  function vscodeStandIn(): Record<string, unknown> {
    const anything = (): unknown =>
      new Proxy(class {}, {
        get: (target, key) => (key === 'prototype' ? target.prototype : typeof key === 'symbol' ? undefined : anything()),
        apply: () => anything(),
      });
    const declarations = readFileSync(join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
    const names = [...declarations.matchAll(/^\s*export (?:class|enum|namespace|const|function|let) (\w+)/gm)].map((m) => m[1]);
    return Object.fromEntries(names.map((name) => [name, anything()]));
  }

  /** Requires a bundle of `dir` with a stand-in for the vscode API; returns its exports and what else it required. */
  function requireBundle(name: string): { exports: Record<string, unknown>; loads: string[] } {
    const loads: string[] = [];
    const api = vscodeStandIn();
    const require = createRequire(join(dir, 'loader.js'));
    const Module = require('node:module') as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = Module._load;
    Module._load = function (this: unknown, request: string, ...rest: unknown[]) {
      if (request === 'vscode') return api;
      loads.push(request);
      return load.call(this, request, ...rest);
    };
    try {
      return { exports: require(join(dir, name)) as Record<string, unknown>, loads };
    } finally {
      Module._load = load;
    }
  }

  it('loading the bundle activation loads loads no other bundle', () => {
    const { exports, loads } = requireBundle('extension.js');
    expect(typeof exports.activate).toBe('function');
    expect(loads.filter((request) => request.includes('extension-'))).toEqual([]);
  });

  it('the surfaces bundle exports each surface under the name the first bundle reads it by', () => {
    const { exports } = requireBundle('extension-surfaces.js');
    expect(Object.keys(exports).sort()).toEqual([...LATER].sort());
    for (const name of LATER) expect(typeof (exports[name] as { activate?: unknown }).activate).toBe('function');
  });
});
