// AdamW against hand-computed PyTorch-1.13 updates, parameter groups, state export/import, and clipping.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { AdamW, DEFAULT_ADAMW, clipByGlobalNorm, globalNorm, isBiasOrNorm } from './optimizer';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

/** The torch formula in double precision, one scalar at a time. */
function referenceAdamW(p0: number, grads: number[], lrs: number[], wd: number): number {
  const b1 = 0.9;
  const b2 = 0.999;
  const eps = 1e-8;
  let p = p0;
  let m = 0;
  let v = 0;
  grads.forEach((g, i) => {
    const t = i + 1;
    const lr = lrs[i] as number;
    p *= 1 - lr * wd;
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    p -= (lr / (1 - b1 ** t)) * (m / (Math.sqrt(v) / Math.sqrt(1 - b2 ** t) + eps));
  });
  return p;
}

function values(t: tf.Tensor): number[] {
  return Array.from(t.dataSync());
}

describe('AdamW', () => {
  test('first step matches the closed form: p(1 − lr·wd) − lr·g/(|g| + eps·…)', () => {
    const w = tf.variable(tf.tensor1d([1, -2, 0.5, 3]));
    const opt = new AdamW(new Map([['w', w]]), { ...DEFAULT_ADAMW, noDecay: () => false });
    const g = tf.tensor1d([0.1, -0.2, 0.3, 0]);
    opt.step(new Map([['w', g]]), 1e-3);
    // At t = 1, m̂ = g and sqrt(v̂) = |g|: the update is lr·sign(g) (to eps), and 0 where g = 0.
    const expected = [1 * (1 - 1e-5) - 1e-3, -2 * (1 - 1e-5) + 1e-3, 0.5 * (1 - 1e-5) - 1e-3, 3 * (1 - 1e-5)];
    values(w).forEach((x, i) => expect(x).toBeCloseTo(expected[i] as number, 6));
    expect(opt.stepOf('w')).toBe(1);
    opt.dispose();
    w.dispose();
    g.dispose();
  });

  test('three steps with varying gradients and learning rates match the torch formula', () => {
    const init = [0.7, -1.3, 0.05];
    const gradSeq = [
      [0.5, -0.01, 2],
      [-0.25, 0.02, 1],
      [0.1, 0.03, -3],
    ];
    const lrs = [1e-2, 5e-3, 2e-2];
    const w = tf.variable(tf.tensor1d(init));
    const opt = new AdamW(new Map([['layer.weight', w]]), DEFAULT_ADAMW);
    gradSeq.forEach((gs, i) => {
      const g = tf.tensor1d(gs);
      opt.step(new Map([['layer.weight', g]]), lrs[i] as number);
      g.dispose();
    });
    const got = values(w);
    init.forEach((p0, j) => {
      const ref = referenceAdamW(p0, gradSeq.map((gs) => gs[j] as number), lrs, 0.01);
      expect(Math.abs((got[j] as number) - ref)).toBeLessThan(2e-7);
    });
    opt.dispose();
    w.dispose();
  });

  test('biases and norms get no decay by default; a parameter without a gradient is left alone', () => {
    const bias = tf.variable(tf.tensor1d([2]));
    const norm = tf.variable(tf.tensor1d([2]));
    const weight = tf.variable(tf.tensor1d([2]));
    const frozen = tf.variable(tf.tensor1d([2]));
    const params = new Map([
      ['enc.dense.bias', bias],
      ['enc.LayerNorm.weight', norm],
      ['enc.dense.weight', weight],
      ['enc.other.weight', frozen],
    ]);
    const opt = new AdamW(params, { ...DEFAULT_ADAMW, weightDecay: 0.5 });
    const zero = tf.tensor1d([0]);
    opt.step(new Map([['enc.dense.bias', zero], ['enc.LayerNorm.weight', zero], ['enc.dense.weight', zero]]), 0.1);
    expect(values(bias)[0]).toBeCloseTo(2, 7);
    expect(values(norm)[0]).toBeCloseTo(2, 7);
    expect(values(weight)[0]).toBeCloseTo(2 * (1 - 0.1 * 0.5), 6);
    expect(values(frozen)[0]).toBe(2);
    expect(opt.stepOf('enc.other.weight')).toBe(0);
    opt.dispose();
    tf.dispose([bias, norm, weight, frozen, zero]);
  });

  test('the no-decay rule knows the norms of all five architectures', () => {
    for (const name of [
      'bert.embeddings.LayerNorm.weight',
      'distilbert.transformer.layer.0.sa_layer_norm.weight',
      'distilbert.vocab_layer_norm.weight',
      'transformer.h.0.ln_1.weight',
      'transformer.ln_f.weight',
      'model.layers.0.input_layernorm.weight',
      'model.layers.1.post_attention_layernorm.weight',
      'model.norm.weight',
      'cls.predictions.bias',
      'transformer.h.0.attn.c_attn.bias',
    ]) {
      expect(isBiasOrNorm(name), name).toBe(true);
    }
    for (const name of ['bert.encoder.layer.0.attention.self.query.weight', 'transformer.wte.weight', 'model.layers.0.mlp.down_proj.weight', 'lm_head.weight']) {
      expect(isBiasOrNorm(name), name).toBe(false);
    }
  });

  test('exported state, imported into a fresh optimizer, continues exactly like never stopping', async () => {
    const run = async (splitAt: number | null): Promise<number[]> => {
      const w = tf.variable(tf.tensor2d([[0.3, -0.4], [1.1, 0.9]]));
      let opt = new AdamW(new Map([['w', w]]), DEFAULT_ADAMW);
      for (let i = 0; i < 5; i++) {
        if (i === splitAt) {
          const state = await opt.exportState();
          opt.dispose();
          opt = new AdamW(new Map([['w', w]]), DEFAULT_ADAMW);
          opt.importState(state);
        }
        const g = tf.tensor2d([[Math.sin(i), Math.cos(i)], [0.1 * i, -0.2]]);
        opt.step(new Map([['w', g]]), 1e-2);
        g.dispose();
      }
      const out = values(w);
      opt.dispose();
      w.dispose();
      return out;
    };
    expect(await run(3)).toEqual(await run(null));
  });

  test('refuses mismatched gradients, unknown names and bad state', async () => {
    const w = tf.variable(tf.tensor1d([1, 2]));
    const opt = new AdamW(new Map([['w', w]]));
    const wrong = tf.tensor1d([1, 2, 3]);
    expect(() => opt.step(new Map([['w', wrong]]), 1e-3)).toThrow(/shape/);
    expect(() => opt.step(new Map([['x', wrong]]), 1e-3)).toThrow(/not one of its parameters/);
    expect(() => opt.step(new Map(), Number.NaN)).toThrow(/learning rate/);
    expect(() => opt.importState({ params: new Map([['w', { step: 1, shape: [3], expAvg: new Float32Array(3), expAvgSq: new Float32Array(3) }]]) })).toThrow(/shape/);
    expect(() => new AdamW(new Map(), { ...DEFAULT_ADAMW, beta1: 1 })).toThrow(/beta1/);
    opt.dispose();
    tf.dispose([w, wrong]);
  });

  test('state does not leak tensors across steps', () => {
    const w = tf.variable(tf.randomNormal([8, 8]));
    const opt = new AdamW(new Map([['w', w]]));
    const g = tf.randomNormal([8, 8]);
    opt.step(new Map([['w', g]]), 1e-3);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) opt.step(new Map([['w', g]]), 1e-3);
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    tf.dispose([w, g]);
  });
});

describe('global norm and clipping', () => {
  test('global norm is the L2 norm over every element of every gradient', () => {
    const a = tf.tensor1d([3, 0]);
    const b = tf.tensor2d([[4]]);
    const n = globalNorm([a, b]);
    expect(n.dataSync()[0]).toBeCloseTo(5, 6);
    tf.dispose([a, b, n]);
  });

  test('clipping scales to maxNorm only when above it, and reports the norm before', () => {
    const grads = new Map([['a', tf.tensor1d([3, 0])], ['b', tf.tensor1d([4])]]);
    const clipped = clipByGlobalNorm(grads, 1);
    expect(clipped.norm).toBeCloseTo(5, 6);
    expect(values(clipped.grads.get('a') as tf.Tensor)[0]).toBeCloseTo(0.6, 5);
    expect(values(clipped.grads.get('b') as tf.Tensor)[0]).toBeCloseTo(0.8, 5);
    const untouched = clipByGlobalNorm(grads, 10);
    expect(values(untouched.grads.get('b') as tf.Tensor)[0]).toBe(4);
    tf.dispose([...grads.values(), ...clipped.grads.values(), ...untouched.grads.values()]);
    expect(() => clipByGlobalNorm(new Map(), 0)).toThrow(/positive/);
  });
});
