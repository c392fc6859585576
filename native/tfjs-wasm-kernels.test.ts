// The replacement Slice/SplitV/Unpack kernels on wasm give exactly the cpu backend's results, for
// contiguous runs (the fast path) and for strided slices (the original kernels).
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from './tfjs-backend';

async function onBoth<T>(f: () => T): Promise<{ wasm: T; cpu: T }> {
  await initBackend('wasm');
  const wasm = f();
  await initBackend('cpu');
  return { wasm, cpu: f() };
}

const values = (ts: tf.Tensor | tf.Tensor[]) => (Array.isArray(ts) ? ts : [ts]).map((t) => ({ shape: t.shape, data: Array.from(t.dataSync()) }));

describe('wasm slice kernels', () => {
  it('slice, split and unstack match the cpu backend', async () => {
    const cases = () => {
      const x = tf.tensor3d(Array.from({ length: 4 * 5 * 6 }, (_, i) => i * 0.5 - 7), [4, 5, 6]);
      const ints = tf.tensor2d(Array.from({ length: 12 }, (_, i) => i), [3, 4], 'int32');
      return [
        values(tf.slice(x, [1, 0, 0], [2, -1, -1])), // contiguous rows
        values(tf.slice(x, [1, 2, 0], [1, 2, -1])), // contiguous inside one row
        values(tf.slice(x, [0, 1, 2], [3, 2, 3])), // strided
        values(tf.slice(x, [2, 0, 0], [0, 5, 6])), // empty
        values(tf.split(x, [1, 3], 0)),
        values(tf.split(x, 5, 1)), // strided split
        values(tf.split(tf.reshape(x, [1, 4, 30]), 2, 1)), // leading 1: contiguous
        values(tf.unstack(x, 0)),
        values(tf.unstack(x, 2)), // strided
        values(tf.unstack(ints)),
      ];
    };
    const { wasm, cpu } = await onBoth(() => tf.tidy(() => cases() as unknown as tf.Tensor) as unknown as ReturnType<typeof cases>);
    expect(wasm).toEqual(cpu);
  });
});
