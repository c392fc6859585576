// Queries on `corpora`: the registry row of each imported corpus (its documents live in later tables).
import type { CorpusReport, CorpusSummary } from '../../common/dto';
import { StudioError } from '../../common/errors';
import type { AnyDb, WritableDb } from '../db';
import { fromJson, isForeignKeyViolation, isUniqueViolation, nowIso, toJson } from './json';
import { findJob } from './jobs';

export interface CorpusRecord extends CorpusSummary {
  options: Record<string, unknown>;
  report: unknown;
  job_id: number | null;
  updated_at: string;
}

interface CorpusRow extends Omit<CorpusRecord, 'options' | 'report'> {
  options: string;
  report: string | null;
}

const toRecord = (row: CorpusRow): CorpusRecord => ({
  ...row,
  options: fromJson<Record<string, unknown>>(row.options) ?? {},
  report: fromJson(row.report),
});

export const toCorpusSummary = (r: CorpusRecord): CorpusSummary => ({
  id: r.id,
  name: r.name,
  status: r.status,
  documents: r.documents,
  bytes: r.bytes,
  tokens: r.tokens,
  created_at: r.created_at,
});

export function insertCorpus(db: WritableDb, input: { name: string; options?: Record<string, unknown>; job_id?: number | null }): CorpusRecord {
  const now = nowIso();
  try {
    const row = db.sql
      .prepare('INSERT INTO corpora (name, options, job_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING *')
      .get(input.name, toJson(input.options ?? {}), input.job_id ?? null, now, now) as CorpusRow;
    return toRecord(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new StudioError('conflict', `A corpus named "${input.name}" already exists; choose another name.`, { field: 'name' });
    throw error;
  }
}

export function findCorpus(db: AnyDb, idOrName: number | string): CorpusRecord | null {
  const row = (typeof idOrName === 'number'
    ? db.sql.prepare('SELECT * FROM corpora WHERE id = ?').get(idOrName)
    : db.sql.prepare('SELECT * FROM corpora WHERE name = ?').get(idOrName)) as CorpusRow | undefined;
  return row ? toRecord(row) : null;
}

export function getCorpus(db: AnyDb, idOrName: number | string): CorpusRecord {
  const corpus = findCorpus(db, idOrName);
  if (!corpus) throw new StudioError('not_found', `No corpus ${typeof idOrName === 'number' ? idOrName : `"${idOrName}"`} in this workspace.`);
  return corpus;
}

/** Status of a corpus whose deletion has begun: nothing may use it; the deletion finishes even after a crash. */
export const DELETING = 'deleting';
/** Status of a deleted corpus kept as a record because runs were trained on it: figures only, renamed. */
export const DELETED = 'deleted';

/** A corpus as requests name it: by id, by name, or by a name made of digits that is no corpus's name (its id). */
export function findCorpusByRef(db: AnyDb, ref: number | string): CorpusRecord | null {
  return findCorpus(db, ref) ?? (typeof ref === 'string' && /^\d+$/.test(ref) ? findCorpus(db, Number(ref)) : null);
}

/** A ready corpus by id or name; an import still running or never finished is not a corpus yet. */
export function readyCorpus(db: AnyDb, ref: number | string): CorpusRecord {
  const corpus = findCorpusByRef(db, ref);
  const shown = typeof ref === 'number' ? String(ref) : `"${ref}"`;
  if (!corpus) throw new StudioError('not_found', `No corpus ${shown} in this workspace. \`studio corpus list\` shows the corpora.`);
  if (corpus.status === DELETED) {
    throw new StudioError('not_found', `Corpus ${shown} was deleted (${corpus.updated_at.slice(0, 10)}): its documents are gone; only the runs trained on it remember its figures.`);
  }
  if (corpus.status === DELETING) {
    throw new StudioError('not_found', `Corpus ${shown} is being deleted.`);
  }
  if (corpus.status !== 'ready') {
    const job = corpus.job_id === null ? null : findJob(db, corpus.job_id);
    if (job && (job.status === 'queued' || job.status === 'running')) {
      throw new StudioError('not_found', `Corpus ${shown} is still being imported (job ${job.id}); wait for the import to finish.`);
    }
    // A crash, power cut or kill stopped its import: nothing of it is used; the next import clears what it left.
    throw new StudioError(
      'not_found',
      `Corpus ${shown} was never completed: its import stopped (${job ? `job ${job.id}: ${job.status}` : 'its job is gone'}). Import the files again; the next import clears what this one left.`,
    );
  }
  return corpus;
}

/** The corpora of the workspace, newest first; those being deleted or deleted (kept as records of the runs trained on them) are not listed. */
export function listCorpora(db: AnyDb): CorpusSummary[] {
  const rows = db.sql.prepare('SELECT * FROM corpora WHERE status NOT IN (?, ?) ORDER BY id DESC').all(DELETING, DELETED) as CorpusRow[];
  return rows.map((row) => toCorpusSummary(toRecord(row)));
}

export function updateCorpus(
  db: WritableDb,
  id: number,
  patch: Partial<Pick<CorpusRecord, 'status' | 'documents' | 'bytes' | 'tokens' | 'report' | 'job_id'>>,
): CorpusRecord {
  const row = db.sql
    .prepare(
      `UPDATE corpora SET
         status = coalesce(@status, status), documents = coalesce(@documents, documents),
         bytes = coalesce(@bytes, bytes), tokens = coalesce(@tokens, tokens),
         report = CASE WHEN @has_report THEN @report ELSE report END,
         job_id = CASE WHEN @has_job THEN @job_id ELSE job_id END,
         updated_at = @now
       WHERE id = @id RETURNING *`,
    )
    .get({
      id,
      status: patch.status ?? null,
      documents: patch.documents ?? null,
      bytes: patch.bytes ?? null,
      tokens: patch.tokens ?? null,
      has_report: patch.report === undefined ? 0 : 1,
      report: patch.report === undefined ? null : toJson(patch.report),
      has_job: patch.job_id === undefined ? 0 : 1,
      job_id: patch.job_id ?? null,
      now: nowIso(),
    }) as CorpusRow | undefined;
  if (!row) throw new StudioError('not_found', `No corpus ${id} in this workspace.`);
  return toRecord(row);
}

export function deleteCorpus(db: WritableDb, id: number): void {
  try {
    if (db.sql.prepare('DELETE FROM corpora WHERE id = ?').run(id).changes === 0) {
      throw new StudioError('not_found', `No corpus ${id} in this workspace.`);
    }
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new StudioError('conflict', `Corpus ${id} is used by training runs; delete those runs first.`);
    }
    throw error;
  }
}

