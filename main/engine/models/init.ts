// A model from scratch: a config.json for a chosen size (presets tiny / mini / small, or explicit
// dimensions) for bert or gpt2, every weight initialised as transformers' _init_weights does —
// normal(0, initializer_range) matrices and embeddings, zero biases, LayerNorm 1 / 0, the padding row
// of the word embeddings zero, GPT-2's residual projections (c_proj) scaled by 1/√(2·n_layer) — from a
// seeded generator, and the whole written as an ordinary Hugging Face folder with its tokenizer.
import { StudioError } from '../../common/errors';
import { saveHfFolder, type SavedHfFolder } from '../hf/save';
import { Rng } from '../train/rng';
import { architectureFor } from './registry';

export type ScratchModelType = 'bert' | 'gpt2';
export const SCRATCH_MODEL_TYPES: readonly ScratchModelType[] = ['bert', 'gpt2'];

export interface ModelSize {
  layers: number;
  hidden: number;
  heads: number;
  /** The feed-forward (intermediate) width. */
  ffn: number;
  maxPositions: number;
}

/** Small shapes for a workstation CPU: tiny ≈ BERT-tiny, mini ≈ BERT-mini, small ≈ BERT-small. */
export const MODEL_SIZE_PRESETS: Readonly<Record<'tiny' | 'mini' | 'small', ModelSize>> = {
  tiny: { layers: 2, hidden: 128, heads: 2, ffn: 512, maxPositions: 256 },
  mini: { layers: 4, hidden: 256, heads: 4, ffn: 1024, maxPositions: 512 },
  small: { layers: 4, hidden: 512, heads: 8, ffn: 2048, maxPositions: 512 },
};
export type ModelSizePreset = keyof typeof MODEL_SIZE_PRESETS;

export interface ScratchConfigOptions {
  modelType: ScratchModelType;
  size: ModelSizePreset | ModelSize;
  vocabSize: number;
  /** Token ids from the trained tokenizer. */
  special: { pad?: number | null; bos?: number | null; eos?: number | null };
  initializerRange?: number;
}

function resolveSize(size: ModelSizePreset | ModelSize): ModelSize {
  if (typeof size === 'string') {
    const preset = MODEL_SIZE_PRESETS[size];
    if (preset === undefined) throw new StudioError('invalid_request', `Unknown model size ${size} (choose ${Object.keys(MODEL_SIZE_PRESETS).join(', ')})`, { field: 'size' });
    return preset;
  }
  for (const key of ['layers', 'hidden', 'heads', 'ffn', 'maxPositions'] as const) {
    const value = size[key];
    if (!Number.isInteger(value) || value < 1 || value > 65_536) {
      throw new StudioError('invalid_request', `The model size's ${key} must be a whole number from 1 to 65536 (got ${value})`, { field: `size.${key}` });
    }
  }
  if (size.hidden % size.heads !== 0) throw new StudioError('invalid_request', `The hidden size ${size.hidden} must be a multiple of the ${size.heads} attention heads`, { field: 'size.heads' });
  return size;
}

