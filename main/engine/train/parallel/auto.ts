// The automatic choice of training threads (a run's `workers` left out): data-parallel threads pay only
// when a step has enough work to hide their fixed cost (publishing the weights, summing the gradients,
// messages), so the choice depends on the step's size — parameters × tokens per micro-batch — not on the
// model alone. Light on purpose (no TensorFlow.js): the services import it to record a run's count.
//
// Measured (wasm, tiny-bert 0.97 M parameters, 2-core machine; CPU seconds per step, all threads):
//   batch 2 × 32 tokens    1 thread 0.055 s, 2 threads 0.115 s → at best 0.96× (a loss)
//   batch 4 × 64           0.11 s vs 0.17 s → at best 1.29×
//   batch 8 × 64           0.157 s vs 0.226 s → at best 1.39×
//   batch 8 × 128          0.29 s vs 0.37 s → 1.3–1.6× wall measured
//   BERT-mini 5.6 M, 16 × 128: 1.64× wall (bench/engine.bench.ts)
// Hence 2 threads from 4·10⁸ parameter-tokens per micro-batch (tiny-bert at 8 × 64), and 1 below.
import { availableParallelism } from 'node:os';

/** Parameter × token count of one micro-batch from which a second thread pays. */
export const PARALLEL_MIN_WORK = 4e8;

export interface WorkerChoice {
  readonly workers: number;
  readonly reason: string;
}

/**
 * Threads for a run whose `workers` the user left out: min(cores, 2) when the micro-batch has at least 2
 * rows and parameters × batch × seqLen ≥ PARALLEL_MIN_WORK, else 1. `cores` defaults to this machine's.
 */
export function autoWorkers(plan: { parameters: number; batch: number; seqLen: number }, cores = availableParallelism()): WorkerChoice {
  const most = Math.max(1, Math.min(cores, 2));
  if (most === 1) return { workers: 1, reason: 'this computer has one core: training runs on one thread' };
  if (plan.batch < 2) return { workers: 1, reason: 'a batch of one sequence cannot be split between threads' };
  const work = plan.parameters * plan.batch * plan.seqLen;
  if (work < PARALLEL_MIN_WORK) {
    return { workers: 1, reason: `each step is small (${plan.batch} × ${plan.seqLen} tokens on ${(plan.parameters / 1e6).toFixed(1)}M parameters): a second thread would cost more than it saves` };
  }
  return { workers: most, reason: `each step is large enough to split: ${most} threads train on halves of every batch (each holds a copy of the model)` };
}

/** Parameters of a model from its size (for a model not made yet: pre-training from scratch). */
export function approximateParameters(size: { layers: number; hidden: number; ffn: number; maxPositions: number }, vocabSize: number): number {
  const { layers, hidden: h, ffn } = size;
  return layers * (4 * h * h + 2 * h * ffn + 9 * h + ffn) + (vocabSize + size.maxPositions + 2) * h;
}
