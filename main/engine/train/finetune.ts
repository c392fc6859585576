// LoRA (or full) fine-tuning on a labelled task — sequence classification (one label per text) or token
// classification (one label per token, -100 where none) — with a fresh head, the class balance and
// majority baseline reported before training, and accuracy / macro-F1 on the validation split.
// Examples come tokenized (ids with the model's special tokens); the job kind reads CSV/JSONL and
// tokenizes. Outputs: outDir/adapter (LoRA, head in modules_to_save) or outDir/model (full).
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { StudioError } from '../../common/errors';
import type { LoraConfig } from '../lora/config';
import { forward } from '../models/forward';
import { bestCheckpoint, loadCheckpoint } from './checkpoint';
import { calibrateSequenceHead } from './head-init';
import { EpochSampler, type SamplerState } from './collate';
import { restoreRun, runLoop, type DataSource, type EvalEvent, type LoopStatus, type StepEvent } from './loop';
import { AdamW, DEFAULT_ADAMW, isBiasOrNorm } from './optimizer';
import { assignFromHost } from './params';
import { Rng } from './rng';
import type { DecayKind } from './schedule';
import { openSession, type TrainingSession } from './session';
import { createTrainer } from './parallel';
import type { LossFn, Trainer } from './step';
import { classBalance, classificationScores, majorityBaseline, type ClassificationScores } from './task-metrics';

export type TaskKind = 'sequence-classification' | 'token-classification';

export interface TaskExample {
  readonly ids: readonly number[];
  readonly token_type_ids?: readonly number[];
  /** Sequence classification: the label id. */
  readonly label?: number;
  /** Token classification: a label id per id (-100 for special tokens and continuation pieces). */
  readonly tags?: readonly number[];
}

export interface TaskSpec {
  readonly modelFolder: string;
  readonly method: 'full' | 'lora';
  readonly lora?: Partial<LoraConfig>;
  readonly task: TaskKind;
  readonly labels: readonly string[];
  readonly train: readonly TaskExample[];
  readonly validation: readonly TaskExample[];
  readonly padId: number;
  readonly batch: number;
  readonly steps: number;
  readonly peakLr: number;
  readonly warmupSteps: number;
  readonly decay: DecayKind;
  readonly minLrRatio: number;
  readonly weightDecay: number;
  readonly clipNorm: number | null;
  readonly evalEvery: number;
  readonly patience: number | null;
  readonly checkpointEvery: number;
  readonly keepLast: number;
  readonly seed: number;
  readonly outDir: string;
  readonly resume: boolean;
  readonly maxMs?: number | null;
  readonly signal?: AbortSignal;
  /** Threads for data-parallel training (each holds a copy of the weights); default 1. See parallel/defaultWorkers(). */
  readonly workers?: number;
}

export interface TaskHooks {
  onStep?(event: StepEvent): void;
  onEval?(event: EvalEvent & { scores: ClassificationScores }): void;
  onPhase?(message: string): void;
}

export interface TaskResult {
  readonly status: LoopStatus;
  readonly steps: number;
  readonly metrics: {
    readonly accuracy: number;
    readonly macro_f1: number;
    readonly per_label_f1: Readonly<Record<string, number>>;
    readonly majority_baseline: { readonly label: string; readonly accuracy: number; readonly macro_f1: number };
    readonly class_balance: { readonly train: Record<string, number>; readonly validation: Record<string, number> };
    readonly train_loss: number | null;
    readonly saved_step: number;
  };
  readonly outputs: { readonly model: string | null; readonly adapter: string | null };
  readonly parameters: { readonly total: number; readonly trainable: number };
}

function goldOf(task: TaskKind, examples: readonly TaskExample[]): number[] {
  return task === 'sequence-classification' ? examples.map((e) => e.label as number) : examples.flatMap((e) => [...(e.tags as number[])]);
}

/** Checks the examples against the task and the label list; throws StudioError('bad_input') naming the example. */
function checkExamples(spec: TaskSpec, split: 'train' | 'validation', maxPositions: number): void {
  const examples = spec[split];
  if (examples.length === 0) throw new StudioError('bad_input', `The ${split} split of the task has no examples`);
  examples.forEach((e, i) => {
    const where = `${split} example ${i + 1}`;
    if (e.ids.length === 0) throw new StudioError('bad_input', `${where} is empty`);
    if (e.ids.length > maxPositions) throw new StudioError('bad_input', `${where} has ${e.ids.length} tokens; the model takes at most ${maxPositions} (truncate when tokenizing)`);
    if (spec.task === 'sequence-classification') {
      if (!Number.isInteger(e.label) || (e.label as number) < 0 || (e.label as number) >= spec.labels.length) throw new StudioError('bad_input', `${where} has label ${String(e.label)}, not one of the ${spec.labels.length} labels`);
    } else {
      if (e.tags === undefined || e.tags.length !== e.ids.length) throw new StudioError('bad_input', `${where} needs one tag per token (${e.ids.length}), got ${e.tags?.length ?? 0}`);
      const bad = e.tags.find((t) => t !== -100 && !(Number.isInteger(t) && t >= 0 && t < spec.labels.length));
      if (bad !== undefined) throw new StudioError('bad_input', `${where} has tag ${bad}, not one of the ${spec.labels.length} labels`);
    }
  });
}

