// The job process entry: waits for one `start` message, runs that job kind with its own database
// connection, reports progress, and ends with exactly one `done` or `error` message. A cancel message
// aborts the kind's AbortSignal; losing the parent (app crashed or closed) does the same.
import type { z } from 'zod';
import { StudioError, toErrorDto, type ErrorDto } from '../common/errors';
import { asStoreError } from '../store/errors';
import { parseWith } from '../common/validate';
import { workspacePaths } from '../platform/paths';
import { openWorkspaceDb, type WritableDb } from '../store/db';
import type { JobContext, JobLog } from './context';
import { resolveJobKind } from './kinds/index';
import { finiteCounters, parseParentMessage, type ChildMessage, type ParentMessage, type ProgressMessage } from './messages';
import { createThrottle } from './throttle';

const controller = new AbortController();
let db: WritableDb | null = null;
let started = false;
let finished = false;

/** Electron's utilityProcess talks through `process.parentPort`; child_process.fork through process.send. */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    try {
      if (parentPort) {
        parentPort.postMessage(message);
        // postMessage queues the message; give the event loop a turn so it leaves before an exit.
        setImmediate(resolve);
      } else if (process.send && process.connected) {
        process.send(message, undefined, {}, () => resolve());
      } else resolve();
    } catch {
      resolve();
    }
  });
}

function onParentMessage(listener: (raw: unknown) => void): void {
  if (parentPort) parentPort.on('message', (event) => listener(event.data));
  else process.on('message', listener);
}

async function end(message: ChildMessage, exitCode: number): Promise<never> {
  finished = true;
  await send(message);
  db?.close();
  process.exit(exitCode);
}

const progress = createThrottle<ProgressMessage>(100, (message) => void send(message));

const log: JobLog = Object.fromEntries(
  (['debug', 'info', 'warn', 'error'] as const).map((level) => [
    level,
    (message: string, data?: Record<string, unknown>) => void send({ type: 'log', level, message, ...(data ? { data } : {}) }),
  ]),
) as unknown as JobLog;

async function run(start: Extract<ParentMessage, { type: 'start' }>): Promise<void> {
  try {
    const kind = resolveJobKind(start.kind);
    if (!kind) throw new StudioError('invalid_request', `Unknown job kind "${start.kind}".`, { field: 'kind' });
    const params = parseWith(kind.schema as z.ZodType<unknown>, start.params, start.kind);
    const paths = workspacePaths(start.workspace);
    db = openWorkspaceDb(paths.database);
    const ctx: JobContext = {
      job_id: start.job_id,
      workspace: start.workspace,
      paths,
      db,
      signal: controller.signal,
      log,
      progress(value, message, counters) {
        const clamped = value === null || !Number.isFinite(value) ? null : Math.min(1, Math.max(0, value));
        progress.push({ type: 'progress', progress: clamped, message: String(message).slice(0, 2000), counters: finiteCounters(counters) });
      },
    };
    const result = await kind.run(params, ctx);
    progress.flush();
    // Results cross the process boundary as JSON: check that now, so a bad result is a clear error.
    await end({ type: 'done', result: JSON.parse(JSON.stringify(result ?? null)) as unknown }, 0);
  } catch (error) {
    progress.flush();
    await end({ type: 'error', error: errorFor(error) }, 0);
  }
}

function errorFor(error: unknown): ErrorDto {
  if (controller.signal.aborted && !(error instanceof StudioError) && (error as Error)?.name === 'AbortError') {
    return { code: 'cancelled', message: 'Cancelled.' };
  }
  return toErrorDto(asStoreError(error));
}

onParentMessage((raw) => {
  const parsed = parseParentMessage(raw);
  if (!parsed.ok) {
    process.stderr.write(`job process: ignored an invalid message (${parsed.reason})\n`);
    return;
  }
  const message = parsed.message;
  if (message.type === 'cancel') {
    controller.abort(new StudioError('cancelled', 'Cancelled.'));
  } else if (!started) {
    started = true;
    void run(message);
  }
});

// Ctrl-C in a terminal signals the whole process group, this process with the CLI that started it: the CLI asks
// for a cancel (the job then stops cleanly: a checkpoint, a removed temporary folder); dying here at once left an
// unfinished import and its temporary files behind, and recorded the job as "did not stop in time". Whoever
// started the job decides: a parent that goes away is seen below.
process.on('SIGINT', () => undefined);

// The parent went away: stop the work, and leave if the kind does not stop by itself soon.
// (Electron ends a utility process with its parent; a forked one is told by 'disconnect'.)
process.on('disconnect', () => {
  controller.abort(new StudioError('cancelled', 'The app closed.'));
  setTimeout(() => process.exit(1), 2000).unref();
});

const crash = (error: unknown) => {
  if (finished) return;
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`${message}\n`);
  void end({ type: 'error', error: { code: 'job_failed', message: `The job crashed: ${error instanceof Error ? error.message : String(error)}` } }, 1);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
