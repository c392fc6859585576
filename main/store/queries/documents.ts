// Queries on what a corpus import recorded: documents, their PII findings, skipped files, shard sets
// and the PII allow-list. Bulk inserts take iterables so that a large import streams its rows from
// the corpus folder into one transaction without holding them all in memory.
import type { CorpusFileError, CorpusFindingSample } from '../../common/dto';
import type { AnyDb, WritableDb } from '../db';

export interface DocumentRow {
  i: number;
  source: string;
  record: number | null;
  hash: string;
  bytes: number;
  language: string;
  status: 'kept' | 'duplicate' | 'near_duplicate' | 'filtered' | 'dropped_pii';
  filter: string | null;
  split: 'train' | 'validation' | null;
  cluster: number | null;
  similarity: number | null;
  findings: number;
}

export interface FindingRow {
  /** Ordinal of the document in its corpus. */
  doc: number;
  type: string;
  start: number;
  end: number;
  text: string;
  context: string;
  confidence: number;
}

export interface ShardSetRow {
  tokenizer: string;
  vocab_size: number;
  dtype: 'uint16' | 'uint32';
  tokens_train: number;
  tokens_validation: number;
  tokens_per_word: number;
}

/** How allow-list entries and finding texts are compared: lower-cased, whitespace collapsed, trimmed. */
export function allowKey(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function insertDocuments(db: WritableDb, corpusId: number, rows: Iterable<DocumentRow>): number {
  const stmt = db.sql.prepare(
    `INSERT INTO documents (corpus_id, ordinal, hash, source, record, bytes, language, status, filter, split, cluster, similarity, findings)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let n = 0;
  for (const r of rows) {
    stmt.run(corpusId, r.i, r.hash, r.source, r.record, r.bytes, r.language, r.status, r.filter, r.split, r.cluster, r.similarity, r.findings);
    n++;
  }
  return n;
}

/** Inserts findings (documents first); findings matching the allow-list are stored already allow-listed. */
export function insertFindings(db: WritableDb, corpusId: number, rows: Iterable<FindingRow>): number {
  const allowed = loadAllowList(db);
  // Findings come grouped by document: its row id is looked up once per document, not once per finding.
  const documentId = db.sql.prepare('SELECT id FROM documents WHERE corpus_id = ? AND ordinal = ?').pluck();
  const stmt = db.sql.prepare(
    `INSERT INTO findings (document_id, type, start, "end", text, context, confidence, allow_listed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let n = 0;
  let lastDoc = -1;
  let lastId: unknown = null;
  for (const f of rows) {
    if (f.doc !== lastDoc) {
      lastDoc = f.doc;
      lastId = documentId.get(corpusId, f.doc) ?? null; // null: refused by the NOT NULL constraint, as before
    }
    let isAllowed = false;
    if (allowed.size > 0) {
      const key = allowKey(f.text);
      isAllowed = allowed.has(`\0${key}`) || allowed.has(`${f.type}\0${key}`);
    }
    stmt.run(lastId, f.type, f.start, f.end, f.text, f.context, f.confidence, isAllowed ? 1 : 0);
    n++;
  }
  return n;
}

export function insertFileErrors(db: WritableDb, corpusId: number, errors: readonly CorpusFileError[]): void {
  const stmt = db.sql.prepare('INSERT INTO file_errors (corpus_id, path, severity, reason, message) VALUES (?, ?, ?, ?, ?)');
  for (const e of errors) stmt.run(corpusId, e.path, e.severity, e.reason, e.message);
}

export function listFileErrors(db: AnyDb, corpusId: number): CorpusFileError[] {
  return db.sql
    .prepare('SELECT path, severity, reason, message FROM file_errors WHERE corpus_id = ? ORDER BY id')
    .all(corpusId) as CorpusFileError[];
}

export function upsertShardSet(db: WritableDb, corpusId: number, s: ShardSetRow): void {
  db.sql
    .prepare(
      `INSERT INTO corpus_shards (corpus_id, tokenizer, vocab_size, dtype, tokens_train, tokens_validation, tokens_per_word)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (corpus_id, tokenizer) DO UPDATE SET vocab_size = excluded.vocab_size, dtype = excluded.dtype,
         tokens_train = excluded.tokens_train, tokens_validation = excluded.tokens_validation,
         tokens_per_word = excluded.tokens_per_word, created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    )
    .run(corpusId, s.tokenizer, s.vocab_size, s.dtype, s.tokens_train, s.tokens_validation, s.tokens_per_word);
}

export function listShardSets(db: AnyDb, corpusId: number): ShardSetRow[] {
  return db.sql
    .prepare('SELECT tokenizer, vocab_size, dtype, tokens_train, tokens_validation, tokens_per_word FROM corpus_shards WHERE corpus_id = ? ORDER BY id')
    .all(corpusId) as ShardSetRow[];
}

export function countDocumentsByStatus(db: AnyDb, corpusId: number): Record<string, number> {
  const rows = db.sql.prepare('SELECT status, count(*) AS n FROM documents WHERE corpus_id = ? GROUP BY status').all(corpusId) as { status: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export function countFindingsByType(db: AnyDb, corpusId: number): Record<string, { total: number; allow_listed: number }> {
  const rows = db.sql
    .prepare(
      `SELECT f.type AS type, count(*) AS total, sum(f.allow_listed) AS allow_listed
       FROM findings f JOIN documents d ON d.id = f.document_id WHERE d.corpus_id = ? GROUP BY f.type ORDER BY total DESC`,
    )
    .all(corpusId) as { type: string; total: number; allow_listed: number }[];
  return Object.fromEntries(rows.map((r) => [r.type, { total: r.total, allow_listed: r.allow_listed }]));
}

/**
 * Up to `perType` findings of each type (or of one type), spread over documents, most confident first. The
 * ranking sorts only ids and types (every finding of the corpus passes through it); texts, contexts and
 * sources are read for the few rows kept.
 */
export function sampleFindings(db: AnyDb, corpusId: number, perType: number, type?: string): CorpusFindingSample[] {
  const rows = db.sql
    .prepare(
      `SELECT f.id AS id, d.ordinal AS document, d.source AS source, f.type AS type, f.text AS text, f.context AS context,
              f.confidence AS confidence, f.allow_listed AS allow_listed
       FROM (
         SELECT id, type, rank FROM (
           SELECT f.id AS id, f.type AS type,
                  row_number() OVER (PARTITION BY f.type ORDER BY f.allow_listed, f.confidence DESC, f.id) AS rank
           FROM findings f JOIN documents d ON d.id = f.document_id
           WHERE d.corpus_id = ? AND (? IS NULL OR f.type = ?)
         ) WHERE rank <= ?
       ) r JOIN findings f ON f.id = r.id JOIN documents d ON d.id = f.document_id
       ORDER BY r.type, r.rank`,
    )
    .all(corpusId, type ?? null, type ?? null, perType) as (Omit<CorpusFindingSample, 'allow_listed'> & { allow_listed: number })[];
  return rows.map((r) => ({ ...r, allow_listed: r.allow_listed === 1 }));
}

/** Allow-list keys: `type\0text` and `\0text` (any type). */
export function loadAllowList(db: AnyDb): Set<string> {
  const rows = db.sql.prepare('SELECT type, text FROM pii_allow_list').all() as { type: string | null; text: string }[];
  return new Set(rows.map((r) => `${r.type ?? ''}\0${r.text}`));
}

export function listAllowList(db: AnyDb): { type: string | null; text: string }[] {
  return db.sql.prepare('SELECT type, text FROM pii_allow_list ORDER BY id').all() as { type: string | null; text: string }[];
}

/** Adds an allow-list entry and marks every stored finding it covers; returns how many findings changed. */
export function allowFindingText(db: WritableDb, type: string | null, text: string): number {
  const key = allowKey(text);
  return db.transaction(() => {
    db.sql.prepare('INSERT OR IGNORE INTO pii_allow_list (type, text) VALUES (?, ?)').run(type, key);
    db.sql.function('studio_allow_key', { deterministic: true }, (t: unknown) => allowKey(String(t)));
    return db.sql
      .prepare('UPDATE findings SET allow_listed = 1 WHERE allow_listed = 0 AND (? IS NULL OR type = ?) AND studio_allow_key(text) = ?')
      .run(type, type, key).changes;
  });
}

/**
 * Deletes a corpus's documents (their findings go with them), file errors and shard sets in
 * transactions of at most `chunk` documents, so that no single write holds the lock for long.
 * The corpora row itself is left to the caller.
 */
export function deleteCorpusContent(db: WritableDb, corpusId: number, chunk = 5000): void {
  const step = db.sql.prepare('DELETE FROM documents WHERE id IN (SELECT id FROM documents WHERE corpus_id = ? LIMIT ?)');
  while (db.transaction(() => step.run(corpusId, chunk).changes) > 0) {
    // next chunk
  }
  db.transaction(() => {
    db.sql.prepare('DELETE FROM file_errors WHERE corpus_id = ?').run(corpusId);
    db.sql.prepare('DELETE FROM corpus_shards WHERE corpus_id = ?').run(corpusId);
  });
}

/** Splits an iterable into arrays of `size` (for chunked transactions). */
export function* chunked<T>(rows: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
