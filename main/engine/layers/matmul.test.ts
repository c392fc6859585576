// matmul2d and bmm (the wasm fast paths) compute the same values and gradients as tf.matMul.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { bmm, matmul2d, transpose2d } from './matmul';

function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

describe.each(['wasm', 'cpu'] as const)('matmul helpers on %s', (backend) => {
  it('matmul2d with and without transposeB: values and gradients', async () => {
    await initBackend(backend);
    const x = tf.randomNormal([64, 96], 0, 1, 'float32', 1) as tf.Tensor2D;
    for (const transposeB of [false, true]) {
      const w = tf.randomNormal(transposeB ? [32, 96] : [96, 32], 0, 1, 'float32', 2) as tf.Tensor2D;
      const ours = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(matmul2d(a as tf.Tensor2D, b as tf.Tensor2D, transposeB)));
      const ref = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.matMul(a, b, false, transposeB)));
      expect(maxDiff(matmul2d(x, w, transposeB), tf.matMul(x, w, false, transposeB))).toBeLessThan(1e-4);
      const [gx, gw] = tf.grads(ours)([x, w]);
      const [rx, rw] = tf.grads(ref)([x, w]);
      expect(maxDiff(gx!, rx!)).toBeLessThan(1e-3);
      expect(maxDiff(gw!, rw!)).toBeLessThan(1e-3);
    }
  });

  it('bmm with and without transposeB: values and gradients', async () => {
    await initBackend(backend);
    const a = tf.randomNormal([6, 16, 8], 0, 1, 'float32', 3) as tf.Tensor3D;
    for (const transposeB of [false, true]) {
      const b = tf.randomNormal(transposeB ? [6, 12, 8] : [6, 8, 12], 0, 1, 'float32', 4) as tf.Tensor3D;
      expect(maxDiff(bmm(a, b, transposeB), tf.matMul(a, b, false, transposeB))).toBeLessThan(1e-4);
      const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(bmm(x as tf.Tensor3D, y as tf.Tensor3D, transposeB))))([a, b]);
      const [ra, rb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y, false, transposeB))))([a, b]);
      expect(maxDiff(ga!, ra!)).toBeLessThan(1e-3);
      expect(maxDiff(gb!, rb!)).toBeLessThan(1e-3);
    }
  });

  it('transpose2d (blocked on wasm) equals tf.transpose', async () => {
    await initBackend(backend);
    const x = tf.randomNormal([256, 512], 0, 1, 'float32', 5) as tf.Tensor2D;
    expect(maxDiff(transpose2d(x), tf.transpose(x))).toBe(0);
  });
});
