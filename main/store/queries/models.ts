// Queries on `models`: base models the user imported, the bundled one, and models produced by runs.
import type { ModelSummary } from '../../common/dto';
import { StudioError } from '../../common/errors';
import type { AnyDb, WritableDb } from '../db';
import { fromJson, isUniqueViolation, nowIso, toJson } from './json';

export type ModelSource = 'imported' | 'bundled' | 'scratch' | 'trained';

export interface ModelRecord extends ModelSummary {
  source: ModelSource;
  config: Record<string, unknown>;
}

interface ModelRow extends Omit<ModelRecord, 'config'> {
  config: string;
}

const toRecord = (row: ModelRow): ModelRecord => ({ ...row, config: fromJson<Record<string, unknown>>(row.config) ?? {} });

export const toModelSummary = (r: ModelRecord): ModelSummary => ({
  id: r.id,
  name: r.name,
  model_type: r.model_type,
  path: r.path,
  parameters: r.parameters,
  bytes: r.bytes,
  vocab_size: r.vocab_size,
  created_at: r.created_at,
});

export interface NewModel {
  name: string;
  model_type: string;
  source: ModelSource;
  path: string;
  parameters?: number;
  bytes?: number;
  vocab_size?: number;
  config?: Record<string, unknown>;
}

export function insertModel(db: WritableDb, input: NewModel): ModelRecord {
  try {
    const row = db.sql
      .prepare(
        `INSERT INTO models (name, model_type, source, path, parameters, bytes, vocab_size, config, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        input.name,
        input.model_type,
        input.source,
        input.path,
        input.parameters ?? 0,
        input.bytes ?? 0,
        input.vocab_size ?? 0,
        toJson(input.config ?? {}),
        nowIso(),
      ) as ModelRow;
    return toRecord(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new StudioError('conflict', `A model named "${input.name}" already exists; choose another name.`, { field: 'name' });
    throw error;
  }
}

export function findModel(db: AnyDb, idOrName: number | string): ModelRecord | null {
  const row = (typeof idOrName === 'number'
    ? db.sql.prepare('SELECT * FROM models WHERE id = ?').get(idOrName)
    : db.sql.prepare('SELECT * FROM models WHERE name = ?').get(idOrName)) as ModelRow | undefined;
  return row ? toRecord(row) : null;
}

export function getModel(db: AnyDb, idOrName: number | string): ModelRecord {
  const model = findModel(db, idOrName);
  if (!model) throw new StudioError('not_found', `No model ${typeof idOrName === 'number' ? idOrName : `"${idOrName}"`} in this workspace.`);
  return model;
}

export function listModels(db: AnyDb): ModelSummary[] {
  const rows = db.sql.prepare('SELECT * FROM models ORDER BY id DESC').all() as ModelRow[];
  return rows.map((row) => toModelSummary(toRecord(row)));
}

/** Points a model at its folder (and replaces its config): used when a model's files move into the workspace. */
export function setModelPath(db: WritableDb, id: number, path: string, config?: Record<string, unknown>): ModelRecord {
  const changes = db.sql
    .prepare('UPDATE models SET path = ?, config = coalesce(?, config) WHERE id = ?')
    .run(path, config === undefined ? null : toJson(config), id).changes;
  if (changes === 0) throw new StudioError('not_found', `No model ${id} in this workspace.`);
  return getModel(db, id);
}
