// Folding a LoRA adapter into the base weights (PEFT merge_and_unload): W += scaling · B·A, transposed for
// GPT-2's Conv1D [in, out] layout; modules_to_save replace their base tensors. The result is a plain model
// with no LoRA keys, to export or to run without the adapter's extra products.
import * as tf from '@tensorflow/tfjs-core';
import { StudioError } from '../../common/errors';
import { isLoraKey, loraAKey, loraBKey, TIED_ALIASES, type HostTensor, type LoraAdapter } from './adapter';

/** scaling · B·A in the base weight's layout: [out, in] for nn.Linear, [in, out] for Conv1D. */
export function loraDelta(adapter: LoraAdapter, module: string): HostTensor {
  const target = adapter.targets.find((t) => t.module === module);
  const a = adapter.tensors.get(loraAKey(module));
  const b = adapter.tensors.get(loraBKey(module));
  if (target === undefined || a === undefined || b === undefined) throw new StudioError('internal', `The adapter has no LoRA pair for "${module}"`);
  const data = tf.tidy(() => {
    const ba = tf.mul(tf.matMul(tf.tensor2d(b.data, [b.shape[0] as number, b.shape[1] as number]), tf.tensor2d(a.data, [a.shape[0] as number, a.shape[1] as number])), tf.scalar(adapter.scaling)); // [out, in]
    return (target.layout === 'conv1d' ? tf.transpose(ba) : ba).dataSync() as Float32Array; // [out, in] or [in, out]
  });
  const shape = target.layout === 'conv1d' ? [target.inFeatures, target.outFeatures] : [target.outFeatures, target.inFeatures];
  return { shape, data: Float32Array.from(data) };
}

/**
 * The base weights with the adapter merged in. Unchanged tensors are the same objects as in `base`; merged
 * ones are new arrays (`base` is not modified). LoRA keys never appear in the result. A module the adapter
 * saves in full (modules_to_save) replaces its base tensor; if it also has a LoRA pair (adapters made by
 * PEFT 0.5, which gave a saved module both), the update is added to the saved weight, as its forward computes.
 */
export function mergeLora(base: ReadonlyMap<string, HostTensor>, adapter: LoraAdapter): Map<string, HostTensor> {
  const out = new Map<string, HostTensor>();
  for (const [key, t] of base) if (!isLoraKey(key)) out.set(key, t);
  for (const [key, t] of adapter.tensors) {
    if (isLoraKey(key)) continue;
    if (!out.has(key)) throw new StudioError('bad_input', `Cannot merge the adapter: the base model has no "${key}"`);
    out.set(key, t);
  }
  // A checkpoint that also stores a tied alias (e.g. cls.predictions.decoder.bias beside cls.predictions.bias)
  // must not keep the stale copy: Transformers loads both into one tensor, and the last one read wins.
  for (const pairs of Object.values(TIED_ALIASES)) {
    for (const [alias, source] of Object.entries(pairs)) {
      const saved = adapter.tensors.get(source);
      const stale = out.get(alias);
      if (saved !== undefined && stale !== undefined && stale.shape.join() === saved.shape.join()) out.set(alias, saved);
    }
  }
  for (const target of adapter.targets) {
    const key = `${target.module}.weight`;
    const w = out.get(key);
    if (w === undefined) throw new StudioError('bad_input', `Cannot merge the adapter: the base model has no "${key}"`);
    const delta = loraDelta(adapter, target.module);
    if (w.shape.join() !== delta.shape.join()) {
      throw new StudioError('bad_input', `Cannot merge the adapter: "${key}" is [${w.shape}] but the LoRA update is [${delta.shape}]`);
    }
    const merged = new Float32Array(w.data.length);
    for (let i = 0; i < merged.length; i++) merged[i] = (w.data[i] as number) + (delta.data[i] as number);
    out.set(key, { shape: [...w.shape], data: merged });
  }
  return out;
}
