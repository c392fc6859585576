// The Hugging Face weight names and shapes of BERT (and the shared body of RoBERTa).
import type { HeadKind, WeightSpec } from '../types';
import type { BertConfig } from './config';

const norm = (name: string, h: number): WeightSpec[] => [
  { name: `${name}.weight`, shape: [h] },
  { name: `${name}.bias`, shape: [h] },
];
export const dense = (name: string, out: number, inSize: number, bias = true): WeightSpec[] => [
  { name: `${name}.weight`, shape: [out, inSize] },
  ...(bias ? [{ name: `${name}.bias`, shape: [out] }] : []),
];
export { norm as layerNormWeights };

/** Embeddings and encoder layers under `prefix` ("bert", "roberta"). */
export function bertBodyWeights(config: BertConfig, prefix: string): WeightSpec[] {
  const h = config.hidden_size;
  const specs: WeightSpec[] = [
    { name: `${prefix}.embeddings.word_embeddings.weight`, shape: [config.vocab_size, h] },
    { name: `${prefix}.embeddings.position_embeddings.weight`, shape: [config.max_position_embeddings, h] },
    { name: `${prefix}.embeddings.token_type_embeddings.weight`, shape: [config.type_vocab_size, h] },
    ...norm(`${prefix}.embeddings.LayerNorm`, h),
  ];
  for (let i = 0; i < config.num_hidden_layers; i++) {
    const l = `${prefix}.encoder.layer.${i}`;
    specs.push(
      ...dense(`${l}.attention.self.query`, h, h),
      ...dense(`${l}.attention.self.key`, h, h),
      ...dense(`${l}.attention.self.value`, h, h),
      ...dense(`${l}.attention.output.dense`, h, h),
      ...norm(`${l}.attention.output.LayerNorm`, h),
      ...dense(`${l}.intermediate.dense`, config.intermediate_size, h),
      ...dense(`${l}.output.dense`, h, config.intermediate_size),
      ...norm(`${l}.output.LayerNorm`, h),
    );
  }
  return specs;
}

export function bertExpectedWeights(config: BertConfig, head: HeadKind = config.head): WeightSpec[] {
  const h = config.hidden_size;
  const v = config.vocab_size;
  const specs = bertBodyWeights(config, 'bert');
  if (head === 'masked-lm') {
    specs.push(
      { name: 'cls.predictions.bias', shape: [v] },
      ...dense('cls.predictions.transform.dense', h, h),
      ...norm('cls.predictions.transform.LayerNorm', h),
      config.tie_word_embeddings
        ? { name: 'cls.predictions.decoder.weight', shape: [v, h], tied_to: 'bert.embeddings.word_embeddings.weight' }
        : { name: 'cls.predictions.decoder.weight', shape: [v, h] },
      { name: 'cls.predictions.decoder.bias', shape: [v], tied_to: 'cls.predictions.bias' },
    );
  } else if (head === 'sequence-classification') {
    specs.push(...dense('bert.pooler.dense', h, h), ...dense('classifier', config.num_labels, h));
  } else if (head === 'token-classification') {
    specs.push(...dense('classifier', config.num_labels, h));
  }
  return specs;
}
