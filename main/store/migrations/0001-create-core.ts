// First schema: workspace settings, corpora, models, runs, jobs and their events.
// Conventions for every table: STRICT; timestamps are ISO-8601 UTC text as JavaScript's toISOString()
// writes them; JSON columns are TEXT checked with json_valid; ids are INTEGER PRIMARY KEY.
import type { Migration } from '../migrate';

/** SQL default producing the same text as `new Date().toISOString()`. */
const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const iso = (column: string, nullable = false) =>
  `${column} TEXT${nullable ? '' : ' NOT NULL'} CHECK (${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:*Z')`;
const json = (column: string, nullable = false, fallback?: string) =>
  `${column} TEXT${nullable ? '' : ' NOT NULL'}${fallback ? ` DEFAULT '${fallback}'` : ''} CHECK (json_valid(${column}))`;

const migration: Migration = {
  version: 1,
  name: 'create-core',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
        ${json('value')},
        ${iso('updated_at')} DEFAULT ${NOW}
      ) STRICT;

      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (length(kind) > 0),
        status TEXT NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
        ${json('params', false, '{}')},
        progress REAL CHECK (progress IS NULL OR (progress >= 0 AND progress <= 1)),
        message TEXT,
        ${json('result', true)},
        ${json('error', true)},
        -- The job process and the app process that supervises it: tells a live job from an orphan.
        pid INTEGER,
        supervisor_pid INTEGER,
        ${iso('created_at')} DEFAULT ${NOW},
        ${iso('started_at', true)},
        ${iso('finished_at', true)},
        CHECK ((status IN ('queued', 'running')) = (finished_at IS NULL))
      ) STRICT;
      CREATE INDEX jobs_status ON jobs (status);

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        job_id INTEGER REFERENCES jobs (id) ON DELETE CASCADE,
        name TEXT NOT NULL CHECK (length(name) > 0),
        ${json('payload')},
        ${iso('created_at')} DEFAULT ${NOW}
      ) STRICT;
      CREATE INDEX events_job ON events (job_id, id);

      CREATE TABLE corpora (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 120),
        -- importing → ready | failed | cancelled | interrupted (the corpus pipeline owns the transitions).
        status TEXT NOT NULL DEFAULT 'importing' CHECK (length(status) > 0),
        documents INTEGER NOT NULL DEFAULT 0 CHECK (documents >= 0),
        bytes INTEGER NOT NULL DEFAULT 0 CHECK (bytes >= 0),
        tokens INTEGER NOT NULL DEFAULT 0 CHECK (tokens >= 0),
        -- Import options (PII mode, filters, split) and the corpus report, as JSON.
        ${json('options', false, '{}')},
        ${json('report', true)},
        job_id INTEGER REFERENCES jobs (id) ON DELETE SET NULL,
        ${iso('created_at')} DEFAULT ${NOW},
        ${iso('updated_at')} DEFAULT ${NOW}
      ) STRICT;

      CREATE TABLE models (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 120),
        -- Hugging Face config.json "model_type": bert, roberta, distilbert, gpt2, llama…
        model_type TEXT NOT NULL CHECK (length(model_type) > 0),
        source TEXT NOT NULL CHECK (source IN ('imported', 'bundled', 'scratch', 'trained')),
        -- Folder holding config.json + safetensors + tokenizer (inside the workspace, or the user's own folder).
        path TEXT NOT NULL CHECK (length(path) > 0),
        parameters INTEGER NOT NULL DEFAULT 0 CHECK (parameters >= 0),
        bytes INTEGER NOT NULL DEFAULT 0 CHECK (bytes >= 0),
        vocab_size INTEGER NOT NULL DEFAULT 0 CHECK (vocab_size >= 0),
        ${json('config', false, '{}')},
        ${iso('created_at')} DEFAULT ${NOW}
      ) STRICT;

      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        -- RESTRICT: a corpus or model that an experiment used cannot vanish from under its history.
        corpus_id INTEGER REFERENCES corpora (id) ON DELETE RESTRICT,
        base_model_id INTEGER REFERENCES models (id) ON DELETE RESTRICT,
        method TEXT NOT NULL CHECK (method IN ('cpt-full', 'cpt-lora', 'lora-task', 'scratch')),
        status TEXT NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled', 'interrupted')),
        ${json('config', false, '{}')},
        ${json('metrics', false, '{}')},
        job_id INTEGER REFERENCES jobs (id) ON DELETE SET NULL,
        ${iso('created_at')} DEFAULT ${NOW},
        ${iso('started_at', true)},
        ${iso('finished_at', true)},
        CHECK (method = 'scratch' OR base_model_id IS NOT NULL)
      ) STRICT;
      CREATE INDEX runs_corpus ON runs (corpus_id);
      CREATE INDEX runs_base_model ON runs (base_model_id);
    `);
  },
};

export default migration;
