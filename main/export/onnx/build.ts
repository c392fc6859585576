// Builds the ONNX ModelProto of a model (any registered architecture, any of its heads) from its
// config and its weights keyed by Hugging Face names: inputs input_ids / attention_mask (int64
// [batch, sequence]) and token_type_ids for BERT, output logits; IR version 8, opset 17.
import { StudioError } from '../../common/errors';
import type { BertConfig } from '../../engine/models/bert/config';
import type { DistilBertConfig } from '../../engine/models/distilbert/config';
import type { Gpt2Config } from '../../engine/models/gpt2/config';
import type { LlamaConfig } from '../../engine/models/llama/config';
import type { ModelSpec } from '../../engine/models/registry';
import type { HeadKind } from '../../engine/models/types';
import { checkWeights } from '../../engine/models/weights';
import { gpt2Graph, llamaGraph } from './decoders';
import { bertGraph, distilbertGraph, robertaGraph, type GraphInputs } from './encoders';
import { GraphBuilder } from './graph';
import { dimsOf, Weights, type HostTensor } from './layers';
import { DataType, type ModelProto } from './schema';

export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 17;
export const PRODUCER = 'domain-studio';

export interface BuiltOnnxModel {
  model: ModelProto;
  head: HeadKind;
  inputs: string[];
  outputs: string[];
  /** The logits' dimensions, symbolic names for the dynamic axes. */
  logitsDims: Array<string | number>;
}

/** The architectures that take token_type_ids as an input. */
export const TAKES_TOKEN_TYPES: ReadonlySet<string> = new Set(['bert']);

export function buildOnnxModel(spec: ModelSpec, weights: ReadonlyMap<string, HostTensor>, options: { head?: HeadKind; producerVersion?: string } = {}): BuiltOnnxModel {
  const { arch, config } = spec;
  const head = options.head ?? config.head;
  if (!arch.heads.includes(head)) throw new StudioError('unsupported', `${arch.modelType} has no ${head} head (it has: ${arch.heads.join(', ')})`);
  // canonical HF names, as the engine reads them (a checkpoint saved without the base prefix works too)
  const check = checkWeights(arch, config, new Map([...weights].map(([name, t]) => [name, t.shape])), head);
  if (check.missing.length > 0) {
    const list = check.missing.slice(0, 5).join(', ') + (check.missing.length > 5 ? `, and ${check.missing.length - 5} more` : '');
    throw new StudioError('bad_input', `The checkpoint lacks ${check.missing.length} weight(s) that a ${arch.modelType} ${head} model needs: ${list}`);
  }
  const canonical = new Map<string, HostTensor>();
  for (const [name, original] of check.found) canonical.set(name, weights.get(original)!);

  const g = new GraphBuilder();
  g.reserve('logits');
  const dyn = ['batch', 'sequence'];
  const ids = g.input('input_ids', DataType.INT64, dyn);
  const mask = g.input('attention_mask', DataType.INT64, dyn);
  const types = TAKES_TOKEN_TYPES.has(arch.modelType) ? g.input('token_type_ids', DataType.INT64, dyn) : null;
  const io: GraphInputs = { ids, mask, types, dims: dimsOf(g, ids) };
  const w = new Weights(g, canonical);
  let logits: string;
  switch (arch.modelType) {
    case 'bert':
      logits = bertGraph(w, config as unknown as BertConfig, head, io);
      break;
    case 'roberta':
      logits = robertaGraph(w, config as unknown as BertConfig, head, io);
      break;
    case 'distilbert':
      logits = distilbertGraph(w, config as unknown as DistilBertConfig, head, io);
      break;
    case 'gpt2':
      logits = gpt2Graph(w, config as unknown as Gpt2Config, head, io);
      break;
    case 'llama':
      logits = llamaGraph(w, config as unknown as LlamaConfig, head, io);
      break;
    default:
      throw new StudioError('unsupported', `ONNX export of ${arch.modelType} models is not implemented`);
  }
  const width = head === 'masked-lm' || head === 'causal-lm' ? config.vocab_size : config.num_labels;
  const logitsDims = head === 'sequence-classification' ? ['batch', width] : ['batch', 'sequence', width];
  g.output('logits', logits, DataType.FLOAT, logitsDims);

  const meta: Record<string, string> = {
    model_type: arch.modelType,
    head,
    architecture: config.architecture ?? '',
    vocab_size: String(config.vocab_size),
    max_position_embeddings: String(config.max_position_embeddings),
    // RoBERTa's positions start after the padding index
    max_sequence_length: String(arch.modelType === 'roberta' ? config.max_position_embeddings - (config.pad_token_id ?? 1) - 1 : config.max_position_embeddings),
    pad_token_id: config.pad_token_id === null ? '' : String(config.pad_token_id),
    bos_token_id: config.bos_token_id === null ? '' : String(config.bos_token_id),
    eos_token_id: config.eos_token_id === null ? '' : String(config.eos_token_id),
  };
  if (head === 'sequence-classification' || head === 'token-classification') {
    const given = config.raw.id2label as Record<string, unknown> | undefined;
    const labels = Array.from({ length: config.num_labels }, (_, i) => (typeof given?.[String(i)] === 'string' ? (given[String(i)] as string) : `LABEL_${i}`));
    meta.labels = JSON.stringify(labels);
    meta.problem_type = config.problem_type ?? (config.num_labels === 1 ? 'regression' : 'single_label_classification');
  }
  const model: ModelProto = {
    ir_version: ONNX_IR_VERSION,
    opset_import: [{ domain: '', version: ONNX_OPSET }],
    producer_name: PRODUCER,
    producer_version: options.producerVersion ?? '1',
    doc_string: `${config.architecture ?? arch.modelType} (${head}) exported from Hugging Face weights`,
    graph: g.build(`${arch.modelType}_${head.replace('-', '_')}`),
    metadata_props: Object.entries(meta).map(([key, value]) => ({ key, value })),
  };
  return { model, head, inputs: g.inputs.map((i) => i.name), outputs: ['logits'], logitsDims };
}
