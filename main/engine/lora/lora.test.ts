// LoRA against PEFT 0.5: the fixtures' adapters (bert, llama) give PEFT's logits with the adapter and after
// merge_and_unload; load → save keeps every key, shape and value; fresh adapters start as a no-op, train
// only their own weights, and merge in GPT-2's transposed Conv1D layout; bad adapters are refused.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type * as TF from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import type { BackendName } from '../../common/dto';
import { readSafetensors } from '../checkpoint/safetensors';
import { loadHfWeights } from '../hf/weights';
import { forward, loss } from '../models/forward';
import { readModelConfig } from '../models/registry';
import type { ModelInputs, Params } from '../models/types';
import { AdamW } from '../train/optimizer';
import { type HostTensor, toTensors, toVariables } from '../train/params';
import { Rng } from '../train/rng';
import { Trainer } from '../train/step';
import { createLoraAdapter, findLoraTargets, loadLoraAdapter, loraAKey, loraBKey, loraParameterCount, saveLoraAdapter, type LoraAdapter } from './adapter';
import { defaultTargetModules, parseAdapterConfig, type LoraConfig } from './config';
import { mergeLora } from './merge';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/hf-reference');
const BACKENDS: BackendName[] = ['cpu', 'wasm'];

interface Reference {
  input_ids: number[][];
  attention_mask: number[][];
  token_type_ids?: number[][];
  labels: number[][];
  lora?: { loss_with_adapter: number; adapter_keys: string[] };
}

function readRef(model: string): Reference {
  return JSON.parse(readFileSync(join(FIXTURES, model, 'reference.json'), 'utf8')) as Reference;
}

function readBin(model: string, file: string): Float32Array {
  const buf = readFileSync(join(FIXTURES, model, file));
  return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
}

