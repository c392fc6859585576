// Migration 0002: the corpus tables exist, are STRICT, keep inconsistent rows out, and go with their corpus.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceDb, type WritableDb } from '../db';
import m0001 from './0001-create-core';
import m0002 from './0002-create-documents';

let dir: string;
let db: WritableDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-m0002-'));
  db = openWorkspaceDb(join(dir, 'studio.db'), { migrations: [m0001, m0002] });
  db.sql.prepare("INSERT INTO corpora (id, name) VALUES (1, 'Notes')").run();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (sql: string, ...args: unknown[]) => db.sql.prepare(sql).run(...args);
const H = 'a'.repeat(64);
const doc = (ordinal: number, status: string, extra = "NULL, 'train', NULL") =>
  run(`INSERT INTO documents (corpus_id, ordinal, hash, source, bytes, status, filter, split, cluster) VALUES (1, ?, '${H}', '/x.txt', 10, ?, ${extra})`, ordinal, status);

describe('0002-create-documents', () => {
  it('creates the corpus tables, all STRICT', () => {
    const rows = db.sql
      .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND strict = 1 AND name IN ('documents', 'findings', 'file_errors', 'corpus_shards', 'pii_allow_list') ORDER BY name")
      .pluck()
      .all();
    expect(rows).toEqual(['corpus_shards', 'documents', 'file_errors', 'findings', 'pii_allow_list']);
  });

  it('accepts consistent documents and refuses inconsistent ones', () => {
    doc(0, 'kept');
    doc(1, 'duplicate', "NULL, 'train', 0");
    doc(2, 'filtered', "'min_length', NULL, NULL");
    expect(() => doc(3, 'kept', "NULL, NULL, NULL")).toThrow(/CHECK/); // a kept document has a split
    expect(() => doc(3, 'duplicate', "NULL, 'train', NULL")).toThrow(/CHECK/); // a duplicate names its cluster
    expect(() => doc(3, 'filtered', "NULL, NULL, NULL")).toThrow(/CHECK/); // filtered says by which filter
    expect(() => doc(3, 'lost')).toThrow(/CHECK/);
    expect(() => doc(0, 'kept')).toThrow(/UNIQUE/);
    expect(() => run(`INSERT INTO documents (corpus_id, ordinal, hash, source, bytes, status, split) VALUES (1, 9, 'short', '/x', 1, 'kept', 'train')`)).toThrow(/CHECK/);
  });

  it('refuses findings with bad offsets or confidence', () => {
    doc(0, 'kept');
    const ins = (start: number, end: number, confidence: number) =>
      run(`INSERT INTO findings (document_id, type, start, "end", text, confidence) VALUES (1, 'NAME', ?, ?, 'John', ?)`, start, end, confidence);
    ins(0, 4, 0.9);
    expect(() => ins(4, 4, 0.9)).toThrow(/CHECK/);
    expect(() => ins(0, 4, 1.5)).toThrow(/CHECK/);
  });

  it('deletes documents, findings, file errors and shard sets with their corpus', () => {
    doc(0, 'kept');
    run(`INSERT INTO findings (document_id, type, start, "end", text, confidence) VALUES (1, 'NAME', 0, 4, 'John', 0.9)`);
    run(`INSERT INTO file_errors (corpus_id, path, severity, reason, message) VALUES (1, '/bad.pdf', 'error', 'corrupt', 'damaged')`);
    run(`INSERT INTO corpus_shards (corpus_id, tokenizer, vocab_size, dtype, tokens_train, tokens_validation, tokens_per_word) VALUES (1, 'w', 10, 'uint16', 5, 1, 1.2)`);
    run('DELETE FROM corpora WHERE id = 1');
    for (const table of ['documents', 'findings', 'file_errors', 'corpus_shards']) {
      expect(db.sql.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    }
  });

  it('keeps one allow-list entry per type and text, any-type entries included', () => {
    run(`INSERT INTO pii_allow_list (type, text) VALUES ('NAME', 'apixaban')`);
    run(`INSERT INTO pii_allow_list (type, text) VALUES (NULL, 'apixaban')`);
    expect(() => run(`INSERT INTO pii_allow_list (type, text) VALUES (NULL, 'apixaban')`)).toThrow(/UNIQUE/);
  });
});
