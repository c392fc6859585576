// Migration 0006: a workspace with imported findings upgrades without touching a row; the findings_type
// index is gone, findings_document (how the review queries reach a corpus's findings) stays, and counts,
// allow-listing and samples work on the upgraded workspace.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceDb } from '../db';
import { insertCorpus } from '../queries/corpora';
import { allowFindingText, countFindingsByType, insertDocuments, insertFindings, sampleFindings } from '../queries/documents';
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
    insertFindings(before, id, [
      { doc: 0, type: 'NAME', start: 0, end: 4, text: 'Anna', context: 'Anna came', confidence: 0.9 },
      { doc: 0, type: 'DATE', start: 9, end: 19, text: '2020-01-02', context: 'on 2020-01-02', confidence: 0.95 },
      { doc: 1, type: 'NAME', start: 0, end: 6, text: 'Lyrica', context: 'Lyrica 75 mg', confidence: 0.6 },
    ]);
    expect(indexes(before)).toEqual(['findings_document', 'findings_type']);
    const rows = before.sql.prepare('SELECT * FROM findings ORDER BY id').all();
    before.close();

    const db = openWorkspaceDb(file);
    try {
      expect(db.sql.pragma('user_version', { simple: true })).toBe(6);
      expect(indexes(db)).toEqual(['findings_document']);
      expect(db.sql.prepare('SELECT * FROM findings ORDER BY id').all()).toEqual(rows);
      expect(countFindingsByType(db, id)).toEqual({ NAME: { total: 2, allow_listed: 0 }, DATE: { total: 1, allow_listed: 0 } });
      expect(allowFindingText(db, 'NAME', 'lyrica')).toBe(1);
      expect(sampleFindings(db, id, 1, 'NAME').map((f) => [f.text, f.allow_listed])).toEqual([['Anna', false]]);
    } finally {
      db.close();
    }
  });
});
