// LoRA with modules trained in full (PEFT modules_to_save), as cpt-lora trains a masked-LM encoder by default:
// the MLM head's transform and output bias train beside the adapter while the output projection stays tied
// to the word embeddings; the adapter folder has PEFT's keys and config; it loads back, merges into a model
// that computes what the adapter does, and refuses targets that PEFT could not load.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type * as TF from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { readSafetensors, writeSafetensors } from '../checkpoint/safetensors';
import { loadHfWeights } from '../hf/weights';
import { forward } from '../models/forward';
import { readModelConfig } from '../models/registry';
import { cptLoraModulesToSave } from '../train/defaults';
import { AdamW } from '../train/optimizer';
import { type HostTensor, toHost, toTensors } from '../train/params';
import { Rng } from '../train/rng';
import { openSession } from '../train/session';
import { Trainer } from '../train/step';
import { createLoraAdapter, loadLoraAdapter, loraAKey, loraBKey, saveLoraAdapter, type LoraAdapter } from './adapter';
import { defaultTargetModules, type LoraConfig } from './config';
import { mergeLora } from './merge';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/hf-reference');
const BERT = join(FIXTURES, 'bert');
const HEAD_KEYS = ['cls.predictions.bias', 'cls.predictions.transform.dense.weight', 'cls.predictions.transform.dense.bias', 'cls.predictions.transform.LayerNorm.weight', 'cls.predictions.transform.LayerNorm.bias'];

interface Ref {
  input_ids: number[][];
  attention_mask: number[][];
  token_type_ids?: number[][];
  labels: number[][];
}
const ref = JSON.parse(readFileSync(join(BERT, 'reference.json'), 'utf8')) as Ref;
const inputs = { input_ids: ref.input_ids, attention_mask: ref.attention_mask, token_type_ids: ref.token_type_ids! };

let tf: typeof TF;
const temps: string[] = [];
beforeAll(async () => {
  ({ tf } = await initBackend('cpu'));
});
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'lora-save-test-'));
  temps.push(d);
  return d;
};

