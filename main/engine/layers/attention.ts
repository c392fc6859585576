// Multi-head scaled dot-product attention with additive masks as Hugging Face builds them:
// padding adds (1 - mask) * finfo(float32).min, the causal mask adds finfo.min above the diagonal,
// so a position masked by both becomes -inf (as LLaMA's sum does). Grouped-query attention shares
// each key/value head among numHeads / numKvHeads consecutive query heads (repeat_kv).
import * as tf from '@tensorflow/tfjs-core';
import { bmm } from './matmul';
import { assertRank, assertShape } from './shapes';

/** torch.finfo(torch.float32).min */
export const FLOAT32_MIN = -3.4028234663852886e38;

/** attention_mask [B][T] of 0/1 → additive mask [B, 1, 1, T]. */
export function paddingMask(mask: tf.Tensor2D): tf.Tensor4D {
  const [b, t] = mask.shape;
  const add = tf.mul(tf.sub(1, tf.cast(mask, 'float32')), FLOAT32_MIN); // [B, T]
  return tf.reshape(add, [b, 1, 1, t]) as tf.Tensor4D; // [B, 1, 1, T]
}

/** Additive causal mask [1, 1, T, T]: 0 on and below the diagonal, finfo.min above. */
export function causalMask(t: number): tf.Tensor4D {
  const values = new Float32Array(t * t);
  for (let i = 0; i < t; i++) for (let j = i + 1; j < t; j++) values[i * t + j] = FLOAT32_MIN;
  return tf.tensor4d(values, [1, 1, t, t]); // [1, 1, T, T]
}

/** [B, T, H*D] → [B, H, T, D] */
export function splitHeads(x: tf.Tensor, heads: number): tf.Tensor4D {
  assertRank(x, 3, 'splitHeads');
  const [b, t, c] = x.shape as [number, number, number];
  return tf.transpose(tf.reshape(x, [b, t, heads, c / heads]), [0, 2, 1, 3]) as tf.Tensor4D; // [B, H, T, D]
}

/** [B, H, T, D] → [B, T, H*D] */
export function mergeHeads(x: tf.Tensor4D): tf.Tensor3D {
  const [b, h, t, d] = x.shape;
  return tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [b, t, h * d]) as tf.Tensor3D; // [B, T, H*D]
}

/** [B, Hkv, T, D] → [B, Hkv*groups, T, D], each kv head repeated for `groups` consecutive query heads. */
export function repeatKv(x: tf.Tensor4D, groups: number): tf.Tensor4D {
  if (groups === 1) return x;
  const [b, h, t, d] = x.shape;
  // rank 3 because tfjs has no Tile gradient above rank 4: [B*Hkv, 1, T*D] → [B*Hkv, G, T*D]
  const expanded = tf.tile(tf.reshape(x, [b * h, 1, t * d]), [1, groups, 1]); // [B*Hkv, G, T*D]
  return tf.reshape(expanded, [b, h * groups, t, d]) as tf.Tensor4D; // [B, H, T, D]
}

export interface AttentionOptions {
  /** Additive mask broadcastable to [B, H, T, S], or null. */
  mask: tf.Tensor | null;
  /** Multiplies the scores (1/sqrt(D) by default). */
  scale?: number;
  /** Scale q before the product instead of the scores after it (DistilBERT's order). */
  scaleQuery?: boolean;
}

/** q [B, H, T, D], k and v [B, H, S, D] → [B, H, T, D]. */
export function scaledDotProductAttention(q: tf.Tensor4D, k: tf.Tensor4D, v: tf.Tensor4D, options: AttentionOptions): tf.Tensor4D {
  const [b, h, t, d] = q.shape;
  const s = k.shape[2];
  assertShape(k, [b, h, s, d], 'attention keys');
  assertShape(v, [b, h, s, d], 'attention values');
  const scale = options.scale ?? 1 / Math.sqrt(d);
  const q3 = tf.reshape(options.scaleQuery ? tf.mul(q, scale) : q, [b * h, t, d]) as tf.Tensor3D; // [B*H, T, D]
  const k3 = tf.reshape(k, [b * h, s, d]) as tf.Tensor3D; // [B*H, S, D]
  const v3 = tf.reshape(v, [b * h, s, d]) as tf.Tensor3D; // [B*H, S, D]
  let scores: tf.Tensor = tf.reshape(bmm(q3, k3, true), [b, h, t, s]); // [B, H, T, S]
  if (!options.scaleQuery) scores = tf.mul(scores, scale);
  if (options.mask !== null) scores = tf.add(scores, options.mask); // [B, H, T, S]
  const probs = tf.softmax(scores, -1); // [B, H, T, S]
  const out = bmm(tf.reshape(probs, [b * h, t, s]) as tf.Tensor3D, v3); // [B*H, T, D]
  return tf.reshape(out, [b, h, t, d]) as tf.Tensor4D; // [B, H, T, D]
}
