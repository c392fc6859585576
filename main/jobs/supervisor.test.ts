// JobSupervisor with real forked job processes: progress reaches every subscriber, results are stored,
// and every way a job can end (done, cancel, crash, kill -9, app restart, shutdown) is recorded.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventFrame } from '../common/contract';
import type { JobProgressEvent, WorkspaceCheckResult } from '../common/dto';
import type { StudioError } from '../common/errors';
import { makeZombie } from '../platform/test-zombie';
import { openWorkspaceDb, type WritableDb } from '../store/db';
import { listEvents } from '../store/queries/events';
import { getJob, insertJob, markJobRunning } from '../store/queries/jobs';
import { JobSupervisor } from './supervisor';

const TEST_ENV = { ...process.env, STUDIO_TEST_JOBS: '1' };
let workspace: string;
let db: WritableDb;
let supervisor: JobSupervisor;

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'studio-jobs-'));
  db = openWorkspaceDb(join(workspace, 'studio.db'));
});
afterEach(async () => {
  await supervisor?.shutdown();
  db.close();
  rmSync(workspace, { recursive: true, force: true });
});

/** Resolves at the job's first progress event: its process is up and running the kind. */
const firstProgress = (sup: JobSupervisor, jobId: number) =>
  new Promise<void>((resolve) => {
    const stop = sup.subscribe((f) => {
      if (f.event === 'job.progress' && f.payload.job_id === jobId) {
        stop();
        resolve();
      }
    });
  });

const progressFrames = (frames: EventFrame[], jobId: number) =>
  frames.filter((f) => f.event === 'job.progress' && (f.payload as JobProgressEvent).job_id === jobId).map((f) => f.payload as JobProgressEvent);