/** config.json's content for a new model, as transformers writes it for BertConfig / GPT2Config. */
export function scratchConfig(options: ScratchConfigOptions): Record<string, unknown> {
  const size = resolveSize(options.size);
  const range = options.initializerRange ?? 0.02;
  if (!Number.isInteger(options.vocabSize) || options.vocabSize < 8) throw new StudioError('invalid_request', `The vocabulary size must be at least 8 (got ${options.vocabSize})`, { field: 'vocab_size' });
  if (options.modelType === 'bert') {
    return {
      architectures: ['BertForMaskedLM'],
      model_type: 'bert',
      vocab_size: options.vocabSize,
      hidden_size: size.hidden,
      num_hidden_layers: size.layers,
      num_attention_heads: size.heads,
      intermediate_size: size.ffn,
      hidden_act: 'gelu',
      hidden_dropout_prob: 0.1,
      attention_probs_dropout_prob: 0.1,
      max_position_embeddings: size.maxPositions,
      type_vocab_size: 2,
      initializer_range: range,
      layer_norm_eps: 1e-12,
      pad_token_id: options.special.pad ?? 0,
      position_embedding_type: 'absolute',
      use_cache: true,
      classifier_dropout: null,
      torch_dtype: 'float32',
    };
  }
  if (options.modelType === 'gpt2') {
    return {
      architectures: ['GPT2LMHeadModel'],
      model_type: 'gpt2',
      vocab_size: options.vocabSize,
      n_embd: size.hidden,
      n_layer: size.layers,
      n_head: size.heads,
      n_inner: size.ffn,
      n_positions: size.maxPositions,
      activation_function: 'gelu_new',
      resid_pdrop: 0.1,
      embd_pdrop: 0.1,
      attn_pdrop: 0.1,
      layer_norm_epsilon: 1e-5,
      initializer_range: range,
      scale_attn_weights: true,
      scale_attn_by_inverse_layer_idx: false,
      reorder_and_upcast_attn: false,
      bos_token_id: options.special.bos ?? 0,
      eos_token_id: options.special.eos ?? 0,
      use_cache: true,
      tie_word_embeddings: true,
      torch_dtype: 'float32',
    };
  }
  throw new StudioError('unsupported', `Training from scratch supports ${SCRATCH_MODEL_TYPES.join(' and ')} (got ${String(options.modelType)})`, { field: 'model_type' });
}

export interface InitTensor {
  shape: number[];
  data: Float32Array;
}

function isNorm(module: string): boolean {
  return /norm/i.test(module) || /^ln_/.test(module);
}

/** Every stored weight of the config's model (tied aliases excluded), initialised as transformers does. */
export function initWeights(rawConfig: Readonly<Record<string, unknown>>, seed: number): Map<string, InitTensor> {
  const arch = architectureFor(String(rawConfig.model_type));
  const config = arch.parseConfig(rawConfig);
  const std = typeof rawConfig.initializer_range === 'number' ? rawConfig.initializer_range : 0.02;
  const pad = typeof rawConfig.pad_token_id === 'number' ? rawConfig.pad_token_id : null;
  const gpt2 = arch.modelType === 'gpt2';
  const residualStd = std / Math.sqrt(2 * config.num_hidden_layers);
  const rng = new Rng(seed);
  const out = new Map<string, InitTensor>();
  for (const spec of arch.expectedWeights(config)) {
    if (spec.tied_to !== undefined) continue;
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size); // zeros: biases, and LayerNorm biases
    const parts = spec.name.split('.');
    const module = parts.at(-2) ?? '';
    const leaf = parts.at(-1);
    if (leaf === 'weight' && isNorm(module)) data.fill(1);
    else if (spec.shape.length >= 2) {
      const s = gpt2 && module === 'c_proj' ? residualStd : std;
      for (let i = 0; i < size; i++) data[i] = rng.normal(0, s);
      if (module === 'word_embeddings' && pad !== null && pad >= 0 && pad < spec.shape[0]!) {
        const width = spec.shape[1]!;
        data.fill(0, pad * width, (pad + 1) * width);
      }
    }
    out.set(spec.name, { shape: [...spec.shape], data });
  }
  return out;
}

export interface CreateScratchModelOptions extends ScratchConfigOptions {
  /** The folder holding the trained tokenizer's files (copied into the model folder). */
  tokenizerFolder: string;
  seed: number;
  overwrite?: boolean;
}

/** Writes a freshly initialised model with its tokenizer as a Hugging Face folder. */
export async function createScratchModel(folder: string, options: CreateScratchModelOptions): Promise<SavedHfFolder & { config: Record<string, unknown>; parameters: number }> {
  const config = scratchConfig(options);
  const tensors = initWeights(config, options.seed);
  const parameters = [...tensors.values()].reduce((n, t) => n + t.data.length, 0);
  const saved = await saveHfFolder(folder, { config, tensors, tokenizerFrom: options.tokenizerFolder, overwrite: options.overwrite });
  return { ...saved, config, parameters };
}
