// How a job process is started. The supervisor only sees `JobChild`; `forkLauncher` implements it with
// child_process.fork (node, CLI, serve mode). Inside Electron the app plugs in a launcher built on
// utilityProcess.fork with the same shape.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { StudioError } from '../common/errors';
import type { ParentMessage } from './messages';

export interface ChildExit {
  /** Exit code, or null when a signal ended the process. */
  code: number | null;
  signal: string | null;
}

export interface JobChild {
  readonly pid: number | null;
  /** Returns false when the process can no longer receive messages. */
  send(message: ParentMessage): boolean;
  onMessage(listener: (raw: unknown) => void): void;
  /** Called once, when the process has ended (or failed to start). */
  onExit(listener: (exit: ChildExit) => void): void;
  /** The last lines the process wrote to stdout/stderr: the best clue when it crashes. */
  outputTail(): string;
  /** Ends the process at once (SIGKILL). */
  kill(): void;
}

export type Launcher = (options: { jobId: number; env: NodeJS.ProcessEnv }) => JobChild;

const TAIL_BYTES = 4096;

/** The job-process entry: a prebuilt job-process.js beside this file when bundled, else the .ts through tsx. */
export function jobProcessEntry(): { file: string; execArgv: string[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'job-process.js');
  if (existsSync(built)) return { file: built, execArgv: [] };
  // Resolved from this file, not from the working directory, so `studio` works from any folder.
  let tsx: string;
  try {
    tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch (error) {
    throw new StudioError('internal', `Cannot start job processes: neither ${built} nor the tsx loader for job-process.ts is installed. Reinstall Domain Studio (npm ci).`, { cause: error });
  }
  return { file: join(here, 'job-process.ts'), execArgv: ['--import', tsx] };
}

export function forkLauncher(): Launcher {
  const entry = jobProcessEntry();
  return ({ jobId, env }) => {
    const child = fork(entry.file, [`--job=${jobId}`], {
      execArgv: entry.execArgv,
      env,
      // stdout is the CLI's JSON channel: the job's own output goes to the tail (and the debug log) instead.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);

    let exited = false;
    const exitListeners: Array<(exit: ChildExit) => void> = [];
    const finish = (exit: ChildExit) => {
      if (exited) return;
      exited = true;
      for (const listener of exitListeners) listener(exit);
    };
    // 'close', not 'exit': it comes after every IPC message and all output the child sent before exiting
    // ('exit' can overtake the last progress or done message on a busy machine).
    child.on('close', (code, signal) => finish({ code, signal }));
    child.on('error', (error) => {
      // Failed to spawn (or to kill): a spawn failure never emits 'exit'.
      keep(Buffer.from(`\n${error.message}\n`));
      if (child.pid === undefined) finish({ code: null, signal: null });
    });

    return {
      pid: child.pid ?? null,
      send(message) {
        if (!child.connected) return false;
        try {
          child.send(message);
          return true;
        } catch {
          return false;
        }
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => exitListeners.push(listener),
      outputTail: () => tail,
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    };
  };
}
