import type { Digest } from '../../core';

/** Host to digest worker: parse a text (if it is a digest), ask whether the head of a file is a digest's, or drop a file's state. */
export type WorkerRequest =
  | { type: 'parse'; id: number; text: string; uri: string; name: string }
  | { type: 'check'; id: number; head: string; name: string }
  | { type: 'forget'; uri: string };

/**
 * Digest worker to host: the parsed digest (a structured clone; null: the text is no
 * digest), the answer to a check, or why the request threw.
 */
export type WorkerResponse =
  | { id: number; digest: Digest | null }
  | { id: number; isDigest: boolean }
  | { id: number; error: string };
