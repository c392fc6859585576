// .dsbundle end to end: write (sign) → verify → import on a colleague's workspace, and every way a
// bundle can be hostile or damaged — each refused with a clear reason, nothing written outside the
// target, nothing half-imported left behind.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspaceDb, type WritableDb } from '../../store/db';
import { listModels } from '../../store/queries/models';
import { importBundle } from './import';
import { loadOrCreateSigningKey, listTrustedKeys, trustKey, type SigningKey } from './keys';
import { buildZip, type RawEntry } from './test-support/raw-zip';
import { signedZip } from './test-support/signed-zip';
import { verifyBundle } from './verify';
import { writeBundle } from './write';
import { DEFAULT_ZIP_LIMITS } from './zip-read';

const FIXTURE = join(import.meta.dirname, '../../../test/fixtures/hf-reference/bert');
const HF_FILES = ['config.json', 'model.safetensors', 'vocab.txt', 'tokenizer_config.json', 'special_tokens_map.json'];

let root: string;
let hfFolder: string;
let sender: string; // the sender's workspace
let receiver: string; // a colleague's workspace
let receiverDb: WritableDb;
let senderKey: SigningKey;
let goodBundle: string;
let hfEntries: RawEntry[];

/** Every path under `dir` with its size (the db's -wal/-shm come and go with reads, so they are left out). */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/studio\.db(-wal|-shm)?$/.test(e.name)) out.push(`${relative(dir, p)}:${statSync(p).size}`);
    }
  };
  walk(dir);
  return out.sort();
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'studio-bundle-'));
  hfFolder = join(root, 'export', 'hf');
  mkdirSync(hfFolder, { recursive: true });
  for (const f of HF_FILES) copyFileSync(join(FIXTURE, f), join(hfFolder, f));
  hfEntries = HF_FILES.map((f) => ({ name: `hf/${f}`, data: readFileSync(join(FIXTURE, f)) }));
  sender = join(root, 'sender');
  receiver = join(root, 'receiver');
  mkdirSync(sender);
  mkdirSync(receiver);
  receiverDb = openWorkspaceDb(join(receiver, 'studio.db')) as WritableDb;
  senderKey = loadOrCreateSigningKey(sender);
  goodBundle = join(root, 'good.dsbundle');
  await writeBundle(goodBundle, {
    contents: [{ format: 'hf', folder: hfFolder }],
    model: { name: 'clinical-bert', model_type: 'bert', method: 'cpt-lora', base_model: 'bert-tiny' },
    card: '# clinical-bert\n',
    key: senderKey,
  });
});

afterAll(() => {
  receiverDb.close();
  rmSync(root, { recursive: true, force: true });
});

