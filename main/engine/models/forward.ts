// The generic forward pass and losses over any registered architecture: builds the input tensors,
// runs the body, applies the head. Losses compute the head only on labelled rows (the same numbers
// as Hugging Face, which computes every row and then ignores the -100 ones).
import * as tf from '@tensorflow/tfjs-core';
import { StudioError } from '../../common/errors';
import { gatherRows } from '../layers/embedding';
import { crossEntropy, IGNORE_INDEX, meanSquaredError } from '../layers/loss';
import type { Architecture, BaseConfig, ForwardOptions, HeadKind, InputTensors, ModelInputs, Params } from './types';

function matrix(rows: readonly (readonly number[])[], b: number, t: number, what: string): Int32Array {
  if (rows.length !== b) throw new StudioError('bad_input', `${what} has ${rows.length} rows, input_ids has ${b}`);
  const out = new Int32Array(b * t);
  rows.forEach((row, i) => {
    if (row.length !== t) throw new StudioError('bad_input', `${what} row ${i} has ${row.length} entries, expected ${t} (pad the batch to one length)`);
    row.forEach((v, j) => {
      if (!Number.isInteger(v)) throw new StudioError('bad_input', `${what}[${i}][${j}] = ${v} is not an integer`);
      out[i * t + j] = v;
    });
  });
  return out;
}

/** Validates a batch against the config and makes its tensors (call inside tf.tidy). */
export function toInputTensors(config: BaseConfig, inputs: ModelInputs): InputTensors {
  const b = inputs.input_ids.length;
  const t = inputs.input_ids[0]?.length ?? 0;
  if (b === 0 || t === 0) throw new StudioError('bad_input', 'The batch is empty: give at least one token');
  if (t > config.max_position_embeddings) {
    throw new StudioError('bad_input', `The input has ${t} tokens; this model takes at most ${config.max_position_embeddings}`);
  }
  const ids = matrix(inputs.input_ids, b, t, 'input_ids');
  const bad = ids.findIndex((id) => id < 0 || id >= config.vocab_size);
  if (bad >= 0) throw new StudioError('bad_input', `Token id ${ids[bad]} is outside the vocabulary (0..${config.vocab_size - 1})`);
  const mask = inputs.attention_mask ? matrix(inputs.attention_mask, b, t, 'attention_mask') : new Int32Array(b * t).fill(1);
  const types = inputs.token_type_ids ? matrix(inputs.token_type_ids, b, t, 'token_type_ids') : null;
  return {
    ids: tf.tensor2d(ids, [b, t], 'int32'), // [B, T]
    mask: tf.tensor2d(Float32Array.from(mask), [b, t]), // [B, T]
    tokenTypes: types === null ? null : tf.tensor2d(types, [b, t], 'int32'), // [B, T]
    batch: b,
    length: t,
    raw: inputs,
  };
}

export interface ForwardResult {
  /** [B, T, V] for LM and token heads, [B, num_labels] for sequence classification. */
  logits: tf.Tensor;
  /** num_hidden_layers + 1 tensors [B, T, H] (HF's output_hidden_states). */
  hiddenStates: tf.Tensor3D[];
}

export interface RunOptions extends ForwardOptions {
  head?: HeadKind;
}

function headOf<C extends BaseConfig>(arch: Architecture<C>, config: C, options: RunOptions): HeadKind {
  const head = options.head ?? config.head;
  if (!arch.heads.includes(head)) throw new StudioError('unsupported', `${arch.modelType} has no ${head} head (it has: ${arch.heads.join(', ')})`);
  return head;
}

/** Logits and hidden states for a batch. Tensors returned are the caller's to dispose. */
export function forward<C extends BaseConfig>(arch: Architecture<C>, params: Params, config: C, inputs: ModelInputs, options: RunOptions = {}): ForwardResult {
  const head = headOf(arch, config, options);
  return tf.tidy(() => {
    const x = toInputTensors(config, inputs);
    const { last, hiddenStates } = arch.body(params, config, x, options); // [B, T, H]
    const h = last.shape[2];
    let logits: tf.Tensor;
    if (head === 'sequence-classification') {
      logits = arch.sequenceHead!(params, config, last, x, options); // [B, L]
    } else {
      const rows = tf.reshape(last, [-1, h]) as tf.Tensor2D; // [B*T, H]
      const out = head === 'token-classification' ? arch.tokenHead!(params, config, rows, options) : arch.lmHead(params, config, rows, options); // [B*T, V|L]
      logits = tf.reshape(out, [x.batch, x.length, -1]); // [B, T, V|L]
    }
    return { logits, hiddenStates };
  });
}

/** Labels: [B][T] with -100 ignored for LM and token heads; [B] for sequence classification. */
export type Labels = readonly (readonly number[])[] | readonly number[];

/** (row index into the flattened [B*T] positions, target) for every counted label. */
function labelledRows(labels: readonly (readonly number[])[], b: number, t: number, shift: boolean): { rows: number[]; targets: number[] } {
  if (labels.length !== b) throw new StudioError('bad_input', `labels has ${labels.length} rows, input_ids has ${b}`);
  const rows: number[] = [];
  const targets: number[] = [];
  labels.forEach((row, i) => {
    if (row.length !== t) throw new StudioError('bad_input', `labels row ${i} has ${row.length} entries, expected ${t}`);
    for (let j = 0; j < t; j++) {
      const target = shift ? row[j + 1] : row[j];
      if (target === undefined || target === IGNORE_INDEX) continue;
      rows.push(i * t + j);
      targets.push(target);
    }
  });
  return { rows, targets };
}

/**
 * The loss HF's model computes with `labels=`: masked LM and token classification: mean CE over
 * labels != -100; causal LM: shifted (position j predicts label j+1); sequence classification: CE, or
 * MSE when problem_type is regression. Returns a scalar (dispose it, or use inside tf.grads).
 */
export function loss<C extends BaseConfig>(arch: Architecture<C>, params: Params, config: C, inputs: ModelInputs, labels: Labels, options: RunOptions = {}): tf.Scalar {
  const head = headOf(arch, config, options);
  return tf.tidy(() => {
    const x = toInputTensors(config, inputs);
    const { last } = arch.body(params, config, x, options); // [B, T, H]
    if (head === 'sequence-classification') {
      const flat = labels as readonly number[];
      if (flat.length !== x.batch || flat.some((l) => typeof l !== 'number')) {
        throw new StudioError('bad_input', `Sequence classification needs one label per row (${x.batch})`);
      }
      const logits = arch.sequenceHead!(params, config, last, x, options); // [B, L]
      return config.problem_type === 'regression' ? meanSquaredError(logits, flat) : crossEntropy(logits, flat);
    }
    const { rows, targets } = labelledRows(labels as readonly (readonly number[])[], x.batch, x.length, head === 'causal-lm');
    if (rows.length === 0) throw new StudioError('bad_input', 'No labelled position in the batch (every label is -100)');
    const flatHidden = tf.reshape(last, [-1, last.shape[2]]) as tf.Tensor2D; // [B*T, H]
    const picked = gatherRows(flatHidden, tf.tensor1d(rows, 'int32')); // [N, H]
    const logits = head === 'token-classification' ? arch.tokenHead!(params, config, picked, options) : arch.lmHead(params, config, picked, options); // [N, V|L]
    return crossEntropy(logits, targets);
  });
}
