import {
  indexLibrary, libraryHeader, libraryLine, libraryRemovalLine, libraryTrailer, readLibraryChange, readLibraryRecord, type LibraryRecord,
} from '../../core';

/** The library file in the workspace's storage folder (see src/core/library/persisted-library.ts). */
export const LIBRARY_FILE = 'library.jsonl';
/** What changed since the library file was written (see LibraryStore). */
export const LIBRARY_CHANGES_FILE = 'library-changes.jsonl';
/** What earlier versions kept (parsed Markdown digests only): removed once the library replaces it. */
const OLD_CACHE_FILE = 'digest-cache.jsonl';

/** The few file operations the store needs, on names inside its folder: a port, so tests can give it a fake disk. */
export interface StoreFiles {
  /** The file's bytes; undefined when there is no such file. */
  read(name: string): Promise<Uint8Array | undefined>;
  /** Creates the folder when needed. */
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** Replaces `to` with `from` in one step. */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; no error when it is not there. */
  remove(name: string): Promise<void>;
}

export interface StoreLog {
  info(message: string): void;
  warn(message: string): void;
}

/** Gives the event loop back between records: loading and writing thousands of digests never block the host for long. */
export type Yield = () => Promise<void>;

export interface LoadedLibrary {
  /** By uri: every record that could be read. */
  records: Map<string, LibraryRecord>;
  /** Why the file, or some of its lines, could not be used; undefined when all of it was read (or there was none). */
  problem?: string;
}

let tempCounter = 0;

/**
 * Writes a temporary file of its own and renames it over `name`, so a reader (this window
 * later, or a second window on the same workspace) sees the old file or the new one, never
 * half of one. False (logged, the temporary file removed) when it could not be written.
 */
export async function replaceStoreFile(files: StoreFiles, name: string, bytes: Uint8Array, log: StoreLog, what: string): Promise<boolean> {
  const temp = `${name}.${Date.now().toString(36)}-${(tempCounter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}.tmp`;
  try {
    await files.write(temp, bytes);
    await files.rename(temp, name);
    return true;
  } catch (error) {
    log.warn(`could not write ${what} ${name}: ${String(error)}`);
    await files.remove(temp).catch(() => undefined);
    return false;
  }
}

/**
 * Past this share of the library's size, the changes are folded into a library written
 * anew: a save costs about what changed, and loading reads little besides the library.
 */
const CHANGES_SHARE = 1 / 8;

/** What the library file on disk holds, as this window last read or wrote it. */
interface Base {
  id: string;
  bytes: number;
  /** By uri: the facts of each record (see `factsOf`). */
  facts: Map<string, string>;
}

/** What tells two records of a file apart: a record's digest is the one its text's hash names. */
function factsOf(record: LibraryRecord): string {
  return `${record.size} ${record.mtime} ${record.racy ? 'racy' : ''} ${record.hash ?? ''}`;
}

function newId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * The library kept between sessions in the workspace's storage folder: `library.jsonl`,
 * and `library-changes.jsonl` for what changed since it was written, so a save after one
 * digest changed writes that digest, not a hundred megabytes. Loading reads what it can:
 * a file of another version, or a truncated one, is discarded whole; a damaged line loses
 * only its record; changes that amend another library are ignored. Each file is replaced
 * by renaming a temporary file of its own over it, so a reader (this window later, or a
 * second window on the same workspace) sees a whole file, the old one or the new one,
 * never half of one; two windows writing at once leave the files of the last to rename.
 */
export class LibraryStore {
  private base: Base | undefined;

  constructor(private readonly files: StoreFiles, private readonly log: StoreLog, private readonly pause: Yield = () => Promise.resolve()) {}

  async load(): Promise<LoadedLibrary> {
    const records = new Map<string, LibraryRecord>();
    this.base = undefined;
    let bytes: Uint8Array | undefined;
    try {
      bytes = await this.files.read(LIBRARY_FILE);
      void this.files.remove(OLD_CACHE_FILE).catch(() => undefined);
    } catch (error) {
      this.log.warn(`could not read the library ${LIBRARY_FILE}: ${String(error)}`);
      return { records, problem: 'unreadable' };
    }
    if (!bytes) return { records };
    const indexed = indexLibrary(bytes);
    if (!indexed.ok) {
      this.log.info(`discarded the library ${LIBRARY_FILE}: ${indexed.problem}; the digests are read again`);
      return { records, problem: indexed.problem };
    }
    let damaged = 0;
    const facts = new Map<string, string>();
    for (let i = 0; i < indexed.lines.spans.length; i++) {
      await this.pause();
      const record = readLibraryRecord(indexed.lines, i);
      if (!record) {
        damaged++;
        continue;
      }
      records.set(record.uri, record);
      facts.set(record.uri, factsOf(record));
    }
    this.base = { id: indexed.id, bytes: bytes.length, facts };
    damaged += await this.loadChanges(indexed.id, records);
    if (damaged === 0) return { records };
    this.log.warn(`ignored ${damaged} damaged record(s) of the library ${LIBRARY_FILE}; their files are read again`);
    return { records, problem: `${damaged} damaged record(s)` };
  }

