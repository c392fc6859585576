// The Hugging Face weight names and shapes of DistilBERT.
import { dense, layerNormWeights } from '../bert/weights';
import type { HeadKind, WeightSpec } from '../types';
import type { DistilBertConfig } from './config';

export function distilBertExpectedWeights(config: DistilBertConfig, head: HeadKind = config.head): WeightSpec[] {
  const h = config.hidden_size;
  const v = config.vocab_size;
  const specs: WeightSpec[] = [
    { name: 'distilbert.embeddings.word_embeddings.weight', shape: [v, h] },
    { name: 'distilbert.embeddings.position_embeddings.weight', shape: [config.max_position_embeddings, h] },
    ...layerNormWeights('distilbert.embeddings.LayerNorm', h),
  ];
  for (let i = 0; i < config.num_hidden_layers; i++) {
    const l = `distilbert.transformer.layer.${i}`;
    specs.push(
      ...dense(`${l}.attention.q_lin`, h, h),
      ...dense(`${l}.attention.k_lin`, h, h),
      ...dense(`${l}.attention.v_lin`, h, h),
      ...dense(`${l}.attention.out_lin`, h, h),
      ...layerNormWeights(`${l}.sa_layer_norm`, h),
      ...dense(`${l}.ffn.lin1`, config.hidden_dim, h),
      ...dense(`${l}.ffn.lin2`, h, config.hidden_dim),
      ...layerNormWeights(`${l}.output_layer_norm`, h),
    );
  }
  if (head === 'masked-lm') {
    specs.push(
      ...dense('vocab_transform', h, h),
      ...layerNormWeights('vocab_layer_norm', h),
      config.tie_word_embeddings
        ? { name: 'vocab_projector.weight', shape: [v, h], tied_to: 'distilbert.embeddings.word_embeddings.weight' }
        : { name: 'vocab_projector.weight', shape: [v, h] },
      { name: 'vocab_projector.bias', shape: [v] },
    );
  } else if (head === 'sequence-classification') {
    specs.push(...dense('pre_classifier', h, h), ...dense('classifier', config.num_labels, h));
  } else if (head === 'token-classification') {
    specs.push(...dense('classifier', config.num_labels, h));
  }
  return specs;
}
