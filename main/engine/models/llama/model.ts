// LLaMA: pre-RMSNorm causal decoder, RoPE (rotate_half, rope_theta) on q and k, grouped-query
// attention (repeat_kv), SwiGLU MLP down(silu(gate(x)) * up(x)), final norm, untied or tied head.
import * as tf from '@tensorflow/tfjs-core';
import { silu } from '../../layers/activations';
import { causalMask, mergeHeads, paddingMask, repeatKv, scaledDotProductAttention, splitHeads } from '../../layers/attention';
import { embed } from '../../layers/embedding';
import { linear } from '../../layers/linear';
import { matmul2d } from '../../layers/matmul';
import { rmsNorm } from '../../layers/norm';
import { applyRope, ropeTables } from '../../layers/rope';
import { param } from '../../layers/shapes';
import { lastTokenRows } from '../pooling';
import { loraOf, type Architecture, type BodyOutput } from '../types';
import { LLAMA_CLASSES, parseLlamaConfig, type LlamaConfig } from './config';
import { llamaExpectedWeights } from './weights';

export const llama: Architecture<LlamaConfig> = {
  modelType: 'llama',
  classes: LLAMA_CLASSES,
  heads: ['causal-lm', 'sequence-classification'],
  basePrefix: 'model',
  parseConfig: parseLlamaConfig,
  expectedWeights: llamaExpectedWeights,
  body(params, config, inputs, options): BodyOutput {
    const eps = config.rms_norm_eps;
    const lin = loraOf(options);
    const heads = config.num_attention_heads;
    const kvHeads = config.num_key_value_heads;
    let x = embed(param(params, 'model.embed_tokens.weight') as tf.Tensor2D, inputs.ids); // [B, T, H]
    const mask = tf.add(causalMask(inputs.length), paddingMask(inputs.mask)); // [B, 1, T, T]
    const { cos, sin } = ropeTables(inputs.length, config.head_dim, config.rope_theta); // [T, D]
    const states: tf.Tensor3D[] = [x];
    for (let i = 0; i < config.num_hidden_layers; i++) {
      const l = `model.layers.${i}`;
      const a = rmsNorm(params, `${l}.input_layernorm`, x, eps); // [B, T, H]
      const q = applyRope(splitHeads(linear(params, `${l}.self_attn.q_proj`, a, lin), heads), cos, sin); // [B, nh, T, D]
      const k = applyRope(splitHeads(linear(params, `${l}.self_attn.k_proj`, a, lin), kvHeads), cos, sin); // [B, nkv, T, D]
      const v = splitHeads(linear(params, `${l}.self_attn.v_proj`, a, lin), kvHeads); // [B, nkv, T, D]
      const groups = heads / kvHeads;
      const context = mergeHeads(scaledDotProductAttention(q, repeatKv(k, groups), repeatKv(v, groups), { mask })); // [B, T, H]
      x = tf.add(x, linear(params, `${l}.self_attn.o_proj`, context, lin)) as tf.Tensor3D; // [B, T, H]
      const m = rmsNorm(params, `${l}.post_attention_layernorm`, x, eps); // [B, T, H]
      const gated = tf.mul(silu(linear(params, `${l}.mlp.gate_proj`, m, lin)), linear(params, `${l}.mlp.up_proj`, m, lin)); // [B, T, I]
      x = tf.add(x, linear(params, `${l}.mlp.down_proj`, gated, lin)) as tf.Tensor3D; // [B, T, H]
      if (i < config.num_hidden_layers - 1) states.push(x);
    }
    const last = rmsNorm(params, 'model.norm', x, eps) as tf.Tensor3D; // [B, T, H]
    states.push(last);
    return { last, hiddenStates: states };
  },
  lmHead(params, config, rows) {
    const weight = config.tie_word_embeddings ? 'model.embed_tokens.weight' : 'lm_head.weight';
    return matmul2d(rows, param(params, weight) as tf.Tensor2D, true); // [N, V]
  },
  sequenceHead(params, _config, last, inputs, options) {
    return linear(params, 'score', lastTokenRows(last, inputs), loraOf(options)) as tf.Tensor2D; // [B, L]
  },
};
