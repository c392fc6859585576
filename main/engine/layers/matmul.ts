// Matrix products whose forward and backward passes use only plain 2-D matMul (no transpose flags,
// no batch dimension). On the wasm backend only that form takes the fast XNNPACK path (≈ 10–26
// GFLOP/s here against ≈ 1–1.6 for batched or transposed products): with it, plus the batch split
// below and native/tfjs-wasm-kernels.ts, a BERT-mini step at batch 16 takes ≈ 6.8 s here (22.7 s in
// a first version whose batch split went through the stock, whole-input-copying Split kernel).
// On other backends the same code is correct and cheap.
import * as tf from '@tensorflow/tfjs-core';
import { assertRank } from './shapes';

const BLOCK = 32;

/**
 * 2-D transpose. On wasm the plain kernel walks memory with large strides (≈ 3× slower on
 * activation-sized matrices than a blocked 4-D transpose of 32×32 tiles), so large matrices whose
 * sides divide into tiles go through the blocked form. No gradient needed: used inside customGrad.
 */
export function transpose2d(x: tf.Tensor2D): tf.Tensor2D {
  const [r, c] = x.shape;
  if (tf.getBackend() !== 'wasm' || r % BLOCK !== 0 || c % BLOCK !== 0 || r * c < 65536) return tf.transpose(x);
  const tiles = tf.reshape(x, [r / BLOCK, BLOCK, c / BLOCK, BLOCK]); // [R/b, b, C/b, b]
  return tf.reshape(tf.transpose(tiles, [2, 3, 0, 1]), [c, r]) as tf.Tensor2D; // [C, R]
}

function matmulForward(x: tf.Tensor2D, w: tf.Tensor2D, transposeB: boolean): tf.Tensor2D {
  const wKN = transposeB ? transpose2d(w) : w; // [K, N]
  return tf.matMul(x, wKN); // [M, N]
}

/** Gradients of x @ w (or x @ w^T) for dy [M, N], with plain 2-D products only. */
function matmulBackward(dy: tf.Tensor2D, x: tf.Tensor2D, w: tf.Tensor2D, transposeB: boolean): [tf.Tensor2D, tf.Tensor2D] {
  if (transposeB) {
    const dx = tf.matMul(dy, w) as tf.Tensor2D; // [M, N] @ [N, K] → [M, K]
    const dw = tf.matMul(transpose2d(dy), x) as tf.Tensor2D; // [N, M] @ [M, K] → [N, K]
    return [dx, dw];
  }
  const dx = tf.matMul(dy, transpose2d(w)) as tf.Tensor2D; // [M, N] @ [N, K] → [M, K]
  const dw = tf.matMul(transpose2d(x), dy) as tf.Tensor2D; // [K, M] @ [M, N] → [K, N]
  return [dx, dw];
}

function checkInner(a: tf.Tensor2D, b: tf.Tensor2D, transposeB: boolean): void {
  assertRank(a, 2, 'matmul2d a');
  assertRank(b, 2, 'matmul2d b');
  const k = transposeB ? b.shape[1] : b.shape[0];
  if (a.shape[1] !== k) throw new Error(`matmul2d: inner sizes differ: [${a.shape}] x [${b.shape}]${transposeB ? '^T' : ''}`);
}

/** a @ b, or a @ b^T when `transposeB`: a [M, K], b [K, N] (or [N, K]) → [M, N]. */
export function matmul2d(a: tf.Tensor2D, b: tf.Tensor2D, transposeB = false): tf.Tensor2D {
  checkInner(a, b, transposeB);
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([x, w]);
    return {
      value: matmulForward(x, w, transposeB),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => matmulBackward(dy as tf.Tensor2D, saved[0] as tf.Tensor2D, saved[1] as tf.Tensor2D, transposeB),
    };
  });
  return f(a, b) as tf.Tensor2D;
}

/**
 * Sums of the rows of x [N, C] → [C]. On wasm a reduction over the outer axis transposes first (slow
 * on activation-sized tensors); a [1, N] @ [N, C] product takes the XNNPACK path instead.
 */
