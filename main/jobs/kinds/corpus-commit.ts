// The row half of a corpus import's commit: documents.jsonl and the findings file of the (already renamed,
// still hidden) corpus folder go into the database in transactions of a few ten thousand rows (then the
// findings' allow-list keys, in key order) while the corpus row stays 'importing', so no corpus API sees them until the caller's last small transaction
// marks the corpus ready. Findings are the bulk (about 11k per MB on identifier-dense notes): the file holds
// them as numbers beside each document's text, and their text and context are cut from it as they are read.
import { join } from 'node:path';
import { StudioError } from '../../common/errors';
import { readJsonlSync } from '../../corpus/jsonl-io';
import { FILES } from '../../corpus/layout';
import type { DocumentRecord, FindingRecord } from '../../corpus/pipeline';
import { readFindingsFile } from '../../corpus/pipeline/findings-file';
import type { WritableDb } from '../../store/db';
import { chunked, indexFindingKeys, insertDocuments, insertFindings, type FindingIdRange } from '../../store/queries/documents';

/**
 * Rows per write transaction: about 50–100 ms of work here, short enough (≪ 0.5 s) never to keep the app
 * or another job waiting long for the write lock, long enough that per-transaction costs stay small.
 */
export const COMMIT_CHUNK = 20_000;

export interface CommitProgress {
  (rows: number): void;
}

/** What a cancellation is read from between chunks: an AbortSignal, or another thread's flag (commit-worker.ts). */
export interface Cancellation {
  readonly aborted: boolean;
}

/** Inserts the folder's document and finding rows for `corpusId`; throws StudioError 'cancelled' between chunks. */
export function commitRows(db: WritableDb, corpusId: number, dir: string, signal: Cancellation, progress?: CommitProgress, chunkRows = COMMIT_CHUNK): number {
  // The connection's settings stay as they are: a larger wal_autocheckpoint here, for one, would leave the
  // checkpoints to the next small commit of another connection — the app's, on its event loop.
  let rows = 0;
  for (const chunk of chunked(readJsonlSync<DocumentRecord>(join(dir, FILES.documents)), chunkRows)) {
    throwIfCancelled(signal);
    rows += db.transaction(() => insertDocuments(db, corpusId, chunk));
    progress?.(rows);
  }
  const ids: FindingIdRange = { from: Infinity, to: 0 };
  for (const chunk of chunked(readFindingsSync(join(dir, FILES.findings)), chunkRows)) {
    throwIfCancelled(signal);
    rows += db.transaction(() => insertFindings(db, corpusId, chunk, { deferKeys: true, ids }));
    progress?.(rows);
  }
  // The allow-list keys, in key order once all findings are in (see indexFindingKeys).
  indexFindingKeys(db, corpusId, chunkRows * 2, () => throwIfCancelled(signal), ids);
  return rows;
}

export function throwIfCancelled(signal: Cancellation): void {
  if (signal.aborted) throw new StudioError('cancelled', 'The import was cancelled; nothing was kept.');
}

/**
 * The findings file's records, in order (pipeline/findings-file.ts: each finding's text and context are cut from
 * its document's text here), read block by block (bounded memory whatever the file's size).
 */
export function readFindingsSync(path: string): Generator<FindingRecord> {
  return readFindingsFile(path);
}
