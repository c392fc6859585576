// The model-agnostic training step on a tiny tied-embedding language model: tied gradients are the sum of
// both uses, accumulation equals the full batch, clipping, frozen parameters, and no tensor leaks.
import type * as TF from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { AdamW, DEFAULT_ADAMW } from './optimizer';
import { type LossFn, Trainer } from './step';

let tf: typeof TF;
beforeAll(async () => {
  ({ tf } = await initBackend('cpu'));
});

const V = 11;
const D = 6;

/** Embedding lookup, one hidden layer, and an output projection that reuses `out` (tied when out = emb). */
function lmLoss(ids: number[], targets: number[], embKey: string, outKey: string): LossFn {
  return (p) =>
    tf.tidy(() => {
      const emb = p[embKey] as TF.Tensor2D; // [V, D]
      const out = p[outKey] as TF.Tensor2D; // [V, D]
      const h = tf.tanh(tf.add(tf.matMul(tf.gather(emb, tf.tensor1d(ids, 'int32')), p['dense.weight'] as TF.Tensor2D), p['dense.bias'] as TF.Tensor1D)); // [N, D]
      const logits = tf.matMul(h, out, false, true); // [N, V]
      const logp = tf.logSoftmax(logits); // [N, V]
      const picked = tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(targets, 'int32'), V)), 1); // [N]
      return tf.neg(tf.mean(picked)) as TF.Scalar;
    });
}

function makeParams(seed: number, tied: boolean): Map<string, TF.Variable> {
  const m = new Map<string, TF.Variable>();
  const emb = tf.randomNormal([V, D], 0, 0.5, 'float32', seed);
  m.set('emb.weight', tf.variable(emb));
  if (!tied) m.set('head.weight', tf.variable(tf.clone(emb)));
  m.set('dense.weight', tf.variable(tf.randomNormal([D, D], 0, 0.5, 'float32', seed + 1)));
  m.set('dense.bias', tf.variable(tf.randomNormal([D], 0, 0.1, 'float32', seed + 2)));
  return m;
}

const ids = [1, 4, 2, 9, 9, 3, 0, 7];
const targets = [4, 2, 9, 9, 3, 0, 7, 1];

function maxAbsDiff(a: TF.Tensor, b: TF.Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs((x[i] as number) - (y[i] as number)));
  return worst;
}

