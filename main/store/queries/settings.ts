// Queries on `settings`: workspace-wide preferences as JSON values under string keys.
import type { AnyDb, WritableDb } from '../db';
import { fromJson, nowIso, toJson } from './json';

export function getSetting<T = unknown>(db: AnyDb, key: string): T | undefined {
  const row = db.sql.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (fromJson<T>(row.value) as T) : undefined;
}

export function setSetting(db: WritableDb, key: string, value: unknown): void {
  if (value === undefined) throw new TypeError(`Setting "${key}": undefined is not storable; use deleteSetting.`);
  db.sql
    .prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    )
    .run(key, toJson(value), nowIso());
}

export function deleteSetting(db: WritableDb, key: string): boolean {
  return db.sql.prepare('DELETE FROM settings WHERE key = ?').run(key).changes > 0;
}

export function listSettings(db: AnyDb): Record<string, unknown> {
  const rows = db.sql.prepare('SELECT key, value FROM settings ORDER BY key').all() as Array<{ key: string; value: string }>;
  return Object.fromEntries(rows.map((row) => [row.key, fromJson(row.value)]));
}
