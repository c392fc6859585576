// Training sessions over the fixture models: full training saves a loadable Hugging Face folder; LoRA
// trains only the adapter and saves a PEFT folder and a merged model that computes what the adapter did;
// a new classification head is initialised, trained with the adapter, and saved with it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type * as TF from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { readSafetensors } from '../checkpoint/safetensors';
import { loadHfWeights } from '../hf/weights';
import { loadLoraAdapter } from '../lora/adapter';
import { forward } from '../models/forward';
import { readModelConfig } from '../models/registry';
import { paramsFromCheckpoint } from '../models/weights';
import { AdamW } from './optimizer';
import { Rng } from './rng';
import { openSession } from './session';
import { Trainer } from './step';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/hf-reference');
let tf: typeof TF;
const temps: string[] = [];
beforeAll(async () => {
  ({ tf } = await initBackend('wasm'));
});
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'session-test-'));
  temps.push(d);
  return d;
}

interface Ref {
  input_ids: number[][];
  attention_mask: number[][];
  token_type_ids?: number[][];
  labels: number[][];
  train_step: { loss_before_step: number };
}
const refOf = (model: string): Ref => JSON.parse(readFileSync(join(FIXTURES, model, 'reference.json'), 'utf8')) as Ref;
const batchOf = (ref: Ref) => ({ input_ids: ref.input_ids, attention_mask: ref.attention_mask, ...(ref.token_type_ids ? { token_type_ids: ref.token_type_ids } : {}), labels: ref.labels });

