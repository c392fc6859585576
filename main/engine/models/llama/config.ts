// LLaMA's config.json with transformers' LlamaConfig defaults. Grouped-query attention via
// num_key_value_heads; RoPE via rope_theta. rope_scaling (linear, dynamic, llama3, yarn…) is not
// implemented and refused by name, as is any activation but SiLU's family.
import { StudioError } from '../../../common/errors';
import { ConfigReader } from '../config-reader';
import type { BaseConfig, HeadKind } from '../types';

export interface LlamaConfig extends BaseConfig {
  readonly intermediate_size: number;
  readonly num_key_value_heads: number;
  readonly head_dim: number;
  readonly hidden_act: string;
  readonly rms_norm_eps: number;
  readonly rope_theta: number;
  readonly attention_bias: boolean;
}

export const LLAMA_CLASSES: Readonly<Record<string, HeadKind>> = {
  LlamaForCausalLM: 'causal-lm',
  LlamaModel: 'causal-lm',
  LlamaForSequenceClassification: 'sequence-classification',
};

export function parseLlamaConfig(raw: Readonly<Record<string, unknown>>): LlamaConfig {
  const r = new ConfigReader(raw, 'llama');
  if (r.has('rope_scaling')) {
    const scaling = raw.rope_scaling as Record<string, unknown>;
    const kind = typeof scaling === 'object' ? String(scaling.type ?? scaling.rope_type ?? JSON.stringify(scaling)) : String(scaling);
    throw new StudioError('unsupported', `config.json (llama): rope_scaling "${kind}" is not supported (only unscaled RoPE is implemented)`, { field: 'rope_scaling' });
  }
  r.only('hidden_act', ['silu', 'swish'], 'LLaMA models here use SiLU');
  const hidden = r.positiveInt('hidden_size', 4096);
  const heads = r.positiveInt('num_attention_heads', 32);
  const kvHeads = r.positiveInt('num_key_value_heads', heads);
  if (heads % kvHeads !== 0) {
    throw new StudioError('bad_input', `config.json (llama): num_attention_heads ${heads} is not a multiple of num_key_value_heads ${kvHeads}`, { field: 'num_key_value_heads' });
  }
  if (r.has('head_dim') && r.int('head_dim') !== hidden / heads) {
    throw new StudioError('unsupported', `config.json (llama): head_dim ${r.int('head_dim')} differs from hidden_size / num_attention_heads (${hidden / heads})`, { field: 'head_dim' });
  }
  if ((hidden / heads) % 2 !== 0) throw new StudioError('bad_input', 'config.json (llama): the head dimension must be even for RoPE');
  const base = r.base({
    classes: LLAMA_CLASSES,
    lmHead: 'causal-lm',
    vocab_size: r.positiveInt('vocab_size', 32000),
    hidden_size: hidden,
    num_hidden_layers: r.positiveInt('num_hidden_layers', 32),
    num_attention_heads: heads,
    max_position_embeddings: r.positiveInt('max_position_embeddings', 2048),
    tie_word_embeddings: r.bool('tie_word_embeddings', false),
  });
  return {
    ...base,
    bos_token_id: base.bos_token_id ?? 1,
    eos_token_id: base.eos_token_id ?? 2,
    intermediate_size: r.positiveInt('intermediate_size', 11008),
    num_key_value_heads: kvHeads,
    head_dim: hidden / heads,
    hidden_act: r.string('hidden_act', 'silu'),
    rms_norm_eps: r.number('rms_norm_eps', 1e-6),
    rope_theta: r.number('rope_theta', 10000),
    attention_bias: r.bool('attention_bias', false),
  };
}
