// Migration 0008: a workspace with findings upgrades keeping every row; each finding starts as not put back.
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
  dir = mkdtempSync(join(tmpdir(), 'studio-m0008-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('0008-finding-restored', () => {
  it('adds findings.restored (0 on every row, only 0 or 1) and keeps the rows', () => {
    const file = join(dir, 'studio.db');
    const before = openWorkspaceDb(file, { migrations: MIGRATIONS.slice(0, 7) });
    const { id } = insertCorpus(before, { name: 'Notes' });
    insertDocuments(before, id, [{
      i: 0, source: '/n/0.txt', record: null, hash: '0'.repeat(64), bytes: 10, language: 'en', status: 'kept' as const,
      filter: null, split: 'train' as const, cluster: null, similarity: null, findings: 1,
    }]);
    before.sql
      .prepare('INSERT INTO findings (document_id, corpus_id, type, start, "end", text, context, confidence) VALUES ((SELECT id FROM documents), ?, ?, ?, ?, ?, ?, ?)')
      .run(id, 'NAME', 0, 4, 'Anna', 'Anna came', 0.9);
    const rows = before.sql.prepare('SELECT * FROM findings').all() as Record<string, unknown>[];
    before.close();

    const db = openWorkspaceDb(file, { migrations: MIGRATIONS.slice(0, 8) });
    try {
      expect(db.sql.pragma('user_version', { simple: true })).toBe(8);
      expect(db.sql.prepare('SELECT * FROM findings').all()).toEqual(rows.map((r) => ({ ...r, restored: 0 })));
      expect(() => db.sql.prepare('UPDATE findings SET restored = 2').run()).toThrow(/CHECK constraint/);
    } finally {
      db.close();
    }
  });
});
