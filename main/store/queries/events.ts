// Queries on `events`: an append-only log of what jobs reported (throttled progress, logs, outcomes).
import type { AnyDb, WritableDb } from '../db';
import { fromJson, nowIso, toJson } from './json';

export interface StoredEvent {
  id: number;
  job_id: number | null;
  name: string;
  payload: unknown;
  created_at: string;
}

interface EventRow {
  id: number;
  job_id: number | null;
  name: string;
  payload: string;
  created_at: string;
}

export function appendEvent(db: WritableDb, jobId: number | null, name: string, payload: unknown): number {
  const info = db.sql
    .prepare('INSERT INTO events (job_id, name, payload, created_at) VALUES (?, ?, ?, ?)')
    .run(jobId, name, toJson(payload), nowIso());
  return Number(info.lastInsertRowid);
}

/** Oldest first; `afterId` pages forward. */
export function listEvents(db: AnyDb, query: { jobId?: number; afterId?: number; limit?: number } = {}): StoredEvent[] {
  const rows = db.sql
    .prepare(
      `SELECT * FROM events WHERE (@job IS NULL OR job_id = @job) AND id > @after ORDER BY id LIMIT @limit`,
    )
    .all({ job: query.jobId ?? null, after: query.afterId ?? 0, limit: query.limit ?? 1000 }) as EventRow[];
  return rows.map((row) => ({ ...row, payload: fromJson(row.payload) }));
}

/**
 * Thins the progress history of jobs that finished before `finishedBefore` (ISO) to their last progress
 * event, so years of use do not grow the database without bound. Returns the number of rows deleted.
 */
export function pruneProgressEvents(db: WritableDb, finishedBefore: string): number {
  return db.sql
    .prepare(
      `DELETE FROM events WHERE name = 'job.progress'
         AND job_id IN (SELECT id FROM jobs WHERE finished_at IS NOT NULL AND finished_at < ?)
         AND id NOT IN (SELECT max(id) FROM events WHERE name = 'job.progress' AND job_id IS NOT NULL GROUP BY job_id)`,
    )
    .run(finishedBefore).changes;
}