export function columnSums(x: tf.Tensor2D): tf.Tensor1D {
  if (tf.getBackend() !== 'wasm') return tf.sum(x, 0);
  const ones = tf.ones([1, x.shape[0]]) as tf.Tensor2D; // [1, N]
  return tf.reshape(tf.matMul(ones, x), [x.shape[1]]) as tf.Tensor1D; // [C]
}

/** x @ w (or x @ w^T) + bias, with matmul2d's plain-matMul backward and bias gradient = column sums of dy. */
export function affine2d(x: tf.Tensor2D, w: tf.Tensor2D, bias: tf.Tensor1D, transposeB = false): tf.Tensor2D {
  checkInner(x, w, transposeB);
  const out = transposeB ? w.shape[0] : w.shape[1];
  if (bias.rank !== 1 || bias.shape[0] !== out) throw new Error(`affine2d: bias of shape [${bias.shape}] for ${out} outputs`);
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [xi, wi, bi, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    save([xi, wi]);
    const value = tf.add(matmulForward(xi, wi, transposeB), bi); // [M, N]
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
        const [dx, dw] = matmulBackward(dy as tf.Tensor2D, xs, ws, transposeB);
        return [dx, dw, columnSums(dy as tf.Tensor2D)];
      },
    };
  });
  return f(x, w, bias) as tf.Tensor2D;
}

/**
 * Batched product a @ b (or a @ b^T): a [N, M, K], b [N, K, P] (or [N, P, K]) → [N, M, P].
 * On wasm, batched and transposed matMul have no XNNPACK path (≈ 1 GFLOP/s), so the batch is split
 * into N plain 2-D products, forward and backward (≈ 4× faster with native/tfjs-wasm-kernels' O(slice)
 * SplitV); elsewhere it is one batched matMul.
 */
export function bmm(a: tf.Tensor3D, b: tf.Tensor3D, transposeB = false): tf.Tensor3D {
  assertRank(a, 3, 'bmm a');
  assertRank(b, 3, 'bmm b');
  if (tf.getBackend() !== 'wasm') return tf.matMul(a, b, false, transposeB); // [N, M, P]
  const [n, m, k] = a.shape;
  const p = transposeB ? b.shape[1] : b.shape[2];
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [x, y, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.GradSaveFunc];
    save([x, y]);
    const yKP = transposeB ? tf.transpose(y, [0, 2, 1]) : y; // [N, K, P]
    const value = tf.reshape(batchOfPlain(x, yKP), [n, m, p]); // [N, M, P]
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ys] = saved as [tf.Tensor3D, tf.Tensor3D];
        const dy3 = dy as tf.Tensor3D; // [N, M, P]
        const yPK = transposeB ? ys : tf.transpose(ys, [0, 2, 1]); // [N, P, K]
        const dx = tf.reshape(batchOfPlain(dy3, yPK), [n, m, k]); // dy y^T: [N, M, K]
        if (transposeB) {
          const dyT = tf.transpose(dy3, [0, 2, 1]); // [N, P, M]
          return [dx, tf.reshape(batchOfPlain(dyT, xs), [n, p, k])]; // dy^T x: [N, P, K]
        }
        const xT = tf.transpose(xs, [0, 2, 1]); // [N, K, M]
        return [dx, tf.reshape(batchOfPlain(xT, dy3), [n, k, p])]; // x^T dy: [N, K, P]
      },
    };
  });
  return f(a, b) as tf.Tensor3D;
}

/** x [N, M, K] @ y [N, K, P] as N plain 2-D products → [N*M, P]. */
function batchOfPlain(x: tf.Tensor3D, y: tf.Tensor3D): tf.Tensor2D {
  const [n, m, k] = x.shape;
  const p = y.shape[2];
  const xs = tf.split(tf.reshape(x, [n * m, k]), n, 0) as tf.Tensor2D[]; // N × [M, K]
  const ys = tf.split(tf.reshape(y, [n * k, p]), n, 0) as tf.Tensor2D[]; // N × [K, P]
  return tf.concat(xs.map((xi, i) => tf.matMul(xi, ys[i]!)), 0) as tf.Tensor2D; // [N*M, P]
}
