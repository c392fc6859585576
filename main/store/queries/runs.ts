// Queries on `runs`: one row per training experiment, with the names of its corpus and base model.
import type { RunSummary } from '../../common/dto';
import { StudioError } from '../../common/errors';
import type { AnyDb, WritableDb } from '../db';
import { fromJson, nowIso, toJson } from './json';

export type RunMethod = 'cpt-full' | 'cpt-lora' | 'lora-task' | 'scratch';
export type RunStatus = 'queued' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface RunRecord extends RunSummary {
  corpus_id: number | null;
  base_model_id: number | null;
  config: Record<string, unknown>;
  job_id: number | null;
  started_at: string | null;
}

interface RunRow {
  id: number;
  corpus_id: number | null;
  base_model_id: number | null;
  corpus: string | null;
  base_model: string | null;
  method: RunMethod;
  status: RunStatus;
  config: string;
  metrics: string;
  job_id: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const SELECT = `SELECT r.*, c.name AS corpus, m.name AS base_model FROM runs r
  LEFT JOIN corpora c ON c.id = r.corpus_id LEFT JOIN models m ON m.id = r.base_model_id`;

const toRecord = (row: RunRow): RunRecord => ({
  ...row,
  config: fromJson<Record<string, unknown>>(row.config) ?? {},
  metrics: fromJson<Record<string, unknown>>(row.metrics) ?? {},
});

export const toRunSummary = (r: RunRecord): RunSummary => ({
  id: r.id,
  corpus: r.corpus,
  base_model: r.base_model,
  method: r.method,
  status: r.status,
  created_at: r.created_at,
  finished_at: r.finished_at,
  metrics: r.metrics,
});

export function insertRun(
  db: WritableDb,
  input: { corpus_id: number | null; base_model_id: number | null; method: RunMethod; config?: Record<string, unknown>; job_id?: number | null },
): RunRecord {
  const info = db.sql
    .prepare('INSERT INTO runs (corpus_id, base_model_id, method, config, job_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(input.corpus_id, input.base_model_id, input.method, toJson(input.config ?? {}), input.job_id ?? null, nowIso());
  return getRun(db, Number(info.lastInsertRowid));
}

export function findRun(db: AnyDb, id: number): RunRecord | null {
  const row = db.sql.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RunRow | undefined;
  return row ? toRecord(row) : null;
}

export function getRun(db: AnyDb, id: number): RunRecord {
  const run = findRun(db, id);
  if (!run) throw new StudioError('not_found', `No run ${id} in this workspace.`);
  return run;
}

export function listRuns(db: AnyDb): RunSummary[] {
  const rows = db.sql.prepare(`${SELECT} ORDER BY r.id DESC`).all() as RunRow[];
  return rows.map((row) => toRunSummary(toRecord(row)));
}

/** Moves a run to `status`, stamping started_at/finished_at as the status implies. */
export function setRunStatus(db: WritableDb, id: number, status: RunStatus): RunRecord {
  const final = ['succeeded', 'failed', 'cancelled', 'interrupted'].includes(status);
  const now = nowIso();
  const changes = db.sql
    .prepare(
      `UPDATE runs SET status = ?, started_at = CASE WHEN ? = 'running' THEN coalesce(started_at, ?) ELSE started_at END,
         finished_at = CASE WHEN ? THEN ? ELSE NULL END WHERE id = ?`,
    )
    .run(status, status, now, final ? 1 : 0, now, id).changes;
  if (changes === 0) throw new StudioError('not_found', `No run ${id} in this workspace.`);
  return getRun(db, id);
}

/** Merges `metrics` into the run's metrics object (json_patch: keys set to null are removed). */
export function mergeRunMetrics(db: WritableDb, id: number, metrics: Record<string, unknown>): void {
  const changes = db.sql.prepare('UPDATE runs SET metrics = json_patch(metrics, ?) WHERE id = ?').run(toJson(metrics), id).changes;
  if (changes === 0) throw new StudioError('not_found', `No run ${id} in this workspace.`);
}

/** Records the job now training the run (a resumed run gets a new job). */
export function setRunJob(db: WritableDb, id: number, jobId: number | null): void {
  const changes = db.sql.prepare('UPDATE runs SET job_id = ? WHERE id = ?').run(jobId, id).changes;
  if (changes === 0) throw new StudioError('not_found', `No run ${id} in this workspace.`);
}
