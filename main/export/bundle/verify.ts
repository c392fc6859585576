// Checking a .dsbundle as a colleague receives it: the zip directory (see zip-read), the manifest and
// its ed25519 signature, the manifest's file list against the archive's (nothing missing, nothing
// extra), then every file streamed and hashed against the signed size and SHA-256. `verifyBundle`
// reports; `openVerifiedBundle` is the shared core that import uses to extract while it hashes.
import { createHash } from 'node:crypto';
import type { BundleVerifyResult } from '../../common/dto';
import { StudioError } from '../../common/errors';
import { fingerprintOf, isTrusted, verifySignature } from './keys';
import {
  BUNDLE_FORMAT_VERSION,
  CARD_FILE,
  CONTENT_FORMATS,
  MANIFEST_FILE,
  MAX_MANIFEST_BYTES,
  SIGNATURE_FILE,
  manifestSchema,
  type BundleManifest,
  type ManifestFile,
} from './manifest';
import { BundleRefused, DEFAULT_ZIP_LIMITS, SafeZip, collisionKey, type SafeEntry, type ZipLimits } from './zip-read';

export type BundleVerification = BundleVerifyResult;
export type BundleFileCheck = BundleVerifyResult['files'][number];

export interface OpenedBundle {
  zip: SafeZip;
  manifest: BundleManifest;
  manifestSha256: string;
  /** The manifest and signature exactly as signed, kept beside an imported model for later checks. */
  manifestBytes: Buffer;
  signatureText: string;
  fingerprint: string;
  trusted: boolean;
  /** Manifest file → its archive entry. */
  entries: ReadonlyArray<{ file: ManifestFile; entry: SafeEntry }>;
}

function entryNamed(zip: SafeZip, path: string): SafeEntry | undefined {
  return zip.entries.find((e) => collisionKey(e.path) === collisionKey(path));
}

/**
 * Opens `file` and checks everything short of the file contents: zip directory, manifest, signature,
 * file lists. Throws BundleRefused with the reason. The caller closes `zip`.
 */