function inputsOf(ref: Reference): ModelInputs {
  return { input_ids: ref.input_ids, attention_mask: ref.attention_mask, ...(ref.token_type_ids ? { token_type_ids: ref.token_type_ids } : {}) };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

async function loadBase(model: string): Promise<{ spec: Awaited<ReturnType<typeof readModelConfig>>; base: Map<string, HostTensor> }> {
  const folder = join(FIXTURES, model);
  return { spec: await readModelConfig(folder), base: await loadHfWeights(folder) };
}

let tf: typeof TF;

/** Logits of the model over host weights (+ adapter tensors), as a flat array. */
function logitsOf(model: string, spec: Awaited<ReturnType<typeof readModelConfig>>, weights: ReadonlyMap<string, HostTensor>, loraScaling?: number): Float32Array {
  const tensors = toTensors(weights);
  try {
    const params: Params = Object.fromEntries(tensors);
    const out = forward(spec.arch, params, spec.config, inputsOf(readRef(model)), loraScaling === undefined ? {} : { loraScaling });
    const data = Float32Array.from(out.logits.dataSync());
    tf.dispose([out.logits, ...out.hiddenStates]);
    return data;
  } finally {
    tf.dispose([...tensors.values()]);
  }
}

function withAdapter(base: ReadonlyMap<string, HostTensor>, adapter: LoraAdapter): Map<string, HostTensor> {
  return new Map([...base, ...adapter.tensors]);
}

for (const backend of BACKENDS) {
  describe(`PEFT adapters from the fixtures (${backend})`, () => {
    beforeAll(async () => {
      ({ tf } = await initBackend(backend));
    });

    for (const model of ['bert', 'llama']) {
      test(`${model}: logits with the adapter and after merging match PEFT`, async () => {
        const { spec, base } = await loadBase(model);
        const adapter = await loadLoraAdapter(join(FIXTURES, model, 'lora'), spec.config.model_type, base);
        expect(adapter.scaling).toBe(2);
        const ref = readRef(model);
        expect(adapter.targets.length).toBe((ref.lora?.adapter_keys.length ?? 0) / 2);

        const withLora = logitsOf(model, spec, withAdapter(base, adapter), adapter.scaling);
        expect(maxAbsDiff(withLora, readBin(model, 'lora_logits_with_adapter.bin'))).toBeLessThanOrEqual(1e-4);
        // The adapter matters: the base logits are far from these.
        expect(maxAbsDiff(readBin(model, 'logits.bin'), readBin(model, 'lora_logits_with_adapter.bin'))).toBeGreaterThan(0.1);

        const merged = mergeLora(base, adapter);
        expect([...merged.keys()].some((k) => k.includes('lora_'))).toBe(false);
        const mergedLogits = logitsOf(model, spec, merged);
        expect(maxAbsDiff(mergedLogits, readBin(model, 'lora_logits_merged.bin'))).toBeLessThanOrEqual(1e-4);
        // mergeLora leaves the base weights untouched.
        expect(maxAbsDiff(logitsOf(model, spec, base), readBin(model, 'logits.bin'))).toBeLessThanOrEqual(1e-4);

        const lossValue = tf.tidy(() => {
          const tensors = toTensors(withAdapter(base, adapter));
          const l = loss(spec.arch, Object.fromEntries(tensors), spec.config, inputsOf(ref), ref.labels, { loraScaling: adapter.scaling });
          return l;
        });
        expect(Math.abs(lossValue.dataSync()[0]! - ref.lora!.loss_with_adapter) / ref.lora!.loss_with_adapter).toBeLessThanOrEqual(1e-5);
        lossValue.dispose();
      });
    }
  });
}

describe('adapter files', () => {
  beforeAll(async () => {
    ({ tf } = await initBackend('cpu'));
  });
  const temps: string[] = [];
  const tempDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'lora-test-'));
    temps.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of temps) rmSync(d, { recursive: true, force: true });
  });

  for (const model of ['bert', 'llama']) {
    test(`${model}: load → save keeps the keys, shapes, values and config`, async () => {
      const { spec, base } = await loadBase(model);
      const source = join(FIXTURES, model, 'lora');
      const adapter = await loadLoraAdapter(source, spec.config.model_type, base);
      const out = tempDir();
      await saveLoraAdapter(out, adapter);
      const before = await readSafetensors(join(source, 'adapter_model.safetensors'));
      const after = await readSafetensors(join(out, 'adapter_model.safetensors'));
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      expect([...after.keys()].sort()).toEqual([...readRef(model).lora!.adapter_keys].sort());
      for (const [key, t] of before) {
        expect(after.get(key)!.shape, key).toEqual(t.shape);
        expect(Buffer.from(after.get(key)!.data.buffer).equals(Buffer.from(t.data.buffer)), key).toBe(true);
      }
      const cfgBefore = JSON.parse(readFileSync(join(source, 'adapter_config.json'), 'utf8'));
      const cfgAfter = JSON.parse(readFileSync(join(out, 'adapter_config.json'), 'utf8'));
      expect(cfgAfter).toEqual(cfgBefore);
      // And it loads back the same.
      const again = await loadLoraAdapter(out, spec.config.model_type, base);
      expect(again.targets).toEqual(adapter.targets);
    });
  }

  test('bad adapters are refused with a message naming the problem', async () => {
    const { spec, base } = await loadBase('bert');
    const good = join(FIXTURES, 'bert', 'lora');
    const copy = (): string => {
      const d = tempDir();
      cpSync(good, d, { recursive: true });
      return d;
    };
    await expect(loadLoraAdapter(tempDir(), 'bert', base)).rejects.toThrow(/not a PEFT adapter folder/);

    const pickle = tempDir();
    cpSync(join(good, 'adapter_config.json'), join(pickle, 'adapter_config.json'));
    writeFileSync(join(pickle, 'adapter_model.bin'), 'not loaded');
    await expect(loadLoraAdapter(pickle, 'bert', base)).rejects.toThrow(/pickle/);

    const badJson = copy();
    writeFileSync(join(badJson, 'adapter_config.json'), '{ r: 4');
    await expect(loadLoraAdapter(badJson, 'bert', base)).rejects.toThrow(/not valid JSON/);

    const wrongRank = copy();
    const cfg = JSON.parse(readFileSync(join(good, 'adapter_config.json'), 'utf8'));
    writeFileSync(join(wrongRank, 'adapter_config.json'), JSON.stringify({ ...cfg, r: 8 }));
    await expect(loadLoraAdapter(wrongRank, 'bert', base)).rejects.toThrow(/lora_A \[4,32\].*r = 8/);

    const dora = copy();
    writeFileSync(join(dora, 'adapter_config.json'), JSON.stringify({ ...cfg, use_dora: true }));
    await expect(loadLoraAdapter(dora, 'bert', base)).rejects.toThrow(/DoRA/);

    const otherModel = await loadBase('llama');
    await expect(loadLoraAdapter(good, 'llama', otherModel.base)).rejects.toThrow(/not a linear layer|does not have/);
    expect(spec.config.model_type).toBe('bert');
  });

  test('config parsing refuses what changes the math and reads PEFT fields', () => {
    const base = { r: 8, lora_alpha: 16, target_modules: ['q_proj'], peft_type: 'LORA' };
    const cfg = parseAdapterConfig(base, 'x.json');
    expect(cfg).toMatchObject({ r: 8, alpha: 16, dropout: 0, modulesToSave: [], useRslora: false });
    expect(() => parseAdapterConfig({ ...base, peft_type: 'IA3' }, 'x.json')).toThrow(/IA3/);
    expect(() => parseAdapterConfig({ ...base, bias: 'all' }, 'x.json')).toThrow(/bias/);
    expect(() => parseAdapterConfig({ ...base, r: 0 }, 'x.json')).toThrow(/rank/);
    expect(() => parseAdapterConfig({ ...base, rank_pattern: { q_proj: 4 } }, 'x.json')).toThrow(/rank_pattern/);
    expect(() => parseAdapterConfig({ ...base, target_modules: 3 }, 'x.json')).toThrow(/target_modules/);
    expect(() => parseAdapterConfig([], 'x.json')).toThrow(/JSON object/);
  });
});

