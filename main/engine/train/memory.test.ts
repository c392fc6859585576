// Deterministic disposal on a real (tiny) model: over 100 training steps — full fine-tuning with gradient
// accumulation and clipping, and LoRA with a frozen base — the tensor count and tensor bytes stay flat.
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import type * as TF from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { loadHfWeights } from '../hf/weights';
import { createLoraAdapter } from '../lora/adapter';
import { loss } from '../models/forward';
import { readModelConfig } from '../models/registry';
import type { ModelInputs, Params } from '../models/types';
import { AdamW } from './optimizer';
import { toTensors, toVariables } from './params';
import { Rng } from './rng';
import { lrAt } from './schedule';
import { Trainer } from './step';

const FOLDER = resolve(__dirname, '../../../test/fixtures/hf-reference/bert');

let tf: typeof TF;
beforeAll(async () => {
  ({ tf } = await initBackend('wasm'));
});

async function setup(): Promise<{ lossFn: (p: Params) => TF.Scalar; base: Awaited<ReturnType<typeof loadHfWeights>>; scalingHolder: { scaling?: number } }> {
  const ref = JSON.parse(readFileSync(join(FOLDER, 'reference.json'), 'utf8')) as { input_ids: number[][]; attention_mask: number[][]; token_type_ids: number[][]; labels: number[][] };
  const { arch, config } = await readModelConfig(FOLDER);
  const inputs: ModelInputs = { input_ids: ref.input_ids, attention_mask: ref.attention_mask, token_type_ids: ref.token_type_ids };
  const scalingHolder: { scaling?: number } = {};
  const lossFn = (p: Params): TF.Scalar => loss(arch, p, config, inputs, ref.labels, scalingHolder.scaling === undefined ? {} : { loraScaling: scalingHolder.scaling });
  return { lossFn, base: await loadHfWeights(FOLDER), scalingHolder };
}

async function stepsKeepMemoryFlat(trainer: Trainer, lossFn: (p: Params) => TF.Scalar, microBatches: number): Promise<{ first: number; last: number }> {
  const schedule = { peakLr: 1e-3, warmupSteps: 10, totalSteps: 101, decay: 'cosine' as const, minLrRatio: 0.1 };
  const fns = new Array<(p: Params) => TF.Scalar>(microBatches).fill(lossFn);
  const first = await trainer.step(fns, lrAt(0, schedule)); // the optimizer allocates its moments here
  const before = tf.memory();
  let last = first;
  for (let step = 1; step <= 100; step++) last = await trainer.step(fns, lrAt(step, schedule));
  const after = tf.memory();
  expect(after.numTensors).toBe(before.numTensors);
  expect(after.numBytes).toBe(before.numBytes);
  return { first: first.loss, last: last.loss };
}

describe('tensor count over 100 training steps (bert fixture, wasm)', () => {
  test('full fine-tuning with accumulation and clipping', async () => {
    const { lossFn, base } = await setup();
    const trainable = toVariables(base);
    const optimizer = new AdamW(trainable);
    const trainer = new Trainer({ trainable, optimizer, clipNorm: 1 });
    const { first, last } = await stepsKeepMemoryFlat(trainer, lossFn, 2);
    expect(last).toBeLessThan(first);
    optimizer.dispose();
    tf.dispose([...trainable.values()]);
  });

  test('LoRA with a frozen base', async () => {
    const { lossFn, base, scalingHolder } = await setup();
    const adapter = createLoraAdapter('bert', base, { r: 4, alpha: 8, dropout: 0, targetModules: ['query', 'key', 'value', 'dense'], modulesToSave: [], useRslora: false }, new Rng(1));
    scalingHolder.scaling = adapter.scaling;
    const trainable = toVariables(adapter.tensors);
    const frozen = toTensors(base);
    const optimizer = new AdamW(trainable);
    const trainer = new Trainer({ trainable, frozen, optimizer, clipNorm: 1 });
    const { first, last } = await stepsKeepMemoryFlat(trainer, lossFn, 1);
    expect(last).toBeLessThan(first);
    optimizer.dispose();
    tf.dispose([...trainable.values(), ...frozen.values()]);
  });
});
