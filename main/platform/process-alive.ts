// Whether a process id still belongs to a running process: how a job row left 'running' by an app or CLI that
// is gone is told from one still at work (jobs/supervisor). process.kill(pid, 0) alone answers "exists", and a
// process that has exited but that its parent has not yet reaped (a zombie) still exists: a killed CLI's jobs would
// look owned by a live process until its parent waits on it. On Linux the state letter in /proc/<pid>/stat tells.
import { readFileSync } from 'node:fs';

/** True when process `pid` is running (EPERM: running as another user); false when it is gone or a zombie. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    // /proc hidden (mounted with hidepid) or the process gone this instant: keep the answer of the signal.
    return true;
  }
  const state = procState(stat);
  return state !== 'Z' && state !== 'X';
}

/**
 * The state letter of a /proc/<pid>/stat line ("1234 (name) S 1 …"), or null when the line is not one. The name may
 * hold spaces and parentheses ("(a) Z (b)"), so the state is read after the last ')'.
 */
export function procState(stat: string): string | null {
  const end = stat.lastIndexOf(')');
  if (end < 0) return null;
  return /^ (\S)/.exec(stat.slice(end + 1))?.[1] ?? null;
}