  /** Applies the changes file to `records` when it amends library `id`; the number of damaged lines. */
  private async loadChanges(id: string, records: Map<string, LibraryRecord>): Promise<number> {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await this.files.read(LIBRARY_CHANGES_FILE);
    } catch (error) {
      this.log.warn(`could not read the library's changes ${LIBRARY_CHANGES_FILE}: ${String(error)}; the files they stand for are read again`);
      return 0;
    }
    if (!bytes) return 0;
    const indexed = indexLibrary(bytes, 'changes');
    if (!indexed.ok || indexed.id !== id) {
      this.log.info(`ignored the library's changes ${LIBRARY_CHANGES_FILE}: ${indexed.ok ? 'they amend another library' : indexed.problem}; the files they stand for are read again`);
      return 0;
    }
    let damaged = 0;
    for (let i = 0; i < indexed.lines.spans.length; i++) {
      await this.pause();
      const change = readLibraryChange(indexed.lines, i);
      if (!change) damaged++;
      else if ('removed' in change) records.delete(change.removed);
      else records.set(change.uri, change);
    }
    return damaged;
  }

  /**
   * Makes the library hold these records, and only these: by writing what differs from
   * the library on disk, or, once that is a large share of it, the whole library anew.
   * False (logged) when it could not be written.
   */
  async save(records: Iterable<LibraryRecord>): Promise<boolean> {
    const all = [...records];
    if (this.base) {
      const changes = await this.changesFrom(this.base, all);
      if (changes) return replaceStoreFile(this.files, LIBRARY_CHANGES_FILE, changes, this.log, "the library's changes");
    }
    const id = newId();
    const encoder = new TextEncoder();
    const parts: Uint8Array[] = [encoder.encode(`${libraryHeader(id)}\n`)];
    const facts = new Map<string, string>();
    for (const record of all) {
      await this.pause();
      parts.push(encoder.encode(libraryLine(record)));
      facts.set(record.uri, factsOf(record));
    }
    parts.push(encoder.encode(libraryTrailer(all.length)));
    const bytes = await concat(parts, this.pause);
    if (!await replaceStoreFile(this.files, LIBRARY_FILE, bytes, this.log, 'the library')) return false;
    this.base = { id, bytes: bytes.length, facts };
    // Changes of the library replaced name it: left behind, they are ignored.
    await this.files.remove(LIBRARY_CHANGES_FILE).catch(() => undefined);
    return true;
  }

  /** The changes file that takes `base` to `records`; undefined when it would be too large a share of the library. */
  private async changesFrom(base: Base, records: readonly LibraryRecord[]): Promise<Uint8Array | undefined> {
    const encoder = new TextEncoder();
    const limit = base.bytes * CHANGES_SHARE;
    const parts: Uint8Array[] = [encoder.encode(`${libraryHeader(base.id, 'changes')}\n`)];
    let size = parts[0].length;
    let lines = 0;
    const kept = new Set<string>();
    const add = (line: string) => {
      const part = encoder.encode(line);
      parts.push(part);
      size += part.length;
      lines++;
    };
    for (const record of records) {
      kept.add(record.uri);
      if (base.facts.get(record.uri) === factsOf(record)) continue;
      await this.pause();
      add(libraryLine(record));
      if (size > limit) return undefined;
    }
    for (const uri of base.facts.keys()) if (!kept.has(uri)) add(libraryRemovalLine(uri));
    if (size > limit) return undefined;
    parts.push(encoder.encode(libraryTrailer(lines)));
    return concat(parts, this.pause);
  }
}

/** One buffer of the parts, copied a part at a time between pauses: a library of years is a hundred megabytes. */
async function concat(parts: readonly Uint8Array[], pause: Yield): Promise<Uint8Array> {
  let length = 0;
  for (const part of parts) length += part.length;
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    await pause();
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}
