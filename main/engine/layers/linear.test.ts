// linear(): nn.Linear and Conv1D layouts, the LoRA branch W x + b + s · B(A x), and PEFT's
// lora_dropout applied to the LoRA branch's input only, reproducibly per seed.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { linear } from './linear';

describe('linear', () => {
  it('applies nn.Linear [out, in] and Conv1D [in, out] weights alike', async () => {
    await initBackend('cpu');
    const x = tf.tensor3d([[[1, 2, 3]], [[-1, 0, 2]]]); // [2, 1, 3]
    const w = tf.tensor2d([[1, 0, 1], [0, 2, 0]]); // [out 2, in 3]
    const b = tf.tensor1d([0.5, -0.5]);
    const y = linear({ 'p.weight': w, 'p.bias': b }, 'p', x);
    expect(y.arraySync()).toEqual([[[4.5, 3.5]], [[1.5, -0.5]]]);
    const conv = linear({ 'p.weight': tf.transpose(w), 'p.bias': b }, 'p', x, { layout: 'conv1d' });
    expect(conv.arraySync()).toEqual(y.arraySync());
    expect(() => linear({ 'p.weight': w }, 'p', tf.zeros([2, 4]))).toThrow(/p input: expected shape \[\*, 3\], got \[2, 4\]/);
  });

  it('adds scaling · B(A x) and needs the scaling', async () => {
    await initBackend('cpu');
    const x = tf.tensor2d([[1, 2]]);
    const params = {
      'q.weight': tf.zeros([2, 2]),
      'q.lora_A.weight': tf.tensor2d([[1, 1]]), // [r 1, in 2]
      'q.lora_B.weight': tf.tensor2d([[1], [-2]]), // [out 2, r 1]
    };
    expect(linear(params, 'q', x, { loraScaling: 2 }).arraySync()).toEqual([[6, -12]]);
    expect(() => linear(params, 'q', x)).toThrow(/no LoRA scaling/);
    expect(() => linear({ 'q.weight': tf.zeros([2, 2]), 'q.lora_A.weight': tf.ones([1, 2]) }, 'q', x, { loraScaling: 1 })).toThrow(/only one of lora_A and lora_B/);
  });

  it.each(['wasm', 'cpu'] as const)('drops LoRA inputs only, scaled by 1/(1-p), the same for the same seed (%s)', async (backend) => {
    await initBackend(backend);
    const n = 64;
    const x = tf.reshape(tf.add(tf.range(0, n * 4), 1), [n, 4]) as tf.Tensor2D; // no zeros
    const eye = tf.eye(4) as tf.Tensor2D;
    const params = { 'v.weight': eye, 'v.lora_A.weight': eye, 'v.lora_B.weight': eye }; // base x, LoRA s·x
    const run = (seed: number) => linear(params, 'v', x, { loraScaling: 1, loraDropout: { rate: 0.5, seed } });
    const lora = tf.sub(run(7), x).dataSync(); // the LoRA branch alone
    const xs = x.dataSync();
    let kept = 0;
    lora.forEach((v, i) => {
      if (v !== 0) {
        kept++;
        expect(v).toBeCloseTo(2 * xs[i]!, 3); // kept inputs are scaled by 1/(1-0.5)
      }
    });
    expect(kept).toBeGreaterThan(n * 4 * 0.3);
    expect(kept).toBeLessThan(n * 4 * 0.7);
    expect(Array.from(run(7).dataSync())).toEqual(Array.from(run(7).dataSync()));
    expect(Array.from(run(8).dataSync())).not.toEqual(Array.from(run(7).dataSync()));
    const noDropout = linear(params, 'v', x, { loraScaling: 1, loraDropout: { rate: 0, seed: 7 } });
    expect(Array.from(noDropout.dataSync())).toEqual(Array.from(tf.mul(x, 2).dataSync()));
  });
});
