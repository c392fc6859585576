// "Run a job from the command line": starts it through the API, shows its progress on stderr (one
// redrawn line on a terminal, a line per change in a log), cancels it on Ctrl-C, and resolves with its
// result — or throws its error (cancelled, failed) so the command exits with the right code.
// Every long-running command (workspace check, corpus import, train, export) uses this.
import { type JobKind, type JobParams } from '../common/contract';
import { type JobDto, type JobFinishedEvent, type JobProgressEvent } from '../common/dto';
import { StudioError, isErrorDto } from '../common/errors';
import { type CliContext } from './context';
import { progressLine } from './output';

export interface RunJobOptions {
  /** Shown before the first progress line, e.g. "Checking the workspace". */
  title?: string;
  /** Minimum milliseconds between progress lines when stderr is not a terminal (default 1000). */
  logIntervalMs?: number;
}

export async function runJob<K extends JobKind>(
  ctx: CliContext,
  kind: K,
  params: JobParams<K>,
  options: RunJobOptions = {},
): Promise<{ job: JobDto; result: unknown }> {
  return followJob(ctx, kind, () => ctx.call('jobs.start', { kind, params: params as Record<string, unknown> }), options);
}

/** As runJob, for a job that `start` starts through another API method (train.start, runs.resume). */
export async function followJob(
  ctx: CliContext,
  kind: string,
  start: () => Promise<JobDto>,
  options: RunJobOptions = {},
): Promise<{ job: JobDto; result: unknown }> {
  const { supervisor } = await ctx.core();
  const io = ctx.io;
  const logEvery = options.logIntervalMs ?? 1000;
  let jobId: number | null = null;
  const finished = new Map<number, JobFinishedEvent>();
  let onFinished: ((event: JobFinishedEvent) => void) | null = null;
  let lastLine = '';
  let lastLoggedAt = 0;
  let drawn = false;

  // Subscribe before starting, so not even the first progress event or a very fast finish is missed.
  const unsubscribe = supervisor.subscribe((frame) => {
    if (frame.event === 'job.finished') {
      const event = frame.payload as JobFinishedEvent;
      finished.set(event.job_id, event);
      if (event.job_id === jobId) onFinished?.(event);
      return;
    }
    const p = frame.payload as JobProgressEvent;
    if (p.job_id !== jobId) return;
    const line = progressLine(p.progress, p.message, p.counters);
    if (io.interactive) {
      io.stderr(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 100) - 1)}`);
      drawn = true;
    } else if (line !== lastLine && Date.now() - lastLoggedAt >= logEvery) {
      io.stderr(`${line}\n`);
      lastLoggedAt = Date.now();
    }
    lastLine = line;
  });

  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (jobId === null) return;
    if (interrupts === 1) {
      io.stderr(`\n${'Cancelling… (press Ctrl-C again to stop waiting)'}\n`);
      void ctx.call('jobs.cancel', { id: jobId }).catch(() => undefined);
    } else {
      onFinished?.({ job_id: jobId, kind, status: 'cancelled', result: null, error: { code: 'cancelled', message: 'Cancelled.' }, at: new Date().toISOString() });
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    if (options.title) io.stderr(`${options.title}…\n`);
    const job = await start();
    jobId = job.id;
    const event = finished.get(job.id) ?? (await new Promise<JobFinishedEvent>((resolve) => (onFinished = resolve)));
    if (drawn) io.stderr('\n');
    if (event.status === 'succeeded') return { job: await ctx.call('jobs.get', { id: job.id }), result: event.result };
    if (event.status === 'cancelled') throw new StudioError('cancelled', `Job ${job.id} (${kind}) was cancelled.`);
    const reason = isErrorDto(event.error) ? event.error : null;
    throw new StudioError(
      reason && reason.code !== 'job_failed' ? reason.code : 'job_failed',
      `Job ${job.id} (${kind}) ${event.status}: ${reason?.message ?? event.error?.message ?? 'no reason was recorded'}`,
    );
  } finally {
    unsubscribe();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
