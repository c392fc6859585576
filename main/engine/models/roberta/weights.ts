// The Hugging Face weight names and shapes of RoBERTa: BERT's body under "roberta", its own heads.
import { bertBodyWeights, dense, layerNormWeights } from '../bert/weights';
import type { HeadKind, WeightSpec } from '../types';
import type { RobertaConfig } from './config';

export function robertaExpectedWeights(config: RobertaConfig, head: HeadKind = config.head): WeightSpec[] {
  const h = config.hidden_size;
  const v = config.vocab_size;
  const specs = bertBodyWeights(config, 'roberta');
  if (head === 'masked-lm') {
    specs.push(
      { name: 'lm_head.bias', shape: [v] },
      ...dense('lm_head.dense', h, h),
      ...layerNormWeights('lm_head.layer_norm', h),
      config.tie_word_embeddings
        ? { name: 'lm_head.decoder.weight', shape: [v, h], tied_to: 'roberta.embeddings.word_embeddings.weight' }
        : { name: 'lm_head.decoder.weight', shape: [v, h] },
      { name: 'lm_head.decoder.bias', shape: [v], tied_to: 'lm_head.bias' },
    );
  } else if (head === 'sequence-classification') {
    specs.push(...dense('classifier.dense', h, h), ...dense('classifier.out_proj', config.num_labels, h));
  } else if (head === 'token-classification') {
    specs.push(...dense('classifier', config.num_labels, h));
  }
  return specs;
}
