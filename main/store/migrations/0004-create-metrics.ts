// Migration 0004: every number a training run measures, with the step it was measured at — training
// loss, learning rate, tokens/s, domain and general validation perplexity. One row per (run, step, name):
// a resumed run that repeats the steps after its last checkpoint overwrites them with the same values.
import type { Migration } from '../migrate';

const migration: Migration = {
  version: 4,
  name: 'create-metrics',
  up(db) {
    db.exec(`
      CREATE TABLE metrics (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        step INTEGER NOT NULL CHECK (step >= 0),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
        value REAL NOT NULL,
        PRIMARY KEY (run_id, name, step)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};

export default migration;