/** Right-padded inputs and labels of some examples. */
function batchOf(spec: TaskSpec, examples: readonly TaskExample[]) {
  const length = Math.max(...examples.map((e) => e.ids.length));
  const pad = <T>(row: readonly T[], fill: T): T[] => [...row, ...new Array<T>(length - row.length).fill(fill)];
  return {
    input_ids: examples.map((e) => pad(e.ids, spec.padId)),
    attention_mask: examples.map((e) => pad(e.ids.map(() => 1), 0)),
    ...(examples.every((e) => e.token_type_ids !== undefined) ? { token_type_ids: examples.map((e) => pad(e.token_type_ids as number[], 0)) } : {}),
    labels: spec.task === 'sequence-classification' ? examples.map((e) => e.label as number) : examples.map((e) => pad(e.tags as number[], -100)),
  };
}

/** The examples in batches of spec.batch, as model inputs (labels dropped). */
function* batchesOf(spec: TaskSpec, examples: readonly TaskExample[]): Generator<ReturnType<typeof batchOf>> {
  for (let start = 0; start < examples.length; start += spec.batch) yield batchOf(spec, examples.slice(start, start + spec.batch));
}

async function predict(session: TrainingSession, trainer: Trainer, spec: TaskSpec, examples: readonly TaskExample[]): Promise<number[]> {
  const out: number[] = [];
  for (let start = 0; start < examples.length; start += spec.batch) {
    const chunk = examples.slice(start, start + spec.batch);
    const b = batchOf(spec, chunk);
    const result = forward(session.arch, trainer.params, session.config, b, { ...session.forwardOptions, head: spec.task });
    const argmax = tf.tidy(() => tf.argMax(result.logits, -1)); // [B] or [B, T]
    const ids = Array.from(await argmax.data());
    tf.dispose([argmax, result.logits, ...result.hiddenStates]);
    if (spec.task === 'sequence-classification') out.push(...ids);
    else {
      const t = b.input_ids[0]!.length;
      chunk.forEach((e, i) => out.push(...ids.slice(i * t, i * t + e.ids.length)));
    }
  }
  return out;
}

class TaskData implements DataSource {
  private sampler: EpochSampler;
  constructor(
    private readonly spec: TaskSpec,
    private readonly lossFor: (b: ReturnType<typeof batchOf>, rng: Rng) => LossFn,
  ) {
    this.sampler = new EpochSampler(spec.train.length, spec.seed);
  }
  nextStep(rng: Rng): { microBatches: LossFn[]; tokens: number } {
    const chosen = this.sampler.nextBatch(this.spec.batch).map((i) => this.spec.train[i] as TaskExample);
    return { microBatches: [this.lossFor(batchOf(this.spec, chosen), rng)], tokens: chosen.reduce((n, e) => n + e.ids.length, 0) };
  }
  getState(): SamplerState {
    return this.sampler.getState();
  }
  setState(state: unknown): void {
    this.sampler = EpochSampler.fromState(state as SamplerState);
  }
}

