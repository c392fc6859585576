// Opening the workspace database. Every open checks that the file is ours before SQLite writes a byte:
// a corrupt file or somebody else's SQLite database is refused (`workspace_corrupt`), a database from a
// newer app is refused (`workspace_newer`), and both are left byte-for-byte as they were.
// Handles carry their rights in the type: a ReadonlyDb has no write helpers and is opened read-only.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StudioError } from '../common/errors';
import { APPLICATION_ID, applyMigrations, newerError, readApplicationId, readUserVersion, type Migration } from './migrate';
import { MIGRATIONS } from './migrations/index';

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
  return openChecked(file, false, migrations, opts.busyTimeoutMs) as WritableDb;
}

function openChecked(file: string, readonly: boolean, migrations: readonly Migration[], busyTimeoutMs = 5000): DbHandle {
  checkFileHeader(file);
  let sql: Database.Database;
  try {
    sql = new Database(file, { readonly, fileMustExist: readonly, timeout: busyTimeoutMs });
  } catch (error) {
    throw asOpenError(file, error);
  }
  try {
    // Read-only checks first: nothing below may write before we know the file is ours and not newer.
    checkOwnership(file, sql, migrations.length);
    sql.pragma(`busy_timeout = ${busyTimeoutMs}`);
    sql.pragma('foreign_keys = ON');
    if (!readonly) {
      sql.pragma('journal_mode = WAL');
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

function makeHandle(sql: Database.Database, file: string, readonly: boolean): DbHandle {
  const base = { sql, file, readonly, close: () => sql.open && sql.close() };
  if (readonly) return base;
  return { ...base, transaction: <T>(fn: () => T): T => sql.transaction(fn).immediate() } as DbHandle;
}

/** Refuses anything that is not an SQLite file before handing it to SQLite (which might "repair" it). */
function checkFileHeader(file: string): void {
  if (!existsSync(file)) return;
  const size = statSync(file).size;
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

/** 'ours' (our application_id), 'empty' (a new database with no tables) or 'foreign'. Reads only. */
export function ownershipOf(sql: Database.Database): 'ours' | 'empty' | 'foreign' {
  if (readApplicationId(sql) === APPLICATION_ID) return 'ours';
  const tables = sql.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number };
  return readApplicationId(sql) === 0 && readUserVersion(sql) === 0 && tables.n === 0 ? 'empty' : 'foreign';
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
  return error;
}