describe('fresh adapters', () => {
  beforeAll(async () => {
    ({ tf } = await initBackend('cpu'));
  });

  const config = (targets: readonly string[] | string, extra: Partial<LoraConfig> = {}): LoraConfig => ({ r: 4, alpha: 8, dropout: 0, targetModules: targets, modulesToSave: [], useRslora: false, ...extra });

  test('default targets exist in every architecture; PEFT suffix and regex matching', async () => {
    for (const model of ['bert', 'roberta', 'distilbert', 'gpt2', 'llama']) {
      const { spec, base } = await loadBase(model);
      const all = findLoraTargets(spec.config.model_type, base, defaultTargetModules(spec.config.model_type, 'all'));
      const attention = findLoraTargets(spec.config.model_type, base, defaultTargetModules(spec.config.model_type, 'attention'));
      expect(attention.length, model).toBeGreaterThanOrEqual(2); // one or two per layer, two layers
      expect(all.length, model).toBeGreaterThan(attention.length);
      if (model === 'gpt2') expect(all.every((t) => t.layout === 'conv1d')).toBe(true);
    }
    const { base } = await loadBase('llama');
    const v = findLoraTargets('llama', base, ['v_proj']);
    expect(v.map((t) => t.module)).toEqual(['model.layers.0.self_attn.v_proj', 'model.layers.1.self_attn.v_proj']);
    expect(v[0]).toMatchObject({ inFeatures: 32, outFeatures: 16, layout: 'linear' }); // 2 kv heads × 8
    expect(findLoraTargets('llama', base, 'model\\.layers\\.1\\.self_attn\\.(q|v)_proj').length).toBe(2);
    expect(() => findLoraTargets('llama', base, ['query'])).toThrow(/match no linear layer.*q_proj/);
    expect(() => findLoraTargets('llama', base, ['embed_tokens'])).toThrow(/embedding/);
    expect(() => defaultTargetModules('t5')).toThrow(/t5/);
  });

  test('a new adapter is PEFT-initialised, deterministic per seed, and leaves the logits unchanged', async () => {
    const { spec, base } = await loadBase('llama');
    const a1 = createLoraAdapter('llama', base, config(['q_proj', 'v_proj']), new Rng(1));
    const a2 = createLoraAdapter('llama', base, config(['q_proj', 'v_proj']), new Rng(1));
    const a3 = createLoraAdapter('llama', base, config(['q_proj', 'v_proj']), new Rng(2));
    // Same shapes and count as PEFT's adapter for the same config: 2 layers × (q: 4·32 + 32·4, v: 4·32 + 16·4).
    const peft = await loadLoraAdapter(join(FIXTURES, 'llama', 'lora'), 'llama', base);
    expect(loraParameterCount(a1)).toBe(loraParameterCount(peft));
    expect(loraParameterCount(a1)).toBe(2 * (4 * 32 + 32 * 4 + 4 * 32 + 16 * 4));
    for (const [k, t] of peft.tensors) expect(a1.tensors.get(k)?.shape, k).toEqual(t.shape);
    const aKey = loraAKey('model.layers.0.self_attn.q_proj');
    expect(a1.tensors.get(aKey)!.data).toEqual(a2.tensors.get(aKey)!.data);
    expect(a1.tensors.get(aKey)!.data).not.toEqual(a3.tensors.get(aKey)!.data);
    const bound = 1 / Math.sqrt(32);
    const aData = a1.tensors.get(aKey)!.data;
    expect(Math.max(...aData.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...aData.map(Math.abs))).toBeGreaterThan(bound * 0.8);
    expect(a1.tensors.get(loraBKey('model.layers.0.self_attn.q_proj'))!.data.every((x) => x === 0)).toBe(true);
    expect(maxAbsDiff(logitsOf('llama', spec, withAdapter(base, a1), a1.scaling), readBin('llama', 'logits.bin'))).toBeLessThanOrEqual(1e-4);
  });

  test('GPT-2 Conv1D: adapter forward and merged forward agree (transposed merge)', async () => {
    const { spec, base } = await loadBase('gpt2');
    const adapter = createLoraAdapter('gpt2', base, config(['c_attn', 'c_proj', 'c_fc']), new Rng(3));
    const rng = new Rng(4);
    for (const t of adapter.targets) {
      const b = adapter.tensors.get(loraBKey(t.module))!;
      for (let i = 0; i < b.data.length; i++) b.data[i] = rng.normal(0, 0.1);
    }
    const withLora = logitsOf('gpt2', spec, withAdapter(base, adapter), adapter.scaling);
    expect(maxAbsDiff(withLora, readBin('gpt2', 'logits.bin'))).toBeGreaterThan(0.05);
    const merged = mergeLora(base, adapter);
    expect(merged.get('transformer.h.0.attn.c_attn.weight')!.shape).toEqual(base.get('transformer.h.0.attn.c_attn.weight')!.shape);
    expect(maxAbsDiff(logitsOf('gpt2', spec, merged), withLora)).toBeLessThanOrEqual(1e-4);
  });

  test('training an adapter changes only the adapter and lowers the loss', async () => {
    const { spec, base } = await loadBase('bert');
    const adapter = createLoraAdapter('bert', base, config(['query', 'value']), new Rng(5));
    const trainable = toVariables(adapter.tensors);
    const frozen = toTensors(base);
    const optimizer = new AdamW(trainable);
    const trainer = new Trainer({ trainable, frozen, optimizer, clipNorm: 1 });
    const ref = readRef('bert');
    const lossFn = (p: Params): TF.Scalar => loss(spec.arch, p, spec.config, inputsOf(ref), ref.labels, { loraScaling: adapter.scaling });
    const first = await trainer.step(lossFn, 1e-2);
    expect(first.withoutGrad).toEqual([]);
    let last = first;
    for (let i = 0; i < 15; i++) last = await trainer.step(lossFn, 1e-2);
    expect(last.loss).toBeLessThan(first.loss - 0.05);
    for (const [k, t] of frozen) expect(t.dataSync()).toEqual(base.get(k)!.data);
    optimizer.dispose();
    tf.dispose([...trainable.values(), ...frozen.values()]);
  });
});
