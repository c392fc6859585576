// Workspace health for `studio doctor`: free disk space, the database's schema version against the app's,
// and SQLite's integrity check. Never changes anything (read-only connection, no migration), and never
// throws for a damaged workspace: the report says what is wrong instead.
import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { WorkspaceHealth } from '../common/dto';
import { StudioError } from '../common/errors';
import { workspacePaths } from '../platform/paths';
import type * as StoreDb from './db';

export interface HealthOptions {
  /** PRAGMA quick_check instead of integrity_check: O(N) instead of O(N log N), skips index checks. */
  quick?: boolean;
}

export async function workspaceHealth(workspace: string, options: HealthOptions = {}): Promise<WorkspaceHealth> {
  return { path: workspace, free_bytes: await freeBytes(workspace), database: await databaseHealth(workspacePaths(workspace).database, options) };
}

/** Free space available to this user on the workspace's file system (its nearest existing folder). */
async function freeBytes(path: string): Promise<number | null> {
  let target = path;
  while (!existsSync(target) && dirname(target) !== target) target = dirname(target);
  try {
    const stats = await statfs(target);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

async function databaseHealth(file: string, options: HealthOptions): Promise<WorkspaceHealth['database']> {
  let store: typeof StoreDb;
  try {
    // Loaded here so that a broken SQLite add-on becomes a line in the report, not a crash of doctor.
    store = await import('./db');
  } catch (error) {
    return { ok: false, integrity: 'not checked', schema_version: 0, app_schema_version: 0, message: `SQLite is unavailable: ${(error as Error).message}` };
  }
  const app = store.APP_SCHEMA_VERSION;
  const base = { schema_version: 0, app_schema_version: app };
  let found: ReturnType<typeof store.inspectDatabase>;
  try {
    found = store.inspectDatabase(file);
  } catch (error) {
    return { ...base, ok: false, integrity: 'not checked', message: error instanceof StudioError ? error.message : String(error) };
  }
  if (!found.exists) {
    return { ...base, ok: true, integrity: 'none', message: 'No database yet: it is created when Domain Studio first opens this workspace.' };
  }
  let db: StoreDb.ReadonlyDb | null = null;
  try {
    // Open read-only without migrating: an older schema is reported, not upgraded, by a health check.
    db = store.openRawReadonly(file);
    const check = options.quick ? 'quick_check' : 'integrity_check';
    const rows = db.sql.pragma(check) as Array<Record<string, string>>;
    const integrity = rows.map((row) => Object.values(row)[0]).join('\n');
    const healthy = integrity === 'ok';
    const version = found.schema_version;
    const ours = store.ownershipOf(db.sql) !== 'foreign';
    const message = !ours
      ? 'This is not a Domain Studio database.'
      : version > app
        ? `The database was written by a newer version of Domain Studio (schema ${version}; this version understands up to ${app}).`
        : !healthy
          ? 'SQLite reports damage. Close Domain Studio, copy the workspace aside, and restore the database from a backup.'
          : version < app
            ? `Schema ${version} will be upgraded to ${app} when Domain Studio next opens the workspace.`
            : null;
    return { ok: healthy && ours && version <= app, integrity, schema_version: version, app_schema_version: app, message };
  } catch (error) {
    return { ...base, schema_version: found.schema_version, ok: false, integrity: 'not checked', message: (error as Error).message };
  } finally {
    db?.close();
  }
}
