// The engine's layers (main/engine/layers) as ONNX subgraphs, op for op in the same order, so the exported
// model computes what our forward computes: Linear/Conv1D as MatMul (+ Add), LayerNormalization,
// RMSNorm via ReduceMean/Sqrt, erf GELU, tanh GELU, SiLU, multi-head attention with Hugging Face's
// additive masks (finfo.min; padding + causal sum to -inf as in the engine), RoPE and repeat_kv.
import { StudioError } from '../../common/errors';
import { FLOAT32_MIN } from '../../engine/layers/attention';
import type { GraphBuilder } from './graph';

/** A weight on the host, as loaded from the checkpoint (float32, row-major). */
export interface HostTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** The model's parameters by Hugging Face name, with a clear error for a missing one. */
export class Weights {
  private readonly added = new Map<string, string>();
  constructor(
    readonly g: GraphBuilder,
    private readonly map: ReadonlyMap<string, HostTensor>,
  ) {}

  has(name: string): boolean {
    return this.map.has(name);
  }

  host(name: string): HostTensor {
    const t = this.map.get(name);
    if (t === undefined) throw new StudioError('bad_input', `The model has no weight named "${name}"`);
    return t;
  }

  /** The weight as an initializer (added once, however often it is used). */
  value(name: string): string {
    const known = this.added.get(name);
    if (known) return known;
    const t = this.host(name);
    const id = this.g.weight(name, t.shape, t.data);
    this.added.set(name, id);
    return id;
  }

