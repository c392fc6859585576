// Export and share: time to export the bert fixture (and a 128 MB float32 model folder) to a Hugging Face
// folder and to a signed .dsbundle (each read back and verified, as the export job does), then the time a
// colleague's `bundle verify` and `bundle import` take. Wall clock, in a temporary workspace.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSafetensors, type TensorToWrite } from '../main/engine/checkpoint/safetensors';
import { importBundle } from '../main/export/bundle/import';
import { verifyBundle } from '../main/export/bundle/verify';
import { runExport } from '../main/export/run-export';
import { openWorkspaceDb, type WritableDb } from '../main/store/db';
import { insertModel } from '../main/store/queries/models';

const FIXTURE = join(import.meta.dirname, '../test/fixtures/hf-reference/bert');
const HF_FILES = ['config.json', 'model.safetensors', 'vocab.txt', 'tokenizer_config.json', 'special_tokens_map.json'];

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await run();
  return [value, (performance.now() - started) / 1000];
}

/** A folder with the fixture's config and tokenizer and `mb` MB of float32 weights. */
async function largeModel(dir: string, mb: number): Promise<void> {
  mkdirSync(dir);
  for (const f of HF_FILES.filter((f) => f !== 'model.safetensors')) copyFileSync(join(FIXTURE, f), join(dir, f));
  const tensors = new Map<string, TensorToWrite>();
  const count = Math.round((mb * 1e6) / (4 * 1024 * 1024));
  for (let i = 0; i < count; i++) {
    const data = new Float32Array(1024 * 1024); // [1024, 1024]
    for (let k = 0; k < data.length; k++) data[k] = Math.sin(i * 31 + k) * 0.02;
    tensors.set(`bert.encoder.layer.${i}.intermediate.dense.weight`, { shape: [1024, 1024], data });
  }
  await writeSafetensors(join(dir, 'model.safetensors'), tensors);
}

export async function run(): Promise<Record<string, number | string>> {
  const root = mkdtempSync(join(tmpdir(), 'bench-export-'));
  let sender: WritableDb | null = null;
  let colleague: WritableDb | null = null;
  try {
    const ws = join(root, 'ws');
    const other = join(root, 'colleague');
    mkdirSync(ws);
    mkdirSync(other);
    sender = openWorkspaceDb(join(ws, 'studio.db')) as WritableDb;
    colleague = openWorkspaceDb(join(other, 'studio.db')) as WritableDb;
    const small = join(root, 'bert');
    mkdirSync(small);
    for (const f of HF_FILES) copyFileSync(join(FIXTURE, f), join(small, f));
    insertModel(sender, { name: 'fixture', model_type: 'bert', source: 'imported', path: small });
    const big = join(root, 'big');
    await largeModel(big, 128);
    insertModel(sender, { name: 'big', model_type: 'bert', source: 'imported', path: big });

    const ctx = { workspace: ws, db: sender };
    const [, fixtureHf] = await timed(() => runExport({ model: 'fixture', formats: ['hf'], out: join(root, 'out-fixture-hf') }, ctx));
    const [fixtureBundle, fixtureBundleS] = await timed(() => runExport({ model: 'fixture', formats: ['bundle'], out: join(root, 'out-fixture-bundle') }, ctx));
    const fixtureFile = fixtureBundle.exports[0]!.path;
    const [, fixtureVerify] = await timed(() => verifyBundle(fixtureFile, other));
    const [, fixtureImport] = await timed(() => importBundle(fixtureFile, other, colleague!, { trust: true }));

    const [bigHf, bigHfS] = await timed(() => runExport({ model: 'big', formats: ['hf'], out: join(root, 'out-big-hf') }, ctx));
    const mb = bigHf.exports[0]!.bytes / 1e6;
    const [bigBundle, bigBundleS] = await timed(() => runExport({ model: 'big', formats: ['bundle'], out: join(root, 'out-big-bundle') }, ctx));
    const [check, bigVerifyS] = await timed(() => verifyBundle(bigBundle.exports[0]!.path, other));
    if (!check.ok) throw new Error(`bench bundle does not verify: ${check.reason}`);

    return {
      fixture_export_hf_ms: fixtureHf * 1000,
      fixture_export_bundle_ms: fixtureBundleS * 1000,
      fixture_verify_ms: fixtureVerify * 1000,
      fixture_import_ms: fixtureImport * 1000,
      large_model_mb: Number(mb.toFixed(1)),
      large_export_hf_s: bigHfS,
      large_export_hf_mb_s: mb / bigHfS,
      large_export_bundle_s: bigBundleS,
      large_export_bundle_mb_s: mb / bigBundleS,
      large_verify_s: bigVerifyS,
      large_verify_mb_s: mb / bigVerifyS,
    };
  } finally {
    sender?.close();
    colleague?.close();
    rmSync(root, { recursive: true, force: true });
  }
}
