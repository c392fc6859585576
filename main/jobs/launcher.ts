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

/**
 * Starts the process of job `jobId`. `v8Flags`: V8 flags for that process's command line (v8FlagsFor its kind), so
 * that they hold from its first instruction and never change while it runs.
 */
export type Launcher = (options: { jobId: number; env: NodeJS.ProcessEnv; v8Flags?: readonly string[] }) => JobChild;

const TAIL_BYTES = 4096;

/** What both launchers keep about a child: the tail of its output and its exit, reported to listeners once. */
export class ChildWatch {
  #tail = '';
  #exited = false;
  readonly #listeners: Array<(exit: ChildExit) => void> = [];

  get exited(): boolean {
    return this.#exited;
  }

  /** Appends output, keeping only the last TAIL_BYTES characters. */
  readonly keep = (chunk: Buffer | string): void => {
    this.#tail = (this.#tail + chunk.toString()).slice(-TAIL_BYTES);
  };

  /** The first call reports `exit` to every listener; later calls do nothing. */
  readonly finish = (exit: ChildExit): void => {
    if (this.#exited) return;
    this.#exited = true;
    for (const listener of this.#listeners) listener(exit);
  };

  onExit(listener: (exit: ChildExit) => void): void {
    this.#listeners.push(listener);
  }

  tail(): string {
    return this.#tail;
  }
}

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
  return ({ jobId, env, v8Flags = [] }) => {
    const child = fork(entry.file, [`--job=${jobId}`], {
      execArgv: [...entry.execArgv, ...v8Flags],
      env,
      // stdout is the CLI's JSON channel: the job's own output goes to the tail (and the debug log) instead.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const watch = new ChildWatch();
    const { keep, finish } = watch;
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);

    // 'close', not 'exit': it comes after every IPC message and all output the child sent before exiting
    // ('exit' can overtake the last progress or done message on a busy machine).
    child.on('close', (code, signal) => finish({ code, signal }));
    child.on('error', (error) => {
      // Failed to spawn (or to kill): a spawn failure never emits 'exit'.
      keep(`\n${error.message}\n`);
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
      onExit: (listener) => watch.onExit(listener),
      outputTail: () => watch.tail(),
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    };
  };
}
