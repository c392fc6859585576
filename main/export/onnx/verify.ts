// The export's parity check: the written .onnx file runs in onnxruntime-node on test batches (two
// shapes, padding included, so the dynamic batch and sequence axes are exercised) and its logits are
// compared with our engine's forward pass on the same weights.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../native/tfjs-backend';
import { StudioError } from '../../common/errors';
import { forward } from '../../engine/models/forward';
import type { ModelSpec } from '../../engine/models/registry';
import type { HeadKind, ModelInputs } from '../../engine/models/types';
import { disposeParams, paramsFromCheckpoint } from '../../engine/models/weights';
import type { HostTensor } from './layers';
import { openOnnxSession } from './run';

export interface ParityReport {
  /** Largest |ONNX − engine| over every logit of every batch. */
  max_abs_error: number;
  tolerance: number;
  /** Number of sequences checked. */
  inputs_checked: number;
  /** The [batch, sequence] shapes checked. */
  shapes: number[][];
}

/** Deterministic test batches for a model: [2, T] with the second row right-padded, then [1, T'] with T' ≠ T. */
export function parityBatches(spec: ModelSpec, takesTokenTypes: boolean): ModelInputs[] {
  const { config } = spec;
  const pad = config.pad_token_id ?? 0;
  // RoBERTa positions start after the padding index
  const room = spec.arch.modelType === 'roberta' ? config.max_position_embeddings - pad - 1 : config.max_position_embeddings;
  const long = Math.max(1, Math.min(12, room));
  const short = Math.max(1, Math.min(5, room - 1));
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % config.vocab_size;
  };
  const batch = (rows: number, length: number, padded: number[]): ModelInputs => {
    const input_ids: number[][] = [];
    const attention_mask: number[][] = [];
    const token_type_ids: number[][] = [];
    for (let b = 0; b < rows; b++) {
      const real = Math.max(1, length - (padded[b] ?? 0));
      input_ids.push(Array.from({ length }, (_, t) => (t < real ? next() : pad)));
      attention_mask.push(Array.from({ length }, (_, t) => (t < real ? 1 : 0)));
      token_type_ids.push(Array.from({ length }, (_, t) => (t >= Math.ceil(real / 2) && t < real ? 1 : 0)));
    }
    return takesTokenTypes ? { input_ids, attention_mask, token_type_ids } : { input_ids, attention_mask };
  };
  return [batch(2, long, [0, Math.min(3, long - 1)]), batch(1, short, [0])];
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}

/** Runs `file` and our engine on the batches; throws StudioError('internal') above `tolerance`. */
export async function checkParity(
  file: string,
  spec: ModelSpec,
  weights: ReadonlyMap<string, HostTensor>,
  head: HeadKind,
  batches: readonly ModelInputs[],
  tolerance = 1e-4,
): Promise<ParityReport> {
  await initBackend();
  const session = await openOnnxSession(file);
  const { params } = paramsFromCheckpoint(spec.arch, spec.config, weights, { head });
  let worst = 0;
  try {
    for (const batch of batches) {
      const onnx = await session.run(batch);
      const out = forward(spec.arch, params, spec.config, batch, { head });
      const expected = (await out.logits.data()) as Float32Array;
      const dims = out.logits.shape;
      tf.dispose([out.logits, ...out.hiddenStates]);
      if (onnx.dims.join() !== dims.join()) {
        throw new StudioError('internal', `The exported ONNX model gives logits [${onnx.dims}] where the engine gives [${dims}]`);
      }
      worst = Math.max(worst, maxAbsDiff(onnx.logits, expected));
    }
  } finally {
    disposeParams(params);
    await session.release();
  }
  const shapes = batches.map((b) => [b.input_ids.length, b.input_ids[0]?.length ?? 0]);
  if (!(worst <= tolerance)) {
    throw new StudioError('internal', `The exported ONNX model does not reproduce the model: its logits differ from the engine's by up to ${worst} (allowed ${tolerance}) on inputs of shapes ${shapes.map((s) => `[${s}]`).join(', ')}`);
  }
  return { max_abs_error: worst, tolerance, inputs_checked: batches.reduce((n, b) => n + b.input_ids.length, 0), shapes };
}
