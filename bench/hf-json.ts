/**
 * The JSON digest parser's throughput on a large generated response of the Hugging
 * Face API, beside JSON.parse over the same text (what it is built on) in the same run.
 *
 * The response is grown from the entries of the two real responses in
 * test/hf-api/ (both shapes, pretty-printed as the API's own files are), each
 * copy with its own arXiv id, title and upvote count, so the parser does all its work:
 * one entry per paper, checked, placed and turned into a paper.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDigest } from '../src/core';
import { median, paired, round } from './measure';
import { Prng } from './prng';
import { figure, ratioFigure, type Figure } from './results';

const MB = 1e6;

interface Entry {
  paper: { id: string; title: string; upvotes?: number };
  title: string;
}

/** A response of about `bytes` bytes, deterministic from the seed. */
export function largeResponse(fixturesDir: string, bytes: number, seed = 1): string {
  const entries = ['2024-05-27', '2026-08-14'].flatMap((day) => JSON.parse(readFileSync(join(fixturesDir, 'hf-api', `${day}.json`), 'utf8')) as Entry[]);
  const perEntry = JSON.stringify(entries, null, 2).length / entries.length;
  const prng = new Prng(seed);
  const grown: Entry[] = [];
  for (let i = 0; i < Math.ceil(bytes / perEntry); i++) {
    const entry = structuredClone(prng.pick(entries));
    entry.paper.id = `${String(2401 + (i % 12)).padStart(4, '0')}.${String(10000 + (i % 90000)).padStart(5, '0')}`;
    entry.title = `${entry.title} ${i}`;
    entry.paper.title = entry.title;
    entry.paper.upvotes = prng.int(0, 300);
    grown.push(entry);
  }
  return JSON.stringify(grown, null, 2);
}

export interface HfJsonOptions {
  root: string;
  quick: boolean;
  log: (message: string) => void;
}

export function measureHfJson({ root, quick, log }: HfJsonOptions): Figure[] {
  const text = largeResponse(join(root, 'test'), (quick ? 5 : 20) * MB);
  const bytes = Buffer.byteLength(text, 'utf8');
  let sink = 0;
  const runs = quick ? 3 : 9;
  const run = paired(
    runs,
    () => {
      sink += parseDigest(text, 'file:///bench/2026-08-14.json').papers.length;
    },
    () => {
      sink += (JSON.parse(text) as unknown[]).length;
    },
  );
  const mbps = (ms: number) => round(bytes / MB / (ms / 1000), 1);
  const papers = parseDigest(text, 'file:///bench/2026-08-14.json').papers.length;
  const detail = `one response of ${papers.toLocaleString('en')} entries, ${round(bytes / MB, 1)} MB`;
  const results = [
    figure({
      id: 'parse.hfJson.throughput',
      label: 'HF API JSON digest parser throughput',
      value: mbps(median(run.subject)),
      unit: 'MB/s',
      baseline: { label: 'JSON.parse over the same text', value: mbps(median(run.baseline)), unit: 'MB/s' },
      runs,
      detail,
    }),
    // Built on JSON.parse: checking the entries, placing them and making papers may cost twice as much again, not more.
    ratioFigure({
      id: 'parse.hfJson.vsJsonParse',
      label: 'HF API JSON digest parser time over JSON.parse time',
      goal: { op: '<=', value: 3 },
      baseline: 'JSON.parse over the same text',
      runs,
      detail,
    }, run, 2),
  ];
  for (const result of results) {
    const goal = result.goal ? ` (goal ${result.goal.op} ${result.goal.value}: ${result.met ? 'met' : 'MISSED'})` : '';
    log(`  ${result.label}: ${result.value} ${result.unit}${goal}`);
  }
  if (sink === -1) log('');
  return results;
}
