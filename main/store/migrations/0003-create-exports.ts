// Migration 0003: every export the user made — which run or model, which format, where, how big, its
// SHA-256, and whether reading it back verified it. Rows outlive the run or model they came from
// (source_name keeps the name) and the job that wrote them.
import type { Migration } from '../migrate';

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

const migration: Migration = {
  version: 3,
  name: 'create-exports',
  up(db) {
    db.exec(`
      CREATE TABLE exports (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
        model_id INTEGER REFERENCES models (id) ON DELETE SET NULL,
        -- The exported model's name when it was exported.
        source_name TEXT NOT NULL CHECK (length(source_name) > 0),
        format TEXT NOT NULL CHECK (format IN ('hf', 'peft', 'merged', 'onnx', 'bundle')),
        -- The folder written (or the .dsbundle file).
        path TEXT NOT NULL CHECK (length(path) > 0),
        files INTEGER NOT NULL CHECK (files >= 0),
        bytes INTEGER NOT NULL CHECK (bytes >= 0),
        -- A bundle: SHA-256 of the file. A folder: SHA-256 over its sorted "path NUL sha256 LF" lines.
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        verified INTEGER NOT NULL CHECK (verified IN (0, 1)),
        -- What the read-back compared (tensors, hashes, signer), as JSON.
        verification TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(verification)),
        job_id INTEGER REFERENCES jobs (id) ON DELETE SET NULL,
        created_at TEXT NOT NULL DEFAULT ${NOW} CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:*Z')
      ) STRICT;
      CREATE INDEX exports_run ON exports (run_id);
      CREATE INDEX exports_model ON exports (model_id);
    `);
  },
};

export default migration;
