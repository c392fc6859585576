// BERT's config.json, with the defaults of transformers' BertConfig. Options we do not implement
// (relative position embeddings, decoder/cross-attention use) are refused by name.
import { ConfigReader } from '../config-reader';
import { SUPPORTED_ACTIVATIONS } from '../../layers/activations';
import type { BaseConfig, HeadKind } from '../types';

export interface BertConfig extends BaseConfig {
  readonly intermediate_size: number;
  readonly hidden_act: string;
  readonly type_vocab_size: number;
  readonly layer_norm_eps: number;
}

export const BERT_CLASSES: Readonly<Record<string, HeadKind>> = {
  BertForMaskedLM: 'masked-lm',
  BertForPreTraining: 'masked-lm',
  BertModel: 'masked-lm',
  BertForSequenceClassification: 'sequence-classification',
  BertForTokenClassification: 'token-classification',
};

/** Shared by BERT and RoBERTa, whose configs have the same fields. */
export function readBertLikeConfig(raw: Readonly<Record<string, unknown>>, modelType: string, classes: Readonly<Record<string, HeadKind>>, defaults: { pad: number; typeVocab: number }): BertConfig {
  const r = new ConfigReader(raw, modelType);
  r.only('position_embedding_type', ['absolute'], 'only absolute position embeddings are implemented');
  r.only('is_decoder', [false], 'BERT used as a decoder is not supported');
  r.only('add_cross_attention', [false], 'cross-attention is not supported');
  r.only('hidden_act', SUPPORTED_ACTIVATIONS, `supported activations: ${SUPPORTED_ACTIVATIONS.join(', ')}`);
  const hidden_size = r.positiveInt('hidden_size', 768);
  const base = r.base({
    classes,
    lmHead: 'masked-lm',
    vocab_size: r.positiveInt('vocab_size', modelType === 'roberta' ? 50265 : 30522),
    hidden_size,
    num_hidden_layers: r.positiveInt('num_hidden_layers', 12),
    num_attention_heads: r.positiveInt('num_attention_heads', 12),
    max_position_embeddings: r.positiveInt('max_position_embeddings', 512),
    tie_word_embeddings: r.bool('tie_word_embeddings', true),
  });
  return {
    ...base,
    pad_token_id: base.pad_token_id ?? defaults.pad,
    intermediate_size: r.positiveInt('intermediate_size', 3072),
    hidden_act: r.string('hidden_act', 'gelu'),
    type_vocab_size: r.positiveInt('type_vocab_size', defaults.typeVocab),
    layer_norm_eps: r.number('layer_norm_eps', 1e-12),
  };
}

export function parseBertConfig(raw: Readonly<Record<string, unknown>>): BertConfig {
  return readBertLikeConfig(raw, 'bert', BERT_CLASSES, { pad: 0, typeVocab: 2 });
}
