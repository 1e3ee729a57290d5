/**
 * The fixed query set of the search benchmark: 50 queries a reader types,
 * covering whole words, phrases, words still being typed, typos, filters with
 * words, filters alone, exclusions, and rare coined method names taken from
 * the first ten files of the corpus (so they exist at every corpus size).
 */
import { parseQuery } from '../src/core';
import type { CorpusFile } from './corpus';

const FIXED_QUERIES: readonly string[] = [
  // Whole words and phrases.
  'mamba',
  'speculative decoding',
  'diffusion language models',
  'reinforcement learning',
  'long context',
  'gaussian video',
  'quantization',
  'parallel decoding',
  'mixture of experts',
  'state space',
  // Still being typed.
  'specul',
  'diffus lang',
  'transfo',
  'reinf learn',
  'optim',
  // Typos.
  'mambaa',
  'difusion',
  'reinforcment learning',
  'quantisation',
  'gausian',
  // Words with filters and exclusions.
  'mamba upvotes>=10',
  'decoding is:new',
  'language org:google',
  'diffusion authors<8',
  'inference digest:2024',
  'policy tag:rl',
  'memory status:unread',
  'video is:starred',
  'diffusion -tag:survey',
  'reasoning upvotes>50 authors>=5',
  'transformer org:meta',
  'sparse status:reading',
  'agents tag:agents',
  'efficient -decoding',
  'training digest:"Mar 3"',
  'scaling is:read',
  'attention -is:starred upvotes>=1',
  'llm tag:llm is:new',
  // Filters alone.
  'is:new',
  'upvotes>100',
  'tag:ml',
  'is:starred status:read',
];

export const QUERY_COUNT = 50;

/** Made-up method names of the corpus ("Zovextor: ..." titles) from its first files. */
function coinedNames(files: readonly CorpusFile[], count: number): string[] {
  const names: string[] = [];
  for (const file of files.slice(0, 10)) {
    for (const title of file.titles) {
      const match = /^([A-Z][a-z]{3,})(?:-[0-9A-Z]+|Net|GPT|Bench|RL|Former|Zero)?: /.exec(title);
      if (match && !names.includes(match[1].toLowerCase())) names.push(match[1].toLowerCase());
      if (names.length >= count) return names;
    }
  }
  return names;
}

/** The 50 queries for a corpus: the fixed ones, then rare names alone and, still being typed, with a filter. */
export function benchQueries(files: readonly CorpusFile[]): string[] {
  const names = coinedNames(files, QUERY_COUNT - FIXED_QUERIES.length);
  const coined = names.map((name, i) => (i % 2 === 0 ? name : `${name.slice(0, 5)} upvotes>=0`));
  const queries = [...FIXED_QUERIES, ...coined];
  // Fewer names than wanted (a tiny corpus): fill with the fixed words again, as typed with a trailing space.
  for (let i = 0; queries.length < QUERY_COUNT; i++) queries.push(`${FIXED_QUERIES[i]} `);
  return queries.slice(0, QUERY_COUNT);
}

/**
 * The words of a query as ripgrep gets them: the free words, each a literal
 * searched case-insensitively; filters and exclusions have no grep equivalent
 * and are left out (which only makes grep's job easier).
 */
export function grepWords(query: string): string[] {
  return parseQuery(query).words.flatMap((w) => w.split(/\s+/)).filter((w) => w !== '');
}