/** BERT fixture logits over host weights (+ LoRA scaling when the map holds LoRA pairs). */
async function logits(weights: ReadonlyMap<string, HostTensor>, loraScaling?: number): Promise<Float32Array> {
  const spec = await readModelConfig(BERT);
  const tensors = toTensors(weights);
  try {
    const out = forward(spec.arch, Object.fromEntries(tensors), spec.config, inputs, loraScaling === undefined ? {} : { loraScaling });
    const data = Float32Array.from(out.logits.dataSync());
    tf.dispose([out.logits, ...out.hiddenStates]);
    return data;
  } finally {
    tf.dispose([...tensors.values()]);
  }
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

/** A cpt-lora session on the BERT fixture (defaults: LoRA on the projections + the MLM head saved), trained a few steps. */
async function trainedSession() {
  const session = await openSession({ folder: BERT, method: 'lora', lora: { r: 4, alpha: 8 }, rng: new Rng(5) });
  const optimizer = new AdamW(session.trainable);
  const trainer = new Trainer({ trainable: session.trainable, frozen: session.frozen, optimizer });
  const lossFn = session.lossFor({ ...inputs, labels: ref.labels });
  const first = await trainer.step(lossFn, 2e-2);
  for (let i = 0; i < 8; i++) await trainer.step(lossFn, 2e-2);
  optimizer.dispose();
  return { session, firstLoss: first.loss, lastLoss: await trainer.evaluate(lossFn) };
}

describe('cpt-lora with the LM head in modules_to_save (fixtures)', () => {
  test('the default trains LoRA on the layers, the head transform and bias in full, and keeps the decoder tied', async () => {
    expect(cptLoraModulesToSave('bert')).toEqual(['cls.predictions']);
    const { session, firstLoss, lastLoss } = await trainedSession();
    try {
      expect(session.adapter!.config.modulesToSave).toEqual(['cls.predictions']);
      // q, k, v, attention output, intermediate, output in each of 2 layers; nothing inside the head.
      expect(session.adapter!.targets.map((t) => t.module).filter((m) => m.startsWith('cls.'))).toEqual([]);
      expect(session.adapter!.targets.length).toBe(12);
      for (const key of HEAD_KEYS) expect(session.trainable.has(key), key).toBe(true);
      expect([...session.trainable.keys()].some((k) => k.includes('decoder'))).toBe(false);
      expect(session.frozen.has('bert.embeddings.word_embeddings.weight')).toBe(true);
      expect(lastLoss).toBeLessThan(firstLoss - 0.05);

      // PEFT's layout: modules_to_save tensors under their base key (no ".modules_to_save.default"), config lists them.
      const dir = tempDir();
      await session.saveAdapter(join(dir, 'adapter'));
      const saved = await readSafetensors(join(dir, 'adapter', 'adapter_model.safetensors'));
      for (const key of HEAD_KEYS) expect(saved.has(`base_model.model.${key}`), key).toBe(true);
      expect([...saved.keys()].filter((k) => /modules_to_save|\.default\.|decoder/.test(k))).toEqual([]);
      const config = JSON.parse(readFileSync(join(dir, 'adapter', 'adapter_config.json'), 'utf8')) as Record<string, unknown>;
      expect(config.modules_to_save).toEqual(['cls.predictions']);
      expect(config.target_modules).toEqual(defaultTargetModules('bert', 'all'));
      expect(config.target_modules).not.toContain('dense');

      // Reloaded, the adapter computes what the session does; merged, the plain model does too (saved modules replace the base's).
      const base = await loadHfWeights(BERT);
      const reloaded = await loadLoraAdapter(join(dir, 'adapter'), 'bert', base);
      expect(reloaded.config.modulesToSave).toEqual(['cls.predictions']);
      const trained = await toHost(session.trainable);
      for (const key of HEAD_KEYS) expect(reloaded.tensors.get(key)!.data, key).toEqual(trained.get(key)!.data);
      const adapterLogits = await logits(new Map([...base, ...reloaded.tensors]), reloaded.scaling);
      const sessionLogits = await logits(new Map([...(await toHost(session.frozen)), ...trained]), reloaded.scaling);
      expect(maxAbsDiff(adapterLogits, sessionLogits)).toBeLessThanOrEqual(1e-5);
      const merged = mergeLora(base, reloaded);
      expect(merged.get('cls.predictions.bias')!.data).toEqual(trained.get('cls.predictions.bias')!.data);
      expect(maxAbsDiff(await logits(merged), adapterLogits)).toBeLessThanOrEqual(1e-4);
      // A checkpoint that stores the tied decoder bias too gets the trained bias there as well (no stale copy).
      const withAlias = new Map(base).set('cls.predictions.decoder.bias', base.get('cls.predictions.bias')!);
      expect(mergeLora(withAlias, reloaded).get('cls.predictions.decoder.bias')!.data).toEqual(trained.get('cls.predictions.bias')!.data);
      // The head matters: without its trained tensors the logits are another model's.
      const loraOnly = new Map([...base, ...[...reloaded.tensors].filter(([k]) => k.includes('.lora_'))]);
      expect(maxAbsDiff(await logits(loraOnly, reloaded.scaling), adapterLogits)).toBeGreaterThan(1e-3);

      // Evaluation and continued training open the run as base + adapter (openSession adapterFrom): the head comes from the adapter.
      const reopened = await openSession({ folder: BERT, method: 'lora', adapterFrom: join(dir, 'adapter'), rng: new Rng(1) });
      try {
        for (const key of HEAD_KEYS) expect(reopened.trainable.has(key) && !reopened.frozen.has(key), key).toBe(true);
        const host = new Map([...(await toHost(reopened.frozen)), ...(await toHost(reopened.trainable))]);
        expect(maxAbsDiff(await logits(host, reopened.adapter!.scaling), adapterLogits)).toBeLessThanOrEqual(1e-5);
      } finally {
        reopened.dispose();
      }

      // The session's own merged Hugging Face folder computes the same.
      await session.saveModel(join(dir, 'merged'));
      expect(maxAbsDiff(await logits(await loadHfWeights(join(dir, 'merged'))), adapterLogits)).toBeLessThanOrEqual(1e-4);
    } finally {
      session.dispose();
    }
  });

  for (const [model, saved] of [
    ['roberta', ['lm_head.bias', 'lm_head.dense.weight', 'lm_head.layer_norm.weight']],
    ['distilbert', ['vocab_projector.bias', 'vocab_transform.weight', 'vocab_layer_norm.weight']],
    ['gpt2', []],
  ] as const) {
    test(`${model}: the default head in modules_to_save trains, saves, reloads and merges to the adapter's logits`, async () => {
      const folder = join(FIXTURES, model);
      const r = JSON.parse(readFileSync(join(folder, 'reference.json'), 'utf8')) as Ref;
      const batch = { input_ids: r.input_ids, attention_mask: r.attention_mask, ...(r.token_type_ids ? { token_type_ids: r.token_type_ids } : {}) };
      const session = await openSession({ folder, method: 'lora', lora: { r: 4, alpha: 8 }, rng: new Rng(5) });
      try {
        expect(session.adapter!.config.modulesToSave).toEqual(cptLoraModulesToSave(model));
        const full = [...session.trainable.keys()].filter((k) => !k.includes('.lora_'));
        expect(full).toEqual(expect.arrayContaining([...saved]));
        expect(full.length === 0).toBe(saved.length === 0);
        const optimizer = new AdamW(session.trainable);
        const trainer = new Trainer({ trainable: session.trainable, frozen: session.frozen, optimizer });
        for (let i = 0; i < 3; i++) await trainer.step(session.lossFor({ ...batch, labels: r.labels }), 2e-2);
        optimizer.dispose();
        const dir = join(tempDir(), 'adapter');
        await session.saveAdapter(dir);
        const base = await loadHfWeights(folder);
        const adapter = await loadLoraAdapter(dir, model, base);
        const spec = await readModelConfig(folder);
        const run = (weights: ReadonlyMap<string, HostTensor>, scaling?: number): Float32Array => {
          const tensors = toTensors(weights);
          const out = forward(spec.arch, Object.fromEntries(tensors), spec.config, batch, scaling === undefined ? {} : { loraScaling: scaling });
          const data = Float32Array.from(out.logits.dataSync());
          tf.dispose([out.logits, ...out.hiddenStates, ...tensors.values()]);
          return data;
        };
        const adapted = run(new Map([...base, ...adapter.tensors]), adapter.scaling);
        expect(maxAbsDiff(run(mergeLora(base, adapter)), adapted)).toBeLessThanOrEqual(1e-4);
        expect(maxAbsDiff(run(base), adapted)).toBeGreaterThan(1e-4);
      } finally {
        session.dispose();
      }
    });
  }

  test('modules_to_save [] trains LoRA alone; a target inside a saved module is refused, a saved module itself gets no LoRA pair', async () => {
    const alone = await openSession({ folder: BERT, method: 'lora', lora: { r: 4, alpha: 8, modulesToSave: [] }, rng: new Rng(5) });
    expect([...alone.trainable.keys()].every((k) => k.includes('.lora_'))).toBe(true);
    alone.dispose();

    const base = await loadHfWeights(BERT);
    const config = (extra: Partial<LoraConfig>): LoraConfig => ({ r: 2, alpha: 4, dropout: 0, targetModules: ['query', 'value'], modulesToSave: [], useRslora: false, ...extra });
    expect(() => createLoraAdapter('bert', base, config({ targetModules: ['query', 'dense'], modulesToSave: ['cls.predictions'] }), new Rng(1))).toThrow(
      /"cls\.predictions\.transform\.dense" lies inside "cls\.predictions".*output\.dense/,
    );
    const own = createLoraAdapter('bert', base, config({ targetModules: ['value', 'transform.dense'], modulesToSave: ['transform.dense'] }), new Rng(1));
    expect(own.targets.map((t) => t.module)).toEqual(['bert.encoder.layer.0.attention.self.value', 'bert.encoder.layer.1.attention.self.value']);
    expect([...own.tensors.keys()].filter((k) => !k.includes('.lora_')).sort()).toEqual(['cls.predictions.transform.dense.bias', 'cls.predictions.transform.dense.weight']);
    expect(() => createLoraAdapter('bert', base, config({ targetModules: ['transform.dense'], modulesToSave: ['transform.dense'] }), new Rng(1))).toThrow(/nothing left for LoRA/);
  });

  test('an adapter with a LoRA pair on a saved module (PEFT 0.5 made both) merges to what its forward computes', async () => {
    const base = await loadHfWeights(BERT);
    const module = 'bert.encoder.layer.0.attention.self.query';
    const rng = new Rng(9);
    const a = createLoraAdapter('bert', base, { r: 2, alpha: 4, dropout: 0, targetModules: ['query'], modulesToSave: [], useRslora: false }, rng);
    const tensors = new Map(a.tensors);
    const bump = (t: HostTensor): HostTensor => ({ shape: [...t.shape], data: t.data.map(() => rng.normal(0, 0.2)) });
    for (const m of a.targets.map((t) => t.module)) tensors.set(loraBKey(m), bump(tensors.get(loraBKey(m))!));
    const w = base.get(`${module}.weight`)!;
    tensors.set(`${module}.weight`, { shape: [...w.shape], data: w.data.map((x) => x + rng.normal(0, 0.05)) });
    const both: LoraAdapter = { ...a, config: { ...a.config, modulesToSave: ['query'] }, tensors };
    expect(tensors.has(loraAKey(module)) && tensors.has(`${module}.weight`)).toBe(true);
    const adapterLogits = await logits(new Map([...base, ...tensors]), both.scaling);
    expect(maxAbsDiff(await logits(mergeLora(base, both)), adapterLogits)).toBeLessThanOrEqual(1e-4);
  });

  test("PEFT's copies of the tied decoder are accepted while they equal their source, refused once trained", async () => {
    const base = await loadHfWeights(BERT);
    const { session } = await trainedSession();
    try {
      const dir = join(tempDir(), 'adapter');
      await session.saveAdapter(dir);
      const file = join(dir, 'adapter_model.safetensors');
      const saved = await readSafetensors(file);
      // As PEFT writes modules_to_save ["cls.predictions"]: the whole module, its decoder (weight = embeddings, bias = the head's bias) too.
      const peft = new Map<string, HostTensor>([...saved].map(([k, t]) => [k, { shape: t.shape, data: t.data }]));
      const embeddings = base.get('bert.embeddings.word_embeddings.weight')!;
      peft.set('base_model.model.cls.predictions.decoder.weight', { shape: [...embeddings.shape], data: Float32Array.from(embeddings.data) });
      peft.set('base_model.model.cls.predictions.decoder.bias', peft.get('base_model.model.cls.predictions.bias')!);
      await writeSafetensors(file, peft);
      const reloaded = await loadLoraAdapter(dir, 'bert', base);
      expect([...reloaded.tensors.keys()].some((k) => k.includes('decoder'))).toBe(false);
      expect(reloaded.tensors.get('cls.predictions.bias')!.data).toEqual(saved.get('base_model.model.cls.predictions.bias')!.data);

      const drifted = Float32Array.from(embeddings.data);
      drifted[7] = (drifted[7] as number) + 0.5;
      peft.set('base_model.model.cls.predictions.decoder.weight', { shape: [...embeddings.shape], data: drifted });
      await writeSafetensors(file, peft);
      await expect(loadLoraAdapter(dir, 'bert', base)).rejects.toThrow(/ties to "bert\.embeddings\.word_embeddings\.weight"/);
      // Re-saving what was loaded writes PEFT's layout again, without the aliases.
      await saveLoraAdapter(join(dir, '..', 'again'), reloaded);
      expect([...(await readSafetensors(join(dir, '..', 'again', 'adapter_model.safetensors'))).keys()].some((k) => k.includes('decoder'))).toBe(false);
    } finally {
      session.dispose();
    }
  });
});
