// Migration 0002: what a corpus import records. One row per extracted document (its content lives in
// the corpus folder, not here), the PII findings of each document, the files the import skipped,
// the shard sets written per tokenizer, and the workspace-wide allow-list of false-positive findings.
import type { Migration } from '../migrate';

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

const migration: Migration = {
  version: 2,
  name: 'create-documents',
  up(db) {
    db.exec(`
      CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        corpus_id INTEGER NOT NULL REFERENCES corpora (id) ON DELETE CASCADE,
        -- Position in the import (0-based): docs.jsonl's "id" and the shards' document order refer to it.
        ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
        -- SHA-256 (hex) of the normalized text: the exact-duplicate key.
        hash TEXT NOT NULL CHECK (length(hash) = 64),
        source TEXT NOT NULL CHECK (length(source) > 0),
        -- Row or line inside the source file for CSV/JSON Lines; NULL for a whole-file document.
        record INTEGER CHECK (record IS NULL OR record > 0),
        bytes INTEGER NOT NULL CHECK (bytes >= 0),
        language TEXT NOT NULL DEFAULT 'und',
        status TEXT NOT NULL CHECK (status IN ('kept', 'duplicate', 'near_duplicate', 'filtered', 'dropped_pii')),
        -- The filter that removed it (min_length, symbol_ratio, repeated_lines, language); only for 'filtered'.
        filter TEXT CHECK ((filter IS NULL) = (status <> 'filtered')),
        split TEXT CHECK (split IS NULL OR split IN ('train', 'validation')),
        -- Ordinal of the kept document of its duplicate cluster; NULL when it has no duplicate.
        cluster INTEGER CHECK (cluster IS NULL OR cluster >= 0),
        similarity REAL CHECK (similarity IS NULL OR (similarity >= 0 AND similarity <= 1)),
        findings INTEGER NOT NULL DEFAULT 0 CHECK (findings >= 0),
        CHECK (status <> 'kept' OR split IS NOT NULL),
        CHECK (status NOT IN ('duplicate', 'near_duplicate') OR cluster IS NOT NULL),
        UNIQUE (corpus_id, ordinal)
      ) STRICT;
      CREATE INDEX documents_status ON documents (corpus_id, status);
      CREATE INDEX documents_hash ON documents (hash);

      CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        type TEXT NOT NULL CHECK (length(type) > 0),
        -- UTF-16 offsets into the document as it was scanned (before any redaction).
        start INTEGER NOT NULL CHECK (start >= 0),
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        context TEXT NOT NULL DEFAULT '',
        confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
        allow_listed INTEGER NOT NULL DEFAULT 0 CHECK (allow_listed IN (0, 1)),
        CHECK ("end" > start)
      ) STRICT;
      CREATE INDEX findings_document ON findings (document_id);
      CREATE INDEX findings_type ON findings (type, allow_listed);

      CREATE TABLE file_errors (
        id INTEGER PRIMARY KEY,
        corpus_id INTEGER NOT NULL REFERENCES corpora (id) ON DELETE CASCADE,
        path TEXT NOT NULL CHECK (length(path) > 0),
        severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        message TEXT NOT NULL
      ) STRICT;
      CREATE INDEX file_errors_corpus ON file_errors (corpus_id);

      -- Token shards written for a corpus, one row per tokenizer (re-tokenizing adds a row, no re-import).
      CREATE TABLE corpus_shards (
        id INTEGER PRIMARY KEY,
        corpus_id INTEGER NOT NULL REFERENCES corpora (id) ON DELETE CASCADE,
        tokenizer TEXT NOT NULL CHECK (length(tokenizer) > 0),
        vocab_size INTEGER NOT NULL CHECK (vocab_size > 0),
        dtype TEXT NOT NULL CHECK (dtype IN ('uint16', 'uint32')),
        tokens_train INTEGER NOT NULL CHECK (tokens_train >= 0),
        tokens_validation INTEGER NOT NULL CHECK (tokens_validation >= 0),
        tokens_per_word REAL NOT NULL CHECK (tokens_per_word >= 0),
        created_at TEXT NOT NULL DEFAULT ${NOW},
        UNIQUE (corpus_id, tokenizer)
      ) STRICT;

      -- Finding texts the user confirmed are not identifiers (a drug name flagged as a name…).
      -- type NULL = any type. Compared lower-cased with whitespace collapsed.
      CREATE TABLE pii_allow_list (
        id INTEGER PRIMARY KEY,
        type TEXT CHECK (type IS NULL OR length(type) > 0),
        text TEXT NOT NULL CHECK (length(text) > 0),
        created_at TEXT NOT NULL DEFAULT ${NOW}
      ) STRICT;
      CREATE UNIQUE INDEX pii_allow_list_entry ON pii_allow_list (coalesce(type, ''), text);
    `);
  },
};

export default migration;
