// Row lookups with a gradient that every backend can run: gather's own gradient (UnsortedSegmentSum)
// is not registered on wasm, so the backward pass scatters with scatterND, which sums repeated ids.
// As nn.Embedding(padding_idx) does, the padding row gets no gradient from the lookup.
import * as tf from '@tensorflow/tfjs-core';
import { assertRank } from './shapes';

/** weight [V, H], ids int32 [N] → [N, H]. */
export function gatherRows(weight: tf.Tensor2D, ids: tf.Tensor1D, paddingIdx?: number | null): tf.Tensor2D {
  assertRank(weight, 2, 'gatherRows weight');
  assertRank(ids, 1, 'gatherRows ids');
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [w, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([ids]);
    const value = tf.gather(w, ids); // [N, H]
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const idx = saved[0] as tf.Tensor1D; // [N]
        let updates = dy; // [N, H]
        if (paddingIdx !== undefined && paddingIdx !== null) {
          const keep = tf.cast(tf.notEqual(idx, paddingIdx), 'float32'); // [N]
          updates = tf.mul(dy, tf.expandDims(keep, 1)); // [N, H]
        }
        return [tf.scatterND(tf.expandDims(idx, 1), updates, w.shape)]; // [V, H]
      },
    };
  });
  return f(weight) as tf.Tensor2D;
}

/** Embedding lookup over a [B, T] id matrix: weight [V, H] → [B, T, H]. */
export function embed(weight: tf.Tensor2D, ids: tf.Tensor2D, paddingIdx?: number | null): tf.Tensor3D {
  assertRank(ids, 2, 'embed ids');
  const [b, t] = ids.shape;
  const rows = gatherRows(weight, tf.reshape(ids, [-1]) as tf.Tensor1D, paddingIdx); // [B*T, H]
  return tf.reshape(rows, [b, t, weight.shape[1]]) as tf.Tensor3D; // [B, T, H]
}
