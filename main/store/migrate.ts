// The migration runner: numbered, append-only migrations applied in ONE transaction, with the schema
// version kept in `PRAGMA user_version` and our marker in `PRAGMA application_id` (both live in the
// database header, so they commit or roll back with the tables). A failure leaves the previous version.
import type Database from 'better-sqlite3';
import { StudioError } from '../common/errors';

/** One file under main/store/migrations: `NNNN-verb-noun.ts` exporting `{ version, name, up }`. */
export interface Migration {
  /** 1, 2, 3… without gaps; equals the NNNN of the file name. */
  readonly version: number;
  /** The file name without number and extension, e.g. "create-core". */
  readonly name: string;
  /**
   * Runs inside the runner's transaction; must not BEGIN/COMMIT itself. Foreign keys are off while it
   * runs (so a table can be rebuilt: create new, copy, drop old, rename) and checked before the commit.
   */
  up(db: Database.Database): void;
}

/** "DOMS" in ASCII: tells our databases apart from any other SQLite file. */
export const APPLICATION_ID = 0x444f4d53;

/** Throws if the list is not 1..N in order with well-formed names (a programming error, caught by tests). */
export function assertMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) {
      throw new Error(`Migration "${m.name}" has version ${m.version}; expected ${index + 1} (versions must be 1..N in order).`);
    }
    if (!/^[a-z]+(-[a-z0-9]+)+$/.test(m.name)) {
      throw new Error(`Migration ${m.version} name "${m.name}" must be verb-noun in kebab case.`);
    }
  });
}

export function readUserVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function readApplicationId(db: Database.Database): number {
  return db.pragma('application_id', { simple: true }) as number;
}

/**
 * Brings `db` up to the last migration. Returns the versions applied (empty when already current).
 * Refuses a database newer than `migrations` with `workspace_newer` without writing anything.
 */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[]): number[] {
  assertMigrationList(migrations);
  const target = migrations.length;
  // Cheap read first so an up-to-date database (the common case, and every job process) takes no write lock.
  if (readUserVersion(db) === target) return [];
  const applied: number[] = [];
  // Foreign keys off during migrations (SQLite's recipe for rebuilding a table: a DROP of a referenced
  // table must not cascade), checked as a whole before the commit instead. The pragma is a no-op inside
  // a transaction, so it is switched here, around it.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  const run = db.transaction(() => {
    // Re-read under the write lock: another process may have migrated in between.
    const current = readUserVersion(db);
    if (current > target) throw newerError(current, target);
    for (const migration of migrations.slice(current)) {
      try {
        migration.up(db);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new StudioError('internal', `Database migration ${migration.version} (${migration.name}) failed: ${reason}`, { cause: error });
      }
      applied.push(migration.version);
    }
    const dangling = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
    if (dangling.length > 0) {
      const first = dangling[0]!;
      throw new StudioError(
        'internal',
        `Database migration to version ${target} left ${dangling.length} row(s) pointing at missing rows (first: ${first.table} row ${first.rowid} → ${first.parent}).`,
      );
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${target}`);
  });
  try {
    run.immediate();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return applied;
}

export function newerError(found: number, supported: number): StudioError {
  return new StudioError(
    'workspace_newer',
    `This workspace's database was written by a newer version of Domain Studio (schema ${found}; this version understands up to ${supported}). ` +
      'Update Domain Studio to open it. The database was not changed.',
  );
}
