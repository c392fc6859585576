// How many threads a training run uses, decided once when the run is recorded (train.start, or the train
// job given no run) and stored in its config: the user's `workers` when given, else the automatic choice
// (engine/train/parallel/auto.ts) — 2 threads on a multi-core machine for steps large enough to gain,
// falling back to 1 when a copy of the model per thread would not fit in free memory. A run recorded
// before the option existed trained on one thread, and resumes on one (exact resume needs the same count).
import type { TrainConfig } from './train';
import { approximateParameters, autoWorkers, type WorkerChoice } from '../../engine/train/parallel/auto';

export type { WorkerChoice } from '../../engine/train/parallel/auto';

/** The threads of a run being trained: the recorded count, else 1 (recorded before there was a choice). */
export function recordedWorkers(config: Pick<TrainConfig, 'workers'>): number {
  return config.workers ?? 1;
}

/**
 * The count to record for a new run. `parameters`: the base model's (0 or null when unknown: automatic
 * then keeps 1 thread). `fits(workers)`: whether the memory estimate with that many threads fits.
 */
export async function chooseWorkers(
  config: Pick<TrainConfig, 'workers' | 'batch' | 'seq_len'> & { readonly method?: TrainConfig['method']; readonly lora?: { readonly dropout: number } },
  parameters: number | null,
  fits: (workers: number) => boolean | Promise<boolean> = () => true,
): Promise<WorkerChoice> {
  const choice = await decide(config, parameters, fits);
  // LoRA dropout draws masks per thread: as valid a sample as one thread's, but not the same numbers.
  const dropout = config.method !== 'cpt-full' && config.method !== 'scratch' && (config.lora?.dropout ?? 0) > 0;
  return choice.workers > 1 && dropout ? { ...choice, reason: `${choice.reason}; with LoRA dropout each thread draws its own dropout masks, so the run is reproducible at this count but not bit-equal to one thread` } : choice;
}

async function decide(config: Pick<TrainConfig, 'workers' | 'batch' | 'seq_len'>, parameters: number | null, fits: (workers: number) => boolean | Promise<boolean>): Promise<WorkerChoice> {
  if (config.workers !== undefined) {
    return { workers: config.workers, reason: config.workers === 1 ? 'one thread, as chosen' : `${config.workers} threads, as chosen (each holds a copy of the model)` };
  }
  const auto = autoWorkers({ parameters: parameters ?? 0, batch: config.batch, seqLen: config.seq_len });
  if (auto.workers > 1 && !(await fits(auto.workers))) {
    return { workers: 1, reason: 'one thread: a copy of the model for a second thread would not fit in free memory' };
  }
  return auto;
}

/** Parameters of the model a scratch run will make (from its size preset and vocabulary). */
export async function scratchParameters(config: Pick<TrainConfig, 'scratch'>): Promise<number> {
  const { MODEL_SIZE_PRESETS } = await import('../../engine/models/init');
  const scratch = config.scratch ?? { size: 'tiny' as const, vocab_size: 8000 };
  return approximateParameters(MODEL_SIZE_PRESETS[scratch.size], scratch.vocab_size);
}

/** A new run's config with its thread count recorded. */
export function withWorkers<C extends Pick<TrainConfig, 'workers'>>(config: C, choice: WorkerChoice): C {
  return { ...config, workers: choice.workers };
}
