// The training loop on a tiny language model: a run stopped mid-way and resumed from its checkpoint
// gives exactly the losses and weights of one that never stopped; early stopping keeps the best
// checkpoint; the time budget and divergence stop the run with a clear outcome.
import { mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as TF from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { bestCheckpoint, listCheckpoints } from './checkpoint';
import { EpochSampler, type SamplerState } from './collate';
import { runLoop, restoreRun, type DataSource, type LoopOptions, type StepEvent } from './loop';
import { AdamW } from './optimizer';
import { Rng } from './rng';
import { lrAt } from './schedule';
import { type LossFn, type ParamRecord, Trainer } from './step';

const V = 13;
const D = 8;
let tf: typeof TF;
const temps: string[] = [];
beforeAll(async () => {
  ({ tf } = await initBackend('cpu'));
});
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'loop-test-'));
  temps.push(d);
  return d;
}

/** Next-token loss of a one-layer model with tied embeddings. */
function lmLoss(ids: number[], targets: number[]): LossFn {
  return (p: ParamRecord) =>
    tf.tidy(() => {
      const emb = p['emb.weight'] as TF.Tensor2D; // [V, D]
      const h = tf.tanh(tf.add(tf.matMul(tf.gather(emb, tf.tensor1d(ids, 'int32')), p['dense.weight'] as TF.Tensor2D), p['dense.bias'] as TF.Tensor1D)); // [N, D]
      const logp = tf.logSoftmax(tf.matMul(h, emb, false, true)); // [N, V]
      return tf.neg(tf.mean(tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(targets, 'int32'), V)), 1))) as TF.Scalar;
    });
}

/** 20 sequences; each step takes two micro-batches of two sequences and corrupts one input token at random. */
class ToyData implements DataSource {
  private sampler: EpochSampler;
  private readonly pool: number[][];
  constructor() {
    const r = new Rng(77);
    this.pool = Array.from({ length: 20 }, () => Array.from({ length: 9 }, () => r.int(V)));
    this.sampler = new EpochSampler(this.pool.length, 5);
  }
  nextStep(rng: Rng): { microBatches: LossFn[]; tokens: number } {
    const microBatches = [0, 1].map(() => {
      const ids: number[] = [];
      const targets: number[] = [];
      for (const i of this.sampler.nextBatch(2)) {
        const seq = [...this.pool[i]!];
        seq[rng.int(8)] = rng.int(V);
        ids.push(...seq.slice(0, -1));
        targets.push(...seq.slice(1));
      }
      return lmLoss(ids, targets);
    });
    return { microBatches, tokens: 32 };
  }
  getState(): SamplerState {
    return this.sampler.getState();
  }
  setState(state: unknown): void {
    this.sampler = EpochSampler.fromState(state as SamplerState);
  }
}

function setup(): Pick<LoopOptions, 'trainer' | 'optimizer' | 'trainable' | 'data'> & { vars: Map<string, TF.Variable> } {
  const vars = new Map<string, TF.Variable>([
    ['emb.weight', tf.variable(tf.randomNormal([V, D], 0, 0.5, 'float32', 1))],
    ['dense.weight', tf.variable(tf.randomNormal([D, D], 0, 0.5, 'float32', 2))],
    ['dense.bias', tf.variable(tf.zeros([D]))],
  ]);
  const optimizer = new AdamW(vars);
  return { vars, trainable: vars, optimizer, trainer: new Trainer({ trainable: vars, optimizer, clipNorm: 1 }), data: new ToyData() };
}

function dispose(run: ReturnType<typeof setup>): void {
  run.optimizer.dispose();
  tf.dispose([...run.vars.values()]);
}

const schedule = { peakLr: 3e-2, warmupSteps: 3, totalSteps: 12, decay: 'cosine' as const, minLrRatio: 0.1 };
const heldOut = lmLoss([1, 2, 3, 4, 5, 6], [2, 3, 4, 5, 6, 7]);

