// The hyper-parameters a user gets when they set none: one place for the train job, the advisor and
// bench/train.bench.ts, so that the figures the bench reports are the ones a default run reaches.
import type { DecayKind } from './schedule';

export type TrainMethod = 'cpt-full' | 'cpt-lora' | 'lora-task';

export const TRAIN_DEFAULTS = {
  /** Peak learning rate per method for models above SMALL_MODEL_PARAMETERS (see peakLrFor). */
  peakLr: { 'cpt-full': 1e-4, 'cpt-lora': 1e-3, 'lora-task': 1e-3 } as Readonly<Record<TrainMethod, number>>,
  /** Peak learning rate per method for small models (the bundled tiny ones), which take larger steps. */
  smallModelPeakLr: { 'cpt-full': 1e-3, 'cpt-lora': 5e-3, 'lora-task': 5e-3 } as Readonly<Record<TrainMethod, number>>,
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

/** Models up to this many parameters get TRAIN_DEFAULTS.smallModelPeakLr. */
export const SMALL_MODEL_PARAMETERS = 20_000_000;

/**
 * The default peak learning rate for a method and a model size. On tiny-bert (1 M parameters, sample-legal,
 * bench/train.bench.ts) cpt-lora at 1e-3 lowered domain perplexity 4.2% in a minute and 5e-3 6.8%; cpt-full
 * at 1e-3 48%; BERT-base-sized models keep the usual 1e-4 (full) / 1e-3 (LoRA).
 */
export function peakLrFor(method: TrainMethod, parameters: number): number {
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
