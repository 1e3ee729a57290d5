import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localDisk } from '../../src/services/library/local-disk';

const dir = mkdtempSync(join(tmpdir(), 'local-disk-'));
const file = (name: string) => ({ fsPath: join(dir, name) }) as Parameters<typeof localDisk.stat>[0];
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the local disk reader of candidates', () => {
  it('gives a file\'s size and time, its first bytes only, and its whole text', async () => {
    const text = 'é'.repeat(10_000);
    writeFileSync(join(dir, 'a.md'), text);
    const facts = await localDisk.stat(file('a.md'));
    expect(facts).toMatchObject({ size: 20_000, isDirectory: false });
    expect(Number.isInteger(facts!.mtime)).toBe(true);
    const head = await localDisk.readHead(file('a.md'), 100);
    expect(head).toEqual(new TextEncoder().encode(text).subarray(0, 100));
    expect(new TextDecoder().decode(await localDisk.readWhole(file('a.md')))).toBe(text);
    expect((await localDisk.readHead(file('a.md'), 50_000))!.length).toBe(20_000);
  });

  it('says a missing file is gone, and throws for other failures', async () => {
    expect(await localDisk.stat(file('missing.md'))).toBeUndefined();
    expect(await localDisk.readHead(file('missing.md'), 10)).toBeUndefined();
    expect(await localDisk.readWhole(file('missing/inside.md'))).toBeUndefined();
    expect((await localDisk.stat(file('')))?.isDirectory).toBe(true);
    await expect(localDisk.readHead(file(''), 10)).rejects.toThrow();
  });
});
