// The Hugging Face weight names and shapes of LLaMA (no biases unless attention_bias).
import { dense } from '../bert/weights';
import type { HeadKind, WeightSpec } from '../types';
import type { LlamaConfig } from './config';

export function llamaExpectedWeights(config: LlamaConfig, head: HeadKind = config.head): WeightSpec[] {
  const h = config.hidden_size;
  const kv = config.num_key_value_heads * config.head_dim;
  const bias = config.attention_bias;
  const specs: WeightSpec[] = [{ name: 'model.embed_tokens.weight', shape: [config.vocab_size, h] }];
  for (let i = 0; i < config.num_hidden_layers; i++) {
    const l = `model.layers.${i}`;
    specs.push(
      ...dense(`${l}.self_attn.q_proj`, h, h, bias),
      ...dense(`${l}.self_attn.k_proj`, kv, h, bias),
      ...dense(`${l}.self_attn.v_proj`, kv, h, bias),
      ...dense(`${l}.self_attn.o_proj`, h, h, bias),
      ...dense(`${l}.mlp.gate_proj`, config.intermediate_size, h, false),
      ...dense(`${l}.mlp.up_proj`, config.intermediate_size, h, false),
      ...dense(`${l}.mlp.down_proj`, h, config.intermediate_size, false),
      { name: `${l}.input_layernorm.weight`, shape: [h] },
      { name: `${l}.post_attention_layernorm.weight`, shape: [h] },
    );
  }
  specs.push({ name: 'model.norm.weight', shape: [h] });
  if (head === 'causal-lm') {
    specs.push(config.tie_word_embeddings
      ? { name: 'lm_head.weight', shape: [config.vocab_size, h], tied_to: 'model.embed_tokens.weight' }
      : { name: 'lm_head.weight', shape: [config.vocab_size, h] });
  } else if (head === 'sequence-classification') {
    specs.push({ name: 'score.weight', shape: [config.num_labels, h] });
  }
  return specs;
}
