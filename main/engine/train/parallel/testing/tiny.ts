// Tiny models and batches for the data-parallel tests: seeded random weights for a small BERT (masked
// LM) and GPT-2 (causal LM), and labelled batches with uneven label counts per row.
import * as tf from '@tensorflow/tfjs-core';
import { parseModelConfig } from '../../../models/registry';
import { AdamW, DEFAULT_ADAMW } from '../../optimizer';
import { variablesFromParams } from '../../params';
import type { ShardableBatch } from '../shard';

export const TINY_CONFIGS = {
  bert: { model_type: 'bert', architectures: ['BertForMaskedLM'], vocab_size: 61, hidden_size: 16, num_hidden_layers: 2, num_attention_heads: 2, intermediate_size: 32, max_position_embeddings: 32 },
  gpt2: { model_type: 'gpt2', architectures: ['GPT2LMHeadModel'], vocab_size: 61, n_embd: 16, n_layer: 2, n_head: 2, n_positions: 32 },
} as const;

export function tinyModel(kind: keyof typeof TINY_CONFIGS, seed = 3): { rawConfig: Record<string, unknown>; trainable: Map<string, tf.Variable>; optimizer: AdamW } {
  const rawConfig = { ...TINY_CONFIGS[kind] } as Record<string, unknown>;
  const { arch, config } = parseModelConfig(rawConfig);
  const params = tf.tidy(() => {
    const out: Record<string, tf.Tensor> = {};
    arch.expectedWeights(config).forEach((spec, i) => {
      if (spec.tied_to !== undefined) return;
      out[spec.name] = spec.shape.length === 1 ? tf.add(tf.zeros(spec.shape), 0.01 * i) : tf.randomNormal(spec.shape, 0, 0.2, 'float32', seed + i);
    });
    return out;
  });
  const trainable = variablesFromParams(params);
  tf.dispose(Object.values(params));
  return { rawConfig, trainable, optimizer: new AdamW(trainable, { ...DEFAULT_ADAMW, weightDecay: 0.01 }) };
}

/** `rows` rows of `seq` ids; the last row padded; labels dense in some rows, sparse in others. */
export function tinyBatch(rows: number, seq: number, seed: number, causal: boolean): ShardableBatch {
  let state = seed;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const input_ids = Array.from({ length: rows }, () => Array.from({ length: seq }, () => 1 + Math.floor(rand() * 59)));
  const attention_mask = input_ids.map((row, i) => row.map((_, j) => (i === rows - 1 && j >= seq - 3 ? 0 : 1)));
  const labels = input_ids.map((row, i) =>
    row.map((id, j) => {
      if (attention_mask[i]![j] === 0) return -100;
      if (causal) return id;
      return rand() < (i % 2 === 0 ? 0.6 : 0.15) || j === i ? id : -100;
    }),
  );
  return { input_ids, attention_mask, labels };
}
