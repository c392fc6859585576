// Job kind `train`: one training run of the workspace, from its corpus and base model to runs/<id>/model
// (full) or runs/<id>/adapter (LoRA). Continued pre-training (cpt-full, cpt-lora) is the engine's
// runPretraining; this file resolves names to folders, prepares the token data, records the run's status
// and every metric by step in the store, and reports progress. With `run`, it continues that run from its
// latest checkpoint with the run's own settings (exactly: same batches, same updates).
//
// Stopping: the loop stops between two steps when the job's signal is aborted or the run's status turns
// paused or cancelled (runs.pause / runs.cancel, from any process), and writes a checkpoint. A cancelled
// run ends the job as cancelled; any other stop ends it normally with the run paused (resumable).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '../../../native/tfjs-backend';
import { trainSchema, type JobParams } from '../../common/contract';
import type { RunMetrics, TrainResult } from '../../common/dto';
import { StudioError } from '../../common/errors';
import type { StepEvent } from '../../engine/train/loop';
import { warmupStepsFor } from '../../engine/train/defaults';
import type { PretrainSpec } from '../../engine/train/pretrain';
import { findCorpusByRef, type CorpusRecord } from '../../store/queries/corpora';
import { insertMetrics, type MetricPoint } from '../../store/queries/metrics';
import { findModel } from '../../store/queries/models';
import { getRun, insertRun, mergeRunMetrics, setRunJob, setRunStatus, type RunRecord } from '../../store/queries/runs';
import type { JobContext } from '../context';
import { bundledGeneralDocs, ensureShards, loadModelTokenizer, readShardSplit, type SplitDocs } from './train-data';
import { loraSpecOf, peakLrOf, recordedRunConfig } from './train-defaults';
import { recordedWorkers } from './train-workers';

export type TrainParams = JobParams<'train'>;
export type TrainConfig = Omit<TrainParams, 'run'>;

function resolveCorpus(ctx: JobContext, ref: string | number, field: string): CorpusRecord {
  const corpus = findCorpusByRef(ctx.db, ref);
  if (!corpus || corpus.status !== 'ready') throw new StudioError('not_found', `No ready corpus ${JSON.stringify(ref)} in this workspace.`, { field });
  return corpus;
}

/** The run to train: the one named (resume) or a new one recorded now. */
async function openRun(ctx: JobContext, params: TrainParams): Promise<{ run: RunRecord; config: TrainConfig; resume: boolean }> {
  if (params.run !== undefined) {
    const run = getRun(ctx.db, params.run);
    if (['succeeded', 'cancelled'].includes(run.status)) throw new StudioError('conflict', `Run ${run.id} is ${run.status}; it cannot be continued.`, { field: 'run' });
    // The run's own settings, as recorded when it started (defaults filled in by the schema). A run recorded
    // before canaries were planted by default had none: it resumes without (the same data as it started).
    const config = trainSchema.parse({ canaries: 0, ...run.config }) as TrainConfig;
    return { run, config, resume: true };
  }
  const { run: _none, ...requested } = params;
  let config: TrainConfig = requested;
  if (config.method === 'scratch') {
    // No base model: the job makes it (runs/<id>/base). The checks run in trainScratch.
    const corpus = config.corpus === undefined ? null : resolveCorpus(ctx, config.corpus, 'corpus');
    config = await recordedRunConfig(config, null);
    const run = insertRun(ctx.db, { corpus_id: corpus?.id ?? null, base_model_id: null, method: 'scratch', config, job_id: ctx.job_id });
    return { run, config, resume: false };
  }
  if (config.base === undefined) throw new StudioError('invalid_request', `${config.method} trains from a base model: name it with --base.`, { field: 'base' });
  const model = findModel(ctx.db, config.base);
  if (!model) throw new StudioError('not_found', `No base model ${JSON.stringify(config.base)} in this workspace; import one with \`studio model import\`.`, { field: 'base' });
  config = await recordedRunConfig(config, model);
  const corpus = config.corpus === undefined ? null : resolveCorpus(ctx, config.corpus, 'corpus');
  if (corpus === null && config.method !== 'lora-task') throw new StudioError('invalid_request', 'Name the corpus to train on (--corpus).', { field: 'corpus' });
  const run = insertRun(ctx.db, { corpus_id: corpus?.id ?? null, base_model_id: model.id, method: config.method, config, job_id: ctx.job_id });
  return { run, config, resume: false };
}

