// What every architecture provides (models/<arch>/), and the shapes of inputs and outputs that the
// generic forward, loss, inference and training code exchange with it. Parameters are plain maps
// keyed exactly by Hugging Face state_dict names (LoRA pairs by PEFT's names without its prefix).
import type * as tf from '@tensorflow/tfjs-core';

export type Params = Readonly<Record<string, tf.Tensor>>;

export interface LoraDropout {
  rate: number;
  /** Seed of this forward pass (e.g. per step); each module mixes in a hash of its name. */
  seed: number;
}

/** The LoRA fields of forward options, as linear() takes them. */
export function loraOf(options: { loraScaling?: number; loraDropout?: LoraDropout }): { loraScaling?: number; loraDropout?: LoraDropout } {
  return { loraScaling: options.loraScaling, loraDropout: options.loraDropout };
}

export type HeadKind = 'masked-lm' | 'causal-lm' | 'sequence-classification' | 'token-classification';

/** A batch as Hugging Face takes it: rows of equal length, right-padded. */
export interface ModelInputs {
  /** [B][T] token ids. */
  input_ids: readonly (readonly number[])[];
  /** [B][T] 1 = real token, 0 = pad; all ones when absent. */
  attention_mask?: readonly (readonly number[])[];
  /** [B][T] segment ids (BERT); zeros when absent. */
  token_type_ids?: readonly (readonly number[])[];
}

/** The batch as tensors, made once per forward pass. */
export interface InputTensors {
  ids: tf.Tensor2D; // int32 [B, T]
  mask: tf.Tensor2D; // float32 [B, T]
  tokenTypes: tf.Tensor2D | null; // int32 [B, T]
  batch: number;
  length: number;
  raw: ModelInputs;
}

export interface ForwardOptions {
  /** lora_alpha / r, needed when the params carry LoRA pairs. */
  loraScaling?: number;
  /** PEFT's lora_dropout on the LoRA branch's input, for training (rate 0 or absent: none). */
  loraDropout?: LoraDropout;
}

/** Fields every architecture's config has, under one set of names. */
export interface BaseConfig {
  readonly model_type: string;
  /** `architectures[0]` of config.json, or null. */
  readonly architecture: string | null;
  /** The head the checkpoint was saved with (from `architectures`), or the family's LM head. */
  readonly head: HeadKind;
  readonly vocab_size: number;
  readonly hidden_size: number;
  readonly num_hidden_layers: number;
  readonly num_attention_heads: number;
  readonly max_position_embeddings: number;
  /** Classification heads: number of labels (2 by default, as HF). */
  readonly num_labels: number;
  readonly pad_token_id: number | null;
  readonly bos_token_id: number | null;
  readonly eos_token_id: number | null;
  readonly tie_word_embeddings: boolean;
  /** 'regression' when num_labels is 1 for sequence classification, as HF infers it. */
  readonly problem_type: 'regression' | 'single_label_classification' | 'multi_label_classification' | null;
  /** The config.json object as read, for writing it back. */
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface WeightSpec {
  name: string;
  shape: number[];
  /** Set on a tied alias: the key whose tensor it is (the alias is not stored in model.safetensors). */
  tied_to?: string;
}

/** The encoder/decoder stack's output. */
export interface BodyOutput {
  /** [B, T, H] the input of the head (for GPT-2 and LLaMA after the final norm). */
  last: tf.Tensor3D;
  /** num_hidden_layers + 1 tensors [B, T, H], as HF's output_hidden_states. */
  hiddenStates: tf.Tensor3D[];
}

export interface Architecture<C extends BaseConfig = BaseConfig> {
  readonly modelType: string;
  /** HF class names in `architectures` → the head they carry. */
  readonly classes: Readonly<Record<string, HeadKind>>;
  readonly heads: readonly HeadKind[];
  /** Reads config.json's object; throws StudioError naming an unsupported option. */
  parseConfig(raw: Readonly<Record<string, unknown>>): C;
  /** Every weight for config.head (or `head`), tied aliases included and marked. */
  expectedWeights(config: C, head?: HeadKind): WeightSpec[];
  /** The key prefix of the bare model (`bert`, `transformer`, …), for checkpoints saved without it. */
  readonly basePrefix: string;
  body(params: Params, config: C, inputs: InputTensors, options: ForwardOptions): BodyOutput;
  /** rows [N, H] → vocabulary logits [N, V]; masked-lm or causal-lm. */
  lmHead(params: Params, config: C, rows: tf.Tensor2D, options: ForwardOptions): tf.Tensor2D;
  /** last [B, T, H] → [B, num_labels]. */
  sequenceHead?(params: Params, config: C, last: tf.Tensor3D, inputs: InputTensors, options: ForwardOptions): tf.Tensor2D;
  /** rows [N, H] → [N, num_labels]. */
  tokenHead?(params: Params, config: C, rows: tf.Tensor2D, options: ForwardOptions): tf.Tensor2D;
}
