// Data-parallel training across threads: ParallelTrainer (a Trainer that splits each micro-batch along
// the batch dimension over worker threads), the batch splitting with exact loss weights, and the
// factory the training jobs call with the user's `workers` choice.
import type { ParallelTrainerOptions } from './trainer';
import { ParallelTrainer } from './trainer';

export { ParallelTrainer, defaultWorkers, shardable, type CallOptions, type ParallelTrainerOptions } from './trainer';
export { countedLabels, splitBatch, type Shard, type ShardableBatch } from './shard';
export type { ModelDescription } from './protocol';

/**
 * A trainer on `options.workers` threads (default: min(cores, 2)); its worker threads start now, so a
 * backend or loading problem shows before the first step. Call close() when done (or the threads end
 * with the process). With 1 worker it is a plain Trainer plus lossFor().
 */
export async function createTrainer(options: ParallelTrainerOptions): Promise<ParallelTrainer> {
  const trainer = new ParallelTrainer(options);
  await trainer.start();
  return trainer;
}