/** Ids of the runs trained (or training) on a corpus. */
export function runsOfCorpus(db: AnyDb, id: number): number[] {
  return db.sql.prepare('SELECT id FROM runs WHERE corpus_id = ? ORDER BY id').pluck().all(id) as number[];
}

/**
 * Keeps a corpus whose documents are gone as a record of the runs trained on it: status `deleted`, renamed
 * ("notes (deleted #3)": its name is free for a new import), its report reduced to counts (no word of the corpus, no
 * file path).
 */
export function markCorpusDeleted(db: WritableDb, id: number): void {
  const corpus = getCorpus(db, id);
  const report = corpus.report as Partial<CorpusReport> | null;
  const counts = report ? { ...report, errors: [], ...(report.fertility ? { fertility: { ...report.fertility, fragmented: [] } } : {}) } : null;
  const suffix = ` (deleted #${id})`;
  const base = corpus.name.endsWith(suffix) ? corpus.name.slice(0, -suffix.length) : corpus.name;
  for (let attempt = 0; ; attempt++) {
    const tail = attempt === 0 ? suffix : ` (deleted #${id}.${attempt})`;
    const name = `${base.slice(0, 120 - tail.length)}${tail}`;
    try {
      db.sql
        .prepare('UPDATE corpora SET status = ?, name = ?, report = ?, job_id = NULL, updated_at = ? WHERE id = ?')
        .run(DELETED, name, counts === null ? null : toJson(counts), nowIso(), id);
      return;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 20) throw error;
    }
  }
}
