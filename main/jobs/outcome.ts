// How a job process ended, in words and as the finished event: the pieces of the supervisor that are
// plain functions of an exit, an output tail or a job row.
import type { JobDto, JobFinishedEvent } from '../common/dto';
import { nowIso } from '../store/queries/json';
import type { ChildExit } from './launcher';

export function finishedEvent(job: JobDto): JobFinishedEvent {
  return {
    job_id: job.id,
    kind: job.kind,
    status: job.status as JobFinishedEvent['status'],
    result: job.result,
    error: job.error,
    at: job.finished_at ?? nowIso(),
  };
}

/** The reason recorded for a process that ended without reporting done or error. */
export function crashReason(exit: ChildExit, output: string): string {
  const how =
    exit.signal !== null
      ? `was killed by ${exit.signal}${exit.signal === 'SIGKILL' ? ' (for example by the system when memory ran out)' : ''}`
      : exit.code !== null
        ? `exited unexpectedly with code ${exit.code}`
        : 'could not be started';
  const clue = lastMeaningfulLine(output);
  return `The job process ${how}.${clue ? ` Last output: ${clue}` : ''}`;
}

function lastMeaningfulLine(output: string): string | null {
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at '));
  const line = lines.at(-1);
  return line ? line.slice(0, 500) : null;
}

/** True when a process with this id exists (EPERM: it exists but belongs to another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