describe('Trainer', () => {
  test('a tied weight gets the sum of the gradients of both uses', async () => {
    const tied = makeParams(3, true);
    const untied = makeParams(3, false);
    const opt = new AdamW(tied);
    const a = new Trainer({ trainable: tied, optimizer: opt });
    const b = new Trainer({ trainable: untied, optimizer: new AdamW(untied) });
    const gt = await a.gradients(lmLoss(ids, targets, 'emb.weight', 'emb.weight'));
    const gu = await b.gradients(lmLoss(ids, targets, 'emb.weight', 'head.weight'));
    expect(gt.loss).toBeCloseTo(gu.loss, 6);
    const sum = tf.add(gu.grads.get('emb.weight') as TF.Tensor, gu.grads.get('head.weight') as TF.Tensor);
    expect(maxAbsDiff(gt.grads.get('emb.weight') as TF.Tensor, sum)).toBeLessThan(1e-6);
    // Both uses matter: each alone differs from the sum.
    expect(maxAbsDiff(gu.grads.get('emb.weight') as TF.Tensor, sum)).toBeGreaterThan(1e-3);
    tf.dispose([sum, ...gt.grads.values(), ...gu.grads.values(), ...tied.values(), ...untied.values()]);
  });

  test('the same Variable under two names is refused', () => {
    const v = tf.variable(tf.zeros([2]));
    expect(() => new Trainer({ trainable: new Map([['a.weight', v], ['b.weight', v]]), optimizer: new AdamW(new Map()) })).toThrow(/tied weight must appear once/);
    v.dispose();
  });

  test('two half-batches accumulated give the same update as the full batch', async () => {
    const full = makeParams(5, true);
    const halves = makeParams(5, true);
    const t1 = new Trainer({ trainable: full, optimizer: new AdamW(full, DEFAULT_ADAMW) });
    const t2 = new Trainer({ trainable: halves, optimizer: new AdamW(halves, DEFAULT_ADAMW) });
    for (let s = 0; s < 3; s++) {
      const r1 = await t1.step(lmLoss(ids, targets, 'emb.weight', 'emb.weight'), 1e-2);
      const r2 = await t2.step([lmLoss(ids.slice(0, 4), targets.slice(0, 4), 'emb.weight', 'emb.weight'), lmLoss(ids.slice(4), targets.slice(4), 'emb.weight', 'emb.weight')], 1e-2);
      expect(r2.loss).toBeCloseTo(r1.loss, 5);
      expect(r2.gradNorm).toBeCloseTo(r1.gradNorm, 5);
    }
    for (const name of full.keys()) expect(maxAbsDiff(full.get(name) as TF.Tensor, halves.get(name) as TF.Tensor), name).toBeLessThan(1e-5);
    tf.dispose([...full.values(), ...halves.values()]);
  });

  test('the loss falls over steps; clipping reports the norm before clipping; frozen parameters stay put', async () => {
    const all = makeParams(7, true);
    const frozenBias = all.get('dense.bias') as TF.Variable;
    const biasBefore = Array.from(frozenBias.dataSync());
    const trainable = new Map([...all].filter(([k]) => k !== 'dense.bias'));
    const trainer = new Trainer({ trainable, frozen: new Map([['dense.bias', frozenBias]]), optimizer: new AdamW(trainable), clipNorm: 0.01 });
    const loss = lmLoss(ids, targets, 'emb.weight', 'emb.weight');
    const first = await trainer.step(loss, 5e-2);
    expect(first.clipped).toBe(true);
    expect(first.gradNorm).toBeGreaterThan(0.01);
    expect(first.applied).toBe(true);
    let last = first;
    for (let i = 0; i < 30; i++) last = await trainer.step(loss, 5e-2);
    expect(last.loss).toBeLessThan(first.loss * 0.7);
    expect(Array.from(frozenBias.dataSync())).toEqual(biasBefore);
    expect(await trainer.evaluate(loss)).toBeLessThan(last.loss);
    tf.dispose([...all.values()]);
  });

  test('a parameter the loss does not use is reported and not updated; a non-finite loss changes nothing', async () => {
    const params = makeParams(9, true);
    const unused = tf.variable(tf.ones([3]));
    params.set('unused.weight', unused);
    const trainer = new Trainer({ trainable: params, optimizer: new AdamW(params) });
    const r = await trainer.step(lmLoss(ids, targets, 'emb.weight', 'emb.weight'), 1e-2);
    expect(r.withoutGrad).toEqual(['unused.weight']);
    expect(Array.from(unused.dataSync())).toEqual([1, 1, 1]);
    const emb = Array.from((params.get('emb.weight') as TF.Tensor).dataSync());
    const nan = await trainer.step((p) => tf.tidy(() => tf.mul(tf.sum(p['emb.weight'] as TF.Tensor), tf.scalar(Number.NaN)) as TF.Scalar), 1e-2);
    expect(nan.applied).toBe(false);
    expect(Array.from((params.get('emb.weight') as TF.Tensor).dataSync())).toEqual(emb);
    tf.dispose([...params.values()]);
  });

  test('applyGradients (gradients computed elsewhere) updates exactly like step, and owns the gradients', async () => {
    const a = makeParams(13, true);
    const b = makeParams(13, true);
    const ta = new Trainer({ trainable: a, optimizer: new AdamW(a), clipNorm: 0.5 });
    const tb = new Trainer({ trainable: b, optimizer: new AdamW(b), clipNorm: 0.5 });
    const loss = lmLoss(ids, targets, 'emb.weight', 'emb.weight');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const r1 = await ta.step(loss, 1e-2);
      const g = await tb.gradients(loss);
      const r2 = await tb.applyGradients(g.grads, g.loss, 1e-2);
      expect(r2).toEqual(r1);
    }
    for (const name of a.keys()) expect(maxAbsDiff(a.get(name)!, b.get(name)!), name).toBe(0);
    expect(tf.memory().numTensors - before).toBe(2 * 2 * a.size); // only the two optimizers' moments remain
    await expect(tb.applyGradients(new Map([['nope', tf.zeros([1])]]), 0, 1e-2)).rejects.toThrow(/not a trainable parameter/);
    tf.dispose([...a.values(), ...b.values()]);
  });

  test('the tensor count does not grow over 100 steps', async () => {
    const params = makeParams(11, true);
    const opt = new AdamW(params);
    const trainer = new Trainer({ trainable: params, optimizer: opt, clipNorm: 1 });
    const loss = lmLoss(ids, targets, 'emb.weight', 'emb.weight');
    await trainer.step([loss, loss], 1e-3); // creates the optimizer's moment tensors
    const before = tf.memory();
    for (let i = 0; i < 100; i++) await trainer.step([loss, loss], 1e-3);
    const after = tf.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
    opt.dispose();
    tf.dispose([...params.values()]);
  });
});
