// Activation functions by their Hugging Face names (ACT2FN). `gelu` is the exact erf form; tfjs' Erf
// kernel (Abramowitz–Stegun 7.1.26, error < 1.5e-7) and its exact gradient exist on every backend.
import * as tf from '@tensorflow/tfjs-core';
import { StudioError } from '../../common/errors';

const SQRT_HALF = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, SQRT_HALF)))); // same shape
}

/** GPT-2's tanh approximation. */
export function geluNew(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(SQRT_2_OVER_PI, tf.add(x, tf.mul(0.044715, tf.mul(x, tf.mul(x, x))))); // same shape
  return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(inner)));
}

export function silu(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, tf.sigmoid(x));
}

const ACTIVATIONS: Record<string, (x: tf.Tensor) => tf.Tensor> = {
  gelu,
  gelu_new: geluNew,
  gelu_pytorch_tanh: geluNew,
  silu,
  swish: silu,
  relu: (x) => tf.relu(x),
  tanh: (x) => tf.tanh(x),
};

export const SUPPORTED_ACTIVATIONS = Object.keys(ACTIVATIONS);

/** Throws a StudioError naming the activation when it is not supported. */
export function activation(name: string): (x: tf.Tensor) => tf.Tensor {
  const fn = ACTIVATIONS[name];
  if (fn === undefined) {
    throw new StudioError('unsupported', `Activation "${name}" is not supported (supported: ${SUPPORTED_ACTIVATIONS.join(', ')})`);
  }
  return fn;
}
