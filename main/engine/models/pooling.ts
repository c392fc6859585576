// Picks one row per sequence for decoder classification heads: the last real token (by the
// attention mask; with right padding this is HF's "first pad token - 1").
import * as tf from '@tensorflow/tfjs-core';
import { gatherRows } from '../layers/embedding';
import type { InputTensors } from './types';

/** last [B, T, H] → [B, H] at each row's last non-pad position. */
export function lastTokenRows(last: tf.Tensor3D, inputs: InputTensors): tf.Tensor2D {
  const [b, t, h] = last.shape;
  const mask = inputs.raw.attention_mask;
  const idx = Array.from({ length: b }, (_, i) => {
    const length = mask ? mask[i]!.reduce((n, m) => n + (m ? 1 : 0), 0) : t;
    return i * t + Math.max(length - 1, 0);
  });
  return gatherRows(tf.reshape(last, [b * t, h]) as tf.Tensor2D, tf.tensor1d(idx, 'int32')); // [B, H]
}
