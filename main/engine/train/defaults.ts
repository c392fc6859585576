// The hyper-parameters a user gets when they set none: one place for the train job, the advisor and
// bench/train.bench.ts, so that the figures the bench reports are the ones a default run reaches.
import type { DecayKind } from './schedule';

export type TrainMethod = 'cpt-full' | 'cpt-lora' | 'lora-task';

export const TRAIN_DEFAULTS = {
  /** Peak learning rate per method for models above SMALL_MODEL_PARAMETERS (see peakLrFor). */
  peakLr: { 'cpt-full': 1e-4, 'cpt-lora': 1e-3, 'lora-task': 1e-3 } as Readonly<Record<TrainMethod, number>>,
  /** Peak learning rate per method for small models (the bundled tiny ones), which take larger steps. */
  // lora-task at 2e-3: on tiny-bert / licence-kind, 5e-3 reached macro-F1 0.76 after 289 steps but fell back to the
  // majority class (0.387) by step 510; 2e-3 held 0.82 at 274 steps, 0.75 at 671 (seq 64) and 0.83 at seq 128.
  smallModelPeakLr: { 'cpt-full': 1e-3, 'cpt-lora': 5e-3, 'lora-task': 2e-3 } as Readonly<Record<TrainMethod, number>>,
  /** Peak learning rate of pre-training a new model from its random initialisation (scratch), any size. */
  scratchPeakLr: 5e-4,
  batch: 8,
  seqLen: 128,
  accumulation: 1,
  /** Warm-up as a share of the run's steps. */
  warmupShare: 0.06,
  decay: 'cosine' as DecayKind,
  minLrRatio: 0.1,
  weightDecay: 0.01,
  clipNorm: 1,
  replayRatio: 0.1,
  lora: { r: 8, alpha: 16, dropout: 0 },
} as const;

/**
 * What continued pre-training with LoRA (cpt-lora) also trains in full beside the adapter, per architecture:
 * PEFT's modules_to_save. Masked-LM encoders: the MLM head's transform (dense + LayerNorm) and its output
 * bias — a shallow head that LoRA in the layers below cannot reshape, and little to train (hidden² + vocab:
 * 21 k of tiny-bert's 0.97 M). The output projection (decoder) stays tied to the word embeddings and frozen:
 * it is an alias the engine never stores, so the adapter holds no copy of it and PEFT's loader keeps its copy
 * equal to the embeddings (same logits). Measured with bench/train.bench.ts on tiny-bert / sample-legal, seq 64,
 * batch 8, lr 5e-3, 120 steps (about a minute): LoRA alone lowered domain perplexity 10.1% (general 623 → 662),
 * with the head saved 21.9% (general → 684). Decoders save nothing: their LM head is the tied embedding matrix
 * without a bias, and on tiny-gpt LoRA alone lowered domain perplexity 94% in a minute (saving ln_f too: 94%).
 */
export const CPT_LORA_MODULES_TO_SAVE: Readonly<Record<string, readonly string[]>> = {
  bert: ['cls.predictions'],
  roberta: ['lm_head'],
  distilbert: ['vocab_transform', 'vocab_layer_norm', 'vocab_projector'],
};

/** modules_to_save for LoRA continued pre-training of a model type (empty where nothing is saved). */
export function cptLoraModulesToSave(modelType: string): readonly string[] {
  return CPT_LORA_MODULES_TO_SAVE[modelType] ?? [];
}

/** Models up to this many parameters get TRAIN_DEFAULTS.smallModelPeakLr. */
export const SMALL_MODEL_PARAMETERS = 20_000_000;

/**
 * The default peak learning rate for a method and a model size. On tiny-bert (1 M parameters, sample-legal,
 * bench/train.bench.ts) cpt-lora at 1e-3 lowered domain perplexity 4.2% in a minute and 5e-3 6.8%; cpt-full
 * at 1e-3 48%; BERT-base-sized models keep the usual 1e-4 (full) / 1e-3 (LoRA).
 */
export function peakLrFor(method: TrainMethod | 'scratch', parameters: number): number {
  if (method === 'scratch') return TRAIN_DEFAULTS.scratchPeakLr;
  return (parameters <= SMALL_MODEL_PARAMETERS ? TRAIN_DEFAULTS.smallModelPeakLr : TRAIN_DEFAULTS.peakLr)[method];
}

/** Warm-up steps for a run of `steps` steps (at least 1 when the run has more than one step). */
export function warmupStepsFor(steps: number): number {
  return steps <= 1 ? 0 : Math.max(1, Math.round(steps * TRAIN_DEFAULTS.warmupShare));
}

/**
 * Steps that fit a time budget at a measured pace (so the schedule decays within the budget instead
 * of being cut off at its peak), at least 1 and at most `cap`.
 */
export function stepsForBudget(msPerStep: number, budgetMs: number, cap = 1_000_000): number {
  if (!(msPerStep > 0) || !(budgetMs > 0)) throw new RangeError(`stepsForBudget needs positive numbers, got ${msPerStep} ms/step and ${budgetMs} ms`);
  return Math.max(1, Math.min(cap, Math.floor(budgetMs / msPerStep)));
}
