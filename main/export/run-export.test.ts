// Exports as a user gets them: a registered model to hf and bundle, a LoRA run to peft (same keys,
// shapes and values as the PEFT fixture), merged (logits equal PEFT's merge_and_unload within 1e-4), onnx
// (onnxruntime parity) and a bundle of all of them; every export read back and recorded; unavailable formats refused up front
// with what is missing; nothing overwritten.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../native/tfjs-backend';
import { readSafetensors } from '../engine/checkpoint/safetensors';
import { loadHfWeights } from '../engine/hf/weights';
import { forward } from '../engine/models/forward';
import { readModelConfig } from '../engine/models/registry';
import { toTensors } from '../engine/train/params';
import { openWorkspaceDb, type WritableDb } from '../store/db';
import { listExports } from '../store/queries/exports';
import { insertModel } from '../store/queries/models';
import { insertRun, mergeRunMetrics, setRunStatus } from '../store/queries/runs';
import { verifyBundle } from './bundle/verify';
import { runExport } from './run-export';
import { planExport } from './source';
import { readZipEntry } from './bundle/test-support/read-entry';

const FIXTURE = join(import.meta.dirname, '../../test/fixtures/hf-reference/bert');
const HF_FILES = ['config.json', 'model.safetensors', 'vocab.txt', 'tokenizer_config.json', 'special_tokens_map.json'];

let root: string;
let workspace: string;
let db: WritableDb;
let runId: number;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'studio-export-'));
  workspace = join(root, 'ws');
  mkdirSync(workspace);
  db = openWorkspaceDb(join(workspace, 'studio.db')) as WritableDb;
  const base = join(root, 'bert');
  mkdirSync(base);
  for (const f of HF_FILES) copyFileSync(join(FIXTURE, f), join(base, f));
  const model = insertModel(db, { name: 'tiny-bert', model_type: 'bert', source: 'imported', path: base, parameters: 69884 });
  const run = insertRun(db, { corpus_id: null, base_model_id: model.id, method: 'cpt-lora', config: { lora: { r: 4, alpha: 8 }, learning_rate: 0.001, corpus_path: '/secret/notes' } });
  setRunStatus(db, run.id, 'succeeded');
  runId = run.id;
  cpSync(join(FIXTURE, 'lora'), join(workspace, 'runs', String(run.id), 'adapter'), { recursive: true });
});

afterAll(() => {
  db.close();
  rmSync(root, { recursive: true, force: true });
});

const ctx = () => ({ workspace, db });

describe('export of a registered model', () => {
  it('writes hf and a bundle, each verified and recorded', async () => {
    const out = join(root, 'out-model');
    const result = await runExport({ model: 'tiny-bert', formats: ['hf', 'bundle'], out }, ctx());
    expect(result.exports.map((e) => [e.format, e.verified])).toEqual([['hf', true], ['bundle', true]]);
    const hf = await loadHfWeights(join(out, 'hf'));
    const original = await loadHfWeights(FIXTURE);
    for (const [name, t] of original) expect(hf.get(name)?.data).toEqual(t.data);
    const bundle = result.exports[1]!;
    expect(bundle.path).toBe(join(out, 'tiny-bert.dsbundle'));
    expect(await verifyBundle(bundle.path, workspace)).toMatchObject({ ok: true, trusted: true });
    expect(listExports(db).slice(0, 2).map((e) => e.format)).toEqual(['bundle', 'hf']);
  });

  it('refuses formats a model cannot give, naming what is missing, before writing anything', async () => {
    const out = join(root, 'out-refused');
    await expect(runExport({ model: 'tiny-bert', formats: ['hf', 'peft'], out }, ctx())).rejects.toThrow(/peft: model "tiny-bert" has no LoRA adapter/);
    await expect(runExport({ model: 'tiny-bert', formats: ['merged'], out }, ctx())).rejects.toThrow(/merged: model "tiny-bert" has no LoRA adapter to merge/);
    expect(existsSync(out)).toBe(false);
  });

  it('never writes over an earlier export', async () => {
    const out = join(root, 'out-model');
    await expect(runExport({ model: 'tiny-bert', formats: ['hf'], out }, ctx())).rejects.toThrow(/already exists and is not empty/);
    await expect(runExport({ model: 'tiny-bert', formats: ['bundle'], out }, ctx())).rejects.toThrow(/already exists/);
  });
});