export async function runTaskTraining(spec: TaskSpec, hooks: TaskHooks = {}): Promise<TaskResult> {
  if (spec.labels.length < 2) throw new StudioError('invalid_request', 'A classification task needs at least two labels', { field: 'labels' });
  if (!(Number.isInteger(spec.batch) && spec.batch >= 1)) throw new StudioError('invalid_request', `batch must be a whole number ≥ 1, got ${spec.batch}`, { field: 'batch' });
  if (spec.batch > spec.train.length) throw new StudioError('invalid_request', `The batch size ${spec.batch} is larger than the ${spec.train.length} training examples`, { field: 'batch' });
  const rng = new Rng(spec.seed);
  hooks.onPhase?.('Loading the base model');
  const session = await openSession({ folder: spec.modelFolder, method: spec.method, head: spec.task, labels: spec.labels, ...(spec.lora ? { lora: spec.lora } : {}), rng: rng.fork() });
  const optimizer = new AdamW(session.trainable, { ...DEFAULT_ADAMW, weightDecay: spec.weightDecay, noDecay: isBiasOrNorm });
  let closeTrainer: (() => Promise<void>) | null = null;
  try {
    checkExamples(spec, 'train', session.config.max_position_embeddings);
    checkExamples(spec, 'validation', session.config.max_position_embeddings);
    const trainGold = goldOf(spec.task, spec.train);
    const validationGold = goldOf(spec.task, spec.validation);
    const balance = { train: classBalance(trainGold, spec.labels), validation: classBalance(validationGold, spec.labels) };
    const baseline = majorityBaseline(trainGold, validationGold, spec.labels);
    const trainer = await createTrainer({ trainable: session.trainable, frozen: session.frozen, optimizer, clipNorm: spec.clipNorm, workers: spec.workers ?? 1, model: { rawConfig: session.rawConfig, head: session.head, options: session.forwardOptions } });
    closeTrainer = () => trainer.close();
    const data = new TaskData(spec, (b, r) => session.lossFor(b, r));
    const checkpointDir = join(spec.outDir, 'checkpoints');
    const resume = spec.resume ? await restoreRun(checkpointDir, { trainable: session.trainable, optimizer, data }) : null;
    if (resume === null && spec.task === 'sequence-classification') {
      // A new head over a first-token row that barely varies (MLM-only pre-training) would learn only its bias.
      const calibration = calibrateSequenceHead(session, batchesOf(spec, spec.train));
      if (calibration !== null) hooks.onPhase?.(`Re-scaled the new head's input (${calibration.module}) on ${calibration.examples} training examples`);
    }
    const scoresAt = new Map<number, ClassificationScores>();
    let currentStep = resume?.step ?? 0;
    const evaluate = async (): Promise<ClassificationScores> => classificationScores(validationGold, await predict(session, trainer, spec, spec.validation), spec.labels);
    hooks.onPhase?.(resume ? `Resuming at step ${resume.step}${resume.skipped.length > 0 ? ` (passed over a damaged checkpoint: ${resume.skipped.join('; ')})` : ''}` : 'Training');
    const result = await runLoop({
      trainer,
      optimizer,
      trainable: session.trainable,
      data,
      schedule: { peakLr: spec.peakLr, warmupSteps: spec.warmupSteps, totalSteps: spec.steps, decay: spec.decay, minLrRatio: spec.minLrRatio },
      rng,
      ...(resume ? { resume } : {}),
      evaluate: async () => {
        const scores = await evaluate();
        scoresAt.set(currentStep, scores);
        return { metric: 1 - scores.macro_f1, values: { accuracy: scores.accuracy, macro_f1: scores.macro_f1 } };
      },
      evalEvery: spec.evalEvery,
      patience: spec.patience,
      checkpoint: { dir: checkpointDir, every: spec.checkpointEvery, keepLast: spec.keepLast },
      ...(spec.maxMs !== undefined ? { maxMs: spec.maxMs } : {}),
      ...(spec.signal ? { signal: spec.signal } : {}),
      onStep: (e) => {
        currentStep = e.step;
        hooks.onStep?.(e);
      },
      onEval: (e) => hooks.onEval?.({ ...e, scores: scoresAt.get(e.step) as ClassificationScores }),
    });
    let savedStep = result.step;
    const best = bestCheckpoint(checkpointDir);
    if (result.status !== 'stopped' && best !== null && best.step !== result.step && result.bestStep === best.step) {
      assignFromHost(session.trainable, (await loadCheckpoint(best.path)).trainable);
      savedStep = best.step;
    }
    const scores = scoresAt.get(savedStep) ?? (await evaluate());
    const outputs = { model: null as string | null, adapter: null as string | null };
    if (result.status !== 'stopped') {
      hooks.onPhase?.('Saving the trained model');
      if (spec.method === 'lora') await session.saveAdapter((outputs.adapter = join(spec.outDir, 'adapter')));
      else await session.saveModel((outputs.model = join(spec.outDir, 'model')));
    }
    return {
      status: result.status,
      steps: result.step,
      metrics: {
        accuracy: scores.accuracy,
        macro_f1: scores.macro_f1,
        per_label_f1: scores.per_label_f1,
        majority_baseline: { label: baseline.label, accuracy: baseline.accuracy, macro_f1: baseline.macro_f1 },
        class_balance: balance,
        train_loss: result.lastLoss,
        saved_step: savedStep,
      },
      outputs,
      parameters: session.parameterCount,
    };
  } finally {
    await closeTrainer?.();
    optimizer.dispose();
    session.dispose();
  }
}
