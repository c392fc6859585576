// Moving parameters between host memory (Float32Arrays, as safetensors files hold them) and tfjs:
// trainable Variables for the optimizer, plain tensors for frozen weights, and back for checkpoints.
import * as tf from '@tensorflow/tfjs-core';

/** A tensor in host memory, row-major float32. */
export interface HostTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

function checked(name: string, t: HostTensor): number[] {
  const shape = [...t.shape];
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== t.data.length) throw new Error(`parameter '${name}': shape [${shape}] does not match its ${t.data.length} values`);
  return shape;
}

/** A Variable holding `initial`'s data; the tensor object itself is disposed (the Variable keeps the data). */
export function variableFrom(initial: tf.Tensor, trainable: boolean): tf.Variable {
  const v = tf.variable(initial, trainable);
  initial.dispose();
  return v;
}

/** Trainable tf.Variables, one per host tensor (the data is copied). */
export function toVariables(host: ReadonlyMap<string, HostTensor>, keys: Iterable<string> = host.keys()): Map<string, tf.Variable> {
  const out = new Map<string, tf.Variable>();
  try {
    for (const name of keys) {
      const t = host.get(name);
      if (t === undefined) throw new Error(`no parameter named '${name}'`);
      out.set(name, variableFrom(tf.tensor(t.data, checked(name, t), 'float32'), true));
    }
  } catch (error) {
    for (const v of out.values()) v.dispose();
    throw error;
  }
  return out;
}

/** Constant tensors (frozen weights), one per host tensor. */
export function toTensors(host: ReadonlyMap<string, HostTensor>, keys: Iterable<string> = host.keys()): Map<string, tf.Tensor> {
  const out = new Map<string, tf.Tensor>();
  try {
    for (const name of keys) {
      const t = host.get(name);
      if (t === undefined) throw new Error(`no parameter named '${name}'`);
      out.set(name, tf.tensor(t.data, checked(name, t), 'float32'));
    }
  } catch (error) {
    tf.dispose([...out.values()]);
    throw error;
  }
  return out;
}

/** Copies tensors back to host memory. */
export async function toHost(tensors: ReadonlyMap<string, tf.Tensor>): Promise<Map<string, HostTensor>> {
  const out = new Map<string, HostTensor>();
  for (const [name, t] of tensors) out.set(name, { shape: [...t.shape], data: Float32Array.from(await t.data()) });
  return out;
}

export function disposeAll(tensors: ReadonlyMap<string, tf.Tensor> | Iterable<tf.Tensor>): void {
  const list = tensors instanceof Map ? [...tensors.values()] : [...(tensors as Iterable<tf.Tensor>)];
  tf.dispose(list);
}

/**
 * Trainable Variables from a parameter record (as models/weights.ts builds it). The Variables share the
 * tensors' storage; the record's tensors are disposed, so only the Variables hold it afterwards.
 */
export function variablesFromParams(params: Readonly<Record<string, tf.Tensor>>, keys: Iterable<string> = Object.keys(params)): Map<string, tf.Variable> {
  const out = new Map<string, tf.Variable>();
  for (const name of keys) {
    const t = params[name];
    if (t === undefined) throw new Error(`no parameter named '${name}'`);
    out.set(name, variableFrom(t, true));
  }
  return out;
}

/** Overwrites Variables with host values (a checkpoint's); the names and shapes must match exactly. */
export function assignFromHost(vars: ReadonlyMap<string, tf.Variable>, host: ReadonlyMap<string, HostTensor>): void {
  const missing = [...vars.keys()].filter((k) => !host.has(k));
  const extra = [...host.keys()].filter((k) => !vars.has(k));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [missing.length > 0 ? `missing ${missing.slice(0, 3).join(', ')}` : '', extra.length > 0 ? `unexpected ${extra.slice(0, 3).join(', ')}` : ''].filter(Boolean);
    throw new Error(`the saved parameters do not match this model's trainable parameters: ${parts.join('; ')}`);
  }
  for (const [name, v] of vars) {
    const t = host.get(name) as HostTensor;
    if (t.shape.join() !== v.shape.join()) throw new Error(`saved parameter '${name}' has shape [${t.shape}] but the model's is [${v.shape}]`);
  }
  for (const [name, v] of vars) {
    const t = host.get(name) as HostTensor;
    tf.tidy(() => v.assign(tf.tensor(t.data, [...t.shape], 'float32')));
  }
}
