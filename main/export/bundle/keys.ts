// The workspace's ed25519 signing key and its list of trusted colleagues' keys.
// The key pair is generated once per workspace under keys/ (private key 0600, written to a temp file and
// hard-linked into place, so two processes racing to create it end up sharing one key). A key is named by
// its fingerprint: SHA-256 of the raw 32-byte public key, as grouped hex that two people can read aloud
// over the phone. Trusted keys live in keys/trusted.json (written atomically).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { StudioError } from '../../common/errors';
import { fsyncDirSync, writeFileAtomicSync } from '../../platform/atomic';
import { workspacePaths } from '../../platform/paths';

export const PRIVATE_KEY_FILE = 'signing-key.pem';
export const PUBLIC_KEY_FILE = 'signing-key.pub.pem';
export const TRUSTED_FILE = 'trusted.json';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The raw 32-byte public key, base64. */
  publicKeyBase64: string;
  fingerprint: string;
}

export interface TrustedKey {
  fingerprint: string;
  /** A label the user chose ("Dr Jones, St Mary's"). */
  label: string;
  added_at: string;
}

/** Raw 32-byte ed25519 public key of a KeyObject. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new StudioError('internal', 'Not an ed25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new StudioError('bad_input', `An ed25519 public key has 32 bytes, not ${raw.length}`);
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

/** SHA-256 of the raw public key as 16 groups of 4 hex digits: "3f2a 91c0 …". */
export function fingerprintOf(raw: Uint8Array): string {
  const hex = createHash('sha256').update(raw).digest('hex');
  return hex.match(/.{4}/g)!.join(' ');
}

/** Accepts a fingerprint typed any way (spaces, colons, dashes, upper case) and returns the canonical form. */
export function normalizeFingerprint(input: string): string {
  const hex = input.toLowerCase().replace(/[\s:-]/g, '');
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new StudioError('invalid_request', 'A key fingerprint is 64 hexadecimal digits (spaces allowed), as `studio keys show` prints it', {
      field: 'fingerprint',
    });
  }
  return hex.match(/.{4}/g)!.join(' ');
}

function keysDir(workspace: string): string {
  return workspacePaths(workspace).keys;
}

function toSigningKey(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  const raw = rawPublicKey(publicKey);
  return { privateKey, publicKey, publicKeyBase64: raw.toString('base64'), fingerprint: fingerprintOf(raw) };
}

/** Writes `data` to `target` only if it does not exist yet (temp file + link). Returns false if it existed. */
function createExclusive(target: string, data: string, mode: number): boolean {
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    chmodSync(temp, mode); // umask may have removed bits; never added any
    linkSync(temp, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

function readPrivateKey(file: string): SigningKey {
  try {
    const key = createPrivateKey(readFileSync(file));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`a ${key.asymmetricKeyType} key`);
    return toSigningKey(key);
  } catch (error) {
    throw new StudioError(
      'workspace_corrupt',
      `The workspace signing key (${file}) cannot be read (${(error as Error).message}). Restore it from a backup; removing it makes a new key, which colleagues would have to trust again.`,
    );
  }
}

/** The workspace's signing key; generated on first use. */
export function loadOrCreateSigningKey(workspace: string): SigningKey {
  const dir = keysDir(workspace);
  const file = join(dir, PRIVATE_KEY_FILE);
  try {
    return readPrivateKey(file);
  } catch (error) {
    if (!(error instanceof StudioError) || !isMissing(file)) throw error;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  createExclusive(file, pem, 0o600); // false: another process made one first — use theirs
  fsyncDirSync(dir);
  const key = readPrivateKey(file);
  writeFileAtomicSync(join(dir, PUBLIC_KEY_FILE), key.publicKey.export({ format: 'pem', type: 'spki' }).toString());
  return key;
}

function isMissing(file: string): boolean {
  try {
    readFileSync(file);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

export function signBytes(key: SigningKey, data: Uint8Array): Buffer {
  return sign(null, data, key.privateKey);
}

export function verifySignature(publicKeyRaw: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, data, publicKeyFromRaw(publicKeyRaw), signature);
  } catch {
    return false;
  }
}

// ---- trusted keys -------------------------------------------------------------------------------

const trustedFileSchema = z.object({
  version: z.literal(1),
  keys: z.array(z.object({ fingerprint: z.string(), label: z.string(), added_at: z.string() })),
});

export function listTrustedKeys(workspace: string): TrustedKey[] {
  const file = join(keysDir(workspace), TRUSTED_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed = trustedFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new StudioError('workspace_corrupt', `The trusted keys list (${file}) is damaged; fix or remove it.`);
  return parsed.data.keys;
}

function writeTrusted(workspace: string, keys: TrustedKey[]): void {
  writeFileAtomicSync(join(keysDir(workspace), TRUSTED_FILE), `${JSON.stringify({ version: 1, keys }, null, 2)}\n`);
}

/** Adds a fingerprint to the trusted list (idempotent; a new label replaces the old one). */
export function trustKey(workspace: string, fingerprint: string, label = ''): TrustedKey {
  const fp = normalizeFingerprint(fingerprint);
  const keys = listTrustedKeys(workspace).filter((k) => k.fingerprint !== fp);
  const entry: TrustedKey = { fingerprint: fp, label, added_at: new Date().toISOString() };
  writeTrusted(workspace, [...keys, entry]);
  return entry;
}

/** Removes a fingerprint; returns whether it was there. */
export function untrustKey(workspace: string, fingerprint: string): boolean {
  const fp = normalizeFingerprint(fingerprint);
  const keys = listTrustedKeys(workspace);
  const kept = keys.filter((k) => k.fingerprint !== fp);
  if (kept.length === keys.length) return false;
  writeTrusted(workspace, kept);
  return true;
}

/** The workspace's own key counts as trusted; so does every key on the list. */
export function isTrusted(workspace: string, fingerprint: string): boolean {
  const fp = normalizeFingerprint(fingerprint);
  if (isMissing(join(keysDir(workspace), PRIVATE_KEY_FILE)) === false && loadOrCreateSigningKey(workspace).fingerprint === fp) return true;
  return listTrustedKeys(workspace).some((k) => k.fingerprint === fp);
}