export async function train(params: TrainParams, ctx: JobContext): Promise<TrainResult> {
  const { run, config, resume } = await openRun(ctx, params);
  setRunJob(ctx.db, run.id, ctx.job_id);
  setRunStatus(ctx.db, run.id, 'running');
  try {
    const result = await trainRun(ctx, run, config, resume);
    if (result.status === 'paused') {
      ctx.log.info('run paused', { run: run.id, step: result.metrics.steps });
      return result;
    }
    mergeRunMetrics(ctx.db, run.id, { ...result.metrics, outputs: result.outputs });
    setRunStatus(ctx.db, run.id, 'succeeded');
    return result;
  } catch (error) {
    const current = getRun(ctx.db, run.id).status;
    const stopped = ctx.signal.aborted || current === 'paused' || current === 'cancelled';
    if (stopped && current !== 'cancelled') {
      // Stopped while preparing (before the loop could checkpoint): the run can start again from scratch.
      if (current !== 'paused') setRunStatus(ctx.db, run.id, 'paused');
      throw new StudioError('cancelled', `Run ${run.id} was paused before training started; \`studio resume ${run.id}\` starts it again.`);
    }
    if (stopped) throw new StudioError('cancelled', `Run ${run.id} was cancelled; its checkpoints are kept in runs/${run.id}/checkpoints.`);
    setRunStatus(ctx.db, run.id, 'failed');
    mergeRunMetrics(ctx.db, run.id, { error: { code: error instanceof StudioError ? error.code : 'internal', message: (error as Error).message } });
    throw error;
  }
}

async function trainRun(ctx: JobContext, run: RunRecord, config: TrainConfig, resume: boolean): Promise<TrainResult> {
  if (config.method === 'scratch') {
    const { scratchPreflight } = await import('./train-checks');
    const { corpus } = await scratchPreflight(ctx, { ...config, ...(run.corpus_id === null ? {} : { corpus: run.corpus_id }) });
    const { prepareScratchBase } = await import('./train-scratch');
    const base = await prepareScratchBase(ctx, run, corpus, config);
    return pretrain(ctx, run, config, resume, corpus, base);
  }
  const model = findModel(ctx.db, run.base_model_id ?? config.base ?? '');
  if (!model) throw new StudioError('not_found', `The base model of run ${run.id} is no longer registered.`, { field: 'base' });
  if (config.method === 'lora-task') return (await import('./train-task')).trainTask(ctx, run, model, config, resume);
  const corpusRef = run.corpus_id ?? config.corpus;
  if (corpusRef === undefined) throw new StudioError('invalid_request', 'Name the corpus to train on (--corpus).', { field: 'corpus' });
  return pretrain(ctx, run, config, resume, resolveCorpus(ctx, corpusRef, 'corpus'), model.path);
}

