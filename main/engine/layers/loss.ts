// Cross-entropy as torch computes it: mean over targets, numerically stable log-softmax, rows whose
// label is -100 ignored. The row picks go through gatherRows so that the backward pass runs on wasm.
import * as tf from '@tensorflow/tfjs-core';
import { StudioError } from '../../common/errors';
import { gatherRows } from './embedding';
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
  const logp = tf.logSoftmax(logits, -1); // [N, C]
  const picked = gatherRows(tf.reshape(logp, [n * c, 1]) as tf.Tensor2D, tf.tensor1d(flat, 'int32')); // [N, 1]
  return tf.neg(tf.mean(picked)) as tf.Scalar;
}

/** Mean squared error for single-output regression heads: predictions [N, 1]. */
export function meanSquaredError(predictions: tf.Tensor2D, targets: readonly number[]): tf.Scalar {
  const want = tf.tensor2d(Float32Array.from(targets), [targets.length, 1]); // [N, 1]
  return tf.mean(tf.squaredDifference(predictions, want)) as tf.Scalar;
}