describe('signing key', () => {
  it('is generated once per workspace, private to the user, and fingerprinted for reading aloud', () => {
    const again = loadOrCreateSigningKey(sender);
    expect(again.fingerprint).toBe(senderKey.fingerprint);
    expect(senderKey.fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    if (process.platform !== 'win32') expect(statSync(join(sender, 'keys', 'signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSigningKey(receiver).fingerprint).not.toBe(senderKey.fingerprint);
  });

  it('is the same key for processes that create it at the same moment', async () => {
    const ws = mkdtempSync(join(root, 'race-'));
    const { spawn } = await import('node:child_process');
    const keys = join(import.meta.dirname, 'keys.ts');
    const script = `import { loadOrCreateSigningKey } from ${JSON.stringify(keys)}; process.stdout.write(loadOrCreateSigningKey(${JSON.stringify(ws)}).fingerprint);`;
    const one = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
      });
    const prints = await Promise.all([one(), one(), one()]);
    expect(new Set(prints).size).toBe(1);
    expect(prints[0]).toBe(loadOrCreateSigningKey(ws).fingerprint);
    expect(readdirSync(join(ws, 'keys')).sort()).toEqual(['signing-key.pem', 'signing-key.pub.pem']);
  }, 60_000);

  it('keeps a trusted list that accepts fingerprints typed any way', async () => {
    const ws = mkdtempSync(join(root, 'trust-'));
    const typed = senderKey.fingerprint.replace(/ /g, ':').toUpperCase();
    trustKey(ws, typed, 'Dr Jones');
    trustKey(ws, senderKey.fingerprint, 'Dr Jones, St Mary');
    expect(listTrustedKeys(ws)).toEqual([expect.objectContaining({ fingerprint: senderKey.fingerprint, label: 'Dr Jones, St Mary' })]);
    expect(() => trustKey(ws, 'abcd')).toThrow(/64 hexadecimal digits/);
    const { untrustKey } = await import('./keys');
    expect(untrustKey(ws, senderKey.fingerprint)).toBe(true);
    expect(listTrustedKeys(ws)).toEqual([]);
  });
});

describe('failures leave nothing behind', () => {
  it('a bundle that cannot be written leaves no file, not even a temp file', async () => {
    const dir = mkdtempSync(join(root, 'write-fail-'));
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const model = { name: 'x', model_type: 'bert', method: null, base_model: null };
    await expect(writeBundle(join(dir, 'x.dsbundle'), { contents: [{ format: 'hf', folder: empty }], model, card: '#', key: senderKey })).rejects.toThrow(/is empty/);
    await expect(writeBundle(join(dir, 'y.dsbundle'), { contents: [{ format: 'hf', folder: join(dir, 'missing') }], model, card: '#', key: senderKey })).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual(['empty']);
  });

  it('a damaged signing key is reported, never silently replaced', () => {
    const ws = mkdtempSync(join(root, 'badkey-'));
    mkdirSync(join(ws, 'keys'));
    writeFileSync(join(ws, 'keys', 'signing-key.pem'), 'not a key');
    expect(() => loadOrCreateSigningKey(ws)).toThrow(/signing key .* cannot be read/);
    expect(readFileSync(join(ws, 'keys', 'signing-key.pem'), 'utf8')).toBe('not a key');
  });
});

describe('round trip', () => {
  it('verifies on the sender side as signed by its own (trusted) key, every file hashed', async () => {
    const result = await verifyBundle(goodBundle, sender);
    expect(result).toMatchObject({ ok: true, reason: null, trusted: true, signer_fingerprint: senderKey.fingerprint });
    expect(result.files.map((f) => f.path).sort()).toEqual(['README.md', ...HF_FILES.map((f) => `hf/${f}`)].sort());
    expect(result.files.every((f) => f.ok)).toBe(true);
  });

  it('reports an unknown signer as untrusted, and import refuses it without writing anything', async () => {
    const result = await verifyBundle(goodBundle, receiver);
    expect(result).toMatchObject({ ok: true, trusted: false });
    const before = tree(receiver);
    await expect(importBundle(goodBundle, receiver, receiverDb)).rejects.toThrow(/does not trust.*keys trust/s);
    expect(tree(receiver)).toEqual(before);
  });

  it('imports with --trust: files byte-identical under models/<id>/, the model registered, the key trusted', async () => {
    const imported = await importBundle(goodBundle, receiver, receiverDb, { trust: true });
    expect(imported).toMatchObject({ was_trusted: false, signer_fingerprint: senderKey.fingerprint, files: HF_FILES.length + 1 });
    expect(imported.model).toMatchObject({ name: 'clinical-bert', model_type: 'bert', path: join(receiver, 'models', String(imported.model.id), 'hf') });
    for (const f of HF_FILES) expect(readFileSync(join(imported.model.path, f)).equals(readFileSync(join(FIXTURE, f)))).toBe(true);
    // The signed manifest stays beside the model, so its files can be checked again later.
    const modelDir = join(receiver, 'models', String(imported.model.id));
    expect(readdirSync(modelDir).sort()).toEqual(['README.md', 'hf', 'manifest.json', 'manifest.sig']);
    expect(listModels(receiverDb).map((m) => m.name)).toContain('clinical-bert');
    expect((await verifyBundle(goodBundle, receiver)).trusted).toBe(true);
    expect(readdirSync(join(receiver, 'models')).filter((n) => n.startsWith('.'))).toEqual([]);
    // Same name again: refused before anything is written.
    await expect(importBundle(goodBundle, receiver, receiverDb)).rejects.toThrow(/already exists.*--name/);
    const second = await importBundle(goodBundle, receiver, receiverDb, { name: 'clinical-bert-2' });
    expect(second.model.id).not.toBe(imported.model.id);
  });
  it('clears temp folders that a killed import left behind', async () => {
    const stale = join(receiver, 'models', '.incoming-999999999-dead');
    mkdirSync(stale, { recursive: true });
    writeFileSync(join(stale, 'partial.bin'), 'x');
    await importBundle(goodBundle, receiver, receiverDb, { name: 'after-crash' });
    expect(existsSync(stale)).toBe(false);
  });

});

describe('hostile and damaged bundles', () => {
  /** Writes `bytes` as a bundle, checks verify and import refuse it with `reason`, and that the receiver's tree is untouched. */
  async function expectRefused(bytes: Buffer, reason: RegExp, limits = DEFAULT_ZIP_LIMITS): Promise<void> {
    const file = join(root, `hostile-${Math.random().toString(36).slice(2)}.dsbundle`);
    writeFileSync(file, bytes);
    trustKey(receiver, senderKey.fingerprint);
    const result = await verifyBundle(file, receiver, limits);
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(reason);
    const before = tree(receiver);
    const models = listModels(receiverDb).length;
    await expect(importBundle(file, receiver, receiverDb, { name: 'hostile', limits })).rejects.toThrow(reason);
    expect(tree(receiver)).toEqual(before);
    expect(listModels(receiverDb)).toHaveLength(models);
    for (const escaped of ['evil.txt', '../evil.txt']) expect(existsSync(join(root, escaped))).toBe(false);
  }
  const card = { name: 'README.md', data: '# card\n' };
  const files = (): RawEntry[] => [...hfEntries, card];

  it.each([
    ['../evil.txt', /"\.\." segment/],
    ['hf/../../evil.txt', /"\.\." segment/],
    ['/evil.txt', /absolute path/],
    ['C:\\evil.txt', /backslash|drive letter/],
    ['C:evil.txt', /drive letter/],
    ['hf\\..\\evil.txt', /backslash/],
  ])('refuses the zip-slip name %j', async (name, reason) => {
    await expectRefused(signedZip(senderKey, { files: [...files(), { name, data: 'owned' }] }), reason);
  });

  it('refuses a symlink entry', async () => {
    await expectRefused(signedZip(senderKey, { files: [...files(), { name: 'hf/link', data: '/etc/passwd', mode: 0o120777 }] }), /symbolic link/);
  });

  it('refuses duplicate entry names, exact or differing only in case', async () => {
    const dup = buildZip([...files(), { name: 'README.md', data: 'second' }]);
    await expectRefused(dup, /two entries named/);
    await expectRefused(signedZip(senderKey, { files: [...files(), { name: 'hf/Config.json', data: '{}' }] }), /two entries named/);
  });

  it('refuses an entry holding more data than its header declares', async () => {
    const big = Buffer.alloc(64 * 1024, 7);
    const bytes = signedZip(senderKey, {
      files: [...files(), { name: 'hf/extra.bin', data: big, deflate: true, declaredSize: 100 }],
      edit: (m) => {
        m.files.find((f) => f.path === 'hf/extra.bin')!.size = 100;
      },
    });
    await expectRefused(bytes, /more data than its zip header declares/);
  });

  it('refuses a decompression bomb while streaming (ratio), and by the total cap', async () => {
    const zeros = Buffer.alloc(20 * 1024 * 1024);
    const bomb = signedZip(senderKey, { files: [...files(), { name: 'hf/weights.bin', data: zeros, deflate: true }] });
    expect(bomb.length).toBeLessThan(1024 * 1024); // 20 MiB of content in well under 1 MiB
    await expectRefused(bomb, /expands more than 200:1/);
    await expectRefused(bomb, /at most 1048576 bytes are accepted|more than 1048576 bytes/, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 1024 * 1024, maxRatio: 1e9 });
  });

  it('refuses a file the manifest does not list, and a listed file the archive lacks', async () => {
    await expectRefused(signedZip(senderKey, { files: files(), extra: [{ name: 'hf/payload.py', data: 'import os' }] }), /does not list.*added after signing/);
    await expectRefused(signedZip(senderKey, { files: files(), omit: ['hf/vocab.txt'] }), /missing hf\/vocab\.txt/);
  });

  it('refuses an unsigned bundle and a manifest changed after signing', async () => {
    await expectRefused(signedZip(senderKey, { files: files(), unsigned: true }), /unsigned/);
    await expectRefused(
      signedZip(senderKey, { files: files(), tamperAfterSigning: true, edit: (m) => void (m.model.name = 'innocent') }),
      /signature does not match the manifest/,
    );
  });

  it('refuses a validly signed manifest over a modified file, removing what it had extracted', async () => {
    const tampered = files().map((f) => (f.name === 'README.md' ? f : { ...f }));
    const bytes = signedZip(senderKey, { files: tampered, edit: (m) => void (m.files.find((f) => f.path === 'README.md')!.sha256 = 'a'.repeat(64)) });
    await expectRefused(bytes, /README\.md was modified after signing/);
    expect(readdirSync(join(receiver, 'models')).filter((n) => n.startsWith('.incoming'))).toEqual([]);
  });

  it('refuses a truncated bundle, and a file that is not a zip', async () => {
    const good = readFileSync(goodBundle);
    await expectRefused(good.subarray(0, Math.floor(good.length * 0.6)), /truncated or is not a zip/);
    await expectRefused(Buffer.from('PK\u0003\u0004 not really'), /truncated or is not a zip/);
  });

  it('imports a validly signed bundle with an odd model name under a clean name', async () => {
    const file = join(root, 'odd-name.dsbundle');
    writeFileSync(file, signedZip(senderKey, { files: files(), edit: (m) => void (m.model.name = '../../etc/<passwd>') }));
    const imported = await importBundle(file, receiver, receiverDb);
    expect(imported.model.name).toBe('etc-passwd-');
    expect(imported.model.path.startsWith(join(receiver, 'models'))).toBe(true);
  });

  it('refuses a bundle signed by an unknown key unless trusted, even when intact', async () => {
    const stranger = loadOrCreateSigningKey(mkdtempSync(join(root, 'stranger-')));
    const file = join(root, 'stranger.dsbundle');
    writeFileSync(file, signedZip(stranger, { files: files() }));
    expect(await verifyBundle(file, receiver)).toMatchObject({ ok: true, trusted: false, signer_fingerprint: stranger.fingerprint });
    const before = tree(receiver);
    await expect(importBundle(file, receiver, receiverDb, { name: 'stranger' })).rejects.toThrow(/does not trust/);
    expect(tree(receiver)).toEqual(before);
  });

  it('checks bytes, not headers: same-size content swapped under the original signed manifest is caught by the hash', async () => {
    // Same size, different content, manifest signed over the original: only the hash can tell.
    const swapped = files().map((f) => (f.name === 'hf/vocab.txt' ? { ...f, data: Buffer.from(String(f.data).toUpperCase()) } : f));
    const manifestOver = files();
    const bytes = signedZip(senderKey, { files: manifestOver });
    // Rebuild the archive with the swapped data but the original signed manifest and signature.
    const { default: yauzl } = await import('yauzl');
    const meta: RawEntry[] = [];
    await new Promise<void>((resolve, reject) => {
      yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
        if (err) return reject(err);
        zip.on('entry', (entry: { fileName: string }) => {
          zip.openReadStream(entry as never, (e, stream) => {
            if (e) return reject(e);
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('end', () => {
              if (entry.fileName.startsWith('manifest')) meta.push({ name: entry.fileName, data: Buffer.concat(chunks) });
              zip.readEntry();
            });
          });
        });
        zip.on('end', () => resolve());
        zip.readEntry();
      });
    });
    await expectRefused(buildZip([...swapped, ...meta]), /hf\/vocab\.txt was modified after signing/);
  });
});
