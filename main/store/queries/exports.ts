// Queries on `exports`: one row per export written and read back (folder or .dsbundle).
import type { ExportDto } from '../../common/dto';
import type { AnyDb, WritableDb } from '../db';
import { fromJson, nowIso, toJson } from './json';

interface ExportRow extends Omit<ExportDto, 'verified' | 'verification'> {
  verified: number;
  verification: string;
}

const toDto = (row: ExportRow): ExportDto => ({ ...row, verified: row.verified === 1, verification: fromJson<Record<string, unknown>>(row.verification) ?? {} });

/** An export to record: the DTO less what the store fills in (id, created_at); verification and job_id optional. */
export type NewExport = Omit<ExportDto, 'id' | 'created_at' | 'verification' | 'job_id'> & Partial<Pick<ExportDto, 'verification' | 'job_id'>>;

export function insertExport(db: WritableDb, input: NewExport): ExportDto {
  const row = db.sql
    .prepare(
      `INSERT INTO exports (run_id, model_id, source_name, format, path, files, bytes, sha256, verified, verification, job_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      input.run_id,
      input.model_id,
      input.source_name,
      input.format,
      input.path,
      input.files,
      input.bytes,
      input.sha256,
      input.verified ? 1 : 0,
      toJson(input.verification ?? {}),
      input.job_id ?? null,
      nowIso(),
    ) as ExportRow;
  return toDto(row);
}

/** Most recent first; optionally only those of one run or one model. */
export function listExports(db: AnyDb, filter: { run_id?: number; model_id?: number } = {}): ExportDto[] {
  const where: string[] = [];
  const args: number[] = [];
  if (filter.run_id !== undefined) {
    where.push('run_id = ?');
    args.push(filter.run_id);
  }
  if (filter.model_id !== undefined) {
    where.push('model_id = ?');
    args.push(filter.model_id);
  }
  const sql = `SELECT * FROM exports${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC`;
  return (db.sql.prepare(sql).all(...args) as ExportRow[]).map(toDto);
}
