import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDigest } from '../src/core';
import type { PaperFields } from '../src/core';
import { seedFieldsOf } from './corpus';

/** The papers of the real seed digests (`test/fixtures/*.txt`), read with the real parser, in file order. */
export function readSeedPapers(fixturesDir: string): PaperFields[] {
  const names = readdirSync(fixturesDir).filter((name) => name.endsWith('.txt')).sort();
  return names.flatMap((name) => seedFieldsOf(parseDigest(readFileSync(join(fixturesDir, name), 'utf8'), name).papers));
}
