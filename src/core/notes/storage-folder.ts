/**
 * The `paperReader.storageFolder` setting, checked. Notes are written under this folder, so it
 * must name a folder inside the workspace folder: a relative path that never climbs out of it.
 * An absolute path, a drive, a home folder (`~`) or a `..` part is refused with a reason the
 * reader is shown; the default is used instead.
 */

export const DEFAULT_STORAGE_FOLDER = '.papers';

/** Longest setting read; a longer one is refused rather than joined into a path. */
const MAX_SETTING_LENGTH = 1_000;

export type StorageFolderCheck =
  | { ok: true; folder: string }
  | { ok: false; folder: typeof DEFAULT_STORAGE_FOLDER; reason: string };

function refuse(reason: string): StorageFolderCheck {
  return { ok: false, folder: DEFAULT_STORAGE_FOLDER, reason };
}

/**
 * The folder a storageFolder setting names, relative to the workspace folder, with `/` between
 * its parts; an empty or missing setting is the default.
 */
export function checkStorageFolder(raw: unknown): StorageFolderCheck {
  if (raw === undefined || raw === null) return { ok: true, folder: DEFAULT_STORAGE_FOLDER };
  if (typeof raw !== 'string') return refuse('is not text');
  const value = raw.trim();
  if (value.length > MAX_SETTING_LENGTH) return refuse('is too long');
  // eslint-disable-next-line no-control-regex -- control characters are what is refused here
  if (/[\u0000-\u001f\u007f]/.test(value)) return refuse('holds control characters');
  if (/^[\\/]/.test(value) || /^[A-Za-z]:/.test(value)) return refuse('is an absolute path');
  if (/^~/.test(value)) return refuse('points into a home folder');
  const parts = value.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
  if (parts.length === 0) return { ok: true, folder: DEFAULT_STORAGE_FOLDER };
  if (parts.some((part) => /^\.{2,}$/.test(part.trim()))) return refuse('climbs out of the workspace folder with ".."');
  return { ok: true, folder: parts.join('/') };
}