  /** An [out, in] weight stored transposed as [in, out] for MatMul (once). */
  transposed(name: string): string {
    const key = `${name}#T`;
    const known = this.added.get(key);
    if (known) return known;
    const t = this.host(name);
    if (t.shape.length !== 2) throw new StudioError('internal', `${name}: expected a matrix, got [${t.shape}]`);
    const [rows, cols] = t.shape as [number, number];
    const out = new Float32Array(rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = t.data[r * cols + c]!;
    const id = this.g.weight(`${name}_T`, [cols, rows], out);
    this.added.set(key, id);
    return id;
  }
}

export type Layout = 'linear' | 'conv1d';

/** x [..., in] → [..., out]: nn.Linear (weight [out, in]) or GPT-2 Conv1D (weight [in, out]), plus bias. */
export function linear(w: Weights, prefix: string, x: string, layout: Layout = 'linear'): string {
  const weight = layout === 'linear' ? w.transposed(`${prefix}.weight`) : w.value(`${prefix}.weight`);
  const y = w.g.op('MatMul', [x, weight], {}, prefix);
  return w.has(`${prefix}.bias`) ? w.g.op('Add', [y, w.value(`${prefix}.bias`)], {}, prefix) : y;
}

/** LayerNorm over the last axis (biased variance, as torch). */
export function layerNorm(w: Weights, prefix: string, x: string, eps: number): string {
  return w.g.op('LayerNormalization', [x, w.value(`${prefix}.weight`), w.value(`${prefix}.bias`)], { axis: -1, epsilon: { float: eps } }, prefix);
}

/** LLaMA RMSNorm: w * (x * 1/sqrt(mean(x^2) + eps)). */
export function rmsNorm(w: Weights, prefix: string, x: string, eps: number): string {
  const g = w.g;
  const meanSquare = g.op('ReduceMean', [g.op('Mul', [x, x])], { axes: [-1], keepdims: 1 }); // [..., 1]
  const inv = g.op('Reciprocal', [g.op('Sqrt', [g.op('Add', [meanSquare, g.float(eps)])])]); // [..., 1]
  return g.op('Mul', [w.value(`${prefix}.weight`), g.op('Mul', [x, inv])], {}, prefix); // [..., H]
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** Activation functions by their Hugging Face names, as main/engine/layers/activations.ts computes them. */
export function activation(g: GraphBuilder, name: string, x: string): string {
  switch (name) {
    case 'gelu': // x * 0.5 * (1 + erf(x / sqrt(2)))
      return g.op('Mul', [g.op('Mul', [x, g.float(0.5)]), g.op('Add', [g.float(1), g.op('Erf', [g.op('Mul', [x, g.float(Math.SQRT1_2)])])])], {}, 'gelu');
    case 'gelu_new':
    case 'gelu_pytorch_tanh': {
      const cube = g.op('Mul', [x, g.op('Mul', [x, x])]);
      const inner = g.op('Mul', [g.float(SQRT_2_OVER_PI), g.op('Add', [x, g.op('Mul', [g.float(0.044715), cube])])]);
      return g.op('Mul', [g.op('Mul', [x, g.float(0.5)]), g.op('Add', [g.float(1), g.op('Tanh', [inner])])], {}, 'gelu_new');
    }
    case 'silu':
    case 'swish':
      return g.op('Mul', [x, g.op('Sigmoid', [x])], {}, 'silu');
    case 'relu':
      return g.op('Relu', [x]);
    case 'tanh':
      return g.op('Tanh', [x]);
    default:
      throw new StudioError('unsupported', `Activation "${name}" cannot be exported to ONNX`);
  }
}

/** [B, T, heads*D] → [B, heads, T, D] */
export function splitHeads(g: GraphBuilder, x: string, heads: number, headDim: number): string {
  const r = g.op('Reshape', [x, g.int64([0, 0, heads, headDim])]); // [B, T, heads, D]
  return g.op('Transpose', [r], { perm: [0, 2, 1, 3] }); // [B, heads, T, D]
}

/** [B, heads, T, D] → [B, T, heads*D] */
export function mergeHeads(g: GraphBuilder, x: string, hidden: number): string {
  const t = g.op('Transpose', [x], { perm: [0, 2, 1, 3] }); // [B, T, heads, D]
  return g.op('Reshape', [t, g.int64([0, 0, hidden])]); // [B, T, H]
}

/** [B, Hkv, T, D] → [B, Hkv*groups, T, D], each kv head repeated for `groups` consecutive query heads. */
export function repeatKv(g: GraphBuilder, x: string, kvHeads: number, groups: number, headDim: number): string {
  if (groups === 1) return x;
  const expanded = g.op('Expand', [g.op('Unsqueeze', [x, g.int64([2])]), g.int64([1, 1, groups, 1, 1])]); // [B, Hkv, G, T, D]
  return g.op('Reshape', [expanded, g.int64([0, kvHeads * groups, -1, headDim])]); // [B, H, T, D]
}

/** q [B, H, T, D], k and v [B, H, S, D], additive mask broadcastable to [B, H, T, S] → [B, H, T, D]. */
export function attention(g: GraphBuilder, q: string, k: string, v: string, mask: string | null, scale: number, scaleQuery = false): string {
  const kT = g.op('Transpose', [k], { perm: [0, 1, 3, 2] }); // [B, H, D, S]
  let scores = g.op('MatMul', [scaleQuery ? g.op('Mul', [q, g.float(scale)]) : q, kT]); // [B, H, T, S]
  if (!scaleQuery) scores = g.op('Mul', [scores, g.float(scale)]);
  if (mask !== null) scores = g.op('Add', [scores, mask]); // [B, H, T, S]
  const probs = g.op('Softmax', [scores], { axis: -1 }); // [B, H, T, S]
  return g.op('MatMul', [probs, v]); // [B, H, T, D]
}

/** The shapes every graph needs, computed once from input_ids [B, T]. */
export interface Dims {
  /** int64 scalar T. */
  length: string;
  /** int64 [1] holding T. */
  length1d: string;
  /** int64 [T]: 0..T-1. */
  positions: string;
}

export function dimsOf(g: GraphBuilder, inputIds: string): Dims {
  const shape = g.op('Shape', [inputIds]); // [2] = [B, T]
  const length1d = g.op('Slice', [shape, g.int64([1]), g.int64([2])], {}, 'seq_len_1d'); // [1]
  const length = g.op('Squeeze', [length1d, g.int64([0])], {}, 'seq_len'); // scalar
  const positions = g.op('Range', [g.int64(0), length, g.int64(1)], {}, 'position_ids'); // [T]
  return { length, length1d, positions };
}

/** attention_mask int64 [B, T] of 0/1 → additive float mask [B, 1, 1, T]: (1 - mask) * finfo.min. */
export function paddingMask(g: GraphBuilder, mask: string): string {
  const m = g.op('Cast', [mask], { to: 1 }); // float [B, T]
  const add = g.op('Mul', [g.op('Sub', [g.float(1), m]), g.float(FLOAT32_MIN)]); // [B, T]
  return g.op('Unsqueeze', [add, g.int64([1, 2])], {}, 'padding_mask'); // [B, 1, 1, T]
}

/** Additive causal mask [1, 1, T, T]: 0 on and below the diagonal, finfo.min above. */
export function causalMask(g: GraphBuilder, dims: Dims): string {
  const rows = g.op('Unsqueeze', [dims.positions, g.int64([1])]); // [T, 1]
  const cols = g.op('Unsqueeze', [dims.positions, g.int64([0])]); // [1, T]
  const above = g.op('Greater', [cols, rows]); // bool [T, T]: j > i
  const mask = g.op('Where', [above, g.float(FLOAT32_MIN), g.float(0)]); // [T, T]
  return g.op('Unsqueeze', [mask, g.int64([0, 1])], {}, 'causal_mask'); // [1, 1, T, T]
}

/** Embedding lookup: weight [V, H], ids int64 [...] → [..., H]. */
export function embed(w: Weights, name: string, ids: string): string {
  return w.g.op('Gather', [w.value(name), ids], { axis: 0 }, name);
}

/** rows [..., H] times a [V, H] matrix transposed → [..., V] (tied decoders share the embedding). */
export function matmulTransposed(w: Weights, name: string, x: string): string {
  const t = w.g.op('Transpose', [w.value(name)], { perm: [1, 0] }, `${name}_T`); // [H, V]
  return w.g.op('MatMul', [x, t]);
}

/** last [B, T, H] → [B, H]: the first token (BERT-style classification heads). */
export function firstToken(g: GraphBuilder, last: string): string {
  return g.op('Gather', [last, g.int64(0)], { axis: 1 }, 'first_token'); // [B, H]
}

/** last [B, T, H] → [B, H] at each row's last real token (by the attention mask; position 0 for an all-pad row). */
export function lastToken(g: GraphBuilder, last: string, mask: string, hidden: number): string {
  const count = g.op('ReduceSum', [mask, g.int64([1])], { keepdims: 1 }); // [B, 1]
  const index = g.op('Max', [g.op('Sub', [count, g.int64(1)]), g.int64(0)]); // [B, 1]
  const expanded = g.op('Expand', [g.op('Unsqueeze', [index, g.int64([2])]), g.int64([1, 1, hidden])]); // [B, 1, H]
  const picked = g.op('GatherElements', [last, expanded], { axis: 1 }); // [B, 1, H]
  return g.op('Squeeze', [picked, g.int64([1])], {}, 'last_token'); // [B, H]
}
