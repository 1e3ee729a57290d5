/**
 * `node scripts/corpus.mjs --files N --seed S --out DIR`: writes a generated
 * corpus of digest files to DIR, replacing the corpus files an earlier run left
 * there (files named by a day) and leaving every other file alone.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateCorpus, MAX_CORPUS_FILES } from './corpus';
import { readSeedPapers } from './seeds';

const CORPUS_FILE = /^\d{4}-\d{2}-\d{2}\.(txt|md)$/;

export interface CorpusArgs {
  files: number;
  seed: number;
  out: string;
}

const USAGE = 'usage: node scripts/corpus.mjs --files N --seed S --out DIR   (N from 1 to 2000, S an integer)';

/** The arguments, or a message saying what is wrong with them. */
export function readArgs(argv: readonly string[]): CorpusArgs | string {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    if (!arg.startsWith('--')) return `unexpected argument "${arg}"\n${USAGE}`;
    if (eq > 0) values.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (i + 1 < argv.length) values.set(arg.slice(2), argv[++i]);
    else return `${arg} needs a value\n${USAGE}`;
  }
  for (const key of values.keys()) if (!['files', 'seed', 'out'].includes(key)) return `unknown option --${key}\n${USAGE}`;
  const files = Number(values.get('files'));
  const seed = Number(values.get('seed') ?? '1');
  const out = values.get('out');
  if (!Number.isInteger(files) || files < 1 || files > MAX_CORPUS_FILES) return `--files must be a whole number from 1 to ${MAX_CORPUS_FILES}\n${USAGE}`;
  if (!Number.isInteger(seed)) return `--seed must be a whole number\n${USAGE}`;
  if (!out) return `--out is required\n${USAGE}`;
  return { files, seed, out: resolve(out) };
}

export function writeCorpus(args: CorpusArgs, fixturesDir: string): { files: number; papers: number; bytes: number } {
  const corpus = generateCorpus(readSeedPapers(fixturesDir), { files: args.files, seed: args.seed });
  mkdirSync(args.out, { recursive: true });
  for (const name of readdirSync(args.out)) if (CORPUS_FILE.test(name)) rmSync(join(args.out, name));
  let papers = 0;
  let bytes = 0;
  for (const file of corpus) {
    const data = Buffer.from(file.text, 'utf8');
    writeFileSync(join(args.out, file.name), data);
    papers += file.titles.length;
    bytes += data.length;
  }
  return { files: corpus.length, papers, bytes };
}

export function main(argv: readonly string[], repoRoot: string): number {
  const args = readArgs(argv);
  if (typeof args === 'string') {
    console.error(args);
    return 2;
  }
  const written = writeCorpus(args, join(repoRoot, 'test', 'fixtures'));
  console.log(`wrote ${written.files} digest files, ${written.papers} paper entries, ${(written.bytes / 1e6).toFixed(1)} MB to ${args.out}`);
  return 0;
}
