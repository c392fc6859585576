// The job supervisor (app process): starts each job in its own process, records it in the `jobs` table,
// fans progress and outcomes out to every subscriber (IPC window, WebSocket clients, CLI), and turns
// every way a job can end — done, error, cancel, crash, kill -9, app shutdown — into one recorded outcome.
import type { z } from 'zod';
import type { EventFrame } from '../common/contract';
import type { JobDto, JobFinishedEvent, JobProgressEvent } from '../common/dto';
import { StudioError, type ErrorDto } from '../common/errors';
import { parseWith } from '../common/validate';
import { logger } from '../platform/log';
import { isProcessAlive } from '../platform/process-alive';
import { withoutBusyWait, type WritableDb } from '../store/db';
import { isBusyError } from '../store/errors';
import { appendEvent, pruneProgressEvents } from '../store/queries/events';
import {
  finishJob, getJob, insertJob, listUnfinishedJobs, markJobRunning, setJobMessage, updateJobProgress, type FinalJobStatus,
} from '../store/queries/jobs';
import { nowIso } from '../store/queries/json';
import { knownJobKinds, resolveJobKind } from './kinds/index';
import { forkLauncher, type ChildExit, type JobChild, type Launcher } from './launcher';
import { parseChildMessage, type ChildMessage, type ProgressMessage } from './messages';
import { crashReason, finishedEvent } from './outcome';
import { createThrottle, type Throttle } from './throttle';
import { v8FlagsFor } from './kinds/v8-flags';

const log = logger('jobs');

export interface SupervisorOptions {
  workspace: string;
  db: WritableDb;
  /** How job processes are started (default: child_process.fork). */
  launcher?: Launcher;
  /** How long a cancelled job may take to stop before it is killed (ms, default 5000). */
  cancelGraceMs?: number;
  /** Minimum interval between progress events of one job (ms, default 100 → at most 10/s). */
  progressIntervalMs?: number;
  /** Minimum interval between updates of a job's row with its progress (ms, default 1000). */
  persistIntervalMs?: number;
  /** Minimum interval between `job.progress` rows appended to `events` for one job (ms, default 5000). */
  eventIntervalMs?: number;
  /** Progress events of jobs finished longer ago than this are thinned to the last one (days, default 30). */
  keepProgressEventsDays?: number;
  env?: NodeJS.ProcessEnv;
}

interface Outcome {
  status: FinalJobStatus;
  result?: unknown;
  error?: ErrorDto | null;
}

interface ActiveJob {
  id: number;
  kind: string;
  child: JobChild;
  progress: Throttle<ProgressMessage>;
  lastPersisted: number;
  lastEventAt: number;
  /** The latest progress not yet written to the database (written at exit at the latest). */
  unpersisted: JobProgressEvent | null;
  /** The last progress sent to subscribers, and whether the events table has it (the final one must be stored). */
  lastEmitted: JobProgressEvent | null;
  lastEmittedStored: boolean;
  logEvents: number;
  outcome: Outcome | null;
  cancelRequested: boolean;
  killTimer: ReturnType<typeof setTimeout> | null;
  exited: Promise<void>;
}

/** Job ids supervised by a live supervisor of this process (tells them from orphans at start-up). */
const LIVE_JOBS = new Set<number>();
const MAX_LOG_EVENTS = 1000;

export class JobSupervisor {
  readonly workspace: string;
  private readonly db: WritableDb;
  private readonly launcher: Launcher;
  private readonly graceMs: number;
  private readonly progressMs: number;
  private readonly persistMs: number;
  private readonly eventMs: number;
  private readonly env: NodeJS.ProcessEnv;
  private readonly active = new Map<number, ActiveJob>();
  private readonly listeners = new Set<(frame: EventFrame) => void>();
  private readonly waiters = new Map<number, Array<(event: JobFinishedEvent) => void>>();
  private shuttingDown = false;

  constructor(options: SupervisorOptions) {
    this.workspace = options.workspace;
    this.db = options.db;
    this.launcher = options.launcher ?? forkLauncher();
    this.graceMs = options.cancelGraceMs ?? 5000;
    this.progressMs = options.progressIntervalMs ?? 100;
    this.persistMs = options.persistIntervalMs ?? 1000;
    this.eventMs = options.eventIntervalMs ?? 5000;
    this.env = options.env ?? process.env;
    this.markInterrupted();
    const days = options.keepProgressEventsDays ?? 30;
    this.safely(() => pruneProgressEvents(this.db, new Date(Date.now() - days * 86_400_000).toISOString()));
  }

