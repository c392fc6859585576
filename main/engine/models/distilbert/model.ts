// DistilBERT: word + position embeddings (no token types), post-LayerNorm layers whose attention
// scales q before the product, a masked-LM head with its own projector bias.
import * as tf from '@tensorflow/tfjs-core';
import { activation } from '../../layers/activations';
import { mergeHeads, paddingMask, scaledDotProductAttention, splitHeads } from '../../layers/attention';
import { embed } from '../../layers/embedding';
import { linear } from '../../layers/linear';
import { matmul2d } from '../../layers/matmul';
import { layerNorm } from '../../layers/norm';
import { param } from '../../layers/shapes';
import { loraOf, type Architecture, type BodyOutput } from '../types';
import { DISTILBERT_CLASSES, parseDistilBertConfig, type DistilBertConfig } from './config';
import { distilBertExpectedWeights } from './weights';

export const distilbert: Architecture<DistilBertConfig> = {
  modelType: 'distilbert',
  classes: DISTILBERT_CLASSES,
  heads: ['masked-lm', 'sequence-classification', 'token-classification'],
  basePrefix: 'distilbert',
  parseConfig: parseDistilBertConfig,
  expectedWeights: distilBertExpectedWeights,
  body(params, config, inputs, options): BodyOutput {
    const eps = config.layer_norm_eps;
    const lin = loraOf(options);
    const act = activation(config.activation);
    const heads = config.num_attention_heads;
    const words = embed(param(params, 'distilbert.embeddings.word_embeddings.weight') as tf.Tensor2D, inputs.ids, config.pad_token_id); // [B, T, H]
    const positions = tf.slice(param(params, 'distilbert.embeddings.position_embeddings.weight'), [0, 0], [inputs.length, -1]); // [T, H]
    let x = layerNorm(params, 'distilbert.embeddings.LayerNorm', tf.add(words, positions), eps) as tf.Tensor3D; // [B, T, H]
    const mask = paddingMask(inputs.mask); // [B, 1, 1, T]
    const states: tf.Tensor3D[] = [x];
    for (let i = 0; i < config.num_hidden_layers; i++) {
      const l = `distilbert.transformer.layer.${i}`;
      const q = splitHeads(linear(params, `${l}.attention.q_lin`, x, lin), heads); // [B, nh, T, D]
      const k = splitHeads(linear(params, `${l}.attention.k_lin`, x, lin), heads); // [B, nh, T, D]
      const v = splitHeads(linear(params, `${l}.attention.v_lin`, x, lin), heads); // [B, nh, T, D]
      const context = mergeHeads(scaledDotProductAttention(q, k, v, { mask, scaleQuery: true })); // [B, T, H]
      const attnOut = linear(params, `${l}.attention.out_lin`, context, lin); // [B, T, H]
      const sa = layerNorm(params, `${l}.sa_layer_norm`, tf.add(attnOut, x), eps); // [B, T, H]
      const ffn = linear(params, `${l}.ffn.lin2`, act(linear(params, `${l}.ffn.lin1`, sa, lin)), lin); // [B, T, H]
      x = layerNorm(params, `${l}.output_layer_norm`, tf.add(ffn, sa), eps) as tf.Tensor3D; // [B, T, H]
      states.push(x);
    }
    return { last: x, hiddenStates: states };
  },
  lmHead(params, config, rows, options) {
    const lin = loraOf(options);
    const t = activation(config.activation)(linear(params, 'vocab_transform', rows, lin)); // [N, H]
    const normed = layerNorm(params, 'vocab_layer_norm', t, config.layer_norm_eps) as tf.Tensor2D; // [N, H]
    const projector = config.tie_word_embeddings ? 'distilbert.embeddings.word_embeddings.weight' : 'vocab_projector.weight';
    return tf.add(matmul2d(normed, param(params, projector) as tf.Tensor2D, true), param(params, 'vocab_projector.bias')) as tf.Tensor2D; // [N, V]
  },
  sequenceHead(params, _config, last, _inputs, options) {
    const lin = loraOf(options);
    const first = tf.squeeze(tf.slice(last, [0, 0, 0], [-1, 1, -1]), [1]); // [B, H]
    const pooled = tf.relu(linear(params, 'pre_classifier', first, lin)); // [B, H]
    return linear(params, 'classifier', pooled, lin) as tf.Tensor2D; // [B, L]
  },
  tokenHead(params, _config, rows, options) {
    return linear(params, 'classifier', rows, loraOf(options)) as tf.Tensor2D; // [N, L]
  },
};
