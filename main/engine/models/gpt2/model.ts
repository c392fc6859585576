// GPT-2: pre-LayerNorm causal decoder with Conv1D weights ([in, out]), q/k/v fused in c_attn,
// gelu_new MLP, final ln_f, LM head tied to wte. Causal mask then padding mask, both finfo.min.
import * as tf from '@tensorflow/tfjs-core';
import { activation } from '../../layers/activations';
import { causalMask, mergeHeads, paddingMask, scaledDotProductAttention, splitHeads } from '../../layers/attention';
import { embed } from '../../layers/embedding';
import { linear } from '../../layers/linear';
import { matmul2d } from '../../layers/matmul';
import { layerNorm } from '../../layers/norm';
import { param } from '../../layers/shapes';
import { lastTokenRows } from '../pooling';
import { loraOf, type Architecture, type BodyOutput } from '../types';
import { GPT2_CLASSES, parseGpt2Config, type Gpt2Config } from './config';
import { gpt2ExpectedWeights } from './weights';

export const gpt2: Architecture<Gpt2Config> = {
  modelType: 'gpt2',
  classes: GPT2_CLASSES,
  heads: ['causal-lm', 'sequence-classification', 'token-classification'],
  basePrefix: 'transformer',
  parseConfig: parseGpt2Config,
  expectedWeights: gpt2ExpectedWeights,
  body(params, config, inputs, options): BodyOutput {
    const eps = config.layer_norm_epsilon;
    const conv = { layout: 'conv1d' as const, ...loraOf(options) };
    const act = activation(config.activation_function);
    const heads = config.num_attention_heads;
    const h = config.hidden_size;
    const headDim = h / heads;
    const words = embed(param(params, 'transformer.wte.weight') as tf.Tensor2D, inputs.ids); // [B, T, H]
    const positions = tf.slice(param(params, 'transformer.wpe.weight'), [0, 0], [inputs.length, -1]); // [T, H]
    let x = tf.add(words, positions) as tf.Tensor3D; // [B, T, H]
    const mask = tf.add(causalMask(inputs.length), paddingMask(inputs.mask)); // [B, 1, T, T]
    const states: tf.Tensor3D[] = [x];
    for (let i = 0; i < config.num_hidden_layers; i++) {
      const l = `transformer.h.${i}`;
      const a = layerNorm(params, `${l}.ln_1`, x, eps); // [B, T, H]
      const qkv = linear(params, `${l}.attn.c_attn`, a, conv); // [B, T, 3H]
      const [q, k, v] = tf.split(qkv, 3, 2).map((t) => splitHeads(t, heads)) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D]; // [B, nh, T, D]
      let scale = config.scale_attn_weights ? 1 / Math.sqrt(headDim) : 1;
      if (config.scale_attn_by_inverse_layer_idx) scale /= i + 1;
      const context = mergeHeads(scaledDotProductAttention(q, k, v, { mask, scale })); // [B, T, H]
      x = tf.add(x, linear(params, `${l}.attn.c_proj`, context, conv)) as tf.Tensor3D; // [B, T, H]
      const m = layerNorm(params, `${l}.ln_2`, x, eps); // [B, T, H]
      const mlp = linear(params, `${l}.mlp.c_proj`, act(linear(params, `${l}.mlp.c_fc`, m, conv)), conv); // [B, T, H]
      x = tf.add(x, mlp) as tf.Tensor3D; // [B, T, H]
      if (i < config.num_hidden_layers - 1) states.push(x);
    }
    const last = layerNorm(params, 'transformer.ln_f', x, eps) as tf.Tensor3D; // [B, T, H]
    states.push(last);
    return { last, hiddenStates: states };
  },
  lmHead(params, config, rows) {
    const weight = config.tie_word_embeddings ? 'transformer.wte.weight' : 'lm_head.weight';
    return matmul2d(rows, param(params, weight) as tf.Tensor2D, true); // [N, V]
  },
  sequenceHead(params, _config, last, inputs, options) {
    return linear(params, 'score', lastTokenRows(last, inputs), loraOf(options)) as tf.Tensor2D; // [B, L]
  },
  tokenHead(params, _config, rows, options) {
    return linear(params, 'classifier', rows, loraOf(options)) as tf.Tensor2D; // [N, L]
  },
};
