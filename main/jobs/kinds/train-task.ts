// The lora-task method of the `train` job: a labelled CSV/JSONL file (text,label or tokens,tags in BIO)
// read and checked, its class balance reported and stored before training, split with the run's seed,
// tokenized with the base model's tokenizer, and trained with the engine's runTaskTraining (LoRA plus a
// new head). Metrics: loss and learning rate by step, accuracy and macro-F1 at each evaluation; the
// result holds the saved weights' scores beside the majority-class baseline.
import { initBackend } from '../../../native/tfjs-backend';
import type { RunMetrics, TrainResult } from '../../common/dto';
import { StudioError } from '../../common/errors';
import { loadTokenizer } from '../../engine/tokenizers';
import { runTaskTraining } from '../../engine/train/finetune';
import { classBalance } from '../../engine/train/task-metrics';
import type { ModelRecord } from '../../store/queries/models';
import { mergeRunMetrics, type RunRecord } from '../../store/queries/runs';
import type { JobContext } from '../context';
import { readTaskFile, splitRows, tokenizeRows } from './task-data';
import { recordedWorkers } from './train-workers';
import { loraSettings, peakLrOf } from './train-defaults';
import { warmupStepsFor } from '../../engine/train/defaults';
import { MetricRecorder, reportStep, stoppedResult, watchRun, type TrainConfig } from './train';

export async function trainTask(ctx: JobContext, run: RunRecord, model: ModelRecord, config: TrainConfig, resume: boolean): Promise<TrainResult> {
  if (config.task === undefined) throw new StudioError('invalid_request', 'lora-task needs a labelled file (--task FILE: CSV or JSONL with text,label or tokens,tags).', { field: 'task' });
  const backend = await initBackend();
  ctx.log.info('training backend', { backend: backend.name });
  ctx.progress(null, `Reading the labelled file ${config.task.file}`);
  const file = readTaskFile(config.task.file, { ...(config.task.kind ? { kind: config.task.kind } : {}), ...(config.task.labels ? { labels: config.task.labels } : {}) });
  const { train, validation } = splitRows(file.rows, config.task.validation_fraction, config.seed);
  const tokenizer = await loadTokenizer(model.path);
  const trainExamples = tokenizeRows(train, file.kind, file.labels, tokenizer, config.seq_len);
  const validationExamples = tokenizeRows(validation, file.kind, file.labels, tokenizer, config.seq_len);

  // The class balance, before training: in the run's metrics and the job's progress.
  const goldOf = (xs: typeof trainExamples) => (file.kind === 'sequence-classification' ? xs.map((x) => x.label as number) : xs.flatMap((x) => (x.tags ?? []).filter((t) => t >= 0)));
  const balance = { train: classBalance(goldOf(trainExamples), file.labels), validation: classBalance(goldOf(validationExamples), file.labels) };
  mergeRunMetrics(ctx.db, run.id, { class_balance: balance });
  const total = Object.values(balance.train).reduce((a, b) => a + b, 0);
  ctx.progress(null, `Class balance (train): ${Object.entries(balance.train).map(([l, n]) => `${l} ${((100 * n) / Math.max(1, total)).toFixed(0)}%`).join(', ')}`);

  const watch = watchRun(ctx, run.id);
  const recorder = new MetricRecorder(ctx, run.id, config.checkpoint_every);
  const result = await runTaskTraining(
    {
      modelFolder: model.path,
      method: 'lora',
      lora: loraSettings(config.lora),
      task: file.kind,
      labels: file.labels,
      train: trainExamples,
      validation: validationExamples,
      padId: tokenizer.special.pad ?? tokenizer.special.eos ?? 0,
      batch: config.batch,
      steps: config.max_steps,
      peakLr: await peakLrOf(config, model.path),
      warmupSteps: config.warmup ?? warmupStepsFor(config.max_steps),
      decay: config.schedule,
      minLrRatio: config.min_lr_ratio,
      weightDecay: config.weight_decay,
      clipNorm: config.clip,
      evalEvery: config.eval_every,
      patience: config.patience ?? null,
      checkpointEvery: config.checkpoint_every,
      keepLast: config.keep_last,
      seed: config.seed,
      outDir: ctx.paths.run(run.id),
      resume,
      maxMs: config.max_minutes === undefined ? null : config.max_minutes * 60_000,
      signal: watch.signal,
      workers: recordedWorkers(config),
    },
    {
      onPhase: (message) => ctx.progress(null, message),
      onStep: (e) => reportStep(ctx, watch, recorder, e),
      onEval: (e) => {
        recorder.add(e.step, { accuracy: e.scores.accuracy, macro_f1: e.scores.macro_f1 });
        recorder.flush();
      },
    },
  );
  recorder.flush();
  const m = result.metrics;
  const metrics: RunMetrics = {
    domain_perplexity: null,
    general_perplexity: null,
    train_loss: m.train_loss,
    steps: result.steps,
    saved_step: m.saved_step,
    stopped_by: result.status,
    parameters: result.parameters,
    task: {
      kind: file.kind,
      labels: file.labels,
      accuracy: m.accuracy,
      macro_f1: m.macro_f1,
      per_label_f1: { ...m.per_label_f1 },
      majority_baseline: { ...m.majority_baseline },
      class_balance: m.class_balance,
      examples: { train: trainExamples.length, validation: validationExamples.length },
    },
  };
  if (result.status === 'stopped') return stoppedResult(ctx, run.id, metrics, result.outputs);
  return { run: run.id, status: 'succeeded', metrics, outputs: result.outputs };
}
