// The lookup's gradient on every backend: repeated ids add up, and the padding row gets none
// (nn.Embedding(padding_idx)).
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { embed } from './embedding';

describe.each(['wasm', 'cpu'] as const)('embed on %s', (backend) => {
  it('sums the gradient of repeated ids and gives the padding row none', async () => {
    await initBackend(backend);
    const weight = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]); // [V=4, H=2], padding id 0
    const ids = tf.tensor2d([[2, 0, 2], [1, 0, 3]], [2, 3], 'int32');
    const out = embed(weight, ids, 0);
    expect(out.arraySync()).toEqual([[[5, 6], [1, 2], [5, 6]], [[3, 4], [1, 2], [7, 8]]]);
    const scale = tf.tensor3d([[[1, 1], [1, 1], [2, 2]], [[1, 1], [1, 1], [1, 1]]]);
    const [grad] = tf.grads((w: tf.Tensor) => tf.sum(tf.mul(embed(w as tf.Tensor2D, ids, 0), scale)))([weight]);
    expect(grad!.arraySync()).toEqual([[0, 0], [1, 1], [3, 3], [1, 1]]);
    const [noPad] = tf.grads((w: tf.Tensor) => tf.sum(embed(w as tf.Tensor2D, ids)))([weight]);
    expect(noPad!.arraySync()).toEqual([[2, 2], [1, 1], [2, 2], [1, 1]]);
  });
});
