// manifest.json of a .dsbundle: what the bundle holds (every file's path, size and SHA-256), which
// model it is, and who signed it. manifest.sig is an ed25519 signature over the manifest's exact bytes.
import { z } from 'zod';
import { unsafePathReason } from './zip-read';

export const BUNDLE_FORMAT = 'domain-studio-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
export const BUNDLE_EXTENSION = '.dsbundle';
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const CARD_FILE = 'README.md';
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

/** The folder formats a bundle can carry, each under a top-level folder of the same name. */
export const CONTENT_FORMATS = ['hf', 'peft', 'merged', 'onnx'] as const;
export type ContentFormat = (typeof CONTENT_FORMATS)[number];

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case SHA-256 hex digest');
const relativePath = z.string().superRefine((path, ctx) => {
  const reason = unsafePathReason(path);
  if (reason !== null || path.endsWith('/')) ctx.addIssue({ code: 'custom', message: `unsafe path (${reason ?? 'a folder'})` });
});

export const manifestSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    format_version: z.number().int().positive(),
    created_at: z.string(),
    app: z.object({ name: z.string(), version: z.string() }),
    model: z.object({
      name: z.string().min(1).max(120),
      model_type: z.string(),
      /** The training method of the run that produced it, or null for a model exported as imported. */
      method: z.string().nullable(),
      base_model: z.string().nullable(),
    }),
    contents: z.array(z.object({ format: z.enum(CONTENT_FORMATS), folder: z.enum(CONTENT_FORMATS) })).min(1),
    files: z.array(z.object({ path: relativePath, size: z.number().int().min(0), sha256: sha256Hex })).min(1),
    signer: z.object({ algorithm: z.literal('ed25519'), public_key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/), fingerprint: z.string() }),
  })
  .loose();

export type BundleManifest = z.infer<typeof manifestSchema>;
export type ManifestFile = BundleManifest['files'][number];

/** The manifest's bytes as signed: two-space JSON with a final newline. */
export function encodeManifest(manifest: BundleManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}
