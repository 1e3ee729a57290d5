import type { Digest } from '../../core';

/** Host to digest worker. */
export type WorkerRequest =
  | { type: 'parse'; id: number; text: string; uri: string; name: string }
  | { type: 'forget'; uri: string };

/** Digest worker to host: the parsed digest (a structured clone; null: the text is no digest), or why parsing threw. */
export type WorkerResponse =
  | { id: number; digest: Digest | null }
  | { id: number; error: string };
