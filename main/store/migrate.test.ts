// The migration runner: applies pending migrations once, in one transaction, and leaves the previous
// version in place when a migration fails half-way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../common/errors';
import { openWorkspaceDb, type AnyDb } from './db';
import { assertMigrationList, type Migration } from './migrate';
import { MIGRATIONS } from './migrations/index';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-migrate-'));
  file = join(dir, 'studio.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const createNotes: Migration = {
  version: 1,
  name: 'create-notes',
  up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT'),
};
const addTags: Migration = {
  version: 2,
  name: 'add-tags',
  up: (db) => db.exec('CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT NOT NULL) STRICT'),
};
const brokenThird: Migration = {
  version: 3,
  name: 'add-broken',
  up: (db) => {
    db.exec('CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT');
    db.exec('ALTER TABLE no_such_table ADD COLUMN x TEXT');
  },
};

const tables = (db: AnyDb) =>
  db.sql.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();

describe('migration runner', () => {
  it('applies every migration to a fresh database and records the version', () => {
    const db = openWorkspaceDb(file, { migrations: [createNotes, addTags] });
    expect(tables(db)).toEqual(['notes', 'tags']);
    expect(db.sql.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });

  it('applies only the new migrations to an older database, and nothing on an idempotent reopen', () => {
    const v1 = openWorkspaceDb(file, { migrations: [createNotes] });
    v1.sql.prepare("INSERT INTO notes (body) VALUES ('kept')").run();
    v1.close();
    let runs = 0;
    const counted: Migration = { ...addTags, up: (db) => { runs += 1; addTags.up(db); } };
    openWorkspaceDb(file, { migrations: [createNotes, counted] }).close();
    const again = openWorkspaceDb(file, { migrations: [createNotes, counted] });
    expect(runs).toBe(1);
    expect(again.sql.prepare('SELECT body FROM notes').pluck().all()).toEqual(['kept']);
    again.close();
  });

  it('rolls a failing migration back completely, leaving the previous version and its data', () => {
    openWorkspaceDb(file, { migrations: [createNotes] }).close();
    let error: unknown;
    try {
      openWorkspaceDb(file, { migrations: [createNotes, addTags, brokenThird] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).message).toMatch(/migration 3 \(add-broken\) failed: no such table: no_such_table/);
    const db = openWorkspaceDb(file, { migrations: [createNotes] });
    expect(db.sql.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).toEqual(['notes']); // neither tags (migration 2) nor half_done survived
    db.close();
  });

  it('lets a migration rebuild a referenced table, and refuses one that leaves dangling references', () => {
    const createOwners: Migration = {
      version: 1,
      name: 'create-owners',
      up: (db) =>
        db.exec(`CREATE TABLE owners (id INTEGER PRIMARY KEY, name TEXT) STRICT;
          CREATE TABLE pets (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL REFERENCES owners (id) ON DELETE CASCADE) STRICT;`),
    };
    const v1 = openWorkspaceDb(file, { migrations: [createOwners] });
    v1.sql.exec("INSERT INTO owners VALUES (1, 'Ada'); INSERT INTO pets VALUES (1, 1)");
    v1.close();
    // SQLite's table rebuild: with foreign keys on, DROP TABLE owners would cascade and delete the pet.
    const rebuildOwners: Migration = {
      version: 2,
      name: 'rebuild-owners',
      up: (db) =>
        db.exec(`CREATE TABLE owners_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;
          INSERT INTO owners_new SELECT id, name FROM owners; DROP TABLE owners; ALTER TABLE owners_new RENAME TO owners;`),
    };
    const v2 = openWorkspaceDb(file, { migrations: [createOwners, rebuildOwners] });
    expect(v2.sql.prepare('SELECT count(*) FROM pets').pluck().get()).toBe(1);
    expect(v2.sql.pragma('foreign_keys', { simple: true })).toBe(1);
    v2.close();

    const loseOwners: Migration = { version: 3, name: 'drop-owners', up: (db) => db.exec('DELETE FROM owners') };
    expect(() => openWorkspaceDb(file, { migrations: [createOwners, rebuildOwners, loseOwners] })).toThrow(
      /left 1 row\(s\) pointing at missing rows \(first: pets row 1 → owners\)/,
    );
    const after = openWorkspaceDb(file, { migrations: [createOwners, rebuildOwners] });
    expect(after.sql.pragma('user_version', { simple: true })).toBe(2);
    expect(after.sql.prepare('SELECT count(*) FROM owners').pluck().get()).toBe(1);
    after.close();
  });

  it('refuses a list with a gap or a badly named migration', () => {
    expect(() => assertMigrationList([createNotes, { ...addTags, version: 3 }])).toThrow(/expected 2/);
    expect(() => assertMigrationList([{ ...createNotes, name: 'Notes' }])).toThrow(/verb-noun/);
  });

  it("the app's own migration list is well formed and matches its file names", async () => {
    assertMigrationList(MIGRATIONS);
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(join(import.meta.dirname, 'migrations'))
      .filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'))
      .sort();
    expect(files.map((f) => f.replace(/\.ts$/, ''))).toEqual(
      MIGRATIONS.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}`),
    );
  });
});
