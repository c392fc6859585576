// Queries on what a corpus import recorded: documents, their PII findings, skipped files, shard sets
// and the PII allow-list. Bulk inserts take iterables so that a large import streams its rows from
// the corpus folder into one transaction without holding them all in memory.
import type { CorpusDocumentDto, CorpusFileError, CorpusFindingSample, RestorableCorpusDto } from '../../common/dto';
import type { AnyDb, WritableDb } from '../db';
import { allowKey, registerAllowKey } from './allow-key';

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

/** The smallest and largest id of a run of inserted findings (start with { from: Infinity, to: 0 }). */
export interface FindingIdRange {
  from: number;
  to: number;
}

export interface ShardSetRow {
  tokenizer: string;
  vocab_size: number;
  dtype: 'uint16' | 'uint32';
  tokens_train: number;
  tokens_validation: number;
  tokens_per_word: number;
}

export { allowKey };

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

/**
 * Inserts findings (documents first); findings matching the allow-list are stored already allow-listed. The
 * corpus's counts by type (finding_counts) are added to in the same transaction as the rows. Each finding's
 * allow-list key goes to finding_keys now, or — `deferKeys`, for a bulk import — later, in key order, by
 * indexFindingKeys (cheaper by far on a large corpus; until then allow-listing does not reach these rows).
 * `ids`, when given, is widened to cover the ids of the rows inserted.
 */
