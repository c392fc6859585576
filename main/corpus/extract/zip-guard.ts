// Checks a zip archive (a .docx) before any library inflates it into memory. Reads the central
// directory with yauzl and refuses entries whose declared size, total size or compression ratio
// signals a decompression bomb; then inflates each entry as a stream, counting bytes, so that an
// archive whose declared sizes lie is caught after at most `maxEntryBytes` of work per entry
// (yauzl also checks the inflated size against the declared one). The entries a caller asks for are kept as they
// are inflated, so that it need not inflate them a second time.
import yauzl from 'yauzl';
import { FileRejected } from '../types';

export interface ZipLimits {
  /** Largest uncompressed entry accepted. */
  maxEntryBytes: number;
  /** Largest uncompressed total accepted. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio accepted for entries over 1 MiB. */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 128 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxRatio: 200,
  maxEntries: 10_000,
};

const MiB = 1024 * 1024;
const fmt = (n: number) => `${(n / MiB).toFixed(1)} MiB`;

function openZip(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) => {
      if (error || !zip) reject(error ?? new Error('no archive'));
      else resolve(zip);
    });
  });
}

/** What inspectZip found: every entry's name, and the inflated bytes of the entries the caller asked to keep. */
export interface ZipContents {
  names: string[];
  kept: Map<string, Buffer>;
}

function drainEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: number, keep?: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error('cannot open entry'));
      let seen = 0;
      stream.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > budget) {
          stream.destroy(new FileRejected('bomb', `Entry "${entry.fileName}" inflates past ${fmt(budget)}: refused as a decompression bomb.`));
        } else {
          keep?.push(chunk);
        }
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(seen));
    });
  });
}

/**
 * Resolves with the entry names when the archive is safe to hand to a zip library, and the bytes of the entries
 * `keep` chose (bounded by the same limits); throws FileRejected otherwise.
 */
export async function inspectZip(bytes: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS, keep?: (name: string) => boolean): Promise<ZipContents> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(bytes);
  } catch (error) {
    throw new FileRejected('corrupt', `Not a valid zip archive (${(error as Error).message}); a .docx file is a zip archive, so this file is damaged or is not really a .docx.`, { cause: error });
  }
  const names: string[] = [];
  const kept = new Map<string, Buffer>();
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        void (async () => {
          names.push(entry.fileName);
          if (names.length > limits.maxEntries) throw new FileRejected('bomb', `The archive holds more than ${limits.maxEntries} entries: refused.`);
          const size = entry.uncompressedSize;
          if (size > limits.maxEntryBytes) {
            throw new FileRejected('bomb', `Entry "${entry.fileName}" would expand to ${fmt(size)} (limit ${fmt(limits.maxEntryBytes)}): refused as a possible decompression bomb.`);
          }
          total += size;
          if (total > limits.maxTotalBytes) {
            throw new FileRejected('bomb', `The archive would expand to more than ${fmt(limits.maxTotalBytes)}: refused as a possible decompression bomb.`);
          }
          if (size > MiB && size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
            throw new FileRejected('bomb', `Entry "${entry.fileName}" is compressed ${Math.round(size / Math.max(1, entry.compressedSize))}:1 (limit ${limits.maxRatio}:1): refused as a decompression bomb.`);
          }
          if (!entry.fileName.endsWith('/')) {
            const chunks = keep?.(entry.fileName) ? [] : undefined;
            await drainEntry(zip, entry, Math.min(size, limits.maxEntryBytes), chunks);
            if (chunks) kept.set(entry.fileName, Buffer.concat(chunks));
          }
          zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
  } catch (error) {
    if (error instanceof FileRejected) throw error;
    throw new FileRejected('corrupt', `The archive is damaged (${(error as Error).message}).`, { cause: error });
  } finally {
    zip.close();
  }
  return { names, kept };
}
