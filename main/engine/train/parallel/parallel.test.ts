// Data-parallel training: two threads give the same losses and weights as one (the shard weighting
// makes the summed gradient the full batch's), with odd splits and gradient accumulation; a worker's
// error or death rejects the step instead of hanging; close() stops the threads, and a script that
// forgets close() still exits.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../../native/tfjs-backend';
import { ParallelTrainer } from './trainer';
import { tinyBatch, tinyModel, type TINY_CONFIGS } from './testing/tiny';

beforeAll(async () => {
  await initBackend('wasm');
});

interface Run {
  losses: number[];
  norms: number[];
  weights: Map<string, Float32Array>;
  /** Largest change of any weight over the run. */
  moved: number;
}

const LR = 1e-3;

async function train(kind: keyof typeof TINY_CONFIGS, workers: number, batches: (step: number) => ReturnType<typeof tinyBatch>[]): Promise<Run> {
  const { rawConfig, trainable, optimizer } = tinyModel(kind);
  const trainer = new ParallelTrainer({ trainable, optimizer, clipNorm: 1, workers, model: { rawConfig } });
  const losses: number[] = [];
  const norms: number[] = [];
  const initial = new Map<string, Float32Array>();
  for (const [name, v] of trainable) initial.set(name, (await v.data()) as Float32Array);
  try {
    for (let s = 0; s < 5; s++) {
      const result = await trainer.step(batches(s).map((b) => trainer.lossFor(b)), LR);
      expect(result.applied).toBe(true);
      losses.push(result.loss);
      norms.push(result.gradNorm);
    }
    const weights = new Map<string, Float32Array>();
    for (const [name, v] of trainable) weights.set(name, (await v.data()) as Float32Array);
    return { losses, norms, weights, moved: maxAbsDiff(weights, initial) };
  } finally {
    await trainer.close();
    optimizer.dispose();
    tf.dispose([...trainable.values()]);
  }
}

function maxAbsDiff(a: Map<string, Float32Array>, b: Map<string, Float32Array>): number {
  let worst = 0;
  for (const [name, w] of a) {
    const other = b.get(name)!;
    for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(w[i]! - other[i]!));
  }
  return worst;
}

function expectSameRun(a: Run, b: Run): void {
  a.losses.forEach((l, i) => expect(Math.abs(l - b.losses[i]!) / Math.abs(l)).toBeLessThan(1e-5));
  a.norms.forEach((n, i) => expect(Math.abs(n - b.norms[i]!) / n).toBeLessThan(1e-5));
  // Weights: AdamW's first steps move each weight by about ±lr whatever the gradient's size, so a weight
  // whose true gradient is 0 (attention key biases: softmax ignores a shift) moves by ±lr on float
  // noise alone, in either run. Hence 0.1 lr here, where every other weight agrees to ~1e-7.
  expect(maxAbsDiff(a.weights, b.weights)).toBeLessThan(0.1 * LR);
  expect(a.moved).toBeGreaterThan(2 * LR); // they did train
}

describe('ParallelTrainer', { timeout: 180_000 }, () => {
  test('masked LM, odd batch of 5 rows with uneven label counts: 2 threads = 1 thread over 5 steps', async () => {
    const batches = (s: number) => [tinyBatch(5, 12, 100 + s, false)];
    const one = await train('bert', 1, batches);
    const two = await train('bert', 2, batches);
    expectSameRun(one, two);
  });

  test('causal LM with padding and 2 accumulated micro-batches: 2 threads = 1 thread', async () => {
    const batches = (s: number) => [tinyBatch(3, 10, 200 + s, true), tinyBatch(4, 10, 300 + s, true)];
    const one = await train('gpt2', 1, batches);
    const two = await train('gpt2', 2, batches);
    expectSameRun(one, two);
  });

  test('an error in a worker rejects the step with its message; a dead worker rejects the next step; close() stops the threads', async () => {
    const { rawConfig, trainable, optimizer } = tinyModel('bert');
    const trainer = new ParallelTrainer({ trainable, optimizer, workers: 2, model: { rawConfig } });
    try {
      const good = tinyBatch(4, 8, 7, false);
      await trainer.step(trainer.lossFor(good), 1e-3);
      // The worker's shard (rows 2–3) has a label row of the wrong length: only the worker sees it.
      const bad = { ...good, labels: good.labels.map((row, i) => (i === 3 ? (row as number[]).slice(1) : row)) as number[][] };
      await expect(trainer.step(trainer.lossFor(bad), 1e-3)).rejects.toThrow(/labels row 1 has 7 entries, expected 8/);
      await trainer.step(trainer.lossFor(good), 1e-3); // the worker is still usable

      const [thread] = trainer.threadHandles;
      await thread!.terminate();
      await expect(trainer.step(trainer.lossFor(good), 1e-3)).rejects.toThrow(/Training worker 1 stopped unexpectedly/);
    } finally {
      await trainer.close();
      optimizer.dispose();
      tf.dispose([...trainable.values()]);
    }
    expect(trainer.threadHandles.every((t) => t.threadId === -1)).toBe(true);
    await expect(trainer.step(trainer.lossFor(tinyBatch(2, 8, 1, false)), 1e-3)).rejects.toThrow(/closed/);
  });

  test('a process that trains on 2 threads and never calls close() still exits', () => {
    const script = resolve(__dirname, 'testing/forget-close.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 150_000, cwd: resolve(__dirname, '../../../..') });
    expect(run.error).toBeUndefined();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^trained 2 threads loss [\d.]+\n$/);
  });
});