/** Continued pre-training (cpt-full, cpt-lora) of `modelFolder` on the corpus — for scratch, of the model it just made. */
async function pretrain(ctx: JobContext, run: RunRecord, config: TrainConfig, resume: boolean, corpus: CorpusRecord, modelFolder: string): Promise<TrainResult> {
  const backend = await initBackend();
  ctx.log.info('training backend', { backend: backend.name });
  ctx.progress(null, `Preparing the data of run ${run.id}`);
  const tokenizer = await loadModelTokenizer(modelFolder);
  const shardDir = await ensureShards(ctx, corpus, tokenizer.corpus);
  const domain: SplitDocs = { train: readShardSplit(shardDir, 'train'), validation: readShardSplit(shardDir, 'validation', config.eval_tokens * 2) };
  // Canaries for the privacy audit: in the training split only, in this job's memory only (never the corpus).
  const { plantRunCanaries } = await import('./train-canaries');
  const planted = plantRunCanaries(ctx.paths.run(run.id), config, tokenizer.corpus, domain.train);
  let general: SplitDocs | null = null;
  if (config.replay === 'general' || config.replay === 'none') {
    general = bundledGeneralDocs(tokenizer.corpus, { maxTrainBytes: config.replay === 'none' ? 0 : 512 * 1024, maxValidationTokens: config.eval_tokens * 2 });
  } else {
    const replay = resolveCorpus(ctx, config.replay, 'replay');
    const dir = await ensureShards(ctx, replay, tokenizer.corpus);
    general = { train: readShardSplit(dir, 'train'), validation: readShardSplit(dir, 'validation', config.eval_tokens * 2) };
  }
  if (config.replay !== 'general' && config.replay !== 'none' && general === null) throw new StudioError('bad_input', 'The replay corpus has no text', { field: 'replay' });
  const replayRatio = config.replay === 'none' || general === null || general.train.length === 0 ? 0 : config.replay_ratio;

  const special = tokenizer.engine.special;
  const engineTokenizer = tokenizer.engine;
  let spec: PretrainSpec = {
    modelFolder,
    method: config.method === 'cpt-lora' ? 'lora' : 'full',
    lora: await loraSpecOf(config, modelFolder),
    special: { cls: special.cls, sep: special.sep, mask: special.mask, pad: special.pad, bos: special.bos, eos: special.eos },
    corpus: { train: planted, validation: domain.validation },
    general,
    replayRatio,
    seqLen: config.seq_len,
    batch: config.batch,
    accumulation: config.accumulation,
    steps: config.max_steps,
    peakLr: await peakLrOf(config, modelFolder),
    warmupSteps: config.warmup ?? warmupStepsFor(config.max_steps),
    decay: config.schedule,
    minLrRatio: config.min_lr_ratio,
    weightDecay: config.weight_decay,
    clipNorm: config.clip,
    evalEvery: config.eval_every,
    patience: config.patience ?? null,
    maxEvalBlocks: Math.max(1, Math.ceil(config.eval_tokens / config.seq_len)),
    checkpointEvery: config.checkpoint_every,
    keepLast: config.keep_last,
    seed: config.seed,
    outDir: ctx.paths.run(run.id),
    resume,
    maxMs: config.max_minutes === undefined ? null : config.max_minutes * 60_000,
    signal: ctx.signal,
    workers: recordedWorkers(config),
    ...(config.whole_word_masking && engineTokenizer.kind === 'wordpiece' ? { continuesWord: (id: number) => engineTokenizer.idToToken(id)?.startsWith('##') ?? false } : {}),
  };

  const watch = watchRun(ctx, run.id);
  spec = { ...spec, signal: watch.signal };

  const recorder = new MetricRecorder(ctx, run.id, config.checkpoint_every);
  const { runPretraining } = await import('../../engine/train/pretrain');
  const result = await runPretraining(spec, {
    onPhase: (message) => {
      ctx.progress(null, message);
      if (message === 'Training') recorder.baseline(spec.outDir);
    },
    onStep: (e) => reportStep(ctx, watch, recorder, e),
    onEval: (e) => {
      recorder.add(e.step, { domain_perplexity: e.domainPerplexity, ...(e.generalPerplexity === null ? {} : { general_perplexity: e.generalPerplexity }) });
      recorder.flush();
    },
  });
  recorder.flush();

  const metrics: RunMetrics = {
    domain_perplexity: result.metrics.domain_perplexity,
    general_perplexity: result.metrics.general_perplexity,
    train_loss: result.metrics.train_loss,
    steps: result.steps,
    saved_step: result.metrics.saved_step,
    stopped_by: result.status,
    parameters: result.parameters,
  };
  if (result.status === 'stopped') return stoppedResult(ctx, run.id, metrics, result.outputs);
  return { run: run.id, status: 'succeeded', metrics, outputs: result.outputs };
}

/** The loop stopped between steps (with a checkpoint): paused, or cancelled when runs.cancel said so. */
export function stoppedResult(ctx: JobContext, runId: number, metrics: RunMetrics, outputs: TrainResult['outputs']): TrainResult {
  // runs.cancel marks the run cancelled; any other stop (runs.pause, the job cancelled, the app closing)
  // leaves it paused, with the checkpoint just written, so nothing is lost.
  const status = getRun(ctx.db, runId).status;
  if (status === 'cancelled') throw new StudioError('cancelled', `Run ${runId} was cancelled at step ${metrics.steps}.`);
  if (status !== 'paused') setRunStatus(ctx.db, runId, 'paused');
  mergeRunMetrics(ctx.db, runId, { steps: metrics.steps, train_loss: metrics.train_loss });
  return { run: runId, status: 'paused', metrics, outputs };
}