describe('runLoop', () => {
  test('stopped at step 5 and resumed in a fresh run: the same losses and weights as never stopping', async () => {
    const straight = setup();
    const straightEvents: StepEvent[] = [];
    const done = await runLoop({ ...straight, schedule, rng: new Rng(1), evalEvery: 4, evaluate: async () => ({ metric: await straight.trainer.evaluate(heldOut) }), onStep: (e) => straightEvents.push(e) });
    expect(done).toMatchObject({ status: 'completed', step: 12 });
    expect(straightEvents.map((e) => e.lr)).toEqual(Array.from({ length: 12 }, (_, i) => lrAt(i, schedule)));
    expect(straightEvents[11]!.loss).toBeLessThan(straightEvents[0]!.loss);

    const dir = tempDir();
    const first = setup();
    const stop = new AbortController();
    const losses: number[] = [];
    const stopped = await runLoop({
      ...first,
      schedule,
      rng: new Rng(1),
      evalEvery: 4,
      evaluate: async () => ({ metric: await first.trainer.evaluate(heldOut) }),
      checkpoint: { dir, every: 100, keepLast: 2 },
      signal: stop.signal,
      onStep: (e) => {
        losses.push(e.loss);
        if (e.step === 5) stop.abort();
      },
    });
    expect(stopped).toMatchObject({ status: 'stopped', step: 5 });
    expect(listCheckpoints(dir).map((c) => c.step)).toEqual([4, 5]);
    dispose(first);

    const second = setup();
    const resume = await restoreRun(dir, second);
    expect(resume?.step).toBe(5);
    const finished = await runLoop({
      ...second,
      schedule,
      rng: new Rng(12345), // ignored: the checkpoint's RNG state wins
      resume: resume!,
      evalEvery: 4,
      evaluate: async () => ({ metric: await second.trainer.evaluate(heldOut) }),
      checkpoint: { dir, every: 100, keepLast: 2 },
      onStep: (e) => losses.push(e.loss),
    });
    expect(finished).toMatchObject({ status: 'completed', step: 12, bestStep: done.bestStep, bestMetric: done.bestMetric });
    expect(losses).toEqual(straightEvents.map((e) => e.loss));
    for (const [name, v] of straight.vars) expect(second.vars.get(name)!.dataSync(), name).toEqual(v.dataSync());
    dispose(straight);
    dispose(second);
  });

  test('a damaged latest checkpoint is passed over for the one before it', async () => {
    const dir = tempDir();
    const first = setup();
    const stop = new AbortController();
    await runLoop({ ...first, schedule, rng: new Rng(1), checkpoint: { dir, every: 2, keepLast: 3 }, signal: stop.signal, onStep: (e) => e.step === 5 && stop.abort() });
    dispose(first);
    expect(listCheckpoints(dir).map((c) => c.step)).toEqual([2, 4, 5]);
    truncateSync(join(dir, 'step-00000005', 'trainable.safetensors'), 10);
    const second = setup();
    const resume = await restoreRun(dir, second);
    expect(resume?.step).toBe(4);
    expect(resume?.skipped.join()).toMatch(/step 5: .*trainable\.safetensors has 10 bytes/);
    for (const c of listCheckpoints(dir)) truncateSync(join(c.path, 'optimizer.safetensors'), 10);
    await expect(restoreRun(dir, second)).rejects.toThrow(/No checkpoint .* can be read/);
    dispose(second);
  });

  test('early stopping after `patience` evaluations without improvement keeps the best checkpoint', async () => {
    const dir = tempDir();
    const run = setup();
    const metrics = [3, 2, 2.5, 2.6, 1];
    let calls = 0;
    const result = await runLoop({ ...run, schedule, rng: new Rng(2), evalEvery: 2, patience: 2, evaluate: async () => ({ metric: metrics[calls++]! }), checkpoint: { dir, every: 100, keepLast: 1 } });
    expect(result).toMatchObject({ status: 'early-stopped', step: 8, bestMetric: 2, bestStep: 4 });
    expect(bestCheckpoint(dir)).toMatchObject({ step: 4, metric: 2 });
    expect(listCheckpoints(dir).map((c) => c.step)).toEqual([4, 8]);
    dispose(run);
  });

  test('the time budget stops the run with a checkpoint', async () => {
    const dir = tempDir();
    const run = setup();
    let clock = 0;
    const result = await runLoop({ ...run, schedule, rng: new Rng(3), maxMs: 3500, now: () => (clock += 500), checkpoint: { dir, every: 100, keepLast: 1 } });
    expect(result.status).toBe('time-limit');
    expect(result.step).toBeGreaterThan(0);
    expect(result.step).toBeLessThan(12);
    expect(listCheckpoints(dir).map((c) => c.step)).toEqual([result.step]);
    dispose(run);
  });

  test('a diverging run fails with advice instead of training on NaN', async () => {
    const run = setup();
    const nanData: DataSource = {
      nextStep: () => ({ microBatches: [(p) => tf.tidy(() => tf.mul(tf.sum(p['emb.weight']!), tf.scalar(Number.NaN)) as TF.Scalar)], tokens: 1 }),
      getState: () => null,
      setState: () => undefined,
    };
    const before = Array.from(run.vars.get('emb.weight')!.dataSync());
    await expect(runLoop({ ...run, data: nanData, schedule, rng: new Rng(4) })).rejects.toThrow(/lower the learning rate/);
    expect(Array.from(run.vars.get('emb.weight')!.dataSync())).toEqual(before);
    dispose(run);
  });
});
