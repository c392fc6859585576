// The Hugging Face weight names and shapes of GPT-2. Conv1D weights are [in, out].
import { layerNormWeights } from '../bert/weights';
import type { HeadKind, WeightSpec } from '../types';
import type { Gpt2Config } from './config';

const conv1d = (name: string, inSize: number, out: number): WeightSpec[] => [
  { name: `${name}.weight`, shape: [inSize, out] },
  { name: `${name}.bias`, shape: [out] },
];

export function gpt2ExpectedWeights(config: Gpt2Config, head: HeadKind = config.head): WeightSpec[] {
  const h = config.hidden_size;
  const specs: WeightSpec[] = [
    { name: 'transformer.wte.weight', shape: [config.vocab_size, h] },
    { name: 'transformer.wpe.weight', shape: [config.max_position_embeddings, h] },
  ];
  for (let i = 0; i < config.num_hidden_layers; i++) {
    const l = `transformer.h.${i}`;
    specs.push(
      ...layerNormWeights(`${l}.ln_1`, h),
      ...conv1d(`${l}.attn.c_attn`, h, 3 * h),
      ...conv1d(`${l}.attn.c_proj`, h, h),
      ...layerNormWeights(`${l}.ln_2`, h),
      ...conv1d(`${l}.mlp.c_fc`, h, config.n_inner),
      ...conv1d(`${l}.mlp.c_proj`, config.n_inner, h),
    );
  }
  specs.push(...layerNormWeights('transformer.ln_f', h));
  if (head === 'causal-lm') {
    specs.push(config.tie_word_embeddings
      ? { name: 'lm_head.weight', shape: [config.vocab_size, h], tied_to: 'transformer.wte.weight' }
      : { name: 'lm_head.weight', shape: [config.vocab_size, h] });
  } else if (head === 'sequence-classification') {
    specs.push({ name: 'score.weight', shape: [config.num_labels, h] });
  } else if (head === 'token-classification') {
    specs.push({ name: 'classifier.weight', shape: [config.num_labels, h] }, { name: 'classifier.bias', shape: [config.num_labels] });
  }
  return specs;
}
