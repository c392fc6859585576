// BERT (BertForMaskedLM / ForSequenceClassification / ForTokenClassification) as functions over
// Hugging Face-named parameters. Embeddings = word + token type + position, then LayerNorm.
import * as tf from '@tensorflow/tfjs-core';
import { activation } from '../../layers/activations';
import { linear } from '../../layers/linear';
import { layerNorm } from '../../layers/norm';
import { param } from '../../layers/shapes';
import { matmul2d } from '../../layers/matmul';
import { loraOf, type Architecture, type BodyOutput, type ForwardOptions, type Params } from '../types';
import { BERT_CLASSES, parseBertConfig, type BertConfig } from './config';
import { bertEmbeddings, bertEncoder } from './encoder';
import { bertExpectedWeights } from './weights';

/** rows [N, H] → [N, V]: transform (dense, act, LayerNorm) then the tied decoder + bias. */
export function bertLmHead(params: Params, config: BertConfig, rows: tf.Tensor2D, options: ForwardOptions): tf.Tensor2D {
  const lin = loraOf(options);
  const t = activation(config.hidden_act)(linear(params, 'cls.predictions.transform.dense', rows, lin)); // [N, H]
  const normed = layerNorm(params, 'cls.predictions.transform.LayerNorm', t, config.layer_norm_eps) as tf.Tensor2D; // [N, H]
  const decoder = config.tie_word_embeddings ? 'bert.embeddings.word_embeddings.weight' : 'cls.predictions.decoder.weight';
  const logits = matmul2d(normed, param(params, decoder) as tf.Tensor2D, true); // [N, V]
  return tf.add(logits, param(params, 'cls.predictions.bias')) as tf.Tensor2D; // [N, V]
}

export const bert: Architecture<BertConfig> = {
  modelType: 'bert',
  classes: BERT_CLASSES,
  heads: ['masked-lm', 'sequence-classification', 'token-classification'],
  basePrefix: 'bert',
  parseConfig: parseBertConfig,
  expectedWeights: bertExpectedWeights,
  body(params, config, inputs, options): BodyOutput {
    const states = bertEncoder(params, config, 'bert', bertEmbeddings(params, config, 'bert', inputs, null), inputs, options);
    return { last: states[states.length - 1]!, hiddenStates: states };
  },
  lmHead: bertLmHead,
  sequenceHead(params, config, last, _inputs, options) {
    const lin = loraOf(options);
    const first = tf.squeeze(tf.slice(last, [0, 0, 0], [-1, 1, -1]), [1]); // [B, H]
    const pooled = tf.tanh(linear(params, 'bert.pooler.dense', first, lin)); // [B, H]
    return linear(params, 'classifier', pooled, lin) as tf.Tensor2D; // [B, L]
  },
  tokenHead(params, _config, rows, options) {
    return linear(params, 'classifier', rows, loraOf(options)) as tf.Tensor2D; // [N, L]
  },
};