  /** Validates `params`, records the job and starts its process. Progress follows as events. */
  start(kind: string, params: unknown = {}): JobDto {
    if (this.shuttingDown) throw new StudioError('conflict', 'The app is shutting down; no new job can start.');
    const resolved = resolveJobKind(kind, this.env);
    if (!resolved) {
      throw new StudioError('invalid_request', `Unknown job kind "${kind}". Known kinds: ${knownJobKinds(this.env).join(', ')}.`, { field: 'kind' });
    }
    const valid = parseWith(resolved.schema as z.ZodType<unknown>, params ?? {}, kind);
    const job = insertJob(this.db, kind, valid);
    let child: JobChild;
    try {
      child = this.launcher({ jobId: job.id, env: this.env, v8Flags: v8FlagsFor(kind) });
    } catch (error) {
      const message = `Could not start the job process: ${(error as Error).message}`;
      this.record(job.id, kind, { status: 'failed', error: { code: 'job_failed', message } });
      throw new StudioError('job_failed', message, { cause: error });
    }
    let running: JobDto;
    try {
      running = markJobRunning(this.db, job.id, child.pid, process.pid);
    } catch (error) {
      child.kill(); // never leave a process running that no row accounts for
      this.record(job.id, kind, { status: 'failed', error: { code: 'job_failed', message: `Could not record the job's start: ${(error as Error).message}` } });
      throw error;
    }
    const entry: ActiveJob = {
      id: job.id,
      kind,
      child,
      progress: createThrottle(this.progressMs, (message) => this.onProgress(entry, message)),
      lastPersisted: -Infinity,
      lastEventAt: -Infinity,
      unpersisted: null,
      lastEmitted: null,
      lastEmittedStored: false,
      logEvents: 0,
      outcome: null,
      cancelRequested: false,
      killTimer: null,
      exited: new Promise((resolve) => child.onExit((exit) => resolve(this.onExit(entry, exit)))),
    };
    this.active.set(job.id, entry);
    LIVE_JOBS.add(job.id);
    child.onMessage((raw) => this.onMessage(entry, raw));
    child.send({ type: 'start', job_id: job.id, kind, params: valid, workspace: this.workspace });
    return running;
  }

  /** Asks the job to stop; kills it if it has not stopped after the grace period. Idempotent. */
  cancel(id: number): JobDto {
    const entry = this.active.get(id);
    const job = getJob(this.db, id);
    if (!entry) {
      if (job.status === 'queued' || job.status === 'running') {
        throw new StudioError('conflict', `Job ${id} is run by another Domain Studio process; cancel it there.`);
      }
      return job;
    }
    if (!entry.cancelRequested) {
      entry.cancelRequested = true;
      setJobMessage(this.db, id, 'Cancelling…');
      entry.child.send({ type: 'cancel' });
      entry.killTimer = setTimeout(() => entry.child.kill(), this.graceMs);
    }
    return getJob(this.db, id);
  }

  /** Receives every `job.progress` and `job.finished` frame; returns the unsubscribe function. */
  subscribe(listener: (frame: EventFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when the job has finished (at once if it already has). */
  waitFor(id: number): Promise<JobFinishedEvent> {
    if (!this.active.has(id)) {
      const job = getJob(this.db, id);
      if (job.status === 'queued' || job.status === 'running') {
        return Promise.reject(new StudioError('conflict', `Job ${id} is run by another Domain Studio process.`));
      }
      return Promise.resolve(finishedEvent(job));
    }
    return new Promise((resolve) => this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]));
  }

  /** Stops every running job (recorded as interrupted unless it finishes first) and waits for them. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    const entries = [...this.active.values()];
    for (const entry of entries) {
      entry.child.send({ type: 'cancel' });
      entry.killTimer ??= setTimeout(() => entry.child.kill(), this.graceMs);
    }
    await Promise.all(entries.map((entry) => entry.exited));
  }

  /** Jobs whose app process is gone (crash, power cut) are marked interrupted. */
  private markInterrupted(): void {
    for (const job of listUnfinishedJobs(this.db)) {
      const owner = job.supervisor_pid;
      const ownedHere = owner === process.pid && LIVE_JOBS.has(job.id);
      if (ownedHere || (owner !== null && owner !== process.pid && isProcessAlive(owner))) continue;
      const message = 'Domain Studio stopped while this job was running; it did not finish.';
      this.record(job.id, job.kind, { status: 'interrupted', error: { code: 'job_failed', message } }, message);
    }
  }

  private onMessage(entry: ActiveJob, raw: unknown): void {
    const parsed = parseChildMessage(raw);
    if (!parsed.ok) {
      log.warn(`job ${entry.id} sent an invalid message; ignored`, { reason: parsed.reason });
      return;
    }
    const message: ChildMessage = parsed.message;
    switch (message.type) {
      case 'progress':
        if (!entry.outcome) entry.progress.push(message);
        break;
      case 'log':
        log[message.level](`job ${entry.id} (${entry.kind}): ${message.message}`, message.data);
        if (entry.logEvents < MAX_LOG_EVENTS) {
          entry.logEvents += 1;
          // Best effort, like progress: a log line is not worth freezing the app for (it is on stderr too).
          this.safely(() =>
            withoutBusyWait(this.db, () =>
              appendEvent(this.db, entry.id, 'job.log', { level: message.level, message: message.message, data: message.data ?? null }),
            ),
          );
        }
        break;
      case 'done':
      case 'error':
        if (entry.outcome) break;
        entry.outcome =
          message.type === 'done'
            ? { status: 'succeeded', result: message.result, error: null }
            : { status: message.error.code === 'cancelled' ? 'cancelled' : 'failed', error: message.error };
        // The child exits right after; if it lingers (open handles), do not wait for ever.
        entry.killTimer ??= setTimeout(() => entry.child.kill(), this.graceMs);
        break;
    }
  }