describe('export of a LoRA run', () => {
  const out = () => join(root, 'out-run');
  let result: Awaited<ReturnType<typeof runExport>>;
  beforeAll(async () => {
    result = await runExport({ run: runId, formats: ['peft', 'merged', 'onnx', 'bundle'], out: out() }, ctx());
  });

  it('peft: the same keys, shapes and values as the PEFT adapter it came from, and its config fields', async () => {
    const exported = await readSafetensors(join(out(), 'peft', 'adapter_model.safetensors'));
    const original = await readSafetensors(join(FIXTURE, 'lora', 'adapter_model.safetensors'));
    expect([...exported.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [key, t] of original) {
      expect(exported.get(key)!.shape).toEqual(t.shape);
      expect(exported.get(key)!.data).toEqual(t.data);
    }
    const config = JSON.parse(readFileSync(join(out(), 'peft', 'adapter_config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ peft_type: 'LORA', r: 4, lora_alpha: 8, target_modules: ['query', 'value'] });
  });

  it('merged: logits equal PEFT merge_and_unload within 1e-4', async () => {
    const { tf } = await initBackend('cpu');
    const folder = join(out(), 'merged');
    const spec = await readModelConfig(folder);
    const weights = await loadHfWeights(folder);
    expect([...weights.keys()].some((k) => k.includes('lora_'))).toBe(false);
    const ref = JSON.parse(readFileSync(join(FIXTURE, 'reference.json'), 'utf8')) as { input_ids: number[][]; attention_mask: number[][]; token_type_ids: number[][] };
    const tensors = toTensors(weights);
    const logits = forward(spec.arch, Object.fromEntries(tensors), spec.config, { input_ids: ref.input_ids, attention_mask: ref.attention_mask, token_type_ids: ref.token_type_ids });
    const got = Float32Array.from(logits.logits.dataSync());
    tf.dispose([logits.logits, ...logits.hiddenStates, ...tensors.values()]);
    const buf = readFileSync(join(FIXTURE, 'lora_logits_merged.bin'));
    const expected = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    expect(got.length).toBe(expected.length);
    let max = 0;
    for (let i = 0; i < got.length; i++) max = Math.max(max, Math.abs(got[i]! - expected[i]!));
    expect(max).toBeLessThanOrEqual(1e-4);
  });

  it('onnx: the adapter merged, checked with onnxruntime against the engine within 1e-4', () => {
    const onnx = result.exports.find((e) => e.format === 'onnx')!;
    expect(onnx.verified).toBe(true);
    expect(onnx.verification).toMatchObject({ checked: 'onnxruntime-parity', config: { opset: 17 } });
    expect((onnx.verification.config as { max_abs_error: number }).max_abs_error).toBeLessThanOrEqual(1e-4);
    expect(existsSync(join(out(), 'onnx', 'model.onnx'))).toBe(true);
  });

  it('bundle: carries peft, merged and onnx, a model card with the run settings and no paths, and verifies', async () => {
    const bundle = result.exports.find((e) => e.format === 'bundle')!;
    expect(bundle.verification).toMatchObject({ contents: ['peft', 'merged', 'onnx'] });
    const check = await verifyBundle(bundle.path, workspace);
    expect(check.ok).toBe(true);
    expect(check.files.map((f) => f.path)).toEqual(expect.arrayContaining(['peft/adapter_config.json', 'merged/model.safetensors', 'onnx/model.onnx', 'README.md']));
    const card = await readZipEntry(bundle.path, 'README.md');
    expect(card).toMatch(/\| Base model \| tiny-bert \|/);
    expect(card).toMatch(/LoRA adapter/);
    expect(card).toMatch(/\| learning_rate \| 0\.001 \|/);
    expect(card).toMatch(/\| lora\.r \| 4 \|/);
    expect(card).not.toMatch(/secret/);
    expect(card).toMatch(/Not evaluated/);
    expect(card).toMatch(/Not audited/);
  });

  it('records every export of the run, and leaves no staging folders', () => {
    expect(listExports(db, { run_id: runId }).map((e) => e.format).sort()).toEqual(['bundle', 'merged', 'onnx', 'peft']);
    expect(readdirSync(out()).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('bundle alone: stages a model folder and removes it afterwards', async () => {
    const only = join(root, 'out-bundle-only');
    const r = await runExport({ run: runId, formats: ['bundle'], out: only }, ctx());
    expect(readdirSync(only)).toEqual([`tiny-bert-run-${runId}.dsbundle`]);
    expect(r.exports[0]!.verification).toMatchObject({ contents: ['hf'] });
  });

  it('refuses a run that has not finished', async () => {
    const running = insertRun(db, { corpus_id: null, base_model_id: 1, method: 'cpt-lora' });
    await expect(runExport({ run: running.id, formats: ['hf'], out: join(root, 'x') }, ctx())).rejects.toThrow(/only a finished \(succeeded\) run/);
  });
});

describe('before writing: the plan and the audit gate', () => {
  it('lists each format as available or not (with why) and its estimated size', async () => {
    const model = await planExport({ model: 'tiny-bert' }, db, workspace);
    const byFormat = Object.fromEntries(model.formats.map((f) => [f.format, f]));
    expect(byFormat.hf).toMatchObject({ available: true, reason: null });
    expect(byFormat.hf!.estimated_bytes).toBeGreaterThan(280_000);
    expect(byFormat.peft).toMatchObject({ available: false, estimated_bytes: 0, reason: expect.stringMatching(/no LoRA adapter/) });
    const run = await planExport({ run: runId }, db, workspace);
    const onnxEstimate = run.formats.find((f) => f.format === 'onnx')!.estimated_bytes;
    const onnxWritten = listExports(db, { run_id: runId }).find((e) => e.format === 'onnx')!.bytes;
    expect(Math.abs(onnxEstimate - onnxWritten) / onnxWritten).toBeLessThan(0.05);
    expect(run.formats.filter((f) => f.available).map((f) => f.format)).toEqual(['hf', 'peft', 'merged', 'onnx', 'bundle']);
    expect(run.formats.find((f) => f.format === 'peft')!.estimated_bytes).toBeGreaterThan(0);
    expect(run.audit).toEqual({ verdict: null, override: null, blocks_export: false });
  });

  it('refuses to export a run whose privacy audit failed, until an override is recorded; the card says so', async () => {
    const run = insertRun(db, { corpus_id: null, base_model_id: 1, method: 'cpt-lora' });
    setRunStatus(db, run.id, 'succeeded');
    cpSync(join(FIXTURE, 'lora'), join(workspace, 'runs', String(run.id), 'adapter'), { recursive: true });
    mergeRunMetrics(db, run.id, { audit: { verdict: 'fail', summary: '3 of 200 canaries reproduced' } });
    expect((await planExport({ run: run.id }, db, workspace)).audit).toMatchObject({ verdict: 'fail', blocks_export: true });
    const out = join(root, 'out-audit');
    await expect(runExport({ run: run.id, formats: ['peft'], out }, ctx())).rejects.toThrow(/privacy audit of run \d+ failed.*override/);
    expect(existsSync(out)).toBe(false);

    mergeRunMetrics(db, run.id, { audit: { override: 'Dr Smith: canaries were synthetic test strings' } });
    const result = await runExport({ run: run.id, formats: ['peft', 'bundle'], out }, ctx());
    expect(result.exports.map((e) => e.format)).toEqual(['peft', 'bundle']);
    const card = await readZipEntry(result.exports[1]!.path, 'README.md');
    expect(card).toMatch(/Verdict: \*\*fail\*\*/);
    expect(card).toMatch(/3 of 200 canaries reproduced/);
    expect(card).toMatch(/overridden by the user: Dr Smith: canaries were synthetic test strings/);
  });
});
