// For tests that run a job kind in this process: a job row made and marked running, and the context its runner gets.
import { workspacePaths } from '../platform/paths';
import type { WritableDb } from '../store/db';
import { insertJob, markJobRunning } from '../store/queries/jobs';
import type { JobContext } from './context';

const SILENT = { debug() {}, info() {}, warn() {}, error() {} };

export function testJobContext(
  db: WritableDb,
  workspace: string,
  kind: string,
  options: { progress?: (p: number | null, message?: string) => void; signal?: AbortSignal } = {},
): JobContext {
  const job = insertJob(db, kind, {});
  markJobRunning(db, job.id, process.pid, process.pid);
  return {
    job_id: job.id, workspace, paths: workspacePaths(workspace), db,
    progress: (p, m) => options.progress?.(p, m), signal: options.signal ?? new AbortController().signal, log: SILENT,
  };
}
