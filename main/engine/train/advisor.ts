// Figures for the advisor, before a run starts: a memory estimate (weights, gradients, optimizer state,
// activations) from the config alone — so a plan that cannot fit is refused before anything is
// allocated — and a short calibration on this machine that measures time per step and peak tensor
// memory for the real batch shape, without changing the model.
import * as tf from '@tensorflow/tfjs-core';
import type { BaseConfig } from '../models/types';
import type { LossFn, Trainer } from './step';

export interface MemoryEstimate {
  readonly weights: number;
  readonly gradients: number;
  readonly optimizer: number;
  readonly activations: number;
  readonly total: number;
}

export interface MemoryPlan {
  readonly config: BaseConfig;
  /** Every parameter of the model (LoRA pairs included). */
  readonly totalParams: number;
  readonly trainableParams: number;
  /** Sequences per micro-batch. */
  readonly batch: number;
  readonly seqLen: number;
  /** Micro-batches per optimizer step (an accumulation buffer is held when > 1). */
  readonly accumulation: number;
  /** Positions whose vocabulary logits are computed: all for causal LM, ~15% for masked LM, 0 for classification. */
  readonly predictedShare: number;
  /** LoRA: adapted linear layers per transformer layer (each adds a low-rank branch to the tape). */
  readonly loraTargetsPerLayer?: number;
  /** Data-parallel threads (default 1): each holds a copy of the weights and its own gradients, and runs a
   *  share of the batch; the weights it reads and the gradients it writes sit in shared buffers. */
  readonly workers?: number;
}

function intermediateOf(config: BaseConfig): number {
  const raw = config as unknown as Record<string, unknown>;
  for (const key of ['intermediate_size', 'n_inner', 'hidden_dim']) if (typeof raw[key] === 'number') return raw[key] as number;
  return 4 * config.hidden_size;
}

/**
 * Float32 bytes a training step holds at its peak. Activations are what the autograd tape keeps for the
 * backward pass plus the gradients alive at the peak. Fitted by least squares to tf.profile peaks of
 * BERT, GPT-2 and LLaMA training steps at 9 shapes each (hidden 64–256, intermediate 256–1024, heads 4–16,
 * layers 2–4, batch 4–16, sequence 32–128) on the wasm and cpu backends, tfjs 4.22 (max error 4%), then
 * rounded up: per layer and token ~ACT_H hidden-sized and ~ACT_I intermediate-sized floats, ~ACT_S per
 * head and attention score, ~EMBED_H hidden-sized floats per token for the embeddings and the head, and
 * ~ACT_V per predicted position and vocabulary entry (logits, log-softmax and their gradients), and ~ACT_LORA
 * hidden-sized floats per LoRA target.
 */
export function estimateTrainingMemory(plan: MemoryPlan): MemoryEstimate {
  const workers = Math.max(1, Math.min(plan.workers ?? 1, plan.batch));
  if (workers > 1) {
    // Every thread runs ceil(batch / workers) rows at once; the extra threads hold a copy of the weights,
    // their gradients and the shared gradient buffer, plus one shared buffer of the trainable weights.
    const one = estimateTrainingMemory({ ...plan, workers: 1, batch: Math.ceil(plan.batch / workers) });
    const extra = workers - 1;
    const weights = one.weights + extra * 4 * plan.totalParams + 4 * plan.trainableParams;
    const gradients = one.gradients + extra * 2 * 4 * plan.trainableParams;
    const activations = workers * one.activations;
    return { weights, gradients, optimizer: one.optimizer, activations, total: weights + gradients + one.optimizer + activations };
  }
  const { config, batch, seqLen } = plan;
  const tokens = batch * seqLen;
  const h = config.hidden_size;
  const i = intermediateOf(config);
  const heads = config.num_attention_heads;
  const lora = ACT_LORA * tokens * h * (plan.loraTargetsPerLayer ?? 0);
  const perLayer = ACT_H * tokens * h + ACT_I * tokens * i + ACT_S * batch * heads * seqLen * seqLen + lora;
  const logits = ACT_V * Math.ceil(tokens * plan.predictedShare) * config.vocab_size;
  const activations = 4 * (config.num_hidden_layers * perLayer + EMBED_H * tokens * h + logits);
  const weights = 4 * plan.totalParams;
  const gradients = 4 * plan.trainableParams * (plan.accumulation > 1 ? 2 : 1);
  const optimizer = 8 * plan.trainableParams;
  return { weights, gradients, optimizer, activations, total: weights + gradients + optimizer + activations };
}

