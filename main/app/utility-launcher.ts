// Starts job processes with Electron's utilityProcess (a Node child process managed by Electron, so a
// crash or OOM in training never takes the window down). Same JobChild shape as the fork launcher the
// CLI and serve mode use; the job process talks back through `process.parentPort`.
import type { UtilityProcess } from 'electron';
import { ChildWatch, type Launcher } from '../jobs/launcher';
import type { ParentMessage } from '../jobs/messages';

type Fork = (modulePath: string, args: string[], options: { env: NodeJS.ProcessEnv; execArgv: string[]; stdio: 'pipe'; serviceName: string }) => UtilityProcess;

/** `fork` is electron's `utilityProcess.fork`; `entry` the bundled job process (dist/job-process.js). */
export function utilityLauncher(fork: Fork, entry: string): Launcher {
  return ({ jobId, env, v8Flags = [] }) => {
    const child = fork(entry, [`--job=${jobId}`], { env, execArgv: [...v8Flags], stdio: 'pipe', serviceName: `Domain Studio job ${jobId}` });
    const watch = new ChildWatch();
    const { keep, finish } = watch;
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);

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
        if (watch.exited) return false;
        child.postMessage(message);
        return true;
      },
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => watch.onExit(listener),
      outputTail: () => watch.tail(),
      kill: () => {
        if (!watch.exited) child.kill();
      },
    };
  };
}
