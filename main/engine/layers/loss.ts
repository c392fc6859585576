// Cross-entropy as torch computes it: mean over targets of logsumexp(z) − z[target], computed
// stably (max subtracted). One fused op with its closed-form gradient (softmax − one-hot) / N: it
// keeps only the logits for the backward pass (not a log-softmax copy as well, which for a 50k
// vocabulary is hundreds of MB per batch) and runs on wasm, where gather has no gradient.
import * as tf from '@tensorflow/tfjs-core';
import { StudioError } from '../../common/errors';
import { assertRank } from './shapes';

export const IGNORE_INDEX = -100;

/** logits [N, C], targets (N ids in 0..C-1) → mean negative log-likelihood, a scalar. */
export function crossEntropy(logits: tf.Tensor2D, targets: readonly number[]): tf.Scalar {
  assertRank(logits, 2, 'crossEntropy logits');
  const [n, c] = logits.shape;
  if (targets.length !== n) throw new StudioError('internal', `crossEntropy: ${n} rows but ${targets.length} targets`);
  if (n === 0) throw new StudioError('bad_input', 'No labelled position in the batch: the loss is undefined');
  const flat = new Int32Array(n);
  targets.forEach((target, i) => {
    if (!Number.isInteger(target) || target < 0 || target >= c) {
      throw new StudioError('bad_input', `Label ${target} is outside 0..${c - 1}`);
    }
    flat[i] = i * c + target;
  });
  const picks = tf.tensor1d(flat, 'int32'); // [N] flat indices of the targets
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [z, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const max = tf.max(z, -1, true); // [N, 1]
    const lse = tf.add(max, tf.log(tf.sum(tf.exp(tf.sub(z, max)), -1, true))); // [N, 1]
    const picked = tf.gather(tf.reshape(z, [n * c]), picks); // [N]
    save([z, lse, picks]);
    return {
      value: tf.mean(tf.sub(tf.reshape(lse, [n]), picked)), // scalar
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [zs, lses, ids] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
        const softmax = tf.exp(tf.sub(zs, lses)); // [N, C]
        const oneHot = tf.reshape(tf.scatterND(tf.expandDims(ids, 1), tf.ones([n]), [n * c]), [n, c]); // [N, C]
        return [tf.mul(tf.sub(softmax, oneHot), tf.div(dy, n))]; // [N, C]
      },
    };
  });
  return f(logits) as tf.Scalar;
}

/** Mean squared error for single-output regression heads: predictions [N, 1]. */
export function meanSquaredError(predictions: tf.Tensor2D, targets: readonly number[]): tf.Scalar {
  const want = tf.tensor2d(Float32Array.from(targets), [targets.length, 1]); // [N, 1]
  return tf.mean(tf.squaredDifference(predictions, want)) as tf.Scalar;
}