// Fitted (wasm / cpu): H 118–131 / 108, I 24–37 / 25, S 22–23 / 13, embeddings 55–87 / 57.
const ACT_H = 132;
const ACT_I = 38;
const ACT_S = 24;
const ACT_V = 6;
const EMBED_H = 90;
// Per LoRA target: the branch's output, its scaling and sum, and their gradients (llama, 7 targets per layer).
const ACT_LORA = 6;

/** null when the plan fits in `freeBytes` (with 10% headroom), else what to change, most effective first. */
export function memoryAdvice(estimate: MemoryEstimate, freeBytes: number, plan: { method: 'full' | 'lora'; batch: number; seqLen: number; workers?: number }): string | null {
  if (estimate.total <= freeBytes * 0.9) return null;
  const gib = (n: number): string => `${(n / 2 ** 30).toFixed(1)} GiB`;
  const tips: string[] = [];
  if ((plan.workers ?? 1) > 1) tips.push('one training thread (--workers 1: every thread holds a copy of the model)');
  if (plan.method === 'full' && estimate.gradients + estimate.optimizer > estimate.activations) {
    tips.push('train with LoRA (gradients and optimizer state shrink to the adapter)');
  }
  if (plan.batch > 1) tips.push(`a smaller batch (${Math.max(1, Math.floor(plan.batch / 2))}) with gradient accumulation`);
  if (plan.seqLen > 64) tips.push(`a shorter sequence length (${Math.floor(plan.seqLen / 2)})`);
  if (plan.method === 'lora' || tips.length === 0) tips.push('a smaller base model');
  return `This plan needs about ${gib(estimate.total)} (weights ${gib(estimate.weights)}, gradients ${gib(estimate.gradients)}, optimizer ${gib(estimate.optimizer)}, activations ${gib(estimate.activations)}) but ${gib(freeBytes)} is free. Try ${tips.join('; or ')}.`;
}

export interface Calibration {
  readonly msPerStep: number;
  readonly tokensPerSecond: number;
  /** Peak bytes held in tensors during a step (parameters and optimizer state included). */
  readonly peakBytes: number;
}

/**
 * Times `steps` forward+backward passes of `lossFn` (after one warm-up pass) and measures the peak tensor
 * memory. Gradients are computed and dropped: the model and the optimizer are left exactly as they were.
 */
export async function calibrate(trainer: Trainer, lossFn: LossFn, tokensPerStep: number, steps = 2, now: () => number = () => performance.now()): Promise<Calibration> {
  return timeSteps(
    async () => {
      const { grads } = await trainer.gradients(lossFn);
      tf.dispose([...grads.values()]);
    },
    tokensPerStep,
    steps,
    now,
  );
}

/**
 * Times `steps` whole training steps — forward, backward, clipping and the AdamW update, on every thread of a
 * data-parallel trainer — after one warm-up step, and measures this thread's peak tensor memory. Unlike
 * calibrate(), it steps the optimizer (at learning rate 0, so the weights stay as they were but its moments
 * and step count move): use it on a session opened for the plan and thrown away.
 */
export async function calibrateSteps(trainer: Trainer, lossFn: LossFn, tokensPerStep: number, steps = 2, now: () => number = () => performance.now()): Promise<Calibration> {
  return timeSteps(
    async () => {
      await trainer.step(lossFn, 0);
    },
    tokensPerStep,
    steps,
    now,
  );
}

/** One warm-up run of `once`, one profiled run (peak tensor memory), then `steps` timed runs. */
async function timeSteps(once: () => Promise<void>, tokensPerStep: number, steps: number, now: () => number): Promise<Calibration> {
  if (!(Number.isInteger(steps) && steps >= 1)) throw new RangeError(`calibration steps must be a whole number ≥ 1, got ${steps}`);
  await once();
  const profile = await tf.profile(once);
  const start = now();
  for (let s = 0; s < steps; s++) await once();
  const msPerStep = (now() - start) / steps;
  const baseline = tf.memory().numBytes;
  return { msPerStep, tokensPerSecond: (tokensPerStep * 1000) / msPerStep, peakBytes: Math.max(baseline, profile.peakBytes) };
}
