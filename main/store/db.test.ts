// openWorkspaceDb: creates and migrates, reopens idempotently, and refuses (without touching) databases
// that are newer, corrupt, truncated or not ours.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../common/errors';
import { APP_SCHEMA_VERSION, inspectDatabase, openWorkspaceDb } from './db';
import { APPLICATION_ID } from './migrate';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-db-'));
  file = join(dir, 'studio.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function refusal(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    return error as StudioError;
  }
  throw new Error('expected a refusal');
}

describe('openWorkspaceDb', () => {
  it('creates a new database in WAL mode with foreign keys on and the current schema', () => {
    const db = openWorkspaceDb(join(dir, 'nested', 'studio.db'));
    expect(db.readonly).toBe(false);
    expect(db.sql.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sql.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sql.pragma('user_version', { simple: true })).toBe(APP_SCHEMA_VERSION);
    expect(db.sql.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.sql.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('reopens an existing database without changing it and keeps its rows', () => {
    const first = openWorkspaceDb(file);
    first.sql.prepare("INSERT INTO settings (key, value) VALUES ('theme', '\"dark\"')").run();
    first.close();
    const second = openWorkspaceDb(file);
    expect(second.sql.prepare('SELECT value FROM settings').pluck().get()).toBe('"dark"');
    expect(second.sql.pragma('user_version', { simple: true })).toBe(APP_SCHEMA_VERSION);
    second.close();
  });

  it('gives a read-only handle that SQLite itself refuses to write through', () => {
    openWorkspaceDb(file).close();
    const db = openWorkspaceDb(file, { readonly: true });
    expect(db.readonly).toBe(true);
    expect('transaction' in db).toBe(false);
    expect(() => db.sql.prepare("INSERT INTO settings (key, value) VALUES ('a', '1')").run()).toThrow(/readonly/i);
    db.close();
  });

  it('creates and migrates the database before a first read-only open', () => {
    const db = openWorkspaceDb(file, { readonly: true });
    expect(db.sql.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database from a newer app and leaves it byte-for-byte untouched', () => {
    openWorkspaceDb(file).close();
    const raw = new Database(file);
    raw.pragma('journal_mode = DELETE');
    raw.pragma(`user_version = ${APP_SCHEMA_VERSION + 5}`);
    raw.close();
    const before = readFileSync(file);
    for (const readonly of [false, true]) {
      const error = refusal(() => openWorkspaceDb(file, { readonly }));
      expect(error.code).toBe('workspace_newer');
      expect(error.message).toMatch(/newer version of Domain Studio/);
      expect(error.message).toContain(`schema ${APP_SCHEMA_VERSION + 5}`);
    }
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('leaves a newer database and its leftover write-ahead log untouched (a crashed newer app)', () => {
    const live = join(dir, 'live');
    mkdirSync(live);
    const source = openWorkspaceDb(join(live, 'studio.db'));
    source.sql.pragma('wal_autocheckpoint = 0');
    source.sql.pragma(`user_version = ${APP_SCHEMA_VERSION + 1}`);
    source.sql.prepare("INSERT INTO settings (key, value) VALUES ('from', '\"the future\"')").run();
    // Snapshot the files while the connection is open, as a power cut would leave them.
    const dbBytes = readFileSync(join(live, 'studio.db'));
    const walBytes = readFileSync(join(live, 'studio.db-wal'));
    source.close();
    expect(walBytes.length).toBeGreaterThan(32);
    writeFileSync(file, dbBytes);
    writeFileSync(`${file}-wal`, walBytes);
    for (const readonly of [false, true]) {
      expect(refusal(() => openWorkspaceDb(file, { readonly })).code).toBe('workspace_newer');
    }
    expect(readFileSync(file).equals(dbBytes)).toBe(true);
    expect(readFileSync(`${file}-wal`).equals(walBytes)).toBe(true);
  });

  it('refuses a file of random bytes and never overwrites it', () => {
    const bytes = randomBytes(8192);
    writeFileSync(file, bytes);
    const error = refusal(() => openWorkspaceDb(file));
    expect(error.code).toBe('workspace_corrupt');
    expect(error.message).toMatch(/not an SQLite database.*left untouched/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it("refuses another application's SQLite database and leaves it untouched", () => {
    const foreign = new Database(file);
    foreign.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')");
    foreign.close();
    const before = readFileSync(file);
    const error = refusal(() => openWorkspaceDb(file));
    expect(error.code).toBe('workspace_corrupt');
    expect(error.message).toMatch(/another application/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(refusal(() => openWorkspaceDb(file, { readonly: true })).code).toBe('workspace_corrupt');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a truncated database and leaves the remaining bytes untouched', () => {
    const db = openWorkspaceDb(file);
    const insert = db.sql.prepare('INSERT INTO events (name, payload) VALUES (?, ?)');
    for (let i = 0; i < 500; i += 1) insert.run('filler', JSON.stringify({ i, pad: 'x'.repeat(200) }));
    db.sql.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const full = readFileSync(file).length;
    truncateSync(file, Math.floor(full / 2));
    const before = readFileSync(file);
    const error = refusal(() => openWorkspaceDb(file));
    expect(error.code).toBe('workspace_corrupt');
    expect(error.message).toMatch(/truncated/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database whose header survived but whose pages are garbage', () => {
    const db = openWorkspaceDb(file);
    db.sql.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    randomBytes(bytes.length - 100).copy(bytes, 100);
    writeFileSync(file, bytes);
    const error = refusal(() => openWorkspaceDb(file));
    expect(error.code).toBe('workspace_corrupt');
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a folder where the database should be, and a workspace it may not write to', () => {
    mkdirSync(file);
    expect(refusal(() => openWorkspaceDb(file)).code).toBe('bad_input');
    rmSync(file, { recursive: true });
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked');
      mkdirSync(locked, { mode: 0o500 });
      const error = refusal(() => openWorkspaceDb(join(locked, 'studio.db')));
      expect(error.code).toBe('bad_input');
      expect(error.message).toMatch(/may write to it/);
      chmodSync(locked, 0o700);
    }
  });

  it('treats an empty file (created, never written) as a new database', () => {
    writeFileSync(file, '');
    const db = openWorkspaceDb(file);
    expect(db.sql.pragma('user_version', { simple: true })).toBe(APP_SCHEMA_VERSION);
    db.close();
  });

  it('inspects a database without modifying it', () => {
    expect(inspectDatabase(file)).toEqual({ exists: false, schema_version: 0, application_id: 0 });
    openWorkspaceDb(file).close();
    expect(inspectDatabase(file)).toEqual({ exists: true, schema_version: APP_SCHEMA_VERSION, application_id: APPLICATION_ID });
  });
});
