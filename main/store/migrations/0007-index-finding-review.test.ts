// Migration 0007: a workspace imported before it (two corpora, findings of several types, some already
// allow-listed) upgrades with every finding row kept, corpus ids, counts and allow-list keys filled in, and
// the review queries answering exactly what the old scans answered before the upgrade — also after a new
// allow-list entry.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceDb, type WritableDb } from '../db';
import { allowKey } from '../queries/allow-key';
import { insertCorpus } from '../queries/corpora';
import { allowFindingText, countFindingsByType, insertDocuments, sampleFindings } from '../queries/documents';
import { referenceAllowTargets, referenceCounts, referenceSamples } from '../queries/finding-review.reference';
import { MIGRATIONS } from './index';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-m0007-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const TEXTS = ['Anna', 'ANNA ', 'Lyrica', '2020-01-02', '555-0100', 'Bo  Wu', 'bo wu'];
const TYPES = ['NAME', 'DATE', 'PHONE'];

/** A corpus as a version-6 workspace stores it: findings without corpus id, counts or keys. */
function oldCorpus(db: WritableDb, name: string, docs: number, seed: number): number {
  const { id } = insertCorpus(db, { name });
  insertDocuments(db, id, Array.from({ length: docs }, (_, i) => ({
    i, source: `/${name}/${i}.txt`, record: null, hash: `${seed}${i}`.padStart(64, '0'), bytes: 10, language: 'en', status: 'kept' as const,
    filter: null, split: 'train' as const, cluster: null, similarity: null, findings: 3,
  })));
  const add = db.sql.prepare(
    `INSERT INTO findings (document_id, type, start, "end", text, context, confidence, allow_listed)
     VALUES ((SELECT id FROM documents WHERE corpus_id = ? AND ordinal = ?), ?, 0, 4, ?, '', ?, ?)`,
  );
  for (let d = 0; d < docs; d++) {
    for (let k = 0; k < 3; k++) {
      const n = (d * 7 + k * 3 + seed) % 97;
      add.run(id, d, TYPES[n % TYPES.length], TEXTS[n % TEXTS.length], [0.6, 0.9, 0.9, 1][n % 4], n % 5 === 0 ? 1 : 0);
    }
  }
  return id;
}

describe('0007-index-finding-review', () => {
  it('upgrades imported corpora: rows kept, counts and keys computed, the same answers as before', () => {
    const file = join(dir, 'studio.db');
    const before = openWorkspaceDb(file, { migrations: MIGRATIONS.slice(0, 6) });
    const corpora = [oldCorpus(before, 'A', 30, 1), oldCorpus(before, 'B', 12, 2)];
    const rows = before.sql.prepare('SELECT * FROM findings ORDER BY id').all() as Record<string, unknown>[];
    const answers = corpora.map((c) => ({
      counts: referenceCounts(before, c),
      samples: [1, 3, 50].map((n) => [referenceSamples(before, c, n), ...TYPES.map((t) => referenceSamples(before, c, n, t))]),
    }));
    before.close();

    const db = openWorkspaceDb(file, { migrations: MIGRATIONS.slice(0, 7) });
    try {
      expect(db.sql.pragma('user_version', { simple: true })).toBe(7);
      const after = db.sql.prepare('SELECT f.*, d.corpus_id AS doc_corpus FROM findings f JOIN documents d ON d.id = f.document_id ORDER BY f.id').all() as Record<string, unknown>[];
      expect(after.map(({ corpus_id: _c, doc_corpus: _d, ...rest }) => rest)).toEqual(rows);
      expect(after.every((f) => f.corpus_id === f.doc_corpus)).toBe(true);
      const keys = db.sql.prepare('SELECT corpus_id, key, finding_id FROM finding_keys ORDER BY finding_id').all();
      expect(keys).toEqual(after.map((f) => ({ corpus_id: f.corpus_id, key: allowKey(String(f.text)), finding_id: f.id })));
      corpora.forEach((c, i) => {
        expect(Object.entries(countFindingsByType(db, c))).toEqual(answers[i]!.counts);
        [1, 3, 50].forEach((n, j) => {
          expect([sampleFindings(db, c, n), ...TYPES.map((t) => sampleFindings(db, c, n, t))]).toEqual(answers[i]!.samples[j]);
        });
      });
      const targets = referenceAllowTargets(db, null, 'bo wu');
      expect(targets.length).toBeGreaterThan(0);
      expect(allowFindingText(db, null, 'BO WU')).toBe(targets.length);
      for (const c of corpora) {
        expect(Object.entries(countFindingsByType(db, c))).toEqual(referenceCounts(db, c));
        expect(sampleFindings(db, c, 5)).toEqual(referenceSamples(db, c, 5));
      }
    } finally {
      db.close();
    }
  });
});
