// GPT-2's config.json (n_embd, n_layer, n_head, n_positions, n_inner, activation_function) with
// transformers' GPT2Config defaults. Cross-attention is refused by name.
import { ConfigReader } from '../config-reader';
import { SUPPORTED_ACTIVATIONS } from '../../layers/activations';
import type { BaseConfig, HeadKind } from '../types';

export interface Gpt2Config extends BaseConfig {
  readonly n_inner: number;
  readonly activation_function: string;
  readonly layer_norm_epsilon: number;
  readonly scale_attn_weights: boolean;
  readonly scale_attn_by_inverse_layer_idx: boolean;
}

export const GPT2_CLASSES: Readonly<Record<string, HeadKind>> = {
  GPT2LMHeadModel: 'causal-lm',
  GPT2Model: 'causal-lm',
  GPT2ForSequenceClassification: 'sequence-classification',
  GPT2ForTokenClassification: 'token-classification',
};

export function parseGpt2Config(raw: Readonly<Record<string, unknown>>): Gpt2Config {
  const r = new ConfigReader(raw, 'gpt2');
  r.only('add_cross_attention', [false], 'cross-attention is not supported');
  r.only('activation_function', SUPPORTED_ACTIVATIONS, `supported activations: ${SUPPORTED_ACTIVATIONS.join(', ')}`);
  const hidden = r.positiveInt('n_embd', 768);
  const base = r.base({
    classes: GPT2_CLASSES,
    lmHead: 'causal-lm',
    vocab_size: r.positiveInt('vocab_size', 50257),
    hidden_size: hidden,
    num_hidden_layers: r.positiveInt('n_layer', 12),
    num_attention_heads: r.positiveInt('n_head', 12),
    max_position_embeddings: r.positiveInt('n_positions', 1024),
    tie_word_embeddings: r.bool('tie_word_embeddings', true),
  });
  return {
    ...base,
    bos_token_id: base.bos_token_id ?? 50256,
    eos_token_id: base.eos_token_id ?? 50256,
    n_inner: r.has('n_inner') ? r.positiveInt('n_inner') : 4 * hidden,
    activation_function: r.string('activation_function', 'gelu_new'),
    layer_norm_epsilon: r.number('layer_norm_epsilon', 1e-5),
    scale_attn_weights: r.bool('scale_attn_weights', true),
    scale_attn_by_inverse_layer_idx: r.bool('scale_attn_by_inverse_layer_idx', false),
  };
}
