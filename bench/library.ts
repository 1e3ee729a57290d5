/**
 * The library the search figures are measured over, built from the parsed corpus as the
 * extension builds it, and how a query set's latency over it is taken. pure.ts,
 * paper-fields.ts and index-build.ts all start from it, so their figures cannot drift apart.
 */
import { PaperIndex, type Digest, type PaperSearch, type SearchDoc } from '../src/core';
import { median, percentile, time } from './measure';
import { docsOf } from './search-docs';

/** A digest parsed from a file of the corpus. */
export interface ParsedDigest {
  digest: Digest;
  file: { name: string };
}

/** The workspace's papers across the parsed digests, and the documents the search indexes for them. */
export function libraryOf(parsed: readonly ParsedDigest[]): { index: PaperIndex; docs: SearchDoc[] } {
  const index = new PaperIndex();
  for (const p of parsed) index.setDigest(p.digest, p.file.name);
  return { index, docs: docsOf(index, index.papers()) };
}

export interface Latency {
  /** Median over the runs of each run's p50 and p95 over the queries. */
  p50: number;
  p95: number;
  /** Each query's median time, in the order of the queries. */
  perQuery: number[];
}

/** Each query once to warm up, then every query `runs` times, each asking for the best 50. */
export function searchLatency(search: PaperSearch, queries: readonly string[], runs: number): Latency {
  for (const q of queries) search.search(q, 50);
  const p50s: number[] = [];
  const p95s: number[] = [];
  const samples: number[][] = queries.map(() => []);
  for (let r = 0; r < runs; r++) {
    const times = queries.map((q, i) => {
      const t = time(() => search.search(q, 50));
      samples[i].push(t);
      return t;
    });
    p50s.push(percentile(times, 50));
    p95s.push(percentile(times, 95));
  }
  return { p50: median(p50s), p95: median(p95s), perQuery: samples.map(median) };
}
