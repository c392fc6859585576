// Migration 0009: a version-8 workspace upgrades keeping every row and reference, and from then on a deleted
// corpus's id is never the id of a later import — not even the id of a corpus deleted before the upgrade.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceDb, type WritableDb } from '../db';
import { MIGRATIONS } from './index';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-m0009-'));
  file = join(dir, 'studio.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const H = (n: number) => String(n).padStart(64, '0');

/** A version-8 workspace: three corpora (2 and 3 in use by runs, 3 the highest) and rows of every table that refers to them. */
function version8Workspace(): WritableDb {
  const db = openWorkspaceDb(file, { migrations: MIGRATIONS.slice(0, 8) });
  db.sql.exec(`
    INSERT INTO jobs (id, kind, status, result, finished_at) VALUES
      (1, 'corpus.import', 'succeeded', '{"corpus":{"id":1,"name":"Notes","status":"ready"}}', '2026-01-01T00:00:00.000Z'),
      (2, 'corpus.import', 'succeeded', '{"corpus":{"id":2,"name":"Letters","status":"ready"}}', '2026-01-01T00:00:00.000Z'),
      (3, 'corpus.import', 'succeeded', '{"corpus":{"id":3,"name":"Reports","status":"ready"}}', '2026-01-01T00:00:00.000Z');
    INSERT INTO events (job_id, name, payload) VALUES (1, 'job.progress', '{"progress":0.5}');
    INSERT INTO corpora (id, name, status, documents, options, report, job_id) VALUES
      (1, 'Notes', 'ready', 2, '{"pii":"redact"}', '{"documents":{"kept":2}}', 1),
      (2, 'Letters', 'ready', 1, '{}', NULL, 2),
      (3, 'Reports', 'ready', 1, '{}', NULL, 3);
    INSERT INTO documents (id, corpus_id, ordinal, hash, source, bytes, status, split, findings) VALUES
      (10, 1, 0, '${H(1)}', '/n/0.txt', 10, 'kept', 'train', 1),
      (11, 1, 1, '${H(2)}', '/n/1.txt', 12, 'kept', 'validation', 0),
      (12, 2, 0, '${H(3)}', '/l/0.txt', 9, 'kept', 'train', 0),
      (13, 3, 0, '${H(4)}', '/r/0.txt', 9, 'kept', 'train', 0);
    INSERT INTO findings (id, document_id, corpus_id, type, start, "end", text, context, confidence) VALUES
      (20, 10, 1, 'NAME', 0, 4, 'Anna', 'Anna came', 0.9);
    INSERT INTO finding_counts (corpus_id, type, total, allow_listed) VALUES (1, 'NAME', 1, 0);
    INSERT INTO finding_keys (corpus_id, key, finding_id) VALUES (1, 'anna', 20);
    INSERT INTO file_errors (corpus_id, path, severity, reason, message) VALUES (1, '/n/x.pdf', 'error', 'unreadable', 'no text');
    INSERT INTO corpus_shards (corpus_id, tokenizer, vocab_size, dtype, tokens_train, tokens_validation, tokens_per_word)
      VALUES (1, 'bert-base', 30522, 'uint16', 100, 20, 1.3);
    INSERT INTO models (id, name, model_type, source, path) VALUES (1, 'bert', 'bert', 'imported', '/m');
    INSERT INTO runs (id, corpus_id, base_model_id, method, status, finished_at) VALUES
      (1, 2, 1, 'cpt-lora', 'succeeded', '2026-01-02T00:00:00.000Z'),
      (2, 3, 1, 'cpt-full', 'failed', '2026-01-02T00:00:00.000Z');
    INSERT INTO metrics (run_id, step, name, value) VALUES (1, 10, 'loss', 2.5);
    INSERT INTO evaluations (run_id, kind, metrics) VALUES (1, 'evaluation', '{"ppl":12}');
    INSERT INTO exports (run_id, model_id, source_name, format, path, files, bytes, sha256, verified)
      VALUES (1, 1, 'bert', 'hf', '/out', 3, 100, '${'a'.repeat(64)}', 1);
  `);
  return db;
}

const userTables = (db: WritableDb) =>
  db.sql.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
const contents = (db: WritableDb) => Object.fromEntries(userTables(db).map((t) => [t, db.sql.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2, 3`).all()]));
const schema = (db: WritableDb) =>
  db.sql.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Array<{ type: string; name: string; sql: string | null }>;

describe('0009-never-reuse-corpus-ids', () => {
  it('keeps every row, reference and index, and no longer hands out the id of a deleted corpus', () => {
    const before = version8Workspace();
    const rowsBefore = contents(before);
    const schemaBefore = schema(before);
    before.close();

    const db = openWorkspaceDb(file, { migrations: MIGRATIONS.slice(0, 9) });
    try {
      expect(db.sql.pragma('user_version', { simple: true })).toBe(9);
      expect(contents(db)).toEqual(rowsBefore);
      expect(db.sql.pragma('foreign_key_check')).toEqual([]);
      // The same schema (every index, every other table untouched); corpora is its latest definition plus AUTOINCREMENT.
      const corporaSql = (s: typeof schemaBefore) => s.find((e) => e.type === 'table' && e.name === 'corpora')!.sql!;
      expect(schema(db).map(({ sql, ...e }) => ({ ...e, same: e.name === 'corpora' || sql === schemaBefore.find((b) => b.name === e.name)?.sql })))
        .toEqual(schemaBefore.map(({ sql: _sql, ...e }) => ({ ...e, same: true })));
      expect(corporaSql(schema(db)).replace('CREATE TABLE "corpora"', 'CREATE TABLE corpora'))
        .toBe(corporaSql(schemaBefore).replace('id INTEGER PRIMARY KEY,', 'id INTEGER PRIMARY KEY AUTOINCREMENT,'));
      expect(db.sql.prepare("SELECT name FROM pragma_index_list('corpora')").pluck().all()).toEqual(['sqlite_autoindex_corpora_1']);
      expect(db.sql.prepare("SELECT strict FROM pragma_table_list('corpora')").pluck().get()).toBe(1);

      // References still hold both ways: a corpus used by a run is refused, an unused one takes its rows with it.
      const run = (sql: string, ...args: unknown[]) => db.sql.prepare(sql).run(...args);
      expect(() => run('DELETE FROM corpora WHERE id = 2')).toThrow(/FOREIGN KEY/);
      expect(() => run("INSERT INTO corpora (name) VALUES ('notes')")).toThrow(/UNIQUE/);
      run('DELETE FROM runs WHERE id = 2');
      run('DELETE FROM corpora WHERE id = 3'); // the highest id
      expect(db.sql.prepare('SELECT count(*) FROM documents WHERE corpus_id = 3').pluck().get()).toBe(0);
      const next = db.sql.prepare("INSERT INTO corpora (name) VALUES ('Reports again') RETURNING id").pluck().get();
      expect(next).toBe(4);
    } finally {
      db.close();
    }
  });

  it('does not hand out the id of a corpus deleted before the upgrade, which only its jobs remember', () => {
    const before = version8Workspace();
    before.sql.exec(`
      DELETE FROM runs WHERE id = 2;
      DELETE FROM corpora WHERE id = 3;
      INSERT INTO jobs (kind, status, result, finished_at) VALUES
        ('corpus.delete', 'succeeded', '{"corpus":3,"name":"Reports","documents":1,"bytes_freed":9,"runs":[],"kept_as_record":false}', '2026-01-03T00:00:00.000Z'),
        ('model.fertility', 'succeeded', '{"corpus":"99"}', '2026-01-03T00:00:00.000Z');
    `);
    before.close();
    const db = openWorkspaceDb(file, { migrations: MIGRATIONS.slice(0, 9) });
    try {
      expect(db.sql.prepare("INSERT INTO corpora (name) VALUES ('Reports') RETURNING id").pluck().get()).toBe(4);
    } finally {
      db.close();
    }
  });

  it('gives a new workspace corpus 1 first', () => {
    const db = openWorkspaceDb(file, { migrations: MIGRATIONS.slice(0, 9) });
    try {
      expect(db.sql.prepare("INSERT INTO corpora (name) VALUES ('Notes') RETURNING id").pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });
});
