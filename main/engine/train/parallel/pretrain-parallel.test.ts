// runPretraining with `workers: 2` (LoRA on the BERT fixture: frozen base weights sent to the worker
// once, the adapter trained) follows the one-thread loss curve step for step.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { initBackend } from '../../../../native/tfjs-backend';
import { runPretraining, type PretrainSpec } from '../pretrain';
import { Rng } from '../rng';

const FIXTURES = resolve(__dirname, '../../../../test/fixtures/hf-reference');
const temps: string[] = [];
beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function documents(first: number, seed: number, docs: number, length: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: docs }, () => Array.from({ length }, () => first + rng.int(20)));
}

function spec(workers: number): PretrainSpec {
  const outDir = mkdtempSync(join(tmpdir(), 'parallel-pretrain-'));
  temps.push(outDir);
  return {
    modelFolder: join(FIXTURES, 'bert'),
    method: 'lora',
    lora: { r: 4, alpha: 8 },
    special: { cls: 2, sep: 3, mask: 4, pad: 0, bos: null, eos: null },
    corpus: { train: documents(100, 1, 30, 50), validation: documents(100, 2, 4, 50) },
    general: null,
    replayRatio: 0,
    seqLen: 32,
    batch: 5,
    accumulation: 1,
    steps: 5,
    peakLr: 1e-3,
    warmupSteps: 1,
    decay: 'cosine',
    minLrRatio: 0.1,
    weightDecay: 0.01,
    clipNorm: 1,
    evalEvery: 0,
    patience: null,
    maxEvalBlocks: 2,
    checkpointEvery: 100,
    keepLast: 1,
    seed: 5,
    outDir,
    resume: false,
    workers,
  };
}

test('LoRA pre-training on 2 threads gives the 1-thread loss curve (odd batch of 5)', { timeout: 180_000 }, async () => {
  const curve = async (workers: number): Promise<number[]> => {
    const losses: number[] = [];
    const result = await runPretraining(spec(workers), { onStep: (e) => losses.push(e.loss) });
    expect(result.status).toBe('completed');
    return losses;
  };
  const one = await curve(1);
  const two = await curve(2);
  expect(two).toHaveLength(5);
  two.forEach((l, i) => expect(Math.abs(l - one[i]!) / one[i]!).toBeLessThan(1e-5));
});