  private onProgress(entry: ActiveJob, message: ProgressMessage): void {
    const payload: JobProgressEvent = {
      job_id: entry.id,
      kind: entry.kind,
      progress: message.progress,
      message: message.message,
      counters: message.counters,
      at: nowIso(),
    };
    entry.unpersisted = payload;
    entry.lastEmitted = payload;
    entry.lastEmittedStored = false;
    if (Date.now() - entry.lastPersisted >= this.persistMs) this.persistProgress(entry);
    this.emit({ event: 'job.progress', payload });
  }

  /**
   * Writes the latest progress row. While the job is running this never waits for the write lock (a job
   * committing a large transaction must not freeze the app's event loop): a busy database just defers
   * the row to the next interval. At exit (`wait`) it waits as usual.
   */
  private persistProgress(entry: ActiveJob, wait = false): void {
    const payload = entry.unpersisted;
    if (!payload) return;
    const now = Date.now();
    entry.lastPersisted = now;
    const withEvent = wait || now - entry.lastEventAt >= this.eventMs;
    const write = () =>
      this.db.transaction(() => {
        updateJobProgress(this.db, entry.id, payload.progress, payload.message);
        if (withEvent) appendEvent(this.db, entry.id, 'job.progress', payload);
      });
    try {
      if (wait) write();
      else withoutBusyWait(this.db, write);
      if (entry.unpersisted === payload) entry.unpersisted = null;
      if (withEvent) {
        entry.lastEventAt = now;
        if (payload === entry.lastEmitted) entry.lastEmittedStored = true;
      }
    } catch (error) {
      if (!isBusyError(error)) {
        entry.unpersisted = null;
        log.error('could not record job progress', { job: entry.id, error: (error as Error).message });
      }
    }
  }

  private onExit(entry: ActiveJob, exit: ChildExit): void {
    if (entry.killTimer) clearTimeout(entry.killTimer);
    entry.progress.flush();
    // The final progress goes into the events table even if its row was already written without an event.
    if (entry.lastEmitted && !entry.lastEmittedStored) entry.unpersisted = entry.lastEmitted;
    this.persistProgress(entry, true);
    this.active.delete(entry.id);
    LIVE_JOBS.delete(entry.id);
    const outcome = this.outcomeAtExit(entry, exit);
    this.record(entry.id, entry.kind, outcome);
  }

  private outcomeAtExit(entry: ActiveJob, exit: ChildExit): Outcome {
    const { outcome } = entry;
    if (outcome && (outcome.status === 'succeeded' || outcome.status === 'failed')) return outcome;
    if (this.shuttingDown && !entry.cancelRequested) {
      return { status: 'interrupted', error: { code: 'job_failed', message: 'Domain Studio closed while this job was running.' } };
    }
    if (outcome) return outcome;
    if (entry.cancelRequested) {
      return { status: 'cancelled', error: { code: 'cancelled', message: 'Cancelled; the job did not stop in time and was ended.' } };
    }
    // Ended without reporting: what it printed last (a fatal error and its native stack trace, say) is kept with the
    // job's events and logged, for the report of a crash that the one-line reason cannot hold.
    const output = entry.child.outputTail();
    if (output.trim() !== '') {
      log.error(`job ${entry.id} (${entry.kind}) ended without reporting an outcome; its last output:\n${output}`);
      this.safely(() =>
        withoutBusyWait(this.db, () => appendEvent(this.db, entry.id, 'job.log', { level: 'error', message: 'The job process ended without reporting an outcome; its last output follows.', data: { output } })),
      );
    }
    return { status: 'failed', error: { code: 'job_failed', message: crashReason(exit, output) } };
  }

  /** Writes the outcome (first one wins), appends the event, and tells subscribers and waiters. */
  private record(id: number, kind: string, outcome: Outcome, message?: string): void {
    const job = this.safely(() =>
      finishJob(this.db, id, {
        status: outcome.status,
        result: outcome.result ?? null,
        error: outcome.error ?? null,
        message: message ?? outcome.error?.message ?? null,
      }),
    );
    const payload: JobFinishedEvent = job
      ? finishedEvent(job)
      : { job_id: id, kind, status: outcome.status, result: outcome.result ?? null, error: outcome.error ?? null, at: nowIso() };
    this.safely(() => appendEvent(this.db, id, 'job.finished', payload));
    this.emit({ event: 'job.finished', payload });
    for (const resolve of this.waiters.get(id) ?? []) resolve(payload);
    this.waiters.delete(id);
  }

  private emit(frame: EventFrame): void {
    for (const listener of this.listeners) {
      try {
        listener(frame);
      } catch (error) {
        log.warn('an event subscriber threw; the others still get the event', { error: (error as Error).message });
      }
    }
  }

  /** A database hiccup (busy, disk full) must not take the supervisor down with it. */
  private safely<T>(write: () => T): T | null {
    try {
      return write();
    } catch (error) {
      log.error('could not record a job update', { error: (error as Error).message });
      return null;
    }
  }
}
