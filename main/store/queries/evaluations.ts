// Queries on `evaluations`: a run's evaluations (perplexity, probes, task metrics, privacy audit) and the
// override of a failed audit. Recording one also mirrors its headline numbers and verdict into the run's
// metrics (runs.metrics.evaluation: name → number; runs.metrics.audit: { verdict, summary, override })
// where the export gate and the model card read them.
import type { EvaluationDto } from '../../common/dto';
import { StudioError } from '../../common/errors';
import type { AnyDb, WritableDb } from '../db';
import { fromJson, toJson } from './json';
import { mergeRunMetrics } from './runs';

interface Row {
  id: number;
  run_id: number;
  kind: 'evaluation' | 'audit';
  metrics: string;
  verdict: 'pass' | 'fail' | null;
  override: string | null;
  job_id: number | null;
  created_at: string;
}

const toDto = (r: Row): EvaluationDto => ({
  id: r.id,
  run_id: r.run_id,
  kind: r.kind,
  metrics: fromJson<Record<string, unknown>>(r.metrics) ?? {},
  verdict: r.verdict,
  override: fromJson<EvaluationDto['override']>(r.override),
  job_id: r.job_id,
  created_at: r.created_at,
});

export interface NewEvaluation {
  run_id: number;
  kind: 'evaluation' | 'audit';
  metrics: Record<string, unknown>;
  verdict: 'pass' | 'fail' | null;
  job_id?: number | null;
  /** Headline numbers for the model card (name → value). */
  headline?: Record<string, number | null>;
  /** The audit's one-sentence summary. */
  summary?: string | null;
}

export function insertEvaluation(db: WritableDb, e: NewEvaluation): EvaluationDto {
  return db.transaction(() => {
    const id = db.sql
      .prepare('INSERT INTO evaluations (run_id, kind, metrics, verdict, job_id) VALUES (?, ?, ?, ?, ?)')
      .run(e.run_id, e.kind, toJson(e.metrics), e.verdict, e.job_id ?? null).lastInsertRowid as number;
    const numbers = Object.fromEntries(Object.entries(e.headline ?? {}).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)));
    // Replace (not merge) the previous evaluation's numbers and audit: a new evaluation supersedes them.
    mergeRunMetrics(db, e.run_id, { evaluation: null, audit: null });
    mergeRunMetrics(db, e.run_id, {
      evaluation: numbers,
      ...(e.verdict === null ? {} : { audit: { verdict: e.verdict, summary: e.summary ?? null, evaluation_id: id } }),
    });
    return getEvaluation(db, id);
  });
}

export function getEvaluation(db: AnyDb, id: number): EvaluationDto {
  const row = db.sql.prepare('SELECT * FROM evaluations WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new StudioError('not_found', `No evaluation ${id} in this workspace.`);
  return toDto(row);
}

/** The run's newest evaluation, or null when it was never evaluated. */
export function latestEvaluation(db: AnyDb, runId: number): EvaluationDto | null {
  const row = db.sql.prepare('SELECT * FROM evaluations WHERE run_id = ? ORDER BY id DESC LIMIT 1').get(runId) as Row | undefined;
  return row ? toDto(row) : null;
}

export function listEvaluations(db: AnyDb, runId: number): EvaluationDto[] {
  return (db.sql.prepare('SELECT * FROM evaluations WHERE run_id = ? ORDER BY id').all(runId) as Row[]).map(toDto);
}

/**
 * Records who overrode the run's failed audit and why (the newest evaluation must be a failed audit not
 * yet overridden), and lets the export gate through.
 */
export function recordOverride(db: WritableDb, runId: number, override: { by: string; reason: string }): EvaluationDto {
  const reason = override.reason.trim();
  if (reason.length < 10) throw new StudioError('invalid_request', 'Give the reason for overriding the audit in a sentence (at least 10 characters).', { field: 'reason' });
  return db.transaction(() => {
    const latest = latestEvaluation(db, runId);
    if (latest === null || latest.verdict === null) throw new StudioError('conflict', `Run ${runId} has no privacy audit to override; run \`studio eval ${runId}\` first.`, { field: 'run' });
    if (latest.verdict === 'pass') throw new StudioError('conflict', `The privacy audit of run ${runId} passed; there is nothing to override.`, { field: 'run' });
    if (latest.override !== null) throw new StudioError('conflict', `The failed audit of run ${runId} was already overridden by ${latest.override.by} on ${latest.override.at}.`, { field: 'run' });
    const record = { by: override.by, reason, at: new Date().toISOString() };
    db.sql.prepare('UPDATE evaluations SET override = ? WHERE id = ?').run(toJson(record), latest.id);
    mergeRunMetrics(db, runId, { audit: { override: `${record.by} on ${record.at.slice(0, 10)}: ${reason}` } });
    return getEvaluation(db, latest.id);
  });
}
