// The training loop: schedule → data → step → progress, with periodic evaluation, early stopping,
// checkpoints, a wall-clock budget and a stop signal (pause or cancel). It knows nothing about the
// model or the corpus: the data source turns the run's RNG into micro-batch loss functions, and the
// evaluation callback returns a metric (lower is better, e.g. validation loss).
//
// Exact resume: a checkpoint holds the step, the RNG state, the data position, the optimizer state and
// the early-stopping counters, all taken between two steps; restoreRun() puts them back, and the run
// continues with the very same batches, learning rates and updates. Evaluation must not draw from the
// run's RNG (use a fixed seed of its own), or an evaluation would shift every later batch.
import * as tf from '@tensorflow/tfjs-core';
import { StudioError } from '../../common/errors';
import { listCheckpoints, loadCheckpoint, saveCheckpoint, type CheckpointContent, type CheckpointInfo } from './checkpoint';
import type { AdamW } from './optimizer';
import { assignFromHost, toHost } from './params';
import { Rng } from './rng';
import { lrAt, type ScheduleConfig } from './schedule';
import type { LossFn, Trainer } from './step';

export interface DataSource {
  /** The micro-batches of the next optimizer step (several = gradient accumulation); may draw from `rng`. */
  nextStep(rng: Rng): { readonly microBatches: readonly LossFn[]; readonly tokens: number };
  /** The position in the data, as JSON, for checkpoints. */
  getState(): unknown;
  setState(state: unknown): void;
}

export interface StepEvent {
  /** Optimizer steps completed (1 after the first). */
  readonly step: number;
  readonly totalSteps: number;
  readonly loss: number;
  readonly gradNorm: number;
  readonly lr: number;
  readonly tokensPerSecond: number;
  /** Estimated time to the last step, from the speed so far in this session. */
  readonly etaMs: number;
  readonly elapsedMs: number;
  /** Bytes held in tensors now. */
  readonly tensorBytes: number;
}

export interface EvalEvent {
  readonly step: number;
  readonly metric: number;
  readonly values: Readonly<Record<string, number>>;
  readonly improved: boolean;
}

export interface LoopOptions {
  readonly trainer: Trainer;
  readonly optimizer: AdamW;
  /** The trainer's trainable parameters (what checkpoints hold). */
  readonly trainable: ReadonlyMap<string, tf.Variable>;
  readonly data: DataSource;
  /** totalSteps is the last step of the run. */
  readonly schedule: ScheduleConfig;
  /** The run's RNG, as restored or freshly seeded. */
  readonly rng: Rng;
  /** Where a resumed run starts (from restoreRun); a fresh run starts empty. */
  readonly resume?: RestoredRun;
  readonly evaluate?: () => Promise<{ metric: number; values?: Record<string, number> }>;
  /** Evaluate every this many steps (and at the end); 0 = only at the end. */
  readonly evalEvery?: number;
  /** Stop after this many evaluations without improvement; null = never. */
  readonly patience?: number | null;
  /** Checkpoint every `every` steps, at every evaluation, and when the run stops. */
  readonly checkpoint?: { readonly dir: string; readonly every: number; readonly keepLast: number };
  /** Stop (with a checkpoint) once this much wall-clock time has passed in this session. */
  readonly maxMs?: number | null;
  /** Abort to pause or cancel: the loop stops between two steps and checkpoints. */
  readonly signal?: AbortSignal;
  /** Skip steps whose loss or gradient is not finite, up to this many in a row, then fail. */
  readonly maxBadSteps?: number;
  readonly onStep?: (event: StepEvent) => void;
  readonly onEval?: (event: EvalEvent) => void;
  /** Clock in ms (tests pass a fake one). */
  readonly now?: () => number;
}

export type LoopStatus = 'completed' | 'stopped' | 'early-stopped' | 'time-limit';

export interface LoopResult {
  readonly status: LoopStatus;
  /** Optimizer steps completed. */
  readonly step: number;
  readonly lastLoss: number | null;
  readonly bestMetric: number | null;
  readonly bestStep: number | null;
  /** The checkpoint written last, if any. */
  readonly checkpoint: CheckpointInfo | null;
}

/** Early-stopping bookkeeping, saved in each checkpoint's `extra`. */
interface Progress {
  bestMetric: number | null;
  bestStep: number | null;
  evalsWithoutImprovement: number;
  lastLoss: number | null;
}

export interface RestoredRun {
  readonly step: number;
  readonly rng: Rng;
  readonly progress: Progress;
  readonly checkpoint: CheckpointInfo;
  /** Damaged newer checkpoints passed over, with why. */
  readonly skipped: readonly string[];
}

/**
 * Loads the latest readable checkpoint of `dir` into the parameters, optimizer and data source; null when
 * there is none. A damaged checkpoint (say, a file truncated after the fact) is skipped for the one
 * before it and named in `skipped`; a checkpoint of another model is an error, not skipped.
 */
