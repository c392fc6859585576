// The advisor's figures: the memory estimate against the peak that tf.profile measures for real training
// steps, the advice when a plan does not fit, and a calibration that leaves the model untouched.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type * as TF from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { saveHfFolder } from '../hf/save';
import { architectureFor } from '../models/registry';
import { calibrate, estimateTrainingMemory, memoryAdvice } from './advisor';
import { causalLabels, maskForMlm } from './collate';
import { AdamW } from './optimizer';
import type { HostTensor } from './params';
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

/** A randomly initialised model folder: the fixture's config with other sizes. */
async function randomModel(fixture: string, sizes: Record<string, unknown>): Promise<string> {
  const raw = { ...JSON.parse(readFileSync(join(FIXTURES, fixture, 'config.json'), 'utf8')), ...sizes };
  const arch = architectureFor(raw.model_type);
  const rng = new Rng(11);
  const tensors = new Map<string, HostTensor>();
  for (const w of arch.expectedWeights(arch.parseConfig(raw))) {
    if (w.tied_to !== undefined) continue;
    const data = new Float32Array(w.shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = rng.normal(0, 0.02);
    tensors.set(w.name, { shape: w.shape, data });
  }
  const dir = mkdtempSync(join(tmpdir(), 'advisor-test-'));
  temps.push(dir);
  await saveHfFolder(join(dir, 'model'), { config: raw, tensors });
  return join(dir, 'model');
}

describe('estimateTrainingMemory', () => {
  const cases = [
    { fixture: 'bert', sizes: { hidden_size: 96, intermediate_size: 384, num_attention_heads: 4, num_hidden_layers: 3 }, batch: 4, seqLen: 48, method: 'full' as const },
    { fixture: 'llama', sizes: { hidden_size: 64, intermediate_size: 160, num_attention_heads: 8, num_key_value_heads: 2, num_hidden_layers: 2 }, batch: 6, seqLen: 40, method: 'lora' as const },
  ];
  for (const c of cases) {
    test(`${c.fixture} (${c.method}): within -30%/+10% of the measured peak of a training step`, async () => {
      const session = await openSession({ folder: await randomModel(c.fixture, c.sizes), method: c.method, rng: new Rng(1) });
      const rng = new Rng(2);
      const ids = Array.from({ length: c.batch }, () => Array.from({ length: c.seqLen }, () => 5 + rng.int(session.config.vocab_size - 5)));
      const mask = ids.map((row) => row.map(() => 1));
      const causal = session.head === 'causal-lm';
      const batch = causal ? causalLabels({ input_ids: ids, attention_mask: mask }) : maskForMlm({ input_ids: ids, attention_mask: mask }, { maskId: 4, vocabSize: session.config.vocab_size, probability: 0.15, specialIds: new Set([0, 1, 2, 3]) }, rng);
      const optimizer = new AdamW(session.trainable);
      const trainer = new Trainer({ trainable: session.trainable, frozen: session.frozen, optimizer });
      const lossFn = session.lossFor(batch);
      await trainer.step(lossFn, 1e-4); // the optimizer state now exists, as during training
      const before = tf.memory().numBytes;
      const measured = await calibrate(trainer, lossFn, c.batch * c.seqLen, 1);
      const estimate = estimateTrainingMemory({
        config: session.config,
        totalParams: session.parameterCount.total + (c.method === 'lora' ? session.parameterCount.trainable : 0),
        trainableParams: session.parameterCount.trainable,
        batch: c.batch,
        seqLen: c.seqLen,
        accumulation: 1,
        predictedShare: causal ? 1 : 0.15,
        loraTargetsPerLayer: session.adapter === null ? 0 : session.adapter.targets.length / session.config.num_hidden_layers,
      });
      // What exists before the step: weights and optimizer state — the estimate's own figures for them.
      expect(before).toBeGreaterThanOrEqual(estimate.weights + estimate.optimizer - 1024);
      const ratio = measured.peakBytes / estimate.total;
      expect(ratio).toBeGreaterThan(0.7);
      expect(ratio).toBeLessThan(1.1);
      expect(measured.tokensPerSecond).toBeGreaterThan(0);
      optimizer.dispose();
      session.dispose();
    });
  }
});

describe('memoryAdvice', () => {
  const estimate = { weights: 4e9, gradients: 4e9, optimizer: 8e9, activations: 2e9, total: 18e9 };
  test('says nothing when the plan fits', () => {
    expect(memoryAdvice(estimate, 24e9, { method: 'full', batch: 16, seqLen: 512 })).toBeNull();
  });
  test('names the figures and suggests LoRA first for full training, then batch and sequence length', () => {
    const advice = memoryAdvice(estimate, 16e9, { method: 'full', batch: 16, seqLen: 512 })!;
    expect(advice).toMatch(/needs about 16\.8 GiB .* but 14\.9 GiB is free/);
    expect(advice).toMatch(/Try train with LoRA.*smaller batch \(8\).*shorter sequence length \(256\)/);
    const lora = memoryAdvice({ ...estimate, gradients: 1e7, optimizer: 2e7, total: 6.03e9 }, 4e9, { method: 'lora', batch: 1, seqLen: 64 })!;
    expect(lora).toMatch(/smaller base model/);
    expect(lora).not.toMatch(/LoRA/);
  });
});

describe('calibrate', () => {
  test('measures speed without changing the weights or the optimizer state', async () => {
    const session = await openSession({ folder: join(FIXTURES, 'bert'), method: 'full', rng: new Rng(1) });
    const ref = JSON.parse(readFileSync(join(FIXTURES, 'bert', 'reference.json'), 'utf8'));
    const optimizer = new AdamW(session.trainable);
    const trainer = new Trainer({ trainable: session.trainable, optimizer });
    const lossFn = session.lossFor({ input_ids: ref.input_ids, attention_mask: ref.attention_mask, token_type_ids: ref.token_type_ids, labels: ref.labels });
    await trainer.step(lossFn, 1e-3);
    const weights = Array.from(session.trainable.get('bert.embeddings.word_embeddings.weight')!.dataSync());
    const state = await optimizer.exportState();
    const result = await calibrate(trainer, lossFn, 24, 2);
    expect(result.msPerStep).toBeGreaterThan(0);
    expect(result.tokensPerSecond).toBeCloseTo((24 * 1000) / result.msPerStep, 6);
    expect(Array.from(session.trainable.get('bert.embeddings.word_embeddings.weight')!.dataSync())).toEqual(weights);
    expect((await optimizer.exportState()).params.get('bert.embeddings.word_embeddings.weight')!.expAvg).toEqual(state.params.get('bert.embeddings.word_embeddings.weight')!.expAvg);
    expect(optimizer.stepOf('bert.embeddings.word_embeddings.weight')).toBe(1);
    optimizer.dispose();
    session.dispose();
  });
});
