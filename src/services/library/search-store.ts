import { replaceStoreFile, type StoreFiles, type StoreLog } from './library-store';

/** The search index's snapshot, beside the library in the workspace's storage folder (see src/core/search/search-snapshot.ts). */
export const SEARCH_SNAPSHOT_FILE = 'search-index.bin';

/**
 * Reads and writes the search index's snapshot. What the bytes mean is the
 * core's business (a snapshot that is cut short, damaged or of another
 * version is refused there); this only moves whole files: a save writes a
 * temporary file of its own and renames it over the snapshot, so a reader
 * (this window later, or a second window on the same workspace) sees a whole
 * file, the old one or the new one; two windows saving at once leave the
 * snapshot of the last to rename.
 */
export class SearchSnapshotStore {
  constructor(private readonly files: StoreFiles, private readonly log: StoreLog) {}

  /** The snapshot's bytes; undefined when there is none or it cannot be read (logged). */
  async load(): Promise<Uint8Array | undefined> {
    try {
      return await this.files.read(SEARCH_SNAPSHOT_FILE);
    } catch (error) {
      this.log.warn(`could not read the search index snapshot ${SEARCH_SNAPSHOT_FILE}: ${String(error)}`);
      return undefined;
    }
  }

  /** Replaces the snapshot; false (logged) when it could not be written. */
  async save(bytes: Uint8Array): Promise<boolean> {
    return replaceStoreFile(this.files, SEARCH_SNAPSHOT_FILE, bytes, this.log, 'the search index snapshot');
  }
}
