import { describe, expect, it } from 'vitest';
import { DEFAULT_STORAGE_FOLDER, checkStorageFolder } from '../../src/core/notes';

describe('checkStorageFolder', () => {
  it('keeps a relative folder inside the workspace folder', () => {
    expect(checkStorageFolder('.papers')).toEqual({ ok: true, folder: '.papers' });
    expect(checkStorageFolder('research/notes-store')).toEqual({ ok: true, folder: 'research/notes-store' });
    expect(checkStorageFolder('./a\\b//c/')).toEqual({ ok: true, folder: 'a/b/c' });
    expect(checkStorageFolder('%2e%2e')).toEqual({ ok: true, folder: '%2e%2e' });
  });

  it('uses the default for an empty or missing setting', () => {
    for (const raw of [undefined, null, '', '  ', '.', './/']) expect(checkStorageFolder(raw)).toEqual({ ok: true, folder: DEFAULT_STORAGE_FOLDER });
  });

  it.each([
    ['../x', 'climbs out'],
    ['a/../../x', 'climbs out'],
    ['a\\..\\..\\x', 'climbs out'],
    ['/tmp/x', 'absolute path'],
    ['\\\\server\\share', 'absolute path'],
    ['C:\\Users\\x', 'absolute path'],
    ['c:x', 'absolute path'],
    ['~/notes', 'home folder'],
    ['a\u0000b', 'control characters'],
    ['x'.repeat(1_001), 'too long'],
  ])('refuses %j and falls back to the default', (raw, reason) => {
    const checked = checkStorageFolder(raw);
    expect(checked.ok).toBe(false);
    expect(checked.folder).toBe(DEFAULT_STORAGE_FOLDER);
    expect(!checked.ok && checked.reason).toContain(reason);
  });

  it('refuses a value that is not text', () => {
    for (const raw of [42, {}, ['a'], true]) expect(checkStorageFolder(raw)).toMatchObject({ ok: false, folder: DEFAULT_STORAGE_FOLDER, reason: 'is not text' });
  });
});
