// The Launcher seam (how Electron's utilityProcess plugs in): the supervisor works with any JobChild,
// ignores malformed messages from it, and records a launcher that cannot start a process as a failure.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openWorkspaceDb, type WritableDb } from '../store/db';
import { getJob } from '../store/queries/jobs';
import { forkLauncher, jobProcessEntry, type ChildExit, type JobChild, type Launcher } from './launcher';
import type { ParentMessage } from './messages';
import { JobSupervisor } from './supervisor';
import { IMPORT_MAX_INLINED_BYTECODE, v8FlagsFor } from './kinds/v8-flags';

let workspace: string;
let db: WritableDb;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'studio-launcher-'));
  db = openWorkspaceDb(join(workspace, 'studio.db'));
});
afterEach(() => {
  db.close();
  rmSync(workspace, { recursive: true, force: true });
});

/** A child that lives in this process: the test plays the job process's part by hand. */
function scriptedChild() {
  const received: ParentMessage[] = [];
  let onMessage: (raw: unknown) => void = () => undefined;
  let onExit: (exit: ChildExit) => void = () => undefined;
  const child: JobChild = {
    pid: null,
    send: (message) => (received.push(message), true),
    onMessage: (listener) => (onMessage = listener),
    onExit: (listener) => (onExit = listener),
    outputTail: () => '',
    kill: () => onExit({ code: null, signal: 'SIGKILL' }),
  };
  return { child, received, say: (raw: unknown) => onMessage(raw), exit: (exit: ChildExit) => onExit(exit) };
}

describe('Launcher seam', () => {
  it('runs a job through a custom launcher and ignores malformed messages', async () => {
    const scripted = scriptedChild();
    const launcher: Launcher = () => scripted.child;
    const supervisor = new JobSupervisor({ workspace, db, launcher });
    const job = supervisor.start('workspace.check', {});
    expect(scripted.received[0]).toEqual({ type: 'start', job_id: job.id, kind: 'workspace.check', params: {}, workspace });
    scripted.say({ type: 'progress', progress: 7, message: 'out of range', counters: {} });
    scripted.say('not even an object');
    scripted.say({ type: 'done', result: { files: 0, bytes: 0, digest: 'x', integrity: 'ok' } });
    scripted.exit({ code: 0, signal: null });
    const finished = await supervisor.waitFor(job.id);
    expect(finished).toMatchObject({ status: 'succeeded', result: { integrity: 'ok' } });
    expect(getJob(db, job.id).progress).toBe(1);
  });

  it('records a launcher that cannot start a process as a failed job', () => {
    const launcher: Launcher = () => {
      throw new Error('spawn ENOENT');
    };
    const supervisor = new JobSupervisor({ workspace, db, launcher });
    expect(() => supervisor.start('workspace.check', {})).toThrow(expect.objectContaining({ code: 'job_failed' }));
    const [job] = db.sql.prepare('SELECT id FROM jobs').pluck().all() as number[];
    expect(getJob(db, job!)).toMatchObject({ status: 'failed', error: { code: 'job_failed', message: expect.stringMatching(/spawn ENOENT/) } });
  });

  it('a real job process ignores malformed messages from its parent and still runs its job', async () => {
    const child = forkLauncher()({ jobId: 1, env: { ...process.env, STUDIO_TEST_JOBS: '1' } });
    const messages: unknown[] = [];
    child.onMessage((raw) => messages.push(raw));
    const exited = new Promise<ChildExit>((resolve) => child.onExit(resolve));
    child.send({ type: 'launch', job_id: 1 } as unknown as ParentMessage);
    child.send({ type: 'start', job_id: 1, kind: 'test.progress', params: { steps: 3 }, workspace });
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(messages.at(-1)).toEqual({ type: 'done', result: { steps: 3 } });
    expect(child.outputTail()).toMatch(/ignored an invalid message/);
  });

  it('a real job process outlives a Ctrl-C (SIGINT): its parent decides whether it is cancelled', async () => {
    const child = forkLauncher()({ jobId: 1, env: { ...process.env, STUDIO_TEST_JOBS: '1' } });
    const messages: unknown[] = [];
    child.onMessage((raw) => messages.push(raw));
    const exited = new Promise<ChildExit>((resolve) => child.onExit(resolve));
    child.send({ type: 'start', job_id: 1, kind: 'test.progress', params: { steps: 40, delay_ms: 20 }, workspace });
    await vi.waitUntil(() => messages.length > 0, { timeout: 20_000 });
    process.kill(child.pid!, 'SIGINT');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(messages.at(-1)).toEqual({ type: 'done', result: { steps: 40 } });
  });

  it("hands the launcher the V8 flags of the job's kind", () => {
    const given: Array<readonly string[] | undefined> = [];
    const launcher: Launcher = (options) => {
      given.push(options.v8Flags);
      return scriptedChild().child;
    };
    const supervisor = new JobSupervisor({ workspace, db, launcher });
    supervisor.start('corpus.import', { paths: [workspace], name: 'notes' });
    supervisor.start('workspace.check', {});
    expect(given).toEqual([v8FlagsFor('corpus.import'), []]);
    expect(v8FlagsFor('corpus.import')).toEqual([`--max-inlined-bytecode-size=${IMPORT_MAX_INLINED_BYTECODE}`]);
  });

  // V8 flags changed while code compiles can abort the process (see v8-flags.ts): they go on its command line.
  it.runIf(process.platform === 'linux')('starts a real job process with the V8 flags on its command line', async () => {
    const child = forkLauncher()({ jobId: 1, env: { ...process.env, STUDIO_TEST_JOBS: '1' }, v8Flags: ['--max-inlined-bytecode-size=77'] });
    const exited = new Promise<ChildExit>((resolve) => child.onExit(resolve));
    const commandLine = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
    child.send({ type: 'start', job_id: 1, kind: 'test.progress', params: { steps: 1 }, workspace });
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(commandLine).toContain('--max-inlined-bytecode-size=77');
    expect(commandLine.indexOf('--max-inlined-bytecode-size=77')).toBeLessThan(commandLine.findIndex((a) => /job-process\.[jt]s$/.test(a)));
  });

  it('forks the TypeScript entry through tsx resolved from the app, not the working directory', () => {
    const entry = jobProcessEntry();
    expect(entry.file).toMatch(/job-process\.ts$/);
    expect(entry.execArgv[0]).toBe('--import');
    expect(entry.execArgv[1]).toMatch(/^file:\/\/.*\/node_modules\/tsx\//);
  });
});
