// The thread count of a training run: the automatic choice by step size (tiny steps stay on one thread,
// steps of tiny-bert's default shape get two), the user's count always winning, the fallback to one
// thread when a second copy of the model would not fit, and the memory estimate counting each copy.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimateTrainingMemory } from '../../engine/train/advisor';
import { parseModelConfig } from '../../engine/models/registry';
import { approximateParameters, autoWorkers, PARALLEL_MIN_WORK } from '../../engine/train/parallel/auto';
import { MODEL_SIZE_PRESETS } from '../../engine/models/init';
import { chooseWorkers, recordedWorkers, scratchParameters } from './train-workers';

const TINY_BERT = 0.97e6;

describe('automatic training threads', () => {
  it('splits tiny-bert steps of the default shape (8 × 128) but not small ones (2 × 32)', () => {
    expect(autoWorkers({ parameters: TINY_BERT, batch: 8, seqLen: 128 }, 2).workers).toBe(2);
    const small = autoWorkers({ parameters: TINY_BERT, batch: 2, seqLen: 32 }, 2);
    expect(small.workers).toBe(1);
    expect(small.reason).toMatch(/cost more than it saves/);
    expect(TINY_BERT * 4 * 64).toBeLessThan(PARALLEL_MIN_WORK); // 4 × 64 stays on one thread
  });

  it('keeps one thread on a one-core machine or for a batch of one, and never more than two by default', () => {
    expect(autoWorkers({ parameters: 1e8, batch: 16, seqLen: 512 }, 1)).toMatchObject({ workers: 1, reason: expect.stringMatching(/one core/) });
    expect(autoWorkers({ parameters: 1e8, batch: 1, seqLen: 512 }, 8)).toMatchObject({ workers: 1, reason: expect.stringMatching(/batch of one/) });
    expect(autoWorkers({ parameters: 1e8, batch: 16, seqLen: 512 }, 16).workers).toBe(2);
  });

  it('takes the user’s count as given, and falls back to one thread when two copies would not fit', async () => {
    expect((await chooseWorkers({ workers: 3, batch: 2, seq_len: 32 }, TINY_BERT, () => false)).workers).toBe(3);
    expect((await chooseWorkers({ workers: 1, batch: 64, seq_len: 512 }, 1e8)).workers).toBe(1);
    const big = { batch: 16, seq_len: 512 };
    const expected = autoWorkers({ parameters: 1e8, batch: 16, seqLen: 512 }).workers;
    expect((await chooseWorkers(big, 1e8)).workers).toBe(expected);
    const tight = await chooseWorkers(big, 1e8, (n) => n === 1);
    expect(tight.workers).toBe(1);
    if (expected > 1) expect(tight.reason).toMatch(/would not fit/);
    expect((await chooseWorkers(big, null)).workers).toBe(1); // unknown size: one thread
  });

  it('says that LoRA dropout on several threads is reproducible but not bit-equal to one thread', async () => {
    const request = { workers: 2, batch: 8, seq_len: 128, lora: { dropout: 0.1 } };
    expect((await chooseWorkers({ ...request, method: 'cpt-lora' }, TINY_BERT)).reason).toMatch(/own dropout masks/);
    expect((await chooseWorkers({ ...request, method: 'cpt-full' }, TINY_BERT)).reason).not.toMatch(/dropout/); // full training has no adapter
    expect((await chooseWorkers({ ...request, method: 'cpt-lora', workers: 1 }, TINY_BERT)).reason).not.toMatch(/dropout/);
  });

  it('a run recorded before the option existed resumes on one thread', () => {
    expect(recordedWorkers({})).toBe(1);
    expect(recordedWorkers({ workers: 2 })).toBe(2);
  });

  it('estimates a scratch model’s parameters from its size preset', async () => {
    // tiny-bert is the tiny preset with a 4096-word vocabulary: 0.97 M parameters.
    expect(approximateParameters(MODEL_SIZE_PRESETS.tiny, 4096) / TINY_BERT).toBeCloseTo(1, 1);
    expect(await scratchParameters({ scratch: { architecture: 'bert', size: 'mini', vocab_size: 8000, min_frequency: 2 } })).toBeGreaterThan(4e6);
  });
});

describe('memory estimate with threads', () => {
  const raw = JSON.parse(readFileSync(join(import.meta.dirname, '../../../resources/models/tiny-bert/config.json'), 'utf8')) as Record<string, unknown>;
  const { config } = parseModelConfig(raw);
  const plan = { config, totalParams: TINY_BERT, trainableParams: TINY_BERT, batch: 8, seqLen: 128, accumulation: 1, predictedShare: 0.15 };

  it('counts a copy of the weights and gradients per extra thread, one optimizer, the same activations', () => {
    const one = estimateTrainingMemory(plan);
    const two = estimateTrainingMemory({ ...plan, workers: 2 });
    expect(two.weights).toBe(one.weights + 4 * TINY_BERT /* the copy */ + 4 * TINY_BERT /* shared weights */);
    expect(two.gradients).toBe(one.gradients + 2 * 4 * TINY_BERT);
    expect(two.optimizer).toBe(one.optimizer);
    expect(two.activations).toBeCloseTo(one.activations, -3); // each thread runs half the batch
    expect(two.total).toBeGreaterThan(one.total);
    expect(estimateTrainingMemory({ ...plan, workers: 1 })).toEqual(one);
  });

  it('LoRA: the extra thread copies the frozen model but only the adapter’s gradients', () => {
    const lora = { ...plan, trainableParams: 40_000 };
    const one = estimateTrainingMemory(lora);
    const two = estimateTrainingMemory({ ...lora, workers: 2 });
    expect(two.weights - one.weights).toBe(4 * TINY_BERT + 4 * 40_000);
    expect(two.gradients - one.gradients).toBe(2 * 4 * 40_000);
  });
});
