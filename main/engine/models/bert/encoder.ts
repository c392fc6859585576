// The BERT encoder stack (also RoBERTa's): post-LayerNorm transformer layers with padding masks.
// `prefix` is the bare model's key prefix ("bert" or "roberta").
import * as tf from '@tensorflow/tfjs-core';
import { activation } from '../../layers/activations';
import { mergeHeads, paddingMask, scaledDotProductAttention, splitHeads } from '../../layers/attention';
import { embed } from '../../layers/embedding';
import { linear } from '../../layers/linear';
import { param } from '../../layers/shapes';
import { layerNorm } from '../../layers/norm';
import { loraOf, type ForwardOptions, type InputTensors, type Params } from '../types';
import type { BertConfig } from './config';

/**
 * [B, T] → [B, T, H]: (word + token type) + position embeddings, then LayerNorm, in HF's order.
 * `positionIds` null means 0..T-1 (BERT); RoBERTa passes its padding-offset ids, whose padding row,
 * like the word padding row, gets no gradient from the lookup.
 */
export function bertEmbeddings(params: Params, config: BertConfig, prefix: string, inputs: InputTensors, positionIds: tf.Tensor2D | null): tf.Tensor3D {
  const p = `${prefix}.embeddings`;
  const words = embed(param(params, `${p}.word_embeddings.weight`) as tf.Tensor2D, inputs.ids, config.pad_token_id); // [B, T, H]
  const types = inputs.tokenTypes ?? (tf.zeros([inputs.batch, inputs.length], 'int32') as tf.Tensor2D); // [B, T]
  const typeEmb = embed(param(params, `${p}.token_type_embeddings.weight`) as tf.Tensor2D, types); // [B, T, H]
  const positionTable = param(params, `${p}.position_embeddings.weight`) as tf.Tensor2D; // [P, H]
  const positions = positionIds === null
    ? tf.slice(positionTable, [0, 0], [inputs.length, -1]) // [T, H]
    : embed(positionTable, positionIds, config.pad_token_id); // [B, T, H]
  const sum = tf.add(tf.add(words, typeEmb), positions); // [B, T, H]
  return layerNorm(params, `${p}.LayerNorm`, sum, config.layer_norm_eps) as tf.Tensor3D;
}

/** embeddings [B, T, H] → hidden states: [embeddings, layer 1 out, …, layer N out]. */
export function bertEncoder(params: Params, config: BertConfig, prefix: string, embeddings: tf.Tensor3D, inputs: InputTensors, options: ForwardOptions): tf.Tensor3D[] {
  const act = activation(config.hidden_act);
  const heads = config.num_attention_heads;
  const eps = config.layer_norm_eps;
  const lin = loraOf(options);
  const mask = paddingMask(inputs.mask); // [B, 1, 1, T]
  const states: tf.Tensor3D[] = [embeddings];
  let x = embeddings; // [B, T, H]
  for (let i = 0; i < config.num_hidden_layers; i++) {
    const l = `${prefix}.encoder.layer.${i}`;
    const q = splitHeads(linear(params, `${l}.attention.self.query`, x, lin), heads); // [B, nh, T, D]
    const k = splitHeads(linear(params, `${l}.attention.self.key`, x, lin), heads); // [B, nh, T, D]
    const v = splitHeads(linear(params, `${l}.attention.self.value`, x, lin), heads); // [B, nh, T, D]
    const context = mergeHeads(scaledDotProductAttention(q, k, v, { mask })); // [B, T, H]
    const attnOut = linear(params, `${l}.attention.output.dense`, context, lin); // [B, T, H]
    const x1 = layerNorm(params, `${l}.attention.output.LayerNorm`, tf.add(attnOut, x), eps); // [B, T, H]
    const inner = act(linear(params, `${l}.intermediate.dense`, x1, lin)); // [B, T, I]
    const out = linear(params, `${l}.output.dense`, inner, lin); // [B, T, H]
    x = layerNorm(params, `${l}.output.LayerNorm`, tf.add(out, x1), eps) as tf.Tensor3D; // [B, T, H]
    states.push(x);
  }
  return states;
}
