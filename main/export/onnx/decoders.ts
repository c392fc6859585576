// GPT-2 and LLaMA as ONNX graphs, mirroring main/engine/models/{gpt2,llama}: pre-norm causal decoders
// with the causal mask plus the padding mask (finfo.min each), GPT-2's fused c_attn split in three,
// LLaMA's RoPE from precomputed cos/sin tables sliced to the sequence, repeat_kv for grouped-query
// attention, SwiGLU MLP, and the causal-LM, sequence- and token-classification heads.
import type { HeadKind } from '../../engine/models/types';
import type { Gpt2Config } from '../../engine/models/gpt2/config';
import type { LlamaConfig } from '../../engine/models/llama/config';
import type { GraphInputs } from './encoders';
import type { GraphBuilder } from './graph';
import { activation, attention, causalMask, embed, lastToken, layerNorm, linear, matmulTransposed, mergeHeads, paddingMask, repeatKv, rmsNorm, splitHeads, type Dims, type Weights } from './layers';

export function gpt2Graph(w: Weights, config: Gpt2Config, head: HeadKind, io: GraphInputs): string {
  const g = w.g;
  const eps = config.layer_norm_epsilon;
  const heads = config.num_attention_heads;
  const hidden = config.hidden_size;
  const headDim = hidden / heads;
  const words = embed(w, 'transformer.wte.weight', io.ids); // [B, T, H]
  const positions = embed(w, 'transformer.wpe.weight', io.dims.positions); // [T, H]
  let x = g.op('Add', [words, positions]); // [B, T, H]
  const mask = g.op('Add', [causalMask(g, io.dims), paddingMask(g, io.mask)], {}, 'attention_bias'); // [B, 1, T, T]
  for (let i = 0; i < config.num_hidden_layers; i++) {
    const l = `transformer.h.${i}`;
    const a = layerNorm(w, `${l}.ln_1`, x, eps); // [B, T, H]
    const qkv = linear(w, `${l}.attn.c_attn`, a, 'conv1d'); // [B, T, 3H]
    const [q, k, v] = g.opN('Split', [qkv, g.int64([hidden, hidden, hidden])], 3, { axis: 2 }).map((t) => splitHeads(g, t, heads, headDim)) as [string, string, string]; // [B, nh, T, D]
    let scale = config.scale_attn_weights ? 1 / Math.sqrt(headDim) : 1;
    if (config.scale_attn_by_inverse_layer_idx) scale /= i + 1;
    const context = mergeHeads(g, attention(g, q, k, v, mask, scale), hidden); // [B, T, H]
    x = g.op('Add', [x, linear(w, `${l}.attn.c_proj`, context, 'conv1d')]); // [B, T, H]
    const m = layerNorm(w, `${l}.ln_2`, x, eps); // [B, T, H]
    const mlp = linear(w, `${l}.mlp.c_proj`, activation(g, config.activation_function, linear(w, `${l}.mlp.c_fc`, m, 'conv1d')), 'conv1d'); // [B, T, H]
    x = g.op('Add', [x, mlp]); // [B, T, H]
  }
  const last = layerNorm(w, 'transformer.ln_f', x, eps); // [B, T, H]
  if (head === 'sequence-classification') return linear(w, 'score', lastToken(g, last, io.mask, hidden)); // [B, L]
  if (head === 'token-classification') return linear(w, 'classifier', last); // [B, T, L]
  return matmulTransposed(w, config.tie_word_embeddings ? 'transformer.wte.weight' : 'lm_head.weight', last); // [B, T, V]
}

/** RoPE tables [P, D] for positions 0..P-1, computed in float32 as torch (and main/engine/layers/rope.ts) does. */
export function ropeTables(positions: number, headDim: number, theta: number): { cos: Float32Array; sin: Float32Array } {
  const f32 = Math.fround;
  const half = headDim / 2;
  const inv = new Float32Array(half);
  for (let i = 0; i < half; i++) inv[i] = f32(1 / f32(Math.pow(theta, f32((2 * i) / headDim))));
  const cos = new Float32Array(positions * headDim);
  const sin = new Float32Array(positions * headDim);
  for (let p = 0; p < positions; p++) {
    for (let i = 0; i < half; i++) {
      const angle = f32(p * inv[i]!);
      cos[p * headDim + i] = cos[p * headDim + half + i] = Math.cos(angle);
      sin[p * headDim + i] = sin[p * headDim + half + i] = Math.sin(angle);
    }
  }
  return { cos, sin };
}