export async function openVerifiedBundle(file: string, workspace: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<OpenedBundle> {
  const zip = await SafeZip.open(file, limits);
  try {
    const manifestEntry = entryNamed(zip, MANIFEST_FILE);
    if (!manifestEntry) throw new BundleRefused(`The bundle has no ${MANIFEST_FILE}: it is not a Domain Studio bundle.`);
    const signatureEntry = entryNamed(zip, SIGNATURE_FILE);
    if (!signatureEntry) throw new BundleRefused(`The bundle is unsigned (no ${SIGNATURE_FILE}); ask the sender to export it again from Domain Studio.`);

    const manifestBytes = await zip.readSmall(manifestEntry, MAX_MANIFEST_BYTES);
    let raw: unknown;
    try {
      raw = JSON.parse(manifestBytes.toString('utf8'));
    } catch {
      throw new BundleRefused(`${MANIFEST_FILE} is not valid JSON.`);
    }
    const version = (raw as { format_version?: unknown } | null)?.format_version;
    if (typeof version === 'number' && version > BUNDLE_FORMAT_VERSION) {
      throw new BundleRefused(`The bundle was made by a newer version of Domain Studio (bundle format ${version}); update the app to open it.`);
    }
    const parsed = manifestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BundleRefused(`${MANIFEST_FILE} is not a valid manifest (${issue.path.join('.') || 'root'}: ${issue.message}).`);
    }
    const manifest = parsed.data;

    const publicKey = Buffer.from(manifest.signer.public_key, 'base64');
    const fingerprint = fingerprintOf(publicKey);
    if (manifest.signer.fingerprint !== fingerprint) throw new BundleRefused('The manifest names a signer fingerprint that does not match its public key.');
    const signatureText = (await zip.readSmall(signatureEntry, 1024)).toString('utf8').trim();
    const signature = /^[A-Za-z0-9+/]{86}==$/.test(signatureText) ? Buffer.from(signatureText, 'base64') : Buffer.alloc(0);
    if (!verifySignature(publicKey, manifestBytes, signature)) {
      throw new BundleRefused('The signature does not match the manifest: the bundle was changed after it was signed, or the signature is damaged.');
    }

    // The signed file list against the archive, both ways.
    const listed = new Map<string, ManifestFile>();
    for (const f of manifest.files) {
      const key = collisionKey(f.path);
      if (listed.has(key)) throw new BundleRefused(`The manifest lists ${f.path} twice.`);
      if (key === MANIFEST_FILE || key === SIGNATURE_FILE) throw new BundleRefused(`The manifest lists ${f.path}, which cannot be signed by itself.`);
      const top = f.path.split('/')[0]!;
      if (f.path !== CARD_FILE && !manifest.contents.some((c) => c.folder === top)) throw new BundleRefused(`The manifest lists ${f.path}, outside the bundle's content folders.`);
      listed.set(key, f);
    }
    if (!listed.has(collisionKey(CARD_FILE))) throw new BundleRefused(`The manifest does not list the model card ${CARD_FILE}.`);
    for (const c of manifest.contents) {
      if (!CONTENT_FORMATS.includes(c.format) || c.folder !== c.format) throw new BundleRefused(`The manifest names an unknown content folder ${c.folder}.`);
    }
    const entries: Array<{ file: ManifestFile; entry: SafeEntry }> = [];
    for (const entry of zip.entries) {
      const key = collisionKey(entry.path);
      if (key === MANIFEST_FILE || key === SIGNATURE_FILE) continue;
      const file = listed.get(key);
      if (!file) throw new BundleRefused(`The archive holds ${entry.path}, which the signed manifest does not list: something was added after signing.`);
      if (file.path !== entry.path) throw new BundleRefused(`The archive's ${entry.path} is listed as ${file.path} in the manifest.`);
      if (entry.declaredSize !== file.size) throw new BundleRefused(`${entry.path}: the archive declares ${entry.declaredSize} bytes, the signed manifest ${file.size}.`);
      entries.push({ file, entry });
    }
    if (entries.length !== listed.size) {
      const present = new Set(entries.map((e) => collisionKey(e.file.path)));
      const missing = manifest.files.filter((f) => !present.has(collisionKey(f.path))).map((f) => f.path);
      throw new BundleRefused(`The archive is missing ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}, listed in the signed manifest.`);
    }
    const total = manifest.files.reduce((sum, f) => sum + f.size, 0);
    if (total > limits.maxTotalBytes) throw new BundleRefused(`The bundle holds ${total} bytes; at most ${limits.maxTotalBytes} are accepted.`);
    return {
      zip,
      manifest,
      manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
      manifestBytes,
      signatureText,
      fingerprint,
      trusted: isTrusted(workspace, fingerprint),
      entries,
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

/** Streams one listed file and checks it against the signed size and hash. */
export async function checkFile(bundle: OpenedBundle, item: { file: ManifestFile; entry: SafeEntry }, sink?: (chunk: Buffer) => Promise<void>): Promise<void> {
  const { bytes, sha256 } = await bundle.zip.read(item.entry, item.file.size, sink);
  if (bytes !== item.file.size) throw new BundleRefused(`${item.file.path} holds ${bytes} bytes; the signed manifest says ${item.file.size}: the bundle is truncated or was modified.`);
  if (sha256 !== item.file.sha256) throw new BundleRefused(`${item.file.path} was modified after signing (its SHA-256 does not match the manifest).`);
}

/** Checks a bundle without writing anything. Never throws for a bad bundle: `reason` says why. */
export async function verifyBundle(file: string, workspace: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<BundleVerification> {
  const result: BundleVerification = { ok: false, signer_fingerprint: null, trusted: false, files: [], reason: null, model: null, created_at: null };
  let bundle: OpenedBundle | null = null;
  try {
    bundle = await openVerifiedBundle(file, workspace, limits);
    result.signer_fingerprint = bundle.fingerprint;
    result.trusted = bundle.trusted;
    result.model = bundle.manifest.model;
    result.created_at = bundle.manifest.created_at;
    result.files = bundle.manifest.files.map((f) => ({ ...f, ok: false }));
    for (const item of bundle.entries) {
      await checkFile(bundle, item);
      result.files.find((f) => f.path === item.file.path)!.ok = true;
    }
    result.ok = true;
  } catch (error) {
    if (!(error instanceof BundleRefused)) {
      if (error instanceof StudioError && error.code !== 'internal') result.reason = error.message;
      else throw error;
    } else {
      result.reason = error.message;
    }
  } finally {
    bundle?.zip.close();
  }
  return result;
}
