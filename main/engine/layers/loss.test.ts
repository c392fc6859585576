// The fused cross-entropy equals the textbook formula computed in float64, with its gradient
// (softmax − one-hot) / N, on wasm and cpu, and refuses labels outside the classes.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { crossEntropy } from './loss';

const rows = [
  [2.5, -1, 0.3, 40],
  [-3, -3, -3, -3],
  [0.1, 0.2, 0.3, 0.4],
];
const targets = [3, 1, 0];

function reference(): { loss: number; grad: number[][] } {
  const n = rows.length;
  let loss = 0;
  const grad = rows.map((z, i) => {
    const m = Math.max(...z);
    const sum = z.reduce((s, v) => s + Math.exp(v - m), 0);
    loss += m + Math.log(sum) - z[targets[i]!]!;
    return z.map((v, j) => (Math.exp(v - m) / sum - (j === targets[i] ? 1 : 0)) / n);
  });
  return { loss: loss / n, grad };
}

describe.each(['wasm', 'cpu'] as const)('crossEntropy on %s', (backend) => {
  it('matches logsumexp − z[target] and its gradient', async () => {
    await initBackend(backend);
    const want = reference();
    const logits = tf.tensor2d(rows);
    const { value, grads } = tf.valueAndGrads((z: tf.Tensor) => crossEntropy(z as tf.Tensor2D, targets))([logits]);
    expect(value.dataSync()[0]).toBeCloseTo(want.loss, 5);
    const got = grads[0]!.arraySync() as number[][];
    got.forEach((row, i) => row.forEach((g, j) => expect(g).toBeCloseTo(want.grad[i]![j]!, 6)));
  });

  it('refuses labels outside 0..C-1 and an empty batch', async () => {
    await initBackend(backend);
    expect(() => crossEntropy(tf.tensor2d(rows), [3, 4, 0])).toThrow(/Label 4 is outside 0..3/);
    expect(() => crossEntropy(tf.tensor2d(rows), [3, -1, 0])).toThrow(/Label -1/);
    expect(() => crossEntropy(tf.zeros([0, 4]) as tf.Tensor2D, [])).toThrow(/No labelled position/);
  });
});
