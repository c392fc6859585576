// RoBERTa: BERT's encoder with position ids offset by the padding index
// (cumsum(ids != pad) * (ids != pad) + pad: real tokens get pad+1, pad+2, …, pads get pad), and
// its own LM head (dense, gelu, layer_norm, tied decoder) and classification head.
import * as tf from '@tensorflow/tfjs-core';
import { StudioError } from '../../../common/errors';
import { gelu } from '../../layers/activations';
import { linear } from '../../layers/linear';
import { matmul2d } from '../../layers/matmul';
import { layerNorm } from '../../layers/norm';
import { param } from '../../layers/shapes';
import { bertEmbeddings, bertEncoder } from '../bert/encoder';
import { loraOf, type Architecture, type BodyOutput, type InputTensors } from '../types';
import { parseRobertaConfig, ROBERTA_CLASSES, type RobertaConfig } from './config';
import { robertaExpectedWeights } from './weights';

/** HF's create_position_ids_from_input_ids, as an int32 [B, T] tensor. */
function positionIds(config: RobertaConfig, inputs: InputTensors): tf.Tensor2D {
  const pad = config.pad_token_id ?? 1;
  if (inputs.length + pad + 1 > config.max_position_embeddings) {
    throw new StudioError('bad_input', `The input has ${inputs.length} tokens; this RoBERTa model takes at most ${config.max_position_embeddings - pad - 1}`);
  }
  const out = new Int32Array(inputs.batch * inputs.length);
  inputs.raw.input_ids.forEach((row, b) => {
    let count = 0;
    row.forEach((id, t) => {
      if (id !== pad) count += 1;
      out[b * inputs.length + t] = id !== pad ? count + pad : pad;
    });
  });
  return tf.tensor2d(out, [inputs.batch, inputs.length], 'int32'); // [B, T]
}

export const roberta: Architecture<RobertaConfig> = {
  modelType: 'roberta',
  classes: ROBERTA_CLASSES,
  heads: ['masked-lm', 'sequence-classification', 'token-classification'],
  basePrefix: 'roberta',
  parseConfig: parseRobertaConfig,
  expectedWeights: robertaExpectedWeights,
  body(params, config, inputs, options): BodyOutput {
    const embeddings = bertEmbeddings(params, config, 'roberta', inputs, positionIds(config, inputs)); // [B, T, H]
    const states = bertEncoder(params, config, 'roberta', embeddings, inputs, options);
    return { last: states[states.length - 1]!, hiddenStates: states };
  },
  lmHead(params, config, rows, options) {
    const lin = loraOf(options);
    const t = gelu(linear(params, 'lm_head.dense', rows, lin)); // [N, H]
    const normed = layerNorm(params, 'lm_head.layer_norm', t, config.layer_norm_eps) as tf.Tensor2D; // [N, H]
    const decoder = config.tie_word_embeddings ? 'roberta.embeddings.word_embeddings.weight' : 'lm_head.decoder.weight';
    return tf.add(matmul2d(normed, param(params, decoder) as tf.Tensor2D, true), param(params, 'lm_head.bias')) as tf.Tensor2D; // [N, V]
  },
  sequenceHead(params, _config, last, _inputs, options) {
    const lin = loraOf(options);
    const first = tf.squeeze(tf.slice(last, [0, 0, 0], [-1, 1, -1]), [1]); // [B, H]
    const hidden = tf.tanh(linear(params, 'classifier.dense', first, lin)); // [B, H]
    return linear(params, 'classifier.out_proj', hidden, lin) as tf.Tensor2D; // [B, L]
  },
  tokenHead(params, _config, rows, options) {
    return linear(params, 'classifier', rows, loraOf(options)) as tf.Tensor2D; // [N, L]
  },
};
