// Migration 0001: the core tables exist, are STRICT, and their constraints keep bad rows out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceDb, type WritableDb } from '../db';
import m0001 from './0001-create-core';

let dir: string;
let db: WritableDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-m0001-'));
  db = openWorkspaceDb(join(dir, 'studio.db'), { migrations: [m0001] });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (sql: string, ...args: unknown[]) => db.sql.prepare(sql).run(...args);

describe('0001-create-core', () => {
  it('creates the six core tables, all STRICT', () => {
    const rows = db.sql.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
    expect(rows).toEqual(
      ['corpora', 'events', 'jobs', 'models', 'runs', 'settings'].map((name) => ({ name, strict: 1 })),
    );
  });

  it('stamps created_at in the same ISO format as toISOString()', () => {
    run("INSERT INTO jobs (kind) VALUES ('workspace.check')");
    const created = db.sql.prepare('SELECT created_at FROM jobs').pluck().get() as string;
    expect(created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(new Date(created).toISOString()).toBe(created);
  });

  it('rejects values of the wrong type, invalid JSON and non-ISO timestamps', () => {
    expect(() => run("INSERT INTO corpora (name, documents) VALUES ('a', 'many')")).toThrow(/cannot store TEXT value in INTEGER/);
    expect(() => run("INSERT INTO settings (key, value) VALUES ('k', '{not json')")).toThrow(/CHECK constraint/);
    expect(() => run("INSERT INTO jobs (kind, created_at) VALUES ('x', 'yesterday')")).toThrow(/CHECK constraint/);
    expect(() => run("INSERT INTO jobs (kind, status) VALUES ('x', 'exploded')")).toThrow(/CHECK constraint/);
    expect(() => run("INSERT INTO jobs (kind, progress) VALUES ('x', 1.5)")).toThrow(/CHECK constraint/);
  });

  it('keeps a finished job and its finished_at consistent', () => {
    expect(() => run("INSERT INTO jobs (kind, status) VALUES ('x', 'succeeded')")).toThrow(/CHECK constraint/);
    expect(() =>
      run("INSERT INTO jobs (kind, status, finished_at) VALUES ('x', 'running', '2026-01-01T00:00:00.000Z')"),
    ).toThrow(/CHECK constraint/);
  });

  it('enforces runs → corpora/models foreign keys and protects used corpora', () => {
    expect(() => run("INSERT INTO runs (corpus_id, method) VALUES (99, 'scratch')")).toThrow(/FOREIGN KEY/);
    run("INSERT INTO corpora (id, name) VALUES (1, 'Notes')");
    run("INSERT INTO models (id, name, model_type, source, path) VALUES (1, 'bert', 'bert', 'imported', '/m')");
    run("INSERT INTO runs (corpus_id, base_model_id, method) VALUES (1, 1, 'cpt-lora')");
    expect(() => run('DELETE FROM corpora WHERE id = 1')).toThrow(/FOREIGN KEY/);
    expect(() => run('DELETE FROM models WHERE id = 1')).toThrow(/FOREIGN KEY/);
    expect(() => run("INSERT INTO runs (corpus_id, method) VALUES (1, 'cpt-full')")).toThrow(/CHECK constraint/);
  });

  it('treats corpus and model names case-insensitively unique', () => {
    run("INSERT INTO corpora (name) VALUES ('Discharge notes')");
    expect(() => run("INSERT INTO corpora (name) VALUES ('discharge NOTES')")).toThrow(/UNIQUE/);
  });

  it("deletes a job's events with the job", () => {
    run("INSERT INTO jobs (id, kind) VALUES (7, 'x')");
    run("INSERT INTO events (job_id, name, payload) VALUES (7, 'job.progress', '{}')");
    run('DELETE FROM jobs WHERE id = 7');
    expect(db.sql.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
  });
});
