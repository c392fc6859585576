// DistilBERT's config.json (its own field names: dim, n_layers, n_heads, hidden_dim, activation),
// with transformers' DistilBertConfig defaults. Its LayerNorm eps is fixed at 1e-12 in the model.
import { ConfigReader } from '../config-reader';
import { SUPPORTED_ACTIVATIONS } from '../../layers/activations';
import type { BaseConfig, HeadKind } from '../types';

export interface DistilBertConfig extends BaseConfig {
  readonly hidden_dim: number;
  readonly activation: string;
  readonly layer_norm_eps: number;
}

export const DISTILBERT_CLASSES: Readonly<Record<string, HeadKind>> = {
  DistilBertForMaskedLM: 'masked-lm',
  DistilBertModel: 'masked-lm',
  DistilBertForSequenceClassification: 'sequence-classification',
  DistilBertForTokenClassification: 'token-classification',
};

export function parseDistilBertConfig(raw: Readonly<Record<string, unknown>>): DistilBertConfig {
  const r = new ConfigReader(raw, 'distilbert');
  r.only('activation', SUPPORTED_ACTIVATIONS, `supported activations: ${SUPPORTED_ACTIVATIONS.join(', ')}`);
  const base = r.base({
    classes: DISTILBERT_CLASSES,
    lmHead: 'masked-lm',
    vocab_size: r.positiveInt('vocab_size', 30522),
    hidden_size: r.positiveInt('dim', 768),
    num_hidden_layers: r.positiveInt('n_layers', 6),
    num_attention_heads: r.positiveInt('n_heads', 12),
    max_position_embeddings: r.positiveInt('max_position_embeddings', 512),
    tie_word_embeddings: r.bool('tie_word_embeddings', true),
  });
  return {
    ...base,
    pad_token_id: base.pad_token_id ?? 0,
    hidden_dim: r.positiveInt('hidden_dim', 3072),
    activation: r.string('activation', 'gelu'),
    layer_norm_eps: 1e-12,
  };
}
