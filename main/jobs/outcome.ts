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

/**
 * What a process that died printed last, less its stack: the last line naming a fatal error (V8's "Fatal error" and
 * "Check failed", Node's "FATAL ERROR: … out of memory"), which a native stack trace follows; else the last line
 * that is not a stack frame (JavaScript "at …", native " 12: 0x7f… [libc.so.6]").
 */
function lastMeaningfulLine(output: string): string | null {
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l && !STACK_LINE.test(l));
  const fatal = lines.findLast((l) => FATAL_LINE.test(l));
  const line = fatal ?? lines.at(-1);
  return line ? line.slice(0, 500) : null;
}

const STACK_LINE = /^(?:at |\d+: 0x[0-9a-f]+|-+ (?:Native|JS) stack trace -+$|#+$|#FailureMessage)/;
const FATAL_LINE = /FATAL ERROR|Fatal error|Check failed|out of memory|Segmentation fault/i;
