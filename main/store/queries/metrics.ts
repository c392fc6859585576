// Queries on `metrics`: a run's measurements by step (loss, learning rate, tokens/s, perplexities), as
// series for charts. Values that are not finite (a diverged step) are not stored: SQLite has no NaN.
import type { AnyDb, WritableDb } from '../db';

export interface MetricPoint {
  step: number;
  name: string;
  value: number;
}

/** Series by metric name, each sorted by step: { loss: [[1, 4.2], [2, 4.1]], … }. */
export type MetricSeries = Record<string, Array<[number, number]>>;

/** Records points in one short transaction; a repeated (run, name, step) keeps the newest value. */
export function insertMetrics(db: WritableDb, runId: number, points: readonly MetricPoint[]): number {
  const stmt = db.sql.prepare('INSERT OR REPLACE INTO metrics (run_id, step, name, value) VALUES (?, ?, ?, ?)');
  let stored = 0;
  db.transaction(() => {
    for (const p of points) {
      if (!Number.isFinite(p.value) || !Number.isInteger(p.step) || p.step < 0) continue;
      stmt.run(runId, p.step, p.name, p.value);
      stored += 1;
    }
  });
  return stored;
}

export function metricSeries(db: AnyDb, runId: number, names?: readonly string[]): MetricSeries {
  const rows = db.sql.prepare('SELECT step, name, value FROM metrics WHERE run_id = ? ORDER BY name, step').all(runId) as MetricPoint[];
  const out: MetricSeries = {};
  for (const r of rows) {
    if (names !== undefined && !names.includes(r.name)) continue;
    (out[r.name] ??= []).push([r.step, r.value]);
  }
  return out;
}

export function countMetrics(db: AnyDb, runId: number): number {
  return db.sql.prepare('SELECT count(*) FROM metrics WHERE run_id = ?').pluck().get(runId) as number;
}
