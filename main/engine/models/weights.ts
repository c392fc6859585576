// Matching a checkpoint's tensors to an architecture's expected weights: legacy names (LayerNorm
// gamma/beta, keys saved without the base prefix) are mapped to today's names, shapes are asserted
// with a message naming the tensor and both shapes, and tied aliases are resolved as HF ties them.
import * as tf from '@tensorflow/tfjs-core';
import { StudioError } from '../../common/errors';
import type { Architecture, BaseConfig, HeadKind, Params } from './types';

export interface WeightCheck {
  /** Expected (untied) weights the checkpoint lacks. */
  missing: string[];
  /** Checkpoint tensors the model does not use (e.g. BertForPreTraining's NSP head). */
  unexpected: string[];
  /** canonical name → name in the checkpoint, for every weight found. */
  found: Map<string, string>;
}

/** HF's own renames of old checkpoints (PreTrainedModel._fix_key). */
function legacyRename(name: string): string {
  return name.replace(/\.gamma$/, '.weight').replace(/\.beta$/, '.bias').replace(/LayerNorm\.gamma/, 'LayerNorm.weight').replace(/LayerNorm\.beta/, 'LayerNorm.bias');
}

export function checkWeights<C extends BaseConfig>(arch: Architecture<C>, config: C, shapes: ReadonlyMap<string, readonly number[]>, head?: HeadKind): WeightCheck {
  const specs = arch.expectedWeights(config, head);
  const expected = new Map(specs.map((s) => [s.name, s]));
  const found = new Map<string, string>();
  const unexpected: string[] = [];
  for (const [original, shape] of shapes) {
    let name = legacyRename(original);
    if (!expected.has(name) && expected.has(`${arch.basePrefix}.${name}`)) name = `${arch.basePrefix}.${name}`;
    const spec = expected.get(name);
    if (spec === undefined) {
      unexpected.push(original);
      continue;
    }
    if (spec.shape.length !== shape.length || spec.shape.some((d, i) => d !== shape[i])) {
      throw new StudioError('bad_input', `Weight "${original}" has shape [${shape.join(', ')}] in the checkpoint, but config.json implies [${spec.shape.join(', ')}]`);
    }
    if (spec.tied_to === undefined) found.set(name, original);
  }
  const missing = specs.filter((s) => s.tied_to === undefined && !found.has(s.name)).map((s) => s.name);
  return { missing, unexpected, found };
}

export interface CheckpointTensor {
  shape: readonly number[];
  data: Float32Array;
}

/**
 * tfjs tensors for every expected weight, keyed by canonical HF name. Throws StudioError naming
 * missing weights unless `allowMissing` (the caller then initialises them, e.g. a new classifier).
 * With `release`, each entry is deleted from `weights` once its tensor exists, so that a large model
 * is not held twice (host arrays and backend memory) while it loads.
 */
export function paramsFromCheckpoint<C extends BaseConfig>(arch: Architecture<C>, config: C, weights: ReadonlyMap<string, CheckpointTensor>, options: { head?: HeadKind; allowMissing?: boolean; release?: boolean } = {}): { params: Record<string, tf.Tensor>; check: WeightCheck } {
  const shapes = new Map([...weights].map(([name, t]) => [name, t.shape]));
  const check = checkWeights(arch, config, shapes, options.head);
  if (check.missing.length > 0 && !options.allowMissing) {
    const list = check.missing.slice(0, 5).join(', ') + (check.missing.length > 5 ? `, and ${check.missing.length - 5} more` : '');
    throw new StudioError('bad_input', `The checkpoint lacks ${check.missing.length} weight(s) that a ${arch.modelType} ${options.head ?? config.head} model needs: ${list}`);
  }
  const params: Record<string, tf.Tensor> = {};
  for (const [name, original] of check.found) {
    const t = weights.get(original)!;
    params[name] = tf.tensor(t.data, [...t.shape], 'float32');
    if (options.release) (weights as Map<string, CheckpointTensor>).delete(original);
  }
  return { params, check };
}

/** Disposes every tensor of a parameter map. */
export function disposeParams(params: Params): void {
  for (const t of Object.values(params)) t.dispose();
}

/** Number of scalar parameters (tied aliases counted once). */
export function parameterCount<C extends BaseConfig>(arch: Architecture<C>, config: C, head?: HeadKind): number {
  return arch.expectedWeights(config, head).filter((s) => s.tied_to === undefined).reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
}
