// Reading an untrusted zip safely (yauzl, streaming). Every entry name is checked before anything is
// read: no "../" or "." segments, no absolute paths or drive letters, no backslashes, no control or
// Windows-reserved characters, no duplicates (compared case- and normalisation-insensitively, as the
// file systems that will receive them compare). Symlinks, devices, encrypted entries and unknown
// compression methods are refused. Entry data is counted while it streams — header sizes are claims,
// not facts — and refused as soon as it passes its declared size, the caller's cap, or a compression
// ratio no real model file reaches.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { StudioError } from '../../common/errors';

export interface ZipLimits {
  maxEntries: number;
  /** Largest uncompressed entry. */
  maxEntryBytes: number;
  /** Largest sum of uncompressed entries. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio of an entry, checked once it passes ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
}

const GiB = 1024 ** 3;
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 64 * GiB,
  maxTotalBytes: 128 * GiB,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

/** A refusal with the reason a person reads (the bundle is bad, not the app). */
export class BundleRefused extends StudioError {
  constructor(reason: string) {
    super('bad_input', reason);
    this.name = 'BundleRefused';
  }
}

export interface SafeEntry {
  /** The checked path, '/'-separated. */
  path: string;
  declaredSize: number;
  compressedSize: number;
  raw: yauzl.Entry;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** Why `name` may not be written to disk, or null if it is a safe relative path. */
export function unsafePathReason(name: string): string | null {
  if (name.length === 0) return 'an empty name';
  if (name.length > 1024) return 'a name longer than 1024 characters';
  if (name.includes('\\')) return 'a backslash in the name';
  if (/^[a-zA-Z]:/.test(name)) return 'a drive letter (an absolute Windows path)';
  if (name.startsWith('/')) return 'an absolute path';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a control character in the name';
  if (/[<>:"|?*]/.test(name)) return 'a character Windows cannot store (< > : " | ? *)';
  const segments = name.replace(/\/$/, '').split('/');
  for (const segment of segments) {
    if (segment === '..') return 'a ".." segment (it would climb out of the target folder)';
    if (segment === '.' || segment === '') return 'an empty or "." segment';
    if (Buffer.byteLength(segment) > 255) return 'a name segment longer than 255 bytes';
    if (WINDOWS_RESERVED.test(segment)) return `a name Windows reserves ("${segment}")`;
    if (/[. ]$/.test(segment)) return 'a segment ending in a dot or space';
  }
  return null;
}

/** The key under which two names collide on a case-insensitive, normalising file system. */
export const collisionKey = (path: string): string => path.normalize('NFC').toLowerCase();

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

function entryKind(entry: yauzl.Entry, name: string): 'file' | 'directory' | string {
  const madeByUnix = entry.versionMadeBy >> 8 === 3 || entry.versionMadeBy >> 8 === 19; // unix, OS X
  const mode = madeByUnix ? entry.externalFileAttributes >>> 16 : 0;
  const type = mode & S_IFMT;
  if (type === S_IFLNK) return 'a symbolic link';
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) return 'a device, pipe or socket';
  if (name.endsWith('/') || type === S_IFDIR || (entry.externalFileAttributes & 0x10) !== 0) return 'directory';
  return 'file';
}

function decodeName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer; // decodeStrings: false gives the raw bytes
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new BundleRefused('An entry name is not valid UTF-8: the bundle was not written by Domain Studio.');
  }
}

function describeZipError(error: Error): string {
  const message = error.message;
  if (/end of central directory|signature|unexpected EOF|overflows|truncated|invalid/i.test(message)) {
    return `The bundle is truncated or is not a zip archive (${message}). Copy it again from the sender.`;
  }
  return `The bundle cannot be read as a zip archive (${message}).`;
}

