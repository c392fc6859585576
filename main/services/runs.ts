// `train.*` and `runs.*`: plan a training run (the advisor), start it as a `train` job, and show, pause,
// resume or cancel runs. A run's status lives in the store; a run left 'running' by a job that is no
// longer alive (killed, crashed) is shown as 'interrupted' and can be resumed from its latest checkpoint.
// Pause and cancel write the run's status first — the job reads it between steps, even from another
// process — then ask this process's supervisor to stop the job when it runs here.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { trainSchema, type Api } from '../common/contract';
import type { RunDetail, RunSummary, TrainPlan, TrainStartResult } from '../common/dto';
import { isUserError, StudioError, type ErrorCode } from '../common/errors';
import { validateRequest } from '../common/validate';
import { workspacePaths } from '../platform/paths';
import type { WorkerChoice } from '../jobs/kinds/train-workers';
import { findJob } from '../store/queries/jobs';
import { metricSeries } from '../store/queries/metrics';
import type { ModelRecord } from '../store/queries/models';
import { getRun, insertRun, setRunJob, setRunStatus, toRunSummary, type RunRecord, type RunStatus } from '../store/queries/runs';
import { type ServicesContext } from './context';

type RunMethods = 'runs.show' | 'runs.pause' | 'runs.resume' | 'runs.cancel' | 'train.plan' | 'train.start';

/** A run whose job is gone while the run says queued/running becomes interrupted (resumable). */
export function reconcileRun(ctx: ServicesContext, run: RunRecord): RunRecord {
  if (run.status !== 'running' && run.status !== 'queued') return run;
  const job = run.job_id === null ? null : findJob(ctx.db, run.job_id);
  if (job !== null && (job.status === 'queued' || job.status === 'running')) return run;
  return setRunStatus(ctx.db, run.id, 'interrupted');
}

async function detail(ctx: ServicesContext, run: RunRecord): Promise<RunDetail> {
  const { listCheckpoints, bestCheckpoint } = await import('../engine/train/checkpoint');
  const folder = workspacePaths(ctx.workspace).run(run.id);
  const checkpointDir = join(folder, 'checkpoints');
  const best = bestCheckpoint(checkpointDir);
  const checkpoints = listCheckpoints(checkpointDir).map((c) => ({ step: c.step, metric: c.metric, best: best !== null && best.step === c.step }));
  const model = join(folder, 'model');
  const adapter = join(folder, 'adapter');
  return {
    ...toRunSummary(run),
    config: run.config,
    job_id: run.job_id,
    started_at: run.started_at,
    series: metricSeries(ctx.db, run.id),
    checkpoints,
    outputs: { model: existsSync(join(model, 'config.json')) ? model : null, adapter: existsSync(join(adapter, 'adapter_config.json')) ? adapter : null },
    resumable: ['paused', 'interrupted', 'failed'].includes(run.status),
  };
}

/** Asks this process's supervisor to stop the run's job; a job of another process stops by reading the status. */
async function stopJob(ctx: ServicesContext, run: RunRecord): Promise<void> {
  if (run.job_id === null) return;
  const job = findJob(ctx.db, run.job_id);
  if (job === null || (job.status !== 'queued' && job.status !== 'running')) return;
  try {
    await ctx.supervisor.cancel(run.job_id);
  } catch (error) {
    if (!(error instanceof StudioError && error.code === 'conflict')) throw error;
  }
}

