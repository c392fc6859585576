// What a job kind receives: its workspace, its own writable database connection, progress reporting,
// cancellation and logging. Kinds run inside the job process, never in the app process.
import type { WorkspacePaths } from '../platform/paths';
import type { WritableDb } from '../store/db';

export interface JobLog {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export interface JobContext {
  readonly job_id: number;
  readonly workspace: string;
  readonly paths: WorkspacePaths;
  /** Opened in the job process; the supervisor owns the `jobs` row, the kind owns its own tables. */
  readonly db: WritableDb;
  /**
   * Reports progress: `progress` 0..1 (null while the total is unknown), a short message for people, and
   * named counters for the UI (files, bytes, mb_per_s, eta_s…). Call as often as you like: it is throttled.
   */
  progress(progress: number | null, message: string, counters?: Record<string, number>): void;
  /** Aborted when the user cancels (or the app closes): stop soon and throw (StudioError 'cancelled'). */
  readonly signal: AbortSignal;
  readonly log: JobLog;
}

/** A job kind: validated params in, a JSON-serialisable result out. */
export type JobRunner<P = unknown, R = unknown> = (params: P, ctx: JobContext) => Promise<R>;