export function insertFindings(
  db: WritableDb, corpusId: number, rows: Iterable<FindingRow>, opts: { deferKeys?: boolean; ids?: FindingIdRange } = {},
): number {
  const allowed = loadAllowList(db);
  // Findings come grouped by document: its row id is looked up once per document, not once per finding.
  const documentId = db.sql.prepare('SELECT id FROM documents WHERE corpus_id = ? AND ordinal = ?').pluck();
  const stmt = db.sql.prepare(
    `INSERT INTO findings (document_id, corpus_id, type, start, "end", text, context, confidence, allow_listed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const keyStmt = opts.deferKeys ? null : db.sql.prepare('INSERT INTO finding_keys (corpus_id, key, finding_id) VALUES (?, ?, ?)');
  const counts = new Map<string, { total: number; allowed: number }>();
  let n = 0;
  let lastDoc = -1;
  let lastId: unknown = null;
  for (const f of rows) {
    if (f.doc !== lastDoc) {
      lastDoc = f.doc;
      lastId = documentId.get(corpusId, f.doc) ?? null; // null: refused by the NOT NULL constraint, as before
    }
    let isAllowed = false;
    const key = allowed.size > 0 || keyStmt ? allowKey(f.text) : '';
    if (allowed.size > 0) isAllowed = allowed.has(`\0${key}`) || allowed.has(`${f.type}\0${key}`);
    const id = stmt.run(lastId, corpusId, f.type, f.start, f.end, f.text, f.context, f.confidence, isAllowed ? 1 : 0).lastInsertRowid;
    keyStmt?.run(corpusId, key, id);
    if (opts.ids) {
      opts.ids.from = Math.min(opts.ids.from, Number(id));
      opts.ids.to = Math.max(opts.ids.to, Number(id));
    }
    let c = counts.get(f.type);
    if (!c) counts.set(f.type, (c = { total: 0, allowed: 0 }));
    c.total++;
    if (isAllowed) c.allowed++;
    n++;
  }
  const add = db.sql.prepare(
    `INSERT INTO finding_counts (corpus_id, type, total, allow_listed) VALUES (?, ?, ?, ?)
     ON CONFLICT (corpus_id, type) DO UPDATE SET total = total + excluded.total, allow_listed = allow_listed + excluded.allow_listed`,
  );
  for (const [type, c] of counts) add.run(corpusId, type, c.total, c.allowed);
  return n;
}

/**
 * Writes the allow-list keys of a corpus's findings inserted with `deferKeys`: sorted by SQLite into a
 * temporary table (its own file, no lock on the workspace), then appended to finding_keys in transactions
 * of `chunkRows` (each extends the corpus's key range in order: few pages written per row). Finally
 * applies every allow-list entry to the corpus through those keys, for entries added while the rows were
 * going in. `beforeChunk` runs before each transaction (a cancellation check throws from it).
 */
export function indexFindingKeys(
  db: WritableDb, corpusId: number, chunkRows: number, beforeChunk?: () => void, ids?: FindingIdRange,
): void {
  registerAllowKey(db.sql);
  db.sql.exec('DROP TABLE IF EXISTS temp.studio_sorted_keys');
  try {
    // With the id range the findings were inserted in (other corpora's rows in it are skipped), the rows are
    // read in table order (`+corpus_id`: not through findings_review, whose order would make the reads
    // random); without, through the corpus's part of findings_review.
    db.sql
      .prepare(
        ids
          ? `CREATE TEMP TABLE studio_sorted_keys AS SELECT studio_allow_key(text) AS key, id FROM findings
             WHERE id BETWEEN @from AND @to AND +corpus_id = @corpus ORDER BY key, id`
          : `CREATE TEMP TABLE studio_sorted_keys AS SELECT studio_allow_key(text) AS key, id FROM findings INDEXED BY findings_review
             WHERE corpus_id = @corpus ORDER BY key, id`,
      )
      .run({ corpus: corpusId, ...(ids ?? {}) });
    const rows = db.sql.prepare('SELECT max(rowid) FROM temp.studio_sorted_keys').pluck().get() as number | null;
    const move = db.sql.prepare(
      'INSERT INTO finding_keys (corpus_id, key, finding_id) SELECT ?, key, id FROM temp.studio_sorted_keys WHERE rowid BETWEEN ? AND ?',
    );
    for (let from = 1; rows !== null && from <= rows; from += chunkRows) {
      beforeChunk?.();
      db.transaction(() => move.run(corpusId, from, from + chunkRows - 1));
    }
  } finally {
    db.sql.exec('DROP TABLE IF EXISTS temp.studio_sorted_keys');
  }
  db.transaction(() => {
    for (const entry of listAllowList(db)) markAllowed(db, entry.type, entry.text, corpusId);
  });
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

/**
 * A page of a corpus's documents in import order: all, one status, or `removed` (every status but kept); duplicates
 * with the document of their cluster that was kept. Read through the (corpus, status) or (corpus, ordinal) index.
 */
export function listDocuments(
  db: AnyDb,
  corpusId: number,
  page: { status?: string; limit: number; offset: number },
): { total: number; documents: CorpusDocumentDto[] } {
  const where = page.status === undefined ? '' : page.status === 'removed' ? "AND d.status <> 'kept'" : 'AND d.status = @status';
  const params = { corpus: corpusId, status: page.status ?? null, limit: page.limit, offset: page.offset };
  const total = db.sql.prepare(`SELECT count(*) FROM documents d WHERE d.corpus_id = @corpus ${where}`).pluck().get(params) as number;
  const rows = db.sql
    .prepare(
      `SELECT d.ordinal, d.source, d.record, d.bytes, d.language, d.status, d.filter, d.split, d.similarity, d.findings,
              k.ordinal AS head_ordinal, k.source AS head_source, k.record AS head_record
       FROM documents d
       LEFT JOIN documents k ON d.status IN ('duplicate', 'near_duplicate') AND k.corpus_id = d.corpus_id AND k.ordinal = d.cluster
       WHERE d.corpus_id = @corpus ${where}
       ORDER BY d.ordinal LIMIT @limit OFFSET @offset`,
    )
    .all(params) as (Omit<CorpusDocumentDto, 'duplicate_of'> & { head_ordinal: number | null; head_source: string | null; head_record: number | null })[];
  const documents = rows.map(({ head_ordinal, head_source, head_record, ...d }) => ({
    ...d,
    duplicate_of: head_ordinal === null ? null : { ordinal: head_ordinal, source: head_source!, record: head_record },
  }));
  return { total, documents };
}

/**
 * Findings of a corpus by type (allow-listed ones included, and counted apart), most frequent first; equal
 * totals in descending type order, the order the scan this replaced gave them (SQLite's sorter emits equal
 * keys in reverse order of arrival, and the grouping delivered the types in ascending order).
 */
export function countFindingsByType(db: AnyDb, corpusId: number): Record<string, { total: number; allow_listed: number }> {
  const rows = db.sql
    .prepare('SELECT type, total, allow_listed FROM finding_counts WHERE corpus_id = ? AND total > 0 ORDER BY total DESC, type DESC')
    .all(corpusId) as { type: string; total: number; allow_listed: number }[];
  return Object.fromEntries(rows.map((r) => [r.type, { total: r.total, allow_listed: r.allow_listed }]));
}

/**
 * Up to `perType` findings of each type (or of one type), most confident first, not yet allow-listed ones
 * before allow-listed ones, ties in insertion order; types in code-point order. Each type's samples are the
 * first rows of its findings_review range: the work grows with `perType`, not with the corpus.
 */
export function sampleFindings(db: AnyDb, corpusId: number, perType: number, type?: string): CorpusFindingSample[] {
  if (!(perType >= 1)) return [];
  const types = type === undefined
    ? (db.sql.prepare('SELECT type FROM finding_counts WHERE corpus_id = ? AND total > 0 ORDER BY type').pluck().all(corpusId) as string[])
    : [type];
  const stmt = db.sql.prepare(
    `SELECT f.id AS id, d.ordinal AS document, d.source AS source, f.type AS type, f.text AS text, f.context AS context,
            f.confidence AS confidence, f.allow_listed AS allow_listed
     FROM findings f INDEXED BY findings_review JOIN documents d ON d.id = f.document_id
     WHERE f.corpus_id = ? AND f.type = ?
     ORDER BY f.allow_listed, f.confidence DESC, f.id LIMIT ?`,
  );
  const out: CorpusFindingSample[] = [];
  for (const t of types) {
    for (const r of stmt.all(corpusId, t, Number.isFinite(perType) ? Math.floor(perType) : -1) as (Omit<CorpusFindingSample, 'allow_listed'> & { allow_listed: number })[]) {
      out.push({ ...r, allow_listed: r.allow_listed === 1 });
    }
  }
  return out;
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
    return markAllowed(db, type, key, null);
  });
}

/**
 * Marks the findings whose key is `key` (of `type`, or any type when null) allow-listed, in one corpus or in
 * all, through finding_keys, and moves them between the stored counts; returns how many changed. The key
 * is checked again on each row, so only rows that truly match change.
 */
function markAllowed(db: WritableDb, type: string | null, key: string, corpusId: number | null): number {
  registerAllowKey(db.sql);
  const changed = db.sql
    .prepare(
      `UPDATE findings SET allow_listed = 1
       WHERE id IN (SELECT finding_id FROM finding_keys
                    WHERE corpus_id IN (SELECT id FROM corpora WHERE @corpus IS NULL OR id = @corpus) AND key = @key)
         AND allow_listed = 0 AND (@type IS NULL OR type = @type) AND studio_allow_key(text) = @key
       RETURNING corpus_id, type`,
    )
    .all({ corpus: corpusId, key, type }) as { corpus_id: number; type: string }[];
  const moved = new Map<string, { corpus: number; type: string; n: number }>();
  for (const r of changed) {
    const k = `${r.corpus_id}\0${r.type}`;
    const m = moved.get(k);
    if (m) m.n++;
    else moved.set(k, { corpus: r.corpus_id, type: r.type, n: 1 });
  }
  const add = db.sql.prepare('UPDATE finding_counts SET allow_listed = allow_listed + ? WHERE corpus_id = ? AND type = ?');
  for (const m of moved.values()) add.run(m.n, m.corpus, m.type);
  return changed.length;
}

/**
 * Ready corpora imported in redact mode whose kept documents still hold placeholders of allow-listed findings (all
 * corpora, or one).
 */
export function listRestorable(db: AnyDb, corpusId: number | null = null): RestorableCorpusDto[] {
  return db.sql
    .prepare(
      `SELECT c.id AS corpus, c.name AS name, count(DISTINCT f.document_id) AS documents, count(*) AS findings
       FROM findings f JOIN documents d ON d.id = f.document_id JOIN corpora c ON c.id = f.corpus_id
       WHERE f.allow_listed = 1 AND f.restored = 0 AND d.status = 'kept' AND c.status = 'ready'
         AND json_extract(c.options, '$.pii') = 'redact' AND (@corpus IS NULL OR c.id = @corpus)
       GROUP BY c.id ORDER BY c.id`,
    )
    .all({ corpus: corpusId }) as RestorableCorpusDto[];
}

/** One finding of a document to restore (see findingsToRestore). */
export interface RestoreRow {
  document_id: number;
  ordinal: number;
  finding_id: number;
  type: string;
  start: number;
  end: number;
  text: string;
  allow_listed: number;
}

/**
 * Every finding of each kept document of the corpus that holds an allow-listed finding not yet put back, in document
 * order and, within a document, by start: the order in which their placeholders stand in its text.
 */
export function findingsToRestore(db: AnyDb, corpusId: number): IterableIterator<RestoreRow> {
  return db.sql
    .prepare(
      `SELECT d.id AS document_id, d.ordinal AS ordinal, f.id AS finding_id, f.type AS type, f.start AS start, f."end" AS "end",
              f.text AS text, f.allow_listed AS allow_listed
       FROM documents d JOIN findings f ON f.document_id = d.id
       WHERE d.id IN (SELECT document_id FROM findings WHERE corpus_id = @corpus AND allow_listed = 1 AND restored = 0)
         AND d.status = 'kept'
       ORDER BY d.ordinal, f.start, f.id`,
    )
    .iterate({ corpus: corpusId }) as IterableIterator<RestoreRow>;
}

/** Records the findings put back and the new byte size of each document changed (one transaction: the caller's). */
export function markRestored(db: WritableDb, corpusId: number, documents: ReadonlyMap<number, number>, findingIds: Iterable<number>): void {
  const finding = db.sql.prepare('UPDATE findings SET restored = 1 WHERE id = ? AND corpus_id = ? AND allow_listed = 1');
  for (const id of findingIds) finding.run(id, corpusId);
  const doc = db.sql.prepare('UPDATE documents SET bytes = ? WHERE id = ? AND corpus_id = ?');
  for (const [id, bytes] of documents) doc.run(bytes, id, corpusId);
}

/** Removes a corpus's shard set rows (their folders are the caller's). */
export function deleteShardSets(db: WritableDb, corpusId: number): void {
  db.sql.prepare('DELETE FROM corpus_shards WHERE corpus_id = ?').run(corpusId);
}

/**
 * Deletes a corpus's documents (their findings go with them), finding keys and counts, file errors and shard sets in
 * transactions of at most `chunk` documents, so that no single write holds the lock for long.
 * The corpora row itself is left to the caller.
 */
export function deleteCorpusContent(db: WritableDb, corpusId: number, chunk = 5000): void {
  const step = db.sql.prepare('DELETE FROM documents WHERE id IN (SELECT id FROM documents WHERE corpus_id = ? LIMIT ?)');
  while (db.transaction(() => step.run(corpusId, chunk).changes) > 0) {
    // next chunk
  }
  const keys = db.sql.prepare(
    `DELETE FROM finding_keys WHERE (corpus_id, key, finding_id) IN
       (SELECT corpus_id, key, finding_id FROM finding_keys WHERE corpus_id = ? LIMIT ?)`,
  );
  while (db.transaction(() => keys.run(corpusId, chunk * 10).changes) > 0) {
    // next chunk
  }
  db.transaction(() => {
    db.sql.prepare('DELETE FROM finding_counts WHERE corpus_id = ?').run(corpusId);
    db.sql.prepare('DELETE FROM file_errors WHERE corpus_id = ?').run(corpusId);
    deleteShardSets(db, corpusId);
  });
}

/**
 * Splits an iterable into consecutive runs of at most `size` items (for chunked transactions), read lazily from the
 * source: a run is not an array, so rows pass one by one from the reader to the insert and die young instead of
 * piling up (several hundred MB of a large import's findings were held in 20,000-row arrays). Each run must be read
 * to its end before the next is taken.
 */
export function* chunked<T>(rows: Iterable<T>, size: number): Generator<Iterable<T>> {
  const source = rows[Symbol.iterator]();
  let next = source.next();
  while (!next.done) {
    let taken = 0;
    yield {
      *[Symbol.iterator]() {
        while (!next.done && taken < size) {
          const value = next.value;
          taken++;
          next = source.next();
          yield value;
        }
      },
    };
    if (taken === 0) throw new Error('chunked: a run was not read before the next was taken');
  }
}
