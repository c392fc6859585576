// Migration 0005: evaluations of training runs — perplexity before/after, cloze probes, task metrics and
// the privacy audit, one row per evaluation (a run can be evaluated again; the newest row counts). A
// failed audit can carry a recorded override ({ by, reason, at }) that lets the run be exported anyway.
import type { Migration } from '../migrate';

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

const migration: Migration = {
  version: 5,
  name: 'create-evaluations',
  up(db) {
    db.exec(`
      CREATE TABLE evaluations (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('evaluation', 'audit')),
        metrics TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metrics) AND json_type(metrics) = 'object'),
        verdict TEXT CHECK (verdict IS NULL OR verdict IN ('pass', 'fail')),
        override TEXT CHECK (override IS NULL OR (json_valid(override) AND json_type(override) = 'object')),
        job_id INTEGER REFERENCES jobs (id) ON DELETE SET NULL,
        created_at TEXT NOT NULL DEFAULT ${NOW},
        CHECK (override IS NULL OR verdict = 'fail')
      ) STRICT;
      CREATE INDEX evaluations_run ON evaluations (run_id, id);
    `);
  },
};

export default migration;
