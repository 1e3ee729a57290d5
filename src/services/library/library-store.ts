import { indexLibrary, libraryHeader, libraryLine, libraryTrailer, readLibraryRecord, type LibraryRecord } from '../../core';

/** The library file in the workspace's storage folder (see src/core/library/persisted-library.ts). */
export const LIBRARY_FILE = 'library.jsonl';
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
 * The library kept between sessions in the workspace's storage folder. Loading reads
 * what it can: a file of another version, or a truncated one, is discarded whole; a
 * damaged line loses only its record. Saving writes a temporary file of its own and
 * renames it over the library, so a reader (this window later, or a second window on
 * the same workspace) sees a whole file, the old one or the new one, never half of one;
 * two windows writing at once leave the file of the last to rename.
 */
export class LibraryStore {
  constructor(private readonly files: StoreFiles, private readonly log: StoreLog, private readonly pause: Yield = () => Promise.resolve()) {}

  async load(): Promise<LoadedLibrary> {
    const records = new Map<string, LibraryRecord>();
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
    for (let i = 0; i < indexed.lines.spans.length; i++) {
      await this.pause();
      const record = readLibraryRecord(indexed.lines, i);
      if (record) records.set(record.uri, record);
      else damaged++;
    }
    if (damaged === 0) return { records };
    this.log.warn(`ignored ${damaged} damaged record(s) of the library ${LIBRARY_FILE}; their files are read again`);
    return { records, problem: `${damaged} damaged record(s)` };
  }

  /** Replaces the library with these records; false (logged) when it could not be written. */
  async save(records: Iterable<LibraryRecord>): Promise<boolean> {
    const encoder = new TextEncoder();
    const parts: Uint8Array[] = [encoder.encode(`${libraryHeader()}\n`)];
    let count = 0;
    for (const record of records) {
      await this.pause();
      parts.push(encoder.encode(libraryLine(record)));
      count++;
    }
    parts.push(encoder.encode(libraryTrailer(count)));
    const bytes = concat(parts);
    return replaceStoreFile(this.files, LIBRARY_FILE, bytes, this.log, 'the library');
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}
