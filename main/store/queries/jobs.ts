// Queries on `jobs`: the supervisor is the only writer of a job's row (the job process reports to it).
import type { JobDto, JobStatus } from '../../common/dto';
import { StudioError, type ErrorDto } from '../../common/errors';
import type { AnyDb, WritableDb } from '../db';
import { fromJson, nowIso, toJson } from './json';

interface JobRow {
  id: number;
  kind: string;
  status: JobStatus;
  params: string;
  progress: number | null;
  message: string | null;
  result: string | null;
  error: string | null;
  pid: number | null;
  supervisor_pid: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export type FinalJobStatus = Exclude<JobStatus, 'queued' | 'running'>;

function toDto(row: JobRow): JobDto {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    params: fromJson(row.params),
    progress: row.progress,
    message: row.message,
    result: fromJson(row.result),
    error: fromJson<ErrorDto>(row.error),
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
  };
}

export function insertJob(db: WritableDb, kind: string, params: unknown): JobDto {
  const row = db.sql
    .prepare('INSERT INTO jobs (kind, params, created_at) VALUES (?, ?, ?) RETURNING *')
    .get(kind, toJson(params), nowIso()) as JobRow;
  return toDto(row);
}

export function findJob(db: AnyDb, id: number): JobDto | null {
  const row = db.sql.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  return row ? toDto(row) : null;
}

export function getJob(db: AnyDb, id: number): JobDto {
  const job = findJob(db, id);
  if (!job) throw new StudioError('not_found', `No job ${id} in this workspace.`);
  return job;
}

/** Most recent first. */
export function listJobs(db: AnyDb, limit = 100): JobDto[] {
  const rows = db.sql.prepare('SELECT * FROM jobs ORDER BY id DESC LIMIT ?').all(limit) as JobRow[];
  return rows.map(toDto);
}

export function markJobRunning(db: WritableDb, id: number, pid: number | null, supervisorPid: number): JobDto {
  const row = db.sql
    .prepare(
      "UPDATE jobs SET status = 'running', pid = ?, supervisor_pid = ?, started_at = ? WHERE id = ? AND status = 'queued' RETURNING *",
    )
    .get(pid, supervisorPid, nowIso(), id) as JobRow | undefined;
  if (!row) throw new StudioError('conflict', `Job ${id} is not queued.`);
  return toDto(row);
}

export function updateJobProgress(db: WritableDb, id: number, progress: number | null, message: string): void {
  db.sql
    .prepare("UPDATE jobs SET progress = ?, message = ? WHERE id = ? AND status = 'running'")
    .run(progress === null ? null : Math.min(1, Math.max(0, progress)), message, id);
}

export function setJobMessage(db: WritableDb, id: number, message: string): void {
  db.sql.prepare('UPDATE jobs SET message = ? WHERE id = ?').run(message, id);
}

/** Records the outcome once; a job already finished keeps its first outcome (returns null then). */
export function finishJob(
  db: WritableDb,
  id: number,
  outcome: { status: FinalJobStatus; result?: unknown; error?: ErrorDto | null; message?: string | null },
): JobDto | null {
  const row = db.sql
    .prepare(
      `UPDATE jobs SET status = ?, result = ?, error = ?, message = coalesce(?, message), finished_at = ?,
         progress = CASE WHEN ? = 'succeeded' THEN 1 ELSE progress END
       WHERE id = ? AND status IN ('queued', 'running') RETURNING *`,
    )
    .get(
      outcome.status,
      outcome.result === undefined ? null : toJson(outcome.result),
      outcome.error ? toJson(outcome.error) : null,
      outcome.message ?? null,
      nowIso(),
      outcome.status,
      id,
    ) as JobRow | undefined;
  return row ? toDto(row) : null;
}

/** Jobs still marked queued/running, with the app process that supervised them. */
export function listUnfinishedJobs(db: AnyDb): Array<JobDto & { supervisor_pid: number | null; pid: number | null }> {
  const rows = db.sql.prepare("SELECT * FROM jobs WHERE status IN ('queued', 'running') ORDER BY id").all() as JobRow[];
  return rows.map((row) => ({ ...toDto(row), supervisor_pid: row.supervisor_pid, pid: row.pid }));
}
