// Writing a .dsbundle (yazl, streaming, one read of each file): the export folders under hf/, peft/,
// merged/, onnx/, the model card README.md, then manifest.json (each file's path, size and SHA-256,
// hashed as it streams into the archive) and manifest.sig. Written to a temp file beside the target and
// renamed into place, so a bundle is complete or absent.
import { createReadStream, createWriteStream } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { StudioError } from '../../common/errors';
import { fsyncDirSync } from '../../platform/atomic';
import { APP_NAME } from '../../platform/paths';
import packageJson from '../../../package.json';
import { signBytes, type SigningKey } from './keys';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  CARD_FILE,
  MANIFEST_FILE,
  SIGNATURE_FILE,
  encodeManifest,
  type BundleManifest,
  type ContentFormat,
  type ManifestFile,
} from './manifest';

export interface BundleInput {
  /** Export folders to carry, each stored under a top-level folder named after its format. */
  contents: ReadonlyArray<{ format: ContentFormat; folder: string }>;
  model: BundleManifest['model'];
  /** The model card (Markdown). */
  card: string;
  key: SigningKey;
  /** Defaults to now; fixes every entry's timestamp too. */
  createdAt?: Date;
}

export interface WrittenBundle {
  file: string;
  bytes: number;
  sha256: string;
  manifest: BundleManifest;
}

/** Files weights formats hold barely compress; storing them keeps export fast. */
const STORE_UNCOMPRESSED = /\.(safetensors|onnx|bin|pt|data)$/i;

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(root, rel)));
    else if (entry.isFile() || (entry.isSymbolicLink() && (await stat(join(root, rel))).isFile())) files.push(rel);
    else throw new StudioError('bad_input', `${join(root, rel)} is neither a file nor a folder; it cannot go into a bundle`);
  }
  return files.sort();
}

function hashing(onDone: (sha256: string, size: number) => void): Transform {
  const hash = createHash('sha256');
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      onDone(hash.digest('hex'), size);
      callback();
    },
  });
}

export async function writeBundle(target: string, input: BundleInput): Promise<WrittenBundle> {
  if (input.contents.length === 0) throw new StudioError('invalid_request', 'A bundle needs at least one export format inside it');
  const mtime = input.createdAt ?? new Date();
  const zip = new yazl.ZipFile();
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fileHash = createHash('sha256');
  const counter = new PassThrough();
  let bytes = 0;
  counter.on('data', (chunk: Buffer) => {
    fileHash.update(chunk);
    bytes += chunk.length;
  });
  const out = createWriteStream(temp, { mode: 0o644 });
  const written = pipeline(zip.outputStream, counter, out);
  written.catch(() => undefined); // awaited below; avoid an unhandled rejection while entries are added

  try {
    const hashed: Array<Promise<ManifestFile>> = [];
    const addFile = (abs: string, path: string, size: number): void => {
      hashed.push(
        new Promise<ManifestFile>((resolve, reject) => {
          zip.addReadStreamLazy(path, { size, mtime, compress: !STORE_UNCOMPRESSED.test(path), mode: 0o100644 }, (callback) => {
            const source = createReadStream(abs, { highWaterMark: 1 << 20 });
            source.on('error', reject);
            const hasher = hashing((sha256, actual) => (actual === size ? resolve({ path, size, sha256 }) : reject(new StudioError('conflict', `${abs} changed while the bundle was written`))));
            callback(null, source.pipe(hasher));
          });
        }),
      );
    };
    for (const { format, folder } of input.contents) {
      const files = await listFiles(folder);
      if (files.length === 0) throw new StudioError('bad_input', `The ${format} export folder ${folder} is empty`);
      for (const rel of files) addFile(join(folder, rel), `${format}/${rel}`, (await stat(join(folder, rel))).size);
    }
    const card = Buffer.from(input.card, 'utf8');
    zip.addBuffer(card, CARD_FILE, { mtime, mode: 0o100644 });
    const files = (await Promise.all(hashed)).concat({ path: CARD_FILE, size: card.length, sha256: createHash('sha256').update(card).digest('hex') });

    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      format_version: BUNDLE_FORMAT_VERSION,
      created_at: mtime.toISOString(),
      app: { name: APP_NAME, version: packageJson.version },
      model: input.model,
      contents: input.contents.map(({ format }) => ({ format, folder: format })),
      files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      signer: { algorithm: 'ed25519', public_key: input.key.publicKeyBase64, fingerprint: input.key.fingerprint },
    };
    const manifestBytes = encodeManifest(manifest);
    zip.addBuffer(manifestBytes, MANIFEST_FILE, { mtime, mode: 0o100644 });
    zip.addBuffer(Buffer.from(`${signBytes(input.key, manifestBytes).toString('base64')}\n`), SIGNATURE_FILE, { mtime, mode: 0o100644 });
    zip.end();
    await written;
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    fsyncDirSync(dirname(target));
    return { file: target, bytes, sha256: fileHash.digest('hex'), manifest };
  } catch (error) {
    out.destroy();
    await written.catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}
