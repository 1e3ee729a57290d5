// Writes a generated corpus of digest files (see bench/corpus.ts):
//   node scripts/corpus.mjs --files N --seed S --out DIR
// Also bundles the benchmark sources into out/bench/, for scripts/bench.mjs.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');

/** Bundles bench/*.ts entry points into out/bench/*.js (CommonJS, Node 20). */
export async function buildBench() {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: {
      run: 'bench/run.ts',
      'corpus-cli': 'bench/corpus-cli.ts',
      report: 'bench/report.ts',
      vscode: 'bench/vscode.ts',
    },
    external: ['playwright-core'],
    outdir: 'out/bench',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await buildBench();
  const cli = createRequire(import.meta.url)(resolve(root, 'out/bench/corpus-cli.js'));
  process.exitCode = cli.main(process.argv.slice(2), root);
}
