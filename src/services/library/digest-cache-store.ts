import * as vscode from 'vscode';
import { cacheHeader, indexCache, readCachedDigest, type CacheIndex, type Digest } from '../../core';
import type { TimeSlicer } from './time-slicer';

const CACHE_FILE = 'digest-cache.jsonl';

/**
 * Parsed Markdown digests kept between sessions in the workspace's storage folder
 * (see src/core/digest-cache.ts for the file's layout and why only Markdown is kept).
 * Loading finds the lines without parsing them; a digest is parsed when its text is met.
 * A missing, foreign or damaged file is a miss, logged, never an error.
 */
export class DigestCacheStore {
  private cache: Promise<CacheIndex | undefined> | undefined;

  constructor(private readonly folder: vscode.Uri, private readonly log: vscode.LogOutputChannel) {}

  get file(): vscode.Uri {
    return vscode.Uri.joinPath(this.folder, CACHE_FILE);
  }

  /** The cached digest of this text key, its uri fields set to `uri`. */
  async lookup(key: string, uri: string): Promise<Digest | undefined> {
    const cache = await this.load();
    if (!cache?.spans.has(key)) return undefined;
    const digest = readCachedDigest(cache, key, uri);
    if (!digest) this.log.warn(`ignored a damaged entry of the digest cache ${this.file.toString(true)}`);
    return digest;
  }

  /** True when the file holds exactly these keys (so it need not be written again). */
  async holdsExactly(keys: ReadonlySet<string>): Promise<boolean> {
    const cache = await this.load();
    if (!cache) return keys.size === 0;
    const spans = cache.spans;
    if (cache.badLines > 0) return false;
    if (spans.size !== keys.size) return false;
    for (const key of keys) if (!spans.has(key)) return false;
    return true;
  }

  /**
   * Replaces the file with these entries (the current files' Markdown digests): written to
   * a temporary file, then renamed over the cache, so a reader never sees half a file.
   * Entries already in the loaded file are copied as bytes, not serialised again.
   */
  async write(entries: ReadonlyMap<string, () => Digest>, slicer: TimeSlicer): Promise<void> {
    const cache = await this.load();
    const encoder = new TextEncoder();
    const parts: Uint8Array[] = [encoder.encode(`${cacheHeader()}\n`)];
    const tab = encoder.encode('\t');
    const newline = encoder.encode('\n');
    for (const [key, digest] of entries) {
      await slicer.yieldIfDue();
      const span = cache?.spans.get(key);
      parts.push(encoder.encode(key), tab, span ? cache!.bytes.subarray(span.start, span.end) : encoder.encode(JSON.stringify(digest())), newline);
    }
    let length = 0;
    for (const part of parts) length += part.length;
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.length;
    }
    const temp = vscode.Uri.joinPath(this.folder, `${CACHE_FILE}.${Date.now().toString(36)}.tmp`);
    try {
      await vscode.workspace.fs.createDirectory(this.folder);
      await vscode.workspace.fs.writeFile(temp, bytes);
      await vscode.workspace.fs.rename(temp, this.file, { overwrite: true });
    } catch (error) {
      this.log.warn(`could not write the digest cache ${this.file.toString(true)}: ${String(error)}`);
      await Promise.resolve(vscode.workspace.fs.delete(temp)).catch(() => undefined);
      return;
    }
    // What is on disk now is what later writes copy from.
    this.cache = Promise.resolve(indexCache(bytes));
  }

  private load(): Promise<CacheIndex | undefined> {
    this.cache ??= this.read();
    return this.cache;
  }

  private async read(): Promise<CacheIndex | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(this.file);
    } catch (error) {
      if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) {
        this.log.warn(`could not read the digest cache ${this.file.toString(true)}: ${String(error)}`);
      }
      return undefined;
    }
    const cache = indexCache(bytes);
    if (!cache) {
      this.log.info(`ignored the digest cache ${this.file.toString(true)}: another version or not a cache`);
    } else if (cache.badLines > 0) {
      this.log.warn(`ignored ${cache.badLines} damaged line(s) of the digest cache ${this.file.toString(true)}`);
    }
    return cache;
  }
}
