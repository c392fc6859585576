// Migration 0007: what keeps the PII review interactive on a large corpus (millions of findings).
// - findings.corpus_id and the findings_review index (corpus, type, allow-listed, confidence): the samples
//   of a type are the first rows of one index range, read with a LIMIT instead of ranking every finding.
// - finding_counts: findings by type per corpus, written with the findings and kept in step by the
//   allow-list, so the counts are a few rows instead of a scan.
// - finding_keys: each finding's allow-list key (lower-cased, whitespace collapsed) per corpus, so adding
//   an allow-list entry visits the findings it covers instead of testing every finding of the workspace.
//   A corpus's keys are written in key order after its findings (an append to the corpus's range of the
//   tree), never one by one in text order, which would cost a random page write per finding.
// Existing rows are filled in here: corpus ids, counts and keys of every corpus already imported.
import type { Migration } from '../migrate';
import { registerAllowKey } from '../queries/allow-key';

const migration: Migration = {
  version: 7,
  name: 'index-finding-review',
  up(db) {
    registerAllowKey(db);
    db.exec(`
      ALTER TABLE findings ADD COLUMN corpus_id INTEGER;
      UPDATE findings SET corpus_id = (SELECT d.corpus_id FROM documents d WHERE d.id = findings.document_id);
      CREATE INDEX findings_review ON findings (corpus_id, type, allow_listed, confidence DESC);

      CREATE TABLE finding_counts (
        corpus_id INTEGER NOT NULL REFERENCES corpora (id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        total INTEGER NOT NULL CHECK (total >= 0),
        allow_listed INTEGER NOT NULL CHECK (allow_listed >= 0 AND allow_listed <= total),
        PRIMARY KEY (corpus_id, type)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO finding_counts (corpus_id, type, total, allow_listed)
        SELECT corpus_id, type, count(*), sum(allow_listed) FROM findings GROUP BY corpus_id, type;

      CREATE TABLE finding_keys (
        corpus_id INTEGER NOT NULL REFERENCES corpora (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        finding_id INTEGER NOT NULL,
        PRIMARY KEY (corpus_id, key, finding_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO finding_keys (corpus_id, key, finding_id)
        SELECT corpus_id, studio_allow_key(text) AS key, id FROM findings ORDER BY corpus_id, key, id;
    `);
  },
};

export default migration;
