// Opening the workspace database. Every open checks that the file is ours before SQLite writes a byte:
// a corrupt file or somebody else's SQLite database is refused (`workspace_corrupt`), a database from a
// newer app is refused (`workspace_newer`), and both are left byte-for-byte as they were.
// Handles carry their rights in the type: a ReadonlyDb has no write helpers and is opened read-only.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StudioError } from '../common/errors';
import { logger } from '../platform/log';
import { APPLICATION_ID, applyMigrations, newerError, readApplicationId, readUserVersion, type Migration } from './migrate';
import { MIGRATIONS } from './migrations/index';
import { repairWalFiles } from './wal-files';

export type { Migration } from './migrate';
export { APPLICATION_ID } from './migrate';

declare const access: unique symbol;

interface DbHandle {
  /** The underlying better-sqlite3 connection. */
  readonly sql: Database.Database;
  readonly file: string;
  close(): void;
}

/** A connection that can only read: opened with SQLite's read-only flag, and without write helpers. */
export interface ReadonlyDb extends DbHandle {
  readonly readonly: true;
  readonly [access]: 'read';
}

/** A connection that can write; `transaction` runs `fn` in one IMMEDIATE transaction. */
export interface WritableDb extends DbHandle {
  readonly readonly: false;
  readonly [access]: 'write';
  transaction<T>(fn: () => T): T;
}

/** Either handle: what read queries accept. */
export type AnyDb = ReadonlyDb | WritableDb;

export interface OpenOptions {
  readonly?: boolean;
  /** The migrations to apply; the app's own list by default (tests pass their own). */
  migrations?: readonly Migration[];
  /** Milliseconds to wait for another process's write lock (default 5000). */
  busyTimeoutMs?: number;
}

/** The schema version this build of the app writes. */
export const APP_SCHEMA_VERSION = MIGRATIONS.length;

const log = logger('store');
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export function openWorkspaceDb(file: string, opts: OpenOptions & { readonly: true }): ReadonlyDb;
export function openWorkspaceDb(file: string, opts?: OpenOptions & { readonly?: false }): WritableDb;
export function openWorkspaceDb(file: string, opts?: OpenOptions): WritableDb | ReadonlyDb;
export function openWorkspaceDb(file: string, opts: OpenOptions = {}): WritableDb | ReadonlyDb {
  const migrations = opts.migrations ?? MIGRATIONS;
  if (opts.readonly) {
    // Create or migrate first, so readers always see the current schema; then reopen read-only.
    const needsWriter = !existsSync(file) || inspectDatabase(file).schema_version < migrations.length;
    if (needsWriter) openWorkspaceDb(file, { ...opts, readonly: false }).close();
    return openChecked(file, true, migrations, opts.busyTimeoutMs) as ReadonlyDb;
  }
  mkdirSync(dirname(file), { recursive: true });
  repairWalFiles(file);
  return openChecked(file, false, migrations, opts.busyTimeoutMs) as WritableDb;
}

function openChecked(file: string, readonly: boolean, migrations: readonly Migration[], busyTimeoutMs = 5000): DbHandle {
  checkFileHeader(file);
  // Check through a read-only connection first: closing a read-write one may checkpoint a leftover
  // write-ahead log into the file, and a refused database must stay exactly as it was.
  if (existsSync(file) && statSync(file).size > 0) {
    let probe: Database.Database | undefined;
    try {
      probe = new Database(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
      checkOwnership(file, probe, migrations.length);
    } catch (error) {
      throw asOpenError(file, error);
    } finally {
      probe?.close();
    }
  }
  let sql: Database.Database;
  try {
    sql = new Database(file, { readonly, fileMustExist: readonly, timeout: busyTimeoutMs });
  } catch (error) {
    throw asOpenError(file, error);
  }
  try {
    // Again on this connection: another process may have replaced or upgraded the file in between.
    checkOwnership(file, sql, migrations.length);
    sql.pragma(`busy_timeout = ${busyTimeoutMs}`);
    sql.pragma('foreign_keys = ON');
    if (!readonly) {
      const mode = untilNotBusy(() => sql.pragma('journal_mode = WAL', { simple: true }), busyTimeoutMs);
      // Some network file systems cannot share the WAL index; SQLite then keeps its rollback journal.
      if (mode !== 'wal') log.warn('the workspace database could not use WAL mode; concurrent jobs will wait more', { file, mode });
      // NORMAL is crash-safe in WAL mode; a power cut may lose only the last commits, never consistency.
      sql.pragma('synchronous = NORMAL');
      applyMigrations(sql, migrations);
    }
  } catch (error) {
    sql.close();
    throw asOpenError(file, error);
  }
  return makeHandle(sql, file, readonly);
}

/**
 * Runs `fn` again while SQLite answers SQLITE_BUSY, for up to `timeoutMs`. Switching the journal mode needs the
 * database to itself, and SQLite refuses it at once (without its busy handler, to avoid a deadlock) while another
 * process holds a write lock — for instance while it creates the schema of a new workspace opened by both.
 */
function untilNotBusy<T>(fn: () => T, timeoutMs: number): T {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return fn();
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); // 10 ms, synchronously (opening is synchronous)
    }
  }
}

