// BERT, RoBERTa and DistilBERT as ONNX graphs, mirroring main/engine/models/{bert,roberta,distilbert}:
// embeddings (RoBERTa's position ids from the padding as HF's create_position_ids_from_input_ids),
// post-LayerNorm encoder layers with the padding mask, and the masked-LM, sequence- and
// token-classification heads.
import type { HeadKind } from '../../engine/models/types';
import type { BertConfig } from '../../engine/models/bert/config';
import type { DistilBertConfig } from '../../engine/models/distilbert/config';
import { activation, attention, embed, firstToken, layerNorm, linear, matmulTransposed, mergeHeads, paddingMask, splitHeads, type Dims, type Weights } from './layers';

export interface GraphInputs {
  ids: string; // int64 [B, T]
  mask: string; // int64 [B, T]
  types: string | null; // int64 [B, T] (BERT)
  dims: Dims;
}

/** The stack of post-LayerNorm layers shared by BERT and RoBERTa: x [B, T, H] → [B, T, H]. */
function bertEncoder(w: Weights, config: BertConfig, prefix: string, x0: string, mask: string): string {
  const g = w.g;
  const heads = config.num_attention_heads;
  const hidden = config.hidden_size;
  const headDim = hidden / heads;
  const eps = config.layer_norm_eps;
  let x = x0;
  for (let i = 0; i < config.num_hidden_layers; i++) {
    const l = `${prefix}.encoder.layer.${i}`;
    const q = splitHeads(g, linear(w, `${l}.attention.self.query`, x), heads, headDim); // [B, nh, T, D]
    const k = splitHeads(g, linear(w, `${l}.attention.self.key`, x), heads, headDim); // [B, nh, T, D]
    const v = splitHeads(g, linear(w, `${l}.attention.self.value`, x), heads, headDim); // [B, nh, T, D]
    const context = mergeHeads(g, attention(g, q, k, v, mask, 1 / Math.sqrt(headDim)), hidden); // [B, T, H]
    const attnOut = linear(w, `${l}.attention.output.dense`, context); // [B, T, H]
    const x1 = layerNorm(w, `${l}.attention.output.LayerNorm`, g.op('Add', [attnOut, x]), eps); // [B, T, H]
    const inner = activation(g, config.hidden_act, linear(w, `${l}.intermediate.dense`, x1)); // [B, T, I]
    const out = linear(w, `${l}.output.dense`, inner); // [B, T, H]
    x = layerNorm(w, `${l}.output.LayerNorm`, g.op('Add', [out, x1]), eps); // [B, T, H]
  }
  return x;
}

/** BERT (prefix "bert") or RoBERTa (prefix "roberta"): input ids → last hidden state [B, T, H]. */
function bertBody(w: Weights, config: BertConfig, prefix: string, io: GraphInputs): string {
  const g = w.g;
  const p = `${prefix}.embeddings`;
  const words = embed(w, `${p}.word_embeddings.weight`, io.ids); // [B, T, H]
  // no token_type_ids input (RoBERTa): zeros, i.e. row 0 of the table
  const typeIds = io.types ?? g.op('Mul', [io.ids, g.int64(0)], {}, 'token_type_ids'); // [B, T]
  const types = embed(w, `${p}.token_type_embeddings.weight`, typeIds); // [B, T, H]
  let positionIds = io.dims.positions; // [T]
  if (prefix === 'roberta') {
    // cumsum(ids != pad) * (ids != pad) + pad
    const pad = config.pad_token_id ?? 1;
    const real = g.op('Cast', [g.op('Not', [g.op('Equal', [io.ids, g.int64(pad)])])], { to: 7 }); // int64 [B, T]
    const counts = g.op('CumSum', [real, g.int64(1)]); // [B, T]
    positionIds = g.op('Add', [g.op('Mul', [counts, real]), g.int64(pad)], {}, 'position_ids'); // [B, T]
  }
  const positions = embed(w, `${p}.position_embeddings.weight`, positionIds); // [T, H] or [B, T, H]
  const sum = g.op('Add', [g.op('Add', [words, types]), positions]); // [B, T, H]
  const x = layerNorm(w, `${p}.LayerNorm`, sum, config.layer_norm_eps); // [B, T, H]
  return bertEncoder(w, config, prefix, x, paddingMask(g, io.mask));
}

