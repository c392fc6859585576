// Starts job processes with Electron's utilityProcess (a Node child process managed by Electron, so a
// crash or OOM in training never takes the window down). Same JobChild shape as the fork launcher the
// CLI and serve mode use; the job process talks back through `process.parentPort`.
import type { UtilityProcess } from 'electron';
import type { ChildExit, Launcher } from '../jobs/launcher';
import type { ParentMessage } from '../jobs/messages';

type Fork = (modulePath: string, args: string[], options: { env: NodeJS.ProcessEnv; stdio: 'pipe'; serviceName: string }) => UtilityProcess;

const TAIL_BYTES = 4096;

/** `fork` is electron's `utilityProcess.fork`; `entry` the bundled job process (dist/job-process.js). */
export function utilityLauncher(fork: Fork, entry: string): Launcher {
  return ({ jobId, env }) => {
    const child = fork(entry, [`--job=${jobId}`], { env, stdio: 'pipe', serviceName: `Domain Studio job ${jobId}` });
    let tail = '';
    const keep = (chunk: Buffer | string) => {
      tail = (tail + chunk.toString()).slice(-TAIL_BYTES);
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
    // utilityProcess reports only an exit code; a crash (signal, OOM) arrives as a non-zero code or 'error'.
    child.on('exit', (code) => finish({ code, signal: null }));
    child.on('error', (type, location) => {
      keep(`\n${type} at ${location}\n`);
    });

    return {
      get pid() {
        return child.pid ?? null;
      },
      send(message: ParentMessage) {
        if (exited) return false;
        child.postMessage(message);
        return true;
      },
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void exitListeners.push(listener),
      outputTail: () => tail,
      kill: () => {
        if (!exited) child.kill();
      },
    };
  };
}
