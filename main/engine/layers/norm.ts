// LayerNorm (biased variance, as torch) and LLaMA's RMSNorm, over the last axis, in float32.
import * as tf from '@tensorflow/tfjs-core';
import { columnSums } from './matmul';
import { assertShape, param } from './shapes';
import type { Params } from './linear';

/**
 * x [..., H] → [..., H] with `${prefix}.weight` and `${prefix}.bias` [H]. The backward pass is
 * torch's closed form (dx = rstd · (g − mean(g) − x̂ · mean(g · x̂)), g = dy · γ), a few ops instead
 * of autograd's chain through mean and variance.
 */
export function layerNorm(params: Params, prefix: string, x: tf.Tensor, eps: number): tf.Tensor {
  const gamma = param(params, `${prefix}.weight`) as tf.Tensor1D; // [H]
  const beta = param(params, `${prefix}.bias`) as tf.Tensor1D; // [H]
  const h = gamma.shape[0];
  assertShape(x, [...x.shape.slice(0, -1).map(() => -1), h], `${prefix} input`);
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [xi, g, b, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const mean = tf.mean(xi, -1, true); // [N, 1]
    const centered = tf.sub(xi, mean); // [N, H]
    const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(centered), -1, true), eps)); // [N, 1]
    const normed = tf.mul(centered, rstd); // [N, H]
    save([normed, rstd, g]);
    return {
      value: tf.add(tf.mul(normed, g), b), // [N, H]
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xHat, r, gs] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
        const dy2 = dy as tf.Tensor2D; // [N, H]
        const gy = tf.mul(dy2, gs); // [N, H]
        const inner = tf.sub(tf.sub(gy, tf.mean(gy, -1, true)), tf.mul(xHat, tf.mean(tf.mul(gy, xHat), -1, true))); // [N, H]
        return [tf.mul(inner, r), columnSums(tf.mul(dy2, xHat) as tf.Tensor2D), columnSums(dy2)];
      },
    };
  });
  const y = f(tf.reshape(x, [-1, h]), gamma, beta); // [N, H]
  return tf.reshape(y, x.shape); // [..., H]
}

/** LLaMA RMSNorm: w * x * rsqrt(mean(x^2) + eps); x [..., H] → [..., H]. */
export function rmsNorm(params: Params, prefix: string, x: tf.Tensor, eps: number): tf.Tensor {
  const w = param(params, `${prefix}.weight`); // [H]
  assertShape(x, [...x.shape.slice(0, -1).map(() => -1), w.shape[0]!], `${prefix} input`);
  const meanSquare = tf.mean(tf.square(x), -1, true); // [..., 1]
  return tf.mul(w, tf.mul(x, tf.rsqrt(tf.add(meanSquare, eps)))); // [..., H]
}
