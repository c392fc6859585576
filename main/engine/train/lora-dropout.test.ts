// LoRA dropout in training (PEFT's lora_dropout on the LoRA branch's input): rate 0 trains exactly as
// without dropout, a rate above 0 changes the training losses (reproducibly per seed) but never an
// evaluation: perplexity before training is measured without dropout, whatever the rate.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { runPretraining, type PretrainSpec } from './pretrain';
import { Rng } from './rng';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/hf-reference');
const temps: string[] = [];
beforeAll(async () => {
  await initBackend('cpu');
});
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function language(seed: number, docs: number, length: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: docs }, () => {
    let id = 100 + rng.int(20);
    return Array.from({ length }, () => {
      id = 100 + ((id - 100) * 7 + 3 + (rng.next() < 0.8 ? 0 : 5)) % 20;
      return id;
    });
  });
}

function spec(dropout: number | undefined): PretrainSpec {
  const outDir = mkdtempSync(join(tmpdir(), 'lora-dropout-test-'));
  temps.push(outDir);
  return {
    modelFolder: join(FIXTURES, 'bert'),
    method: 'lora',
    lora: dropout === undefined ? { r: 4, alpha: 8 } : { r: 4, alpha: 8, dropout },
    special: { cls: 2, sep: 3, mask: 4, pad: 0, bos: null, eos: null },
    corpus: { train: language(1, 16, 40), validation: language(2, 4, 40) },
    replayRatio: 0,
    seqLen: 24,
    batch: 4,
    accumulation: 1,
    steps: 6,
    peakLr: 1e-2,
    warmupSteps: 1,
    decay: 'cosine',
    minLrRatio: 0.1,
    weightDecay: 0.01,
    clipNorm: 1,
    evalEvery: 100,
    patience: null,
    maxEvalBlocks: 4,
    checkpointEvery: 100,
    keepLast: 1,
    seed: 11,
    outDir,
    resume: false,
  };
}

async function losses(dropout: number | undefined): Promise<{ train: number[]; before: number }> {
  const train: number[] = [];
  const result = await runPretraining(spec(dropout), { onStep: (e) => train.push(e.loss) });
  return { train, before: result.metrics.domain_perplexity.before };
}

describe('LoRA dropout in training', () => {
  test('rate 0 equals no dropout; rate 0.3 changes training losses, reproducibly, but not evaluation', async () => {
    const none = await losses(undefined);
    const zero = await losses(0);
    const dropped = await losses(0.3);
    const again = await losses(0.3);
    expect(zero.train).toEqual(none.train);
    expect(zero.before).toBe(none.before);
    expect(dropped.train).toHaveLength(none.train.length);
    // The first step already sees dropped LoRA inputs; B starts at 0, so only later steps differ in value.
    expect(dropped.train.slice(1).some((l, i) => Math.abs(l - (none.train[i + 1] as number)) > 1e-6)).toBe(true);
    expect(again.train).toEqual(dropped.train); // same seed ⇒ same masks
    expect(dropped.before).toBe(none.before); // evaluation never drops
  }, 120_000);
});