export function runServices(ctx: ServicesContext): Pick<Api, RunMethods> {
  return {
    async 'train.plan'(request) {
      const req = validateRequest('train.plan', request);
      // The plan loads the model and calibrates: a job process does it, so the app stays responsive.
      if (ctx.supervisor.waitFor === undefined) return (await import('../jobs/kinds/train-plan')).planTraining(ctx, req);
      const job = await ctx.supervisor.start('train.plan', req);
      const done = await ctx.supervisor.waitFor(job.id);
      if (done.status === 'succeeded') return done.result as TrainPlan;
      const error = done.error;
      throw new StudioError(error && isUserError(error.code as ErrorCode) ? (error.code as ErrorCode) : 'job_failed', error?.message ?? `The plan job ${done.status}.`);
    },

    async 'train.start'(request) {
      const req = validateRequest('train.start', request);
      let checked: { model: ModelRecord | null; corpus: { id: number } | null };
      const checks = await import('../jobs/kinds/train-checks');
      const defaults = await import('../jobs/kinds/train-defaults');
      let workers: WorkerChoice | undefined;
      if (req.method === 'lora-task') checked = await checks.taskPreflight(ctx, req);
      else if (req.method === 'scratch') checked = await checks.scratchPreflight(ctx, req);
      else {
        const pre = await checks.preflight(ctx, req);
        const { memoryRefusal } = await import('../jobs/kinds/train-plan');
        const { chooseWorkers } = await import('../jobs/kinds/train-workers');
        workers = await chooseWorkers(req, pre.model.parameters, async (n) => (await memoryRefusal(pre, req, n)) === null);
        const refusal = await memoryRefusal(pre, req, workers.workers);
        if (refusal !== null) throw new StudioError('invalid_request', refusal, { field: 'batch' });
        await defaults.checkLoraModules(pre.model.path, pre.model.model_type, req);
        checked = pre;
      }
      // The run records the defaults that depend on its base model (cpt-lora's modules_to_save) and its thread
      // count, so a resume trains the same tensors and splits every step the same way.
      const requested = { ...req, ...(req.task ? { task: { ...req.task, file: resolve(req.task.file) } } : {}) };
      const config = await defaults.recordedRunConfig(requested, checked.model, workers);
      const run = insertRun(ctx.db, { corpus_id: checked.corpus?.id ?? null, base_model_id: checked.model?.id ?? null, method: req.method, config });
      let job;
      try {
        job = await ctx.supervisor.start('train', { ...run.config, run: run.id });
      } catch (error) {
        setRunStatus(ctx.db, run.id, 'failed');
        throw error;
      }
      setRunJob(ctx.db, run.id, job.id);
      return { run: toRunSummary(getRun(ctx.db, run.id)), job } satisfies TrainStartResult;
    },

    async 'runs.show'(request) {
      const req = validateRequest('runs.show', request);
      return detail(ctx, reconcileRun(ctx, getRun(ctx.db, req.run)));
    },

    async 'runs.pause'(request) {
      const req = validateRequest('runs.pause', request);
      const run = reconcileRun(ctx, getRun(ctx.db, req.run));
      if (run.status !== 'running' && run.status !== 'queued') {
        throw new StudioError('conflict', `Run ${run.id} is ${run.status}; only a running run can be paused.`, { field: 'run' });
      }
      const paused = setRunStatus(ctx.db, run.id, 'paused');
      await stopJob(ctx, paused);
      return detail(ctx, paused);
    },

    async 'runs.resume'(request) {
      const req = validateRequest('runs.resume', request);
      const run = reconcileRun(ctx, getRun(ctx.db, req.run));
      if (!['paused', 'interrupted', 'failed'].includes(run.status)) {
        throw new StudioError('conflict', `Run ${run.id} is ${run.status}; only a paused, interrupted or failed run can be resumed.`, { field: 'run' });
      }
      const config = trainSchema.parse(run.config);
      setRunStatus(ctx.db, run.id, 'queued');
      let job;
      try {
        job = await ctx.supervisor.start('train', { ...config, run: run.id });
      } catch (error) {
        setRunStatus(ctx.db, run.id, run.status as RunStatus);
        throw error;
      }
      setRunJob(ctx.db, run.id, job.id);
      return { run: toRunSummary(getRun(ctx.db, run.id)), job } satisfies TrainStartResult;
    },

    async 'runs.cancel'(request) {
      const req = validateRequest('runs.cancel', request);
      const run = reconcileRun(ctx, getRun(ctx.db, req.run));
      if (run.status === 'succeeded' || run.status === 'cancelled') {
        throw new StudioError('conflict', `Run ${run.id} is already ${run.status}.`, { field: 'run' });
      }
      const cancelled = setRunStatus(ctx.db, run.id, 'cancelled');
      await stopJob(ctx, cancelled);
      return detail(ctx, cancelled);
    },
  };
}

/** runs.list with stale statuses settled. */
export function listRunsReconciled(ctx: ServicesContext, runs: RunSummary[]): RunSummary[] {
  return runs.map((r) => (r.status === 'running' || r.status === 'queued' ? toRunSummary(reconcileRun(ctx, getRun(ctx.db, r.id))) : r));
}