async function logitsOfFolder(folder: string, ref: Ref): Promise<Float32Array> {
  const { arch, config } = await readModelConfig(folder);
  const { params } = paramsFromCheckpoint(arch, config, await loadHfWeights(folder));
  const out = forward(arch, params, config, batchOf(ref));
  const data = Float32Array.from(out.logits.dataSync());
  tf.dispose([out.logits, ...out.hiddenStates, ...Object.values(params)]);
  return data;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('training sessions', () => {
  test('full: the loss is the reference loss, and the trained model saves as a Hugging Face folder', async () => {
    const ref = refOf('gpt2');
    const session = await openSession({ folder: join(FIXTURES, 'gpt2'), method: 'full', rng: new Rng(1) });
    expect(session.adapter).toBeNull();
    expect(session.frozen.size).toBe(0);
    expect(session.parameterCount.trainable).toBe(session.parameterCount.total);
    const optimizer = new AdamW(session.trainable);
    const trainer = new Trainer({ trainable: session.trainable, optimizer });
    const first = await trainer.step(session.lossFor(batchOf(ref)), 1e-3);
    expect(Math.abs(first.loss - ref.train_step.loss_before_step) / ref.train_step.loss_before_step).toBeLessThan(1e-5);
    const out = join(tempDir(), 'trained');
    await session.saveModel(out);
    const saved = await readSafetensors(join(out, 'model.safetensors'));
    const original = await readSafetensors(join(FIXTURES, 'gpt2', 'model.safetensors'));
    expect([...saved.keys()].sort()).toEqual([...original.keys()].sort());
    expect(saved.get('transformer.wte.weight')!.data).toEqual(session.trainable.get('transformer.wte.weight')!.dataSync());
    expect(saved.get('transformer.wte.weight')!.data).not.toEqual(original.get('transformer.wte.weight')!.data);
    expect((await readModelConfig(out)).config.head).toBe('causal-lm');
    optimizer.dispose();
    session.dispose();
  });

  test('LoRA: only the adapter trains; the PEFT folder reloads and the merged model computes what the adapter did', async () => {
    const ref = refOf('llama');
    const session = await openSession({ folder: join(FIXTURES, 'llama'), method: 'lora', lora: { r: 4, alpha: 8 }, rng: new Rng(2) });
    expect(session.adapter!.targets.length).toBe(2 * 7); // q, k, v, o, gate, up, down in each of 2 layers
    expect([...session.trainable.keys()].every((k) => k.includes('.lora_'))).toBe(true);
    expect(session.parameterCount.trainable).toBeLessThan(session.parameterCount.total / 5);
    const optimizer = new AdamW(session.trainable);
    const trainer = new Trainer({ trainable: session.trainable, frozen: session.frozen, optimizer });
    const lossFn = session.lossFor(batchOf(ref));
    const first = await trainer.step(lossFn, 1e-2);
    expect(Math.abs(first.loss - ref.train_step.loss_before_step) / ref.train_step.loss_before_step).toBeLessThan(1e-5); // B = 0: the base model
    for (let i = 0; i < 5; i++) await trainer.step(lossFn, 1e-2);
    expect(await trainer.evaluate(lossFn)).toBeLessThan(first.loss - 0.01);

    const dir = tempDir();
    await session.saveAdapter(join(dir, 'adapter'));
    const cfg = JSON.parse(readFileSync(join(dir, 'adapter', 'adapter_config.json'), 'utf8'));
    expect(cfg).toMatchObject({ peft_type: 'LORA', r: 4, lora_alpha: 8, task_type: 'CAUSAL_LM' });
    const header = await readSafetensors(join(dir, 'adapter', 'adapter_model.safetensors'));
    expect([...header.keys()].every((k) => k.startsWith('base_model.model.model.layers.'))).toBe(true);
    const base = await loadHfWeights(join(FIXTURES, 'llama'));
    const reloaded = await loadLoraAdapter(join(dir, 'adapter'), 'llama', base);
    expect(reloaded.targets.length).toBe(14);

    const withAdapter = forward(session.arch, { ...Object.fromEntries(session.frozen), ...Object.fromEntries(session.trainable) }, session.config, batchOf(ref), session.forwardOptions);
    const adapterLogits = Float32Array.from(withAdapter.logits.dataSync());
    tf.dispose([withAdapter.logits, ...withAdapter.hiddenStates]);
    await session.saveModel(join(dir, 'merged'));
    const merged = await logitsOfFolder(join(dir, 'merged'), ref);
    expect(maxAbsDiff(merged, adapterLogits)).toBeLessThanOrEqual(1e-4);
    expect(maxAbsDiff(merged, await logitsOfFolder(join(FIXTURES, 'llama'), ref))).toBeGreaterThan(1e-3);
    optimizer.dispose();
    session.dispose();
  });

  test('LoRA task: a new classification head is initialised, trained with the adapter and saved with it', async () => {
    const ref = refOf('bert');
    const session = await openSession({ folder: join(FIXTURES, 'bert'), method: 'lora', head: 'sequence-classification', labels: ['contract', 'ruling', 'note'], lora: { r: 2, alpha: 4, targetModules: ['query', 'value'] }, rng: new Rng(3) });
    expect(session.initialised).toEqual(expect.arrayContaining(['classifier.weight', 'classifier.bias', 'bert.pooler.dense.weight']));
    expect(session.trainable.get('classifier.weight')!.shape).toEqual([3, 32]);
    const optimizer = new AdamW(session.trainable);
    const trainer = new Trainer({ trainable: session.trainable, frozen: session.frozen, optimizer });
    const lossFn = session.lossFor({ input_ids: ref.input_ids, attention_mask: ref.attention_mask, token_type_ids: ref.token_type_ids!, labels: [2, 0] });
    const first = await trainer.step(lossFn, 2e-2);
    expect(first.withoutGrad).toEqual([]);
    for (let i = 0; i < 10; i++) await trainer.step(lossFn, 2e-2);
    expect(await trainer.evaluate(lossFn)).toBeLessThan(first.loss / 2);

    const dir = tempDir();
    await session.saveAdapter(join(dir, 'adapter'));
    const cfg = JSON.parse(readFileSync(join(dir, 'adapter', 'adapter_config.json'), 'utf8'));
    expect(cfg.task_type).toBe('SEQ_CLS');
    expect(cfg.modules_to_save).toEqual(expect.arrayContaining(['classifier', 'bert.pooler.dense']));
    const keys = [...(await readSafetensors(join(dir, 'adapter', 'adapter_model.safetensors'))).keys()];
    expect(keys).toContain('base_model.model.classifier.weight');
    await session.saveModel(join(dir, 'model'));
    const saved = await readModelConfig(join(dir, 'model'));
    expect(saved.config.head).toBe('sequence-classification');
    expect(saved.config.num_labels).toBe(3);
    expect(saved.config.raw.id2label).toEqual({ 0: 'contract', 1: 'ruling', 2: 'note' });
    optimizer.dispose();
    session.dispose();
  });

  test('refuses a head the architecture lacks and an adapter without LoRA', async () => {
    await expect(openSession({ folder: join(FIXTURES, 'llama'), method: 'full', head: 'token-classification', rng: new Rng(0) })).rejects.toThrow(/no token-classification head/);
    await expect(openSession({ folder: join(FIXTURES, 'bert'), method: 'full', adapterFrom: join(FIXTURES, 'bert', 'lora'), rng: new Rng(0) })).rejects.toThrow(/LoRA method/);
    await expect(openSession({ folder: join(FIXTURES, 'bert'), method: 'lora', head: 'sequence-classification', labels: ['only'], rng: new Rng(0) })).rejects.toThrow(/two labels/);
  });
});
