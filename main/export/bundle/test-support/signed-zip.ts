// Test support: hand-built bundles — a manifest signed by a given key over chosen files, zipped by
// raw-zip so each test can break exactly one thing (a name, a size, a hash, a missing signature).
import { createHash } from 'node:crypto';
import { signBytes, type SigningKey } from '../keys';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, encodeManifest, type BundleManifest } from '../manifest';
import { buildZip, type RawEntry } from './raw-zip';

export interface SignedZipOptions {
  /** Files the manifest lists (each also stored, unless in `omit`). */
  files: RawEntry[];
  /** Entries stored but not listed. */
  extra?: RawEntry[];
  /** Listed paths not stored. */
  omit?: string[];
  /** Change the manifest after it is built (before signing, unless tamperAfterSigning). */
  edit?: (manifest: BundleManifest) => void;
  tamperAfterSigning?: boolean;
  unsigned?: boolean;
  contents?: BundleManifest['contents'];
}

export function manifestFor(key: SigningKey, files: readonly RawEntry[], contents: BundleManifest['contents'] = [{ format: 'hf', folder: 'hf' }]): BundleManifest {
  return {
    format: BUNDLE_FORMAT,
    format_version: BUNDLE_FORMAT_VERSION,
    created_at: '2026-01-01T00:00:00.000Z',
    app: { name: 'Domain Studio', version: '0.1.0' },
    model: { name: 'colleague-bert', model_type: 'bert', method: null, base_model: null },
    contents,
    files: files.map((f) => {
      const data = typeof f.data === 'string' ? Buffer.from(f.data) : Buffer.from(f.data);
      return { path: f.name, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
    }),
    signer: { algorithm: 'ed25519', public_key: key.publicKeyBase64, fingerprint: key.fingerprint },
  };
}

export function signedZip(key: SigningKey, options: SignedZipOptions): Buffer {
  const manifest = manifestFor(key, options.files, options.contents);
  if (options.edit && !options.tamperAfterSigning) options.edit(manifest);
  let manifestBytes = encodeManifest(manifest);
  const signature = signBytes(key, manifestBytes).toString('base64');
  if (options.edit && options.tamperAfterSigning) {
    options.edit(manifest);
    manifestBytes = encodeManifest(manifest);
  }
  const omit = new Set(options.omit ?? []);
  const entries: RawEntry[] = [
    ...options.files.filter((f) => !omit.has(f.name)),
    ...(options.extra ?? []),
    { name: 'manifest.json', data: manifestBytes },
    ...(options.unsigned ? [] : [{ name: 'manifest.sig', data: `${signature}\n` }]),
  ];
  return buildZip(entries);
}