export interface RunWatch {
  readonly signal: AbortSignal;
  /** Reads the run's status (at most once a second) and stops the loop when it says paused or cancelled. */
  poll(): void;
  lastProgress: number;
}

/** Pause and cancel arrive through the job's signal, or through the store (from another process's CLI). */
export function watchRun(ctx: JobContext, runId: number): RunWatch {
  const stop = new AbortController();
  let lastPoll = Date.now();
  return {
    signal: AbortSignal.any([ctx.signal, stop.signal]),
    poll() {
      if (Date.now() - lastPoll < 1000) return;
      lastPoll = Date.now();
      const status = getRun(ctx.db, runId).status;
      if (status === 'paused' || status === 'cancelled') stop.abort();
    },
    lastProgress: 0,
  };
}

/**
 * Tests of pause/cancel/kill need the run to still be training when the request lands, whatever the machine's
 * speed: with STUDIO_TEST_JOBS=1 (the supervisor's test mode), STUDIO_TEST_STEP_DELAY_MS slows every step.
 */
const TEST_STEP_DELAY_MS = process.env.STUDIO_TEST_JOBS === '1' ? Math.max(0, Number(process.env.STUDIO_TEST_STEP_DELAY_MS ?? 0) || 0) : 0;

/** Records a step's metrics and reports progress (at most 10 times a second, and always the last step). */
export function reportStep(ctx: JobContext, watch: RunWatch, recorder: MetricRecorder, e: StepEvent): void {
  if (TEST_STEP_DELAY_MS > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, TEST_STEP_DELAY_MS);
  watch.poll();
  recorder.add(e.step, { loss: e.loss, lr: e.lr, grad_norm: e.gradNorm, tokens_per_second: e.tokensPerSecond });
  recorder.stepDone(e.step);
  const now = Date.now();
  if (now - watch.lastProgress < 100 && e.step < e.totalSteps) return;
  watch.lastProgress = now;
  ctx.progress(e.step / e.totalSteps, `Step ${e.step}/${e.totalSteps} · loss ${e.loss.toFixed(4)} · lr ${e.lr.toExponential(2)} · ${Math.round(e.tokensPerSecond)} tokens/s`, {
    step: e.step,
    steps: e.totalSteps,
    loss: e.loss,
    lr: e.lr,
    tokens_per_s: Math.round(e.tokensPerSecond),
    eta_s: Math.round(e.etaMs / 1000),
    memory_mb: Math.round(e.tensorBytes / 2 ** 20),
  });
}

/** Buffers metric points and writes them in short transactions (about once a second, and at each evaluation). */
export class MetricRecorder {
  private points: MetricPoint[] = [];
  private lastFlush = Date.now();

  /** `checkpointEvery`: the points of a step that will be checkpointed are stored before the checkpoint
   *  (runLoop reports a step before checkpointing it), so a crash never loses a metric that resume skips. */
  constructor(
    private readonly ctx: JobContext,
    private readonly runId: number,
    private readonly checkpointEvery: number,
  ) {}

  /** Writes now when `step` is a checkpoint step. */
  stepDone(step: number): void {
    if (step % this.checkpointEvery === 0) this.flush();
  }

  add(step: number, values: Record<string, number>): void {
    for (const [name, value] of Object.entries(values)) this.points.push({ step, name, value });
    if (Date.now() - this.lastFlush >= 1000) this.flush();
  }

  /** Perplexities before training, at step 0 (read from the run folder's baseline.json). */
  baseline(outDir: string): void {
    try {
      const b = JSON.parse(readFileSync(join(outDir, 'baseline.json'), 'utf8')) as { domain: number; general: number | null };
      this.add(0, { domain_perplexity: b.domain, ...(b.general === null ? {} : { general_perplexity: b.general }) });
      this.flush();
    } catch (error) {
      this.ctx.log.warn('no baseline perplexity to record', { error: (error as Error).message });
    }
  }

  flush(): void {
    if (this.points.length === 0) return;
    insertMetrics(this.ctx.db, this.runId, this.points);
    this.points = [];
    this.lastFlush = Date.now();
  }
}
