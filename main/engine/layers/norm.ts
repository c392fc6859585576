// LayerNorm (biased variance, as torch) and LLaMA's RMSNorm, over the last axis, in float32.
import * as tf from '@tensorflow/tfjs-core';
import { assertShape, param } from './shapes';
import type { Params } from './linear';

/** x [..., H] → [..., H] with `${prefix}.weight` and `${prefix}.bias` [H]. */
export function layerNorm(params: Params, prefix: string, x: tf.Tensor, eps: number): tf.Tensor {
  const gamma = param(params, `${prefix}.weight`); // [H]
  const beta = param(params, `${prefix}.bias`); // [H]
  assertShape(x, [...x.shape.slice(0, -1).map(() => -1), gamma.shape[0]!], `${prefix} input`);
  const mean = tf.mean(x, -1, true); // [..., 1]
  const centered = tf.sub(x, mean); // [..., H]
  const variance = tf.mean(tf.square(centered), -1, true); // [..., 1]
  const normed = tf.mul(centered, tf.rsqrt(tf.add(variance, eps))); // [..., H]
  return tf.add(tf.mul(normed, gamma), beta); // [..., H]
}

/** LLaMA RMSNorm: w * x * rsqrt(mean(x^2) + eps); x [..., H] → [..., H]. */
export function rmsNorm(params: Params, prefix: string, x: tf.Tensor, eps: number): tf.Tensor {
  const w = param(params, `${prefix}.weight`); // [H]
  assertShape(x, [...x.shape.slice(0, -1).map(() => -1), w.shape[0]!], `${prefix} input`);
  const meanSquare = tf.mean(tf.square(x), -1, true); // [..., 1]
  return tf.mul(w, tf.mul(x, tf.rsqrt(tf.add(meanSquare, eps)))); // [..., H]
}