/** x [B, H, T, D] → x * cos + rotate_half(x) * sin, rotate_half(x) = cat(-x2, x1); cos/sin [T, D]. */
function applyRope(g: GraphBuilder, x: string, cos: string, sin: string, headDim: number): string {
  const half = headDim / 2;
  const x1 = g.op('Slice', [x, g.int64([0]), g.int64([half]), g.int64([3])]); // [B, H, T, D/2]
  const x2 = g.op('Slice', [x, g.int64([half]), g.int64([headDim]), g.int64([3])]); // [B, H, T, D/2]
  const rotated = g.op('Concat', [g.op('Neg', [x2]), x1], { axis: 3 }); // [B, H, T, D]
  return g.op('Add', [g.op('Mul', [x, cos]), g.op('Mul', [rotated, sin])], {}, 'rope'); // [B, H, T, D]
}

function ropeInputs(g: GraphBuilder, config: LlamaConfig, dims: Dims): { cos: string; sin: string } {
  const d = config.head_dim;
  const tables = ropeTables(config.max_position_embeddings, d, config.rope_theta);
  const slice = (table: string) => g.op('Slice', [table, g.int64([0]), dims.length1d, g.int64([0])]); // [T, D]
  return {
    cos: slice(g.weight('rope.cos', [config.max_position_embeddings, d], tables.cos)),
    sin: slice(g.weight('rope.sin', [config.max_position_embeddings, d], tables.sin)),
  };
}

export function llamaGraph(w: Weights, config: LlamaConfig, head: HeadKind, io: GraphInputs): string {
  const g = w.g;
  const eps = config.rms_norm_eps;
  const heads = config.num_attention_heads;
  const kvHeads = config.num_key_value_heads;
  const hidden = config.hidden_size;
  const d = config.head_dim;
  let x = embed(w, 'model.embed_tokens.weight', io.ids); // [B, T, H]
  const mask = g.op('Add', [causalMask(g, io.dims), paddingMask(g, io.mask)], {}, 'attention_bias'); // [B, 1, T, T]
  const { cos, sin } = ropeInputs(g, config, io.dims); // [T, D]
  for (let i = 0; i < config.num_hidden_layers; i++) {
    const l = `model.layers.${i}`;
    const a = rmsNorm(w, `${l}.input_layernorm`, x, eps); // [B, T, H]
    const q = applyRope(g, splitHeads(g, linear(w, `${l}.self_attn.q_proj`, a), heads, d), cos, sin, d); // [B, nh, T, D]
    const k = applyRope(g, splitHeads(g, linear(w, `${l}.self_attn.k_proj`, a), kvHeads, d), cos, sin, d); // [B, nkv, T, D]
    const v = splitHeads(g, linear(w, `${l}.self_attn.v_proj`, a), kvHeads, d); // [B, nkv, T, D]
    const groups = heads / kvHeads;
    const context = mergeHeads(g, attention(g, q, repeatKv(g, k, kvHeads, groups, d), repeatKv(g, v, kvHeads, groups, d), mask, 1 / Math.sqrt(d)), hidden); // [B, T, H]
    x = g.op('Add', [x, linear(w, `${l}.self_attn.o_proj`, context)]); // [B, T, H]
    const m = rmsNorm(w, `${l}.post_attention_layernorm`, x, eps); // [B, T, H]
    const gated = g.op('Mul', [activation(g, 'silu', linear(w, `${l}.mlp.gate_proj`, m)), linear(w, `${l}.mlp.up_proj`, m)]); // [B, T, I]
    x = g.op('Add', [x, linear(w, `${l}.mlp.down_proj`, gated)]); // [B, T, H]
  }
  const last = rmsNorm(w, 'model.norm', x, eps); // [B, T, H]
  if (head === 'sequence-classification') return linear(w, 'score', lastToken(g, last, io.mask, hidden)); // [B, L]
  return matmulTransposed(w, config.tie_word_embeddings ? 'model.embed_tokens.weight' : 'lm_head.weight', last); // [B, T, V]
}
