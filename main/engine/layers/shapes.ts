// Shape assertions for layer inputs: a wrong shape fails loudly with the layer's name and both shapes,
// instead of broadcasting silently into a wrong answer.
import type * as tf from '@tensorflow/tfjs-core';
import { StudioError } from '../../common/errors';

/** `expected` entries of -1 match any size. */
export function assertShape(t: tf.Tensor, expected: readonly number[], what: string): void {
  const ok = t.shape.length === expected.length && expected.every((d, i) => d === -1 || t.shape[i] === d);
  if (!ok) {
    const want = `[${expected.map((d) => (d === -1 ? '*' : String(d))).join(', ')}]`;
    throw new StudioError('internal', `${what}: expected shape ${want}, got [${t.shape.join(', ')}]`);
  }
}

export function assertRank(t: tf.Tensor, rank: number, what: string): void {
  if (t.rank !== rank) throw new StudioError('internal', `${what}: expected rank ${rank}, got shape [${t.shape.join(', ')}]`);
}

/** A parameter by its Hugging Face name; a missing one is a clear error naming it. */
export function param(params: Readonly<Record<string, tf.Tensor>>, name: string): tf.Tensor {
  const t = params[name];
  if (t === undefined) throw new StudioError('bad_input', `The model has no weight named "${name}"`);
  return t;
}
