// The safe zip reader on its own: names that could escape or collide on some file system, entry types,
// methods and sizes are refused from the central directory, before any data is read; data is counted
// while it streams, whatever the headers claim.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildZip, type RawEntry } from './test-support/raw-zip';
import { DEFAULT_ZIP_LIMITS, SafeZip, unsafePathReason, type ZipLimits } from './zip-read';

const root = mkdtempSync(join(tmpdir(), 'studio-zip-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function zipFile(entries: RawEntry[] | Buffer): string {
  const file = join(root, `z${n++}.zip`);
  writeFileSync(file, Buffer.isBuffer(entries) ? entries : buildZip(entries));
  return file;
}

async function openError(entries: RawEntry[] | Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string> {
  try {
    (await SafeZip.open(zipFile(entries), limits)).close();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the zip to be refused');
}

describe('unsafePathReason', () => {
  it.each([
    ['hf/config.json', null],
    ['README.md', null],
    ['a/b/c/d.bin', null],
    ['', /empty/],
    ['../x', /"\.\."/],
    ['a/../../x', /"\.\."/],
    ['./x', /"\."/],
    ['a//b', /empty/],
    ['/etc/passwd', /absolute/],
    ['C:/Windows/x', /drive letter/],
    ['a\\b', /backslash/],
    ['a/b\u0000.txt', /control character/],
    ['a/CON', /Windows reserves/],
    ['a/nul.txt', /Windows reserves/],
    ['a/b:stream', /Windows cannot store/],
    ['a/trailing.', /ending in a dot/],
    ['x'.repeat(1025), /longer than 1024/],
  ])('%j → %s', (name, expected) => {
    const reason = unsafePathReason(name);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });
});

describe('SafeZip', () => {
  it('lists regular files with their declared sizes and streams them with a hash', async () => {
    const zip = await SafeZip.open(zipFile([{ name: 'hf/', data: '', mode: 0o040755 }, { name: 'hf/a.txt', data: 'hello', deflate: true }]));
    try {
      expect(zip.entries.map((e) => [e.path, e.declaredSize])).toEqual([['hf/a.txt', 5]]);
      const chunks: Buffer[] = [];
      const read = await zip.read(zip.entries[0]!, 5, async (c) => void chunks.push(c));
      expect(Buffer.concat(chunks).toString()).toBe('hello');
      expect(read).toEqual({ bytes: 5, sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' });
    } finally {
      zip.close();
    }
  });

  it('refuses a file that is also a folder, a device entry, and a folder entry holding data', async () => {
    expect(await openError([{ name: 'a', data: 'x' }, { name: 'a/b', data: 'y' }])).toMatch(/both a file and a folder/);
    expect(await openError([{ name: 'dev', data: '', mode: 0o020644 }])).toMatch(/device, pipe or socket/);
    expect(await openError([{ name: 'd/', data: 'data', mode: 0o040755 }])).toMatch(/claims to hold data/);
  });

  it('refuses names that collide after Unicode normalisation', async () => {
    expect(await openError([{ name: 'caf\u00e9.txt', data: '1' }, { name: 'cafe\u0301.txt', data: '2' }])).toMatch(/two entries named/);
  });

  it('refuses encrypted entries and unknown compression methods', async () => {
    const encrypted = buildZip([{ name: 'a', data: 'x' }]);
    encrypted.writeUInt16LE(0x0801, encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8); // central flag bit 0
    expect(await openError(encrypted)).toMatch(/encrypted/);
    const bzip = buildZip([{ name: 'a', data: 'x' }]);
    bzip.writeUInt16LE(12, bzip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
    expect(await openError(bzip)).toMatch(/compression method 12/);
  });

  it('refuses too many entries, an entry declared too large, and a declared total over the cap', async () => {
    const limits = { ...DEFAULT_ZIP_LIMITS, maxEntries: 2, maxEntryBytes: 100, maxTotalBytes: 150 };
    expect(await openError([{ name: 'a', data: '1' }, { name: 'b', data: '2' }, { name: 'c', data: '3' }], limits)).toMatch(/3 entries/);
    expect(await openError([{ name: 'a', data: 'x', declaredSize: 101 }], limits)).toMatch(/declares 101 bytes/);
    expect(await openError([{ name: 'a', data: 'x', declaredSize: 100 }, { name: 'b', data: 'x', declaredSize: 100 }], limits)).toMatch(/more than 150 bytes/);
  });

  it('stops a stream as soon as it passes the declared size, the expected size or the ratio, whatever the header says', async () => {
    const zeros = Buffer.alloc(4 * 1024 * 1024);
    const lying = await SafeZip.open(zipFile([{ name: 'a', data: zeros, deflate: true, declaredSize: 1000 }]));
    await expect(lying.read(lying.entries[0]!, 1000)).rejects.toThrow(/more data than its zip header declares \(1000 bytes\)/);
    lying.close();
    const bomb = await SafeZip.open(zipFile([{ name: 'a', data: zeros, deflate: true }]));
    await expect(bomb.read(bomb.entries[0]!, zeros.length)).rejects.toThrow(/expands more than 200:1/);
    await expect(bomb.read(bomb.entries[0]!, 10)).rejects.toThrow(/larger than the manifest says \(10 bytes\)/);
    bomb.close();
  });

  it('names truncated and non-zip files as such', async () => {
    const good = buildZip([{ name: 'a', data: 'hello world' }]);
    expect(await openError(good.subarray(0, good.length - 10))).toMatch(/truncated or is not a zip/);
    expect(await openError(Buffer.from('just text'))).toMatch(/truncated or is not a zip/);
    await expect(SafeZip.open(join(root, 'missing.zip'))).rejects.toThrow(/Bundle not found/);
  });
});
