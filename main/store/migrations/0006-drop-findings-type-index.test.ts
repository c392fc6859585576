// Migration 0006: a workspace with imported findings upgrades without touching a row; the findings_type
// index is gone and findings_document stays (the review queries on upgraded workspaces: 0007's test).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceDb } from '../db';
import { insertCorpus } from '../queries/corpora';
import { insertDocuments } from '../queries/documents';
import { MIGRATIONS } from './index';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-m0006-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const indexes = (db: { sql: { prepare(s: string): { pluck(): { all(): unknown[] } } } }) =>
  db.sql.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'findings' ORDER BY name").pluck().all();

describe('0006-drop-findings-type-index', () => {
  it('upgrades a workspace with findings, keeping every row and the index the review queries use', () => {
    const file = join(dir, 'studio.db');
    const before = openWorkspaceDb(file, { migrations: MIGRATIONS.slice(0, 5) });
    const { id } = insertCorpus(before, { name: 'Notes' });
    insertDocuments(before, id, [0, 1].map((i) => ({
      i, source: `/n/${i}.txt`, record: null, hash: String(i).padStart(64, '0'), bytes: 10, language: 'en', status: 'kept' as const,
      filter: null, split: 'train' as const, cluster: null, similarity: null, findings: 2,
    })));
    // Rows as that schema stores them (today's insertFindings writes columns of later migrations).
    const add = before.sql.prepare(
      'INSERT INTO findings (document_id, type, start, "end", text, context, confidence) VALUES ((SELECT id FROM documents WHERE ordinal = ?), ?, ?, ?, ?, ?, ?)',
    );
    add.run(0, 'NAME', 0, 4, 'Anna', 'Anna came', 0.9);
    add.run(0, 'DATE', 9, 19, '2020-01-02', 'on 2020-01-02', 0.95);
    add.run(1, 'NAME', 0, 6, 'Lyrica', 'Lyrica 75 mg', 0.6);
    expect(indexes(before)).toEqual(['findings_document', 'findings_type']);
    const rows = before.sql.prepare('SELECT * FROM findings ORDER BY id').all();
    before.close();

    const db = openWorkspaceDb(file, { migrations: MIGRATIONS.slice(0, 6) });
    try {
      expect(db.sql.pragma('user_version', { simple: true })).toBe(6);
      expect(indexes(db)).toEqual(['findings_document']);
      expect(db.sql.prepare('SELECT * FROM findings ORDER BY id').all()).toEqual(rows);
    } finally {
      db.close();
    }
  });
});