export class SafeZip {
  private totalBytes = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    readonly entries: readonly SafeEntry[],
    private readonly limits: ZipLimits,
  ) {}

  /** Opens `file`, reads and checks the whole central directory; refuses with BundleRefused. */
  static async open(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<SafeZip> {
    let zip: yauzl.ZipFile;
    try {
      zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
        yauzl.open(
          file,
          { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false, strictFileNames: false },
          (error, z) => (error ? reject(error) : resolve(z)),
        ),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('bad_input', `Bundle not found: ${file}`);
      if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw new StudioError('bad_input', `${file} is a folder; choose the .dsbundle file`);
      throw new BundleRefused(describeZipError(error as Error));
    }
    try {
      if (zip.entryCount > limits.maxEntries) throw new BundleRefused(`The bundle lists ${zip.entryCount} entries; at most ${limits.maxEntries} are accepted.`);
      const entries = await readDirectory(zip, limits);
      return new SafeZip(zip, entries, limits);
    } catch (error) {
      zip.close();
      if (error instanceof StudioError) throw error;
      throw new BundleRefused(describeZipError(error as Error));
    }
  }

  /**
   * Streams one entry's data to `sink` (or nowhere), hashing it. Refuses as soon as the data passes
   * `expectedSize` (a signed manifest's size), its declared size, the caps or the ratio limit.
   */
  async read(entry: SafeEntry, expectedSize: number, sink?: (chunk: Buffer) => Promise<void>): Promise<{ bytes: number; sha256: string }> {
    const cap = Math.min(expectedSize, entry.declaredSize, this.limits.maxEntryBytes);
    const hash = createHash('sha256');
    let bytes = 0;
    let stream: Readable;
    try {
      stream = await this.zip.openReadStreamPromise(entry.raw);
    } catch (error) {
      throw new BundleRefused(`${entry.path}: ${describeZipError(error as Error)}`);
    }
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        this.totalBytes += chunk.length;
        if (bytes > entry.declaredSize) throw new BundleRefused(`${entry.path} holds more data than its zip header declares (${entry.declaredSize} bytes): a forged entry.`);
        if (bytes > cap) throw new BundleRefused(`${entry.path} is larger than the manifest says (${expectedSize} bytes).`);
        if (this.totalBytes > this.limits.maxTotalBytes) throw new BundleRefused(`The bundle unpacks to more than ${this.limits.maxTotalBytes} bytes; refused as a decompression bomb.`);
        if (bytes > this.limits.ratioFloorBytes && bytes > Math.max(1, entry.compressedSize) * this.limits.maxRatio) {
          throw new BundleRefused(`${entry.path} expands more than ${this.limits.maxRatio}:1; refused as a decompression bomb.`);
        }
        hash.update(chunk);
        if (sink) await sink(chunk);
      }
    } catch (error) {
      stream.destroy();
      if (error instanceof StudioError) throw error;
      throw new BundleRefused(`${entry.path}: ${describeZipError(error as Error)}`);
    }
    return { bytes, sha256: hash.digest('hex') };
  }

  /** Reads a small entry whole (manifest, signature). */
  async readSmall(entry: SafeEntry, maxBytes: number): Promise<Buffer> {
    if (entry.declaredSize > maxBytes) throw new BundleRefused(`${entry.path} is ${entry.declaredSize} bytes; at most ${maxBytes} are expected.`);
    const chunks: Buffer[] = [];
    await this.read(entry, maxBytes, async (chunk) => {
      chunks.push(chunk);
    });
    return Buffer.concat(chunks);
  }

  close(): void {
    this.zip.close();
  }
}

async function readDirectory(zip: yauzl.ZipFile, limits: ZipLimits): Promise<SafeEntry[]> {
  const entries: SafeEntry[] = [];
  const seen = new Map<string, string>();
  const directories = new Set<string>();
  let declaredTotal = 0;
  for await (const raw of zip.eachEntry()) {
    const name = decodeName(raw);
    const unsafe = unsafePathReason(name);
    if (unsafe) throw new BundleRefused(`Entry ${JSON.stringify(name)} has ${unsafe}; refused (it could write outside the target folder).`);
    if (raw.isEncrypted()) throw new BundleRefused(`Entry ${name} is encrypted; bundles are signed, not encrypted.`);
    if (raw.compressionMethod !== 0 && raw.compressionMethod !== 8) throw new BundleRefused(`Entry ${name} uses compression method ${raw.compressionMethod}; only stored and deflate are accepted.`);
    const kind = entryKind(raw, name);
    if (kind !== 'file' && kind !== 'directory') throw new BundleRefused(`Entry ${name} is ${kind}; a bundle holds only regular files.`);
    const path = name.replace(/\/$/, '');
    const key = collisionKey(path);
    const previous = seen.get(key);
    if (previous !== undefined) throw new BundleRefused(`The bundle holds two entries named ${JSON.stringify(previous)} and ${JSON.stringify(path)}; refused.`);
    seen.set(key, path);
    if (kind === 'directory') {
      if (raw.uncompressedSize !== 0) throw new BundleRefused(`Directory entry ${name} claims to hold data.`);
      continue;
    }
    if (raw.uncompressedSize > limits.maxEntryBytes) throw new BundleRefused(`Entry ${path} declares ${raw.uncompressedSize} bytes; at most ${limits.maxEntryBytes} are accepted.`);
    declaredTotal += raw.uncompressedSize;
    if (declaredTotal > limits.maxTotalBytes) throw new BundleRefused(`The bundle declares more than ${limits.maxTotalBytes} bytes of content; refused.`);
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) directories.add(collisionKey(parts.slice(0, i).join('/')));
    entries.push({ path, declaredSize: raw.uncompressedSize, compressedSize: raw.compressedSize, raw });
  }
  for (const entry of entries) {
    if (directories.has(collisionKey(entry.path))) throw new BundleRefused(`Entry ${entry.path} is both a file and a folder in the bundle; refused.`);
  }
  return entries;
}