function makeHandle(sql: Database.Database, file: string, readonly: boolean): DbHandle {
  const close = () => {
    if (!sql.open) return;
    if (!readonly) {
      try {
        sql.pragma('optimize'); // refreshes the query planner's statistics where they went stale
      } catch {
        // best effort: a busy or read-only database closes without it
      }
    }
    sql.close();
  };
  const base = { sql, file, readonly, close };
  if (readonly) return base;
  return { ...base, transaction: <T>(fn: () => T): T => sql.transaction(fn).immediate() } as DbHandle;
}

/** Refuses anything that is not an SQLite file before handing it to SQLite (which might "repair" it). */
function checkFileHeader(file: string): void {
  if (!existsSync(file)) return;
  const stats = statSync(file);
  if (!stats.isFile()) {
    throw new StudioError('bad_input', `The workspace database ${file} is not a file. Move it aside or choose another workspace with --workspace.`);
  }
  const size = stats.size;
  if (size === 0) return; // a database created but never written: SQLite treats it as empty
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || !header.subarray(0, 16).equals(SQLITE_MAGIC)) {
    throw corrupt(file, 'it is not an SQLite database');
  }
  // The header records the page count (valid when its "version-valid-for" equals the change counter).
  // A shorter file lost its tail: unless a write-ahead log holds the missing pages, it is truncated.
  const pageSizeField = header.readUInt16BE(16);
  const pageSize = pageSizeField === 1 ? 65536 : pageSizeField;
  const pages = header.readUInt32BE(28);
  const countValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  const wal = `${file}-wal`;
  const walHasPages = existsSync(wal) && statSync(wal).size > 32;
  if (countValid && pages > 0 && size < pages * pageSize && !walHasPages) {
    throw corrupt(file, `it is truncated (${size} bytes; its header expects ${pages * pageSize})`);
  }
}

/**
 * 'ours' (our application_id), 'empty' (a new database with no tables) or 'foreign'. Reads only, in one statement
 * (one snapshot): another process creating the database commits its tables and our application_id together, and
 * separate reads could see the tables but not yet the marker, and call our own new database foreign.
 */
export function ownershipOf(sql: Database.Database): 'ours' | 'empty' | 'foreign' {
  const header = sql
    .prepare(
      `SELECT (SELECT application_id FROM pragma_application_id()) AS app, (SELECT user_version FROM pragma_user_version()) AS version,
              (SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%') AS tables`,
    )
    .get() as { app: number; version: number; tables: number };
  if (header.app === APPLICATION_ID) return 'ours';
  return header.app === 0 && header.version === 0 && header.tables === 0 ? 'empty' : 'foreign';
}

function checkOwnership(file: string, sql: Database.Database, supported: number): void {
  const owner = ownershipOf(sql);
  if (owner === 'foreign') throw corrupt(file, 'it is an SQLite database of another application');
  const version = readUserVersion(sql);
  if (owner === 'ours' && version > supported) throw newerError(version, supported);
}

export interface DatabaseInspection {
  exists: boolean;
  schema_version: number;
  application_id: number;
}

/** Reads the header fields without changing anything (no WAL switch, no migration). */
export function inspectDatabase(file: string): DatabaseInspection {
  if (!existsSync(file)) return { exists: false, schema_version: 0, application_id: 0 };
  checkFileHeader(file);
  if (statSync(file).size === 0) return { exists: true, schema_version: 0, application_id: 0 };
  let sql: Database.Database | undefined;
  try {
    sql = new Database(file, { readonly: true, fileMustExist: true });
    return { exists: true, schema_version: readUserVersion(sql), application_id: readApplicationId(sql) };
  } catch (error) {
    throw asOpenError(file, error);
  } finally {
    sql?.close();
  }
}

/**
 * A read-only connection with no ownership check and no migration, for inspecting a database as it is
 * (workspace health). Refuses only files that are not SQLite at all. Prefer openWorkspaceDb elsewhere.
 */
export function openRawReadonly(file: string): ReadonlyDb {
  checkFileHeader(file);
  try {
    const sql = new Database(file, { readonly: true, fileMustExist: true });
    return makeHandle(sql, file, true) as ReadonlyDb;
  } catch (error) {
    throw asOpenError(file, error);
  }
}

function corrupt(file: string, why: string): StudioError {
  return new StudioError(
    'workspace_corrupt',
    `Cannot use the workspace database ${file}: ${why}. It was left untouched. ` +
      'Move it aside (or choose another workspace with --workspace) and Domain Studio will create a new one.',
  );
}

/** SQLite's own refusals (SQLITE_NOTADB, SQLITE_CORRUPT) become `workspace_corrupt`; StudioErrors pass through. */
function asOpenError(file: string, error: unknown): unknown {
  if (error instanceof StudioError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'))) {
    return corrupt(file, `SQLite reports it damaged (${(error as Error).message})`);
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM' || code === 'EACCES') {
    return new StudioError(
      'bad_input',
      `Cannot open the workspace database ${file}: ${(error as Error).message}. Check that its folder exists and that you may write to it.`,
      { cause: error },
    );
  }
  return error;
}

/**
 * Runs `write` with SQLite's busy timeout at 0, so that a database locked by another process fails at
 * once (SQLITE_BUSY, see isBusyError) instead of blocking this thread for up to the busy timeout.
 */
export function withoutBusyWait<T>(db: WritableDb, write: () => T): T {
  const previous = db.sql.pragma('busy_timeout', { simple: true }) as number;
  db.sql.pragma('busy_timeout = 0');
  try {
    return write();
  } finally {
    db.sql.pragma(`busy_timeout = ${previous}`);
  }
}