export function bertGraph(w: Weights, config: BertConfig, head: HeadKind, io: GraphInputs): string {
  const g = w.g;
  const last = bertBody(w, config, 'bert', io); // [B, T, H]
  if (head === 'sequence-classification') {
    const pooled = g.op('Tanh', [linear(w, 'bert.pooler.dense', firstToken(g, last))]); // [B, H]
    return linear(w, 'classifier', pooled); // [B, L]
  }
  if (head === 'token-classification') return linear(w, 'classifier', last); // [B, T, L]
  const t = activation(g, config.hidden_act, linear(w, 'cls.predictions.transform.dense', last)); // [B, T, H]
  const normed = layerNorm(w, 'cls.predictions.transform.LayerNorm', t, config.layer_norm_eps); // [B, T, H]
  const decoder = config.tie_word_embeddings ? 'bert.embeddings.word_embeddings.weight' : 'cls.predictions.decoder.weight';
  return g.op('Add', [matmulTransposed(w, decoder, normed), w.value('cls.predictions.bias')], {}, 'logits'); // [B, T, V]
}

export function robertaGraph(w: Weights, config: BertConfig, head: HeadKind, io: GraphInputs): string {
  const g = w.g;
  const last = bertBody(w, config, 'roberta', io); // [B, T, H]
  if (head === 'sequence-classification') {
    const hidden = g.op('Tanh', [linear(w, 'classifier.dense', firstToken(g, last))]); // [B, H]
    return linear(w, 'classifier.out_proj', hidden); // [B, L]
  }
  if (head === 'token-classification') return linear(w, 'classifier', last); // [B, T, L]
  const t = activation(g, 'gelu', linear(w, 'lm_head.dense', last)); // [B, T, H]
  const normed = layerNorm(w, 'lm_head.layer_norm', t, config.layer_norm_eps); // [B, T, H]
  const decoder = config.tie_word_embeddings ? 'roberta.embeddings.word_embeddings.weight' : 'lm_head.decoder.weight';
  return g.op('Add', [matmulTransposed(w, decoder, normed), w.value('lm_head.bias')], {}, 'logits'); // [B, T, V]
}

export function distilbertGraph(w: Weights, config: DistilBertConfig, head: HeadKind, io: GraphInputs): string {
  const g = w.g;
  const eps = config.layer_norm_eps;
  const heads = config.num_attention_heads;
  const hidden = config.hidden_size;
  const headDim = hidden / heads;
  const words = embed(w, 'distilbert.embeddings.word_embeddings.weight', io.ids); // [B, T, H]
  const positions = embed(w, 'distilbert.embeddings.position_embeddings.weight', io.dims.positions); // [T, H]
  let x = layerNorm(w, 'distilbert.embeddings.LayerNorm', g.op('Add', [words, positions]), eps); // [B, T, H]
  const mask = paddingMask(g, io.mask); // [B, 1, 1, T]
  for (let i = 0; i < config.num_hidden_layers; i++) {
    const l = `distilbert.transformer.layer.${i}`;
    const q = splitHeads(g, linear(w, `${l}.attention.q_lin`, x), heads, headDim); // [B, nh, T, D]
    const k = splitHeads(g, linear(w, `${l}.attention.k_lin`, x), heads, headDim); // [B, nh, T, D]
    const v = splitHeads(g, linear(w, `${l}.attention.v_lin`, x), heads, headDim); // [B, nh, T, D]
    const context = mergeHeads(g, attention(g, q, k, v, mask, 1 / Math.sqrt(headDim), true), hidden); // [B, T, H]
    const sa = layerNorm(w, `${l}.sa_layer_norm`, g.op('Add', [linear(w, `${l}.attention.out_lin`, context), x]), eps); // [B, T, H]
    const ffn = linear(w, `${l}.ffn.lin2`, activation(g, config.activation, linear(w, `${l}.ffn.lin1`, sa))); // [B, T, H]
    x = layerNorm(w, `${l}.output_layer_norm`, g.op('Add', [ffn, sa]), eps); // [B, T, H]
  }
  if (head === 'sequence-classification') {
    const pooled = g.op('Relu', [linear(w, 'pre_classifier', firstToken(g, x))]); // [B, H]
    return linear(w, 'classifier', pooled); // [B, L]
  }
  if (head === 'token-classification') return linear(w, 'classifier', x); // [B, T, L]
  const t = activation(g, config.activation, linear(w, 'vocab_transform', x)); // [B, T, H]
  const normed = layerNorm(w, 'vocab_layer_norm', t, eps); // [B, T, H]
  const projector = config.tie_word_embeddings ? 'distilbert.embeddings.word_embeddings.weight' : 'vocab_projector.weight';
  return g.op('Add', [matmulTransposed(w, projector, normed), w.value('vocab_projector.bias')], {}, 'logits'); // [B, T, V]
}