export async function restoreRun(dir: string, target: { trainable: ReadonlyMap<string, tf.Variable>; optimizer: AdamW; data: DataSource }): Promise<RestoredRun | null> {
  const all = listCheckpoints(dir);
  if (all.length === 0) return null;
  const skipped: string[] = [];
  for (const info of all.reverse()) {
    let content: CheckpointContent;
    try {
      content = await loadCheckpoint(info.path);
    } catch (error) {
      skipped.push(`step ${info.step}: ${(error as Error).message}`);
      continue;
    }
    assignFromHost(target.trainable, content.trainable);
    target.optimizer.importState(content.optimizer);
    target.data.setState(content.state.data);
    const saved = (content.state.extra?.progress ?? {}) as Partial<Progress>;
    return {
      step: content.state.step,
      rng: Rng.fromState(content.state.rng),
      progress: {
        bestMetric: typeof saved.bestMetric === 'number' ? saved.bestMetric : null,
        bestStep: typeof saved.bestStep === 'number' ? saved.bestStep : null,
        evalsWithoutImprovement: typeof saved.evalsWithoutImprovement === 'number' ? saved.evalsWithoutImprovement : 0,
        lastLoss: typeof saved.lastLoss === 'number' ? saved.lastLoss : null,
      },
      checkpoint: info,
      skipped,
    };
  }
  throw new StudioError('bad_input', `No checkpoint in ${dir} can be read, so the run cannot be resumed: ${skipped.join('; ')}`);
}

export async function runLoop(options: LoopOptions): Promise<LoopResult> {
  const { trainer, schedule, data } = options;
  const now = options.now ?? Date.now;
  const evalEvery = options.evalEvery ?? 0;
  const maxBadSteps = options.maxBadSteps ?? 3;
  const rng = options.resume?.rng ?? options.rng;
  const progress: Progress = options.resume ? { ...options.resume.progress } : { bestMetric: null, bestStep: null, evalsWithoutImprovement: 0, lastLoss: null };
  let step = options.resume?.step ?? 0;
  let lastCheckpoint: CheckpointInfo | null = options.resume?.checkpoint ?? null;
  let lastCheckpointStep = options.resume?.step ?? -1;
  let lastEvalStep = -1;
  let badInARow = 0;
  const started = now();
  const startStep = step;
  let tokens = 0;

  const checkpoint = async (metric: number | null): Promise<void> => {
    if (options.checkpoint === undefined) return;
    lastCheckpoint = await saveCheckpoint(
      options.checkpoint.dir,
      {
        trainable: await toHost(options.trainable),
        optimizer: await options.optimizer.exportState(),
        state: { step, rng: rng.getState(), data: data.getState(), metric, extra: { progress: { ...progress } } },
      },
      { keepLast: options.checkpoint.keepLast },
    );
    lastCheckpointStep = step;
  };

  /** Evaluates, updates early stopping, checkpoints with the metric; true when patience ran out. */
  const evaluate = async (): Promise<boolean> => {
    if (options.evaluate === undefined || lastEvalStep === step) return false;
    lastEvalStep = step;
    const { metric, values = {} } = await options.evaluate();
    const improved = Number.isFinite(metric) && (progress.bestMetric === null || metric < progress.bestMetric);
    if (improved) {
      progress.bestMetric = metric;
      progress.bestStep = step;
      progress.evalsWithoutImprovement = 0;
    } else progress.evalsWithoutImprovement += 1;
    options.onEval?.({ step, metric, values, improved });
    await checkpoint(Number.isFinite(metric) ? metric : null);
    const patience = options.patience ?? null;
    return patience !== null && progress.evalsWithoutImprovement >= patience;
  };

  const finish = async (status: LoopStatus): Promise<LoopResult> => {
    if (lastCheckpointStep !== step) await checkpoint(null);
    return { status, step, lastLoss: progress.lastLoss, bestMetric: progress.bestMetric, bestStep: progress.bestStep, checkpoint: lastCheckpoint };
  };

  while (step < schedule.totalSteps) {
    if (options.signal?.aborted) return finish('stopped');
    if (options.maxMs !== undefined && options.maxMs !== null && now() - started >= options.maxMs) return finish('time-limit');
    const lr = lrAt(step, schedule);
    const batch = data.nextStep(rng);
    const result = await trainer.step(batch.microBatches, lr);
    if (!result.applied) {
      badInARow += 1;
      if (badInARow > maxBadSteps) {
        throw new Error(`training diverged: the loss or gradient was not finite for ${badInARow} steps in a row at step ${step + 1} (loss ${result.loss}); lower the learning rate`);
      }
    } else badInARow = 0;
    step += 1;
    tokens += batch.tokens;
    progress.lastLoss = result.loss;
    const elapsedMs = Math.max(1, now() - started);
    const done = step - startStep;
    options.onStep?.({
      step,
      totalSteps: schedule.totalSteps,
      loss: result.loss,
      gradNorm: result.gradNorm,
      lr,
      tokensPerSecond: (tokens * 1000) / elapsedMs,
      etaMs: (elapsedMs / done) * (schedule.totalSteps - step),
      elapsedMs,
      tensorBytes: tf.memory().numBytes,
    });
    if (evalEvery > 0 && step % evalEvery === 0 && (await evaluate())) return finish('early-stopped');
    if (options.checkpoint !== undefined && step % options.checkpoint.every === 0 && lastCheckpointStep !== step) await checkpoint(null);
  }
  await evaluate(); // the last evaluation; running out of patience here changes nothing
  return finish('completed');
}
