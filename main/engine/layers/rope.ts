// Rotary position embeddings in Hugging Face's "rotate_half" layout (first and second halves of each
// head dimension, not interleaved pairs). cos/sin are computed as torch does in float32:
// inv_freq = 1 / theta^(arange(0, D, 2) / D), freqs = t * inv_freq, emb = cat(freqs, freqs).
import * as tf from '@tensorflow/tfjs-core';
import { assertRank } from './shapes';

const f32 = Math.fround;

/** cos and sin tables [T, D] for positions 0..T-1. */
export function ropeTables(t: number, headDim: number, theta: number): { cos: tf.Tensor2D; sin: tf.Tensor2D } {
  const half = headDim / 2;
  const inv = new Float32Array(half);
  for (let i = 0; i < half; i++) inv[i] = f32(1 / f32(Math.pow(theta, f32((2 * i) / headDim))));
  const cos = new Float32Array(t * headDim);
  const sin = new Float32Array(t * headDim);
  for (let p = 0; p < t; p++) {
    for (let i = 0; i < half; i++) {
      const angle = f32(p * inv[i]!);
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      cos[p * headDim + i] = c;
      cos[p * headDim + half + i] = c;
      sin[p * headDim + i] = s;
      sin[p * headDim + half + i] = s;
    }
  }
  return { cos: tf.tensor2d(cos, [t, headDim]), sin: tf.tensor2d(sin, [t, headDim]) };
}

/** x [B, H, T, D] → x * cos + rotate_half(x) * sin, rotate_half(x) = cat(-x2, x1). */
export function applyRope(x: tf.Tensor4D, cos: tf.Tensor2D, sin: tf.Tensor2D): tf.Tensor4D {
  assertRank(x, 4, 'applyRope');
  const d = x.shape[3];
  const [x1, x2] = tf.split(x, [d / 2, d / 2], 3) as [tf.Tensor4D, tf.Tensor4D]; // 2 × [B, H, T, D/2]
  const rotated = tf.concat([tf.neg(x2), x1], 3); // [B, H, T, D]
  return tf.add(tf.mul(x, cos), tf.mul(rotated, sin)) as tf.Tensor4D; // cos/sin [T, D] broadcast
}
