/**
 * The digest worker (dist/digest-worker.js): parses Markdown digests, and checks the
 * heads of Markdown files, off the extension host's thread (both parse with remark). It
 * holds one parser for its lifetime and answers each request with the Digest, which
 * reaches the host as a structured clone, or with the check's answer.
 */
import { parentPort } from 'node:worker_threads';
import { createDigestParser, isDigestHead, parseIfDigest } from './digest-parser';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

const parser = createDigestParser();
const port = parentPort;
if (!port) throw new Error('digest-worker.js runs as a worker thread');

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'forget') {
    parser.forget(request.uri);
    return;
  }
  let response: WorkerResponse;
  try {
    response = request.type === 'check'
      ? { id: request.id, isDigest: isDigestHead(request.head, request.name) }
      : { id: request.id, digest: parseIfDigest(parser, request.text, request.uri, request.name) ?? null };
  } catch (error) {
    response = { id: request.id, error: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
  port.postMessage(response);
});
