// The size of an ONNX export before writing it (the export step shows it): every weight the head uses
// as float32 (a tied decoder stored once), plus LLaMA's RoPE tables, from the weight files' headers only.
import { readHfWeightShapes } from '../../engine/hf/weights';
import { readModelConfig } from '../../engine/models/registry';
import type { HeadKind } from '../../engine/models/types';
import { checkWeights } from '../../engine/models/weights';
import { EXTERNAL_DATA_THRESHOLD } from './export';

export interface OnnxSizeEstimate {
  /** Bytes of model.onnx plus model.onnx.data, within a few kilobytes (graph structure and constants). */
  bytes: number;
  /** True when the weights will go to model.onnx.data (above 1.5 GiB). */
  external_data: boolean;
}

export async function estimateOnnxBytes(folder: string, head?: HeadKind): Promise<OnnxSizeEstimate> {
  const { arch, config } = await readModelConfig(folder);
  const { shapes } = await readHfWeightShapes(folder);
  const check = checkWeights(arch, config, shapes, head ?? config.head);
  let weights = 0;
  for (const original of check.found.values()) weights += 4 * (shapes.get(original) ?? []).reduce((a, b) => a * b, 1);
  if (arch.modelType === 'llama') weights += 2 * 4 * config.max_position_embeddings * (config.hidden_size / config.num_attention_heads);
  const graph = 2048 + 1024 * config.num_hidden_layers;
  return { bytes: weights + graph, external_data: weights > EXTERNAL_DATA_THRESHOLD };
}