describe('JobSupervisor', () => {
  it('runs workspace.check in a job process: progress to every subscriber, result stored', async () => {
    const files: Record<string, Buffer> = {
      'corpora/1/doc.txt': Buffer.from('Patient seen on Monday.\n'),
      'models/2/model.safetensors': randomBytes(3 * 1024 * 1024),
      'notes é.md': Buffer.from('unicode name'),
    };
    for (const [rel, bytes] of Object.entries(files)) {
      mkdirSync(join(workspace, rel, '..'), { recursive: true });
      writeFileSync(join(workspace, rel), bytes);
    }
    const expected = createHash('sha256');
    for (const rel of Object.keys(files).sort()) expected.update(`${rel}\0${createHash('sha256').update(files[rel]!).digest('hex')}\n`);

    supervisor = new JobSupervisor({ workspace, db, env: TEST_ENV });
    const first: EventFrame[] = [];
    const second: EventFrame[] = [];
    supervisor.subscribe((f) => first.push(f));
    supervisor.subscribe((f) => second.push(f));
    const job = supervisor.start('workspace.check', {});
    expect(job).toMatchObject({ kind: 'workspace.check', status: 'running' });
    const finished = await supervisor.waitFor(job.id);

    expect(finished.status).toBe('succeeded');
    const result = finished.result as WorkspaceCheckResult;
    expect(result).toEqual({ files: 3, bytes: 3 * 1024 * 1024 + 24 + 12, digest: expected.digest('hex'), integrity: 'ok' });
    const progress = progressFrames(first, job.id);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.counters).toMatchObject({ files: 3, bytes: result.bytes });
    expect(second).toEqual(first);
    expect(first.at(-1)).toEqual({ event: 'job.finished', payload: finished });

    const stored = getJob(db, job.id);
    expect(stored).toMatchObject({ status: 'succeeded', progress: 1, result });
    const names = listEvents(db, { jobId: job.id }).map((e) => e.name);
    expect(names).toContain('job.progress');
    expect(names.at(-1)).toBe('job.finished');
  });

  it('throttles progress to at most 10 events a second and never loses the last one', async () => {
    supervisor = new JobSupervisor({ workspace, db, env: TEST_ENV });
    const frames: EventFrame[] = [];
    supervisor.subscribe((f) => frames.push(f));
    const startedAt = Date.now();
    const job = supervisor.start('test.progress', { steps: 400, delay_ms: 2 });
    const finished = await supervisor.waitFor(job.id);
    const seconds = (Date.now() - startedAt) / 1000;
    expect(finished).toMatchObject({ status: 'succeeded', result: { steps: 400 } });
    const progress = progressFrames(frames, job.id);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 1);
    expect(progress.at(-1)).toMatchObject({ progress: 1, message: 'Step 400 of 400' });
    // The events table receives far fewer rows (at most one per 5 s, plus the last one at exit).
    const stored = listEvents(db, { jobId: job.id }).filter((e) => e.name === 'job.progress');
    expect(stored.length).toBeLessThanOrEqual(Math.ceil(seconds / 5) + 2);
    expect(stored.at(-1)?.payload).toMatchObject({ progress: 1, message: 'Step 400 of 400' });
  });

  it('keeps the app responsive while a job holds the database write lock', async () => {
    supervisor = new JobSupervisor({ workspace, db, env: TEST_ENV });
    const other = new Database(join(workspace, 'studio.db'));
    let lastTick = Date.now();
    let longestStall = 0;
    const ticker = setInterval(() => {
      longestStall = Math.max(longestStall, Date.now() - lastTick);
      lastTick = Date.now();
    }, 20);
    const frames: JobProgressEvent[] = [];
    supervisor.subscribe((f) => {
      if (f.event !== 'job.progress') return;
      const payload = f.payload as JobProgressEvent;
      frames.push(payload);
      // Hold the write lock from the first progress to the last, as a job committing a large transaction would.
      if (frames.length === 1) other.prepare('BEGIN IMMEDIATE').run();
      if (payload.progress === 1 && other.inTransaction) other.prepare('COMMIT').run();
    });
    const job = supervisor.start('test.progress', { steps: 30, delay_ms: 80 });
    const finished = await supervisor.waitFor(job.id);
    clearInterval(ticker);
    other.close();
    expect(finished.status).toBe('succeeded');
    expect(frames.length).toBeGreaterThan(5); // progress kept flowing to subscribers during the lock
    expect(longestStall).toBeLessThan(2500); // the busy timeout (5 s) was never waited out
    expect(getJob(db, job.id)).toMatchObject({ status: 'succeeded', progress: 1, message: 'Step 30 of 30' });
  });

  it('cancels a job that stops on its signal, and kills one that ignores it after the grace period', async () => {
    supervisor = new JobSupervisor({ workspace, db, env: TEST_ENV, cancelGraceMs: 400 });
    const polite = supervisor.start('test.crash', { mode: 'hang' });
    const stubborn = supervisor.start('test.crash', { mode: 'stuck' });
    await Promise.all([firstProgress(supervisor, polite.id), firstProgress(supervisor, stubborn.id)]);
    expect(supervisor.cancel(polite.id).message).toBe('Cancelling…');
    supervisor.cancel(stubborn.id);
    const [a, b] = await Promise.all([supervisor.waitFor(polite.id), supervisor.waitFor(stubborn.id)]);
    expect(a).toMatchObject({ status: 'cancelled', error: { code: 'cancelled', message: 'test.crash stopped on cancel.' } });
    expect(b).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' } });
    expect(b.error?.message).toMatch(/did not stop in time/);
    expect(getJob(db, stubborn.id).status).toBe('cancelled');
    expect(supervisor.cancel(polite.id).status).toBe('cancelled'); // cancelling again changes nothing
  });

  it('records each kind of crash as failed, with the reason', async () => {
    supervisor = new JobSupervisor({ workspace, db, env: TEST_ENV });
    const modes = ['throw', 'reject', 'exit', 'sigkill'] as const;
    const jobs = modes.map((mode) => supervisor.start('test.crash', { mode }));
    const outcomes = await Promise.all(jobs.map((job) => supervisor.waitFor(job.id)));
    const byMode = Object.fromEntries(modes.map((mode, i) => [mode, outcomes[i]!]));
    for (const outcome of outcomes) expect(outcome.status).toBe('failed');
    expect(byMode.throw!.error?.message).toMatch(/The job crashed: boom from test.crash/);
    expect(byMode.reject!.error).toEqual({ code: 'internal', message: 'rejected by test.crash' });
    expect(byMode.exit!.error?.message).toBe('The job process exited unexpectedly with code 3. Last output: test.crash exits with code 3');
    // The whole tail of its output is kept with the job's events.
    const logged = listEvents(db, { jobId: jobs[2]!.id }).filter((e) => e.name === 'job.log');
    expect(logged.at(-1)?.payload).toMatchObject({ level: 'error', data: { output: expect.stringContaining('test.crash exits with code 3') } });
    expect(byMode.sigkill!.error?.message).toMatch(/killed by SIGKILL/);
    expect(getJob(db, jobs[3]!.id)).toMatchObject({ status: 'failed', error: byMode.sigkill!.error });
  });

  it('marks jobs left running by a crashed app as interrupted, and leaves a live app\'s jobs alone', () => {
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    const orphan = insertJob(db, 'workspace.check', {});
    markJobRunning(db, orphan.id, 999_999, deadPid);
    const neverStarted = insertJob(db, 'workspace.check', {});
    const otherApp = insertJob(db, 'workspace.check', {});
    markJobRunning(db, otherApp.id, 999_998, process.ppid); // the test runner: alive
    supervisor = new JobSupervisor({ workspace, db, env: TEST_ENV });
    expect(getJob(db, orphan.id)).toMatchObject({ status: 'interrupted', error: { code: 'job_failed' } });
    expect(getJob(db, orphan.id).finished_at).not.toBeNull();
    expect(getJob(db, neverStarted.id).status).toBe('interrupted');
    expect(getJob(db, otherApp.id).status).toBe('running');
    expect(() => supervisor.cancel(otherApp.id)).toThrow(/another Domain Studio process/);
  });

  it.runIf(process.platform === 'linux')('marks as interrupted the jobs of an app that exited but is not yet reaped (a zombie)', async () => {
    // A CLI killed by its parent process stays a zombie until that parent waits on it; its jobs are not running.
    const zombie = await makeZombie();
    try {
      const job = insertJob(db, 'workspace.check', {});
      markJobRunning(db, job.id, 999_997, zombie.pid);
      supervisor = new JobSupervisor({ workspace, db, env: TEST_ENV });
      expect(getJob(db, job.id)).toMatchObject({ status: 'interrupted', error: { code: 'job_failed' } });
    } finally {
      zombie.release();
    }
  });

  it('records running jobs as interrupted when the app shuts down', async () => {
    supervisor = new JobSupervisor({ workspace, db, env: TEST_ENV, cancelGraceMs: 300 });
    const job = supervisor.start('test.crash', { mode: 'stuck' });
    await firstProgress(supervisor, job.id);
    await supervisor.shutdown();
    expect(getJob(db, job.id)).toMatchObject({ status: 'interrupted', error: { code: 'job_failed' } });
    expect(() => supervisor.start('test.crash', { mode: 'hang' })).toThrow(/shutting down/);
  });

  it('refuses unknown kinds, bad params and test kinds outside tests, naming the field', () => {
    supervisor = new JobSupervisor({ workspace, db, env: TEST_ENV });
    const refuse = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as StudioError).toDto();
      }
      throw new Error('expected a refusal');
    };
    expect(refuse(() => supervisor.start('train.everything', {}))).toMatchObject({ code: 'invalid_request', field: 'kind' });
    expect(refuse(() => supervisor.start('workspace.check', { deep: true }))).toMatchObject({ code: 'invalid_request', field: 'deep' });
    expect(refuse(() => supervisor.start('test.crash', { mode: 'explode' }))).toMatchObject({ code: 'invalid_request', field: 'mode' });
    const production = new JobSupervisor({ workspace, db, env: { ...process.env, STUDIO_TEST_JOBS: undefined } });
    expect(refuse(() => production.start('test.crash', { mode: 'throw' }))).toMatchObject({ code: 'invalid_request', field: 'kind' });
    expect(refuse(() => supervisor.cancel(12345))).toMatchObject({ code: 'not_found' });
  });
});
