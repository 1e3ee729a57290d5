import type * as vscode from 'vscode';
import type { Digest } from '../../core';
import { createDigestParser, isDigestHead, parseIfDigest, type DigestParserLike } from './digest-parser';
import type { DigestThread, DigestThreadEvents } from './library-host';
import { nextTurn } from './next-turn';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

export interface ParseResult {
  /** Undefined when the text is no digest. */
  digest: Digest | undefined;
  /** True when the digest worker parsed it; false when the host did (no worker, or it failed). */
  offThread: boolean;
}

/** A request the worker holds, or the host's queue: a parse, or a check of a file's head. */
type Pending =
  | { kind: 'parse'; text: string; uri: string; name: string; resolve(result: ParseResult): void; reject(error: unknown): void }
  | { kind: 'check'; head: string; uri: string; name: string; resolve(result: boolean): void; reject(error: unknown): void };

/** Starts the digest worker (dist/digest-worker.js) on this host. */
export type StartDigestThread = (events: DigestThreadEvents) => DigestThread;

/**
 * How long the worker is kept with nothing to do. It keeps every Markdown digest it parsed
 * (their sections, so that a change re-reads only the sections it touched): 67 MB for the
 * bench's 362 Markdown digests, held for as long as the window is open, though after the
 * first scan a digest changes only now and then.
 */
export const WORKER_IDLE_MS = 60_000;

/**
 * Parses digests in a worker thread (dist/digest-worker.js), started on the first request
 * and stopped once it has had nothing to do for WORKER_IDLE_MS, or on dispose; the next
 * request starts it again. When the worker cannot start, crashes or exits, the requests
 * it held, and every later one, are parsed on the host instead, one per turn of the event
 * loop: a digest is never lost, only parsed more slowly.
 */
export class DigestWorkerClient implements vscode.Disposable {
  private worker: DigestThread | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private broken = false;
  private disposed = false;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private hostParser: DigestParserLike | undefined;
  private readonly hostQueue: Pending[] = [];
  private hostQueueRunning = false;

  /** `start`: how to start the worker on this host; undefined parses on the host. */
  constructor(private readonly start: StartDigestThread | undefined, private readonly log: vscode.LogOutputChannel) {
    if (start === undefined) this.broken = true;
  }

  /** Checks that the text of file `uri` (base name `name`) is a digest and parses it. */
  parse(text: string, uri: string, name: string): Promise<ParseResult> {
    return new Promise((resolve, reject) => this.send({ kind: 'parse', text, uri, name, resolve, reject }));
  }

  /** Whether the head of file `uri` (see isDigestHead) is a digest's. */
  check(head: string, uri: string, name: string): Promise<boolean> {
    return new Promise((resolve, reject) => this.send({ kind: 'check', head, uri, name, resolve, reject }));
  }

  private send(request: Pending): void {
    const worker = this.ensureWorker();
    if (!worker) {
      this.parseOnHost(request);
      return;
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const id = this.nextId++;
    this.pending.set(id, request);
    try {
      worker.postMessage((request.kind === 'parse'
        ? { type: 'parse', id, text: request.text, uri: request.uri, name: request.name }
        : { type: 'check', id, head: request.head, name: request.name }) satisfies WorkerRequest);
    } catch (error) {
      this.pending.delete(id);
      this.fail(`could not send a digest to the digest worker: ${String(error)}`);
      this.parseOnHost(request);
    }
  }

  forget(uri: string): void {
    this.worker?.postMessage({ type: 'forget', uri } satisfies WorkerRequest);
    this.hostParser?.forget(uri);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
    for (const request of this.pending.values()) request.reject(new Error('the index was disposed'));
    this.pending.clear();
    for (const request of this.hostQueue.splice(0)) request.reject(new Error('the index was disposed'));
  }

  private ensureWorker(): DigestThread | undefined {
    if (this.worker || this.broken || this.disposed || this.start === undefined) return this.worker;
    try {
      const worker: DigestThread = this.start({
        message: (response: WorkerResponse) => this.answer(response),
        error: (message) => this.fail(message, worker),
        exit: (code) => {
          if (!this.disposed) this.fail(`the digest worker exited (code ${code})`, worker);
        },
      });
      this.worker = worker;
      this.log.info('started the digest worker');
    } catch (error) {
      this.fail(`could not start the digest worker: ${String(error)}`);
    }
    return this.worker;
  }

  private answer(response: WorkerResponse): void {
    const request = this.pending.get(response.id);
    if (!request) return;
    this.pending.delete(response.id);
    if (this.pending.size === 0) this.idleTimer = setTimeout(() => this.stopIdle(), WORKER_IDLE_MS);
    if ('error' in response) {
      this.log.warn(`the digest worker could not ${request.kind} ${request.uri}: ${response.error}`);
      this.parseOnHost(request);
    } else if (request.kind === 'parse' && 'digest' in response) {
      request.resolve({ digest: response.digest ?? undefined, offThread: true });
    } else if (request.kind === 'check' && 'isDigest' in response) {
      request.resolve(response.isDigest);
    } else {
      this.parseOnHost(request);
    }
  }

  /** Stops a worker that has had nothing to do; its exit is then no failure, as it is no longer this.worker. */
  private stopIdle(): void {
    this.idleTimer = undefined;
    const worker = this.worker;
    if (!worker || this.pending.size > 0) return;
    this.worker = undefined;
    void worker.terminate().catch(() => undefined);
    this.log.info(`stopped the digest worker after ${WORKER_IDLE_MS / 1000} s without work`);
  }

  /** From now on digests are parsed on the host; those the worker held are parsed there too. */
  private fail(message: string, worker?: DigestThread): void {
    if (this.disposed || (worker && worker !== this.worker)) return;
    if (!this.broken) this.log.warn(`${message}; parsing digests on the extension host instead`);
    this.broken = true;
    const failed = this.worker;
    this.worker = undefined;
    if (failed) void failed.terminate().catch(() => undefined);
    const held = [...this.pending.values()];
    this.pending.clear();
    for (const request of held) this.parseOnHost(request);
  }

  private parseOnHost(request: Pending): void {
    this.hostQueue.push(request);
    if (this.hostQueueRunning) return;
    this.hostQueueRunning = true;
    const next = (): void => {
      const item = this.hostQueue.shift();
      if (!item || this.disposed) {
        this.hostQueueRunning = false;
        return;
      }
      try {
        if (item.kind === 'check') {
          item.resolve(isDigestHead(item.head, item.name));
        } else {
          this.hostParser ??= createDigestParser();
          item.resolve({ digest: parseIfDigest(this.hostParser, item.text, item.uri, item.name), offThread: false });
        }
      } catch (error) {
        item.reject(error);
      }
      void nextTurn().then(next);
    };
    void nextTurn().then(next);
  }
}
