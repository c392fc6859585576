// The row half of a corpus import's commit: documents.jsonl and findings.jsonl of the (already renamed,
// still hidden) corpus folder go into the database in transactions of a few ten thousand rows (then the
// findings' allow-list keys, in key order) while the corpus row stays 'importing', so no corpus API sees them until the caller's last small transaction
// marks the corpus ready. Findings are the bulk (about 11k per MB on identifier-dense notes): their
// lines are read by a parser specialised for the exact shape the pipeline writes, which falls back to
// JSON.parse for any line it does not fully recognise, so the stored values are JSON.parse's either way.
import { join } from 'node:path';
import { StudioError } from '../../common/errors';
import { readJsonlSync, readLinesSync } from '../../corpus/jsonl-io';
import { FILES } from '../../corpus/layout';
import type { DocumentRecord, FindingRecord } from '../../corpus/pipeline';
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

/** Inserts the folder's document and finding rows for `corpusId`; throws StudioError 'cancelled' between chunks. */
export function commitRows(db: WritableDb, corpusId: number, dir: string, signal: AbortSignal, progress?: CommitProgress, chunkRows = COMMIT_CHUNK): number {
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

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new StudioError('cancelled', 'The import was cancelled; nothing was kept.');
}

/** findings.jsonl, one FindingRecord per line, read in 1 MiB blocks (bounded memory whatever the file's size). */
export function* readFindingsSync(path: string): Generator<FindingRecord> {
  for (const line of readLinesSync(path)) yield parseFindingLine(line);
}

/** A raw control character other than the line feed. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f]/;
const HEAD = '{"doc":';
const TYPE = ',"type":"';
const START = '","start":';
const END = ',"end":';
const TEXT = ',"text":"';
const CONTEXT = '","context":"';
const CONFIDENCE = '","confidence":';

/**
 * One findings.jsonl line. The fast path takes lines exactly as JSON.stringify writes a FindingRecord (keys in
 * this order, nothing else): without a backslash no string can hold an escaped quote, so every `"` is a
 * delimiter, the strings are the raw text between them, and a number is accepted only when it prints back to
 * the same characters (what JSON.parse would read). Anything else — escapes, other keys or order — is
 * JSON.parse'd (and a line that is not JSON throws as it would).
 */
export function parseFindingLine(line: string): FindingRecord {
  return CONTROL.test(line) ? (JSON.parse(line) as FindingRecord) : parsePlainLine(line);
}

/** parseFindingLine for a line known to hold no raw control character. */
function parsePlainLine(line: string): FindingRecord {
  if (line.startsWith(HEAD) && line.charCodeAt(line.length - 1) === 125 /* } */ && line.indexOf('\\') === -1) {
    const a = line.indexOf(TYPE, HEAD.length);
    const b = a < 0 ? -1 : line.indexOf(START, a + TYPE.length);
    const c = b < 0 ? -1 : line.indexOf(END, b + START.length);
    const d = c < 0 ? -1 : line.indexOf(TEXT, c + END.length);
    const e = d < 0 ? -1 : line.indexOf(CONTEXT, d + TEXT.length);
    const f = e < 0 ? -1 : line.indexOf(CONFIDENCE, e + CONTEXT.length);
    if (f >= 0) {
      const type = line.slice(a + TYPE.length, b);
      const text = line.slice(d + TEXT.length, e);
      const context = line.slice(e + CONTEXT.length, f);
      const doc = integerAt(line, HEAD.length, a);
      const start = integerAt(line, b + START.length, c);
      const end = integerAt(line, c + END.length, d);
      const confidence = confidenceAt(line.slice(f + CONFIDENCE.length, line.length - 1));
      if (
        doc !== null && start !== null && end !== null && confidence !== null &&
        type.indexOf('"') === -1 && text.indexOf('"') === -1 && context.indexOf('"') === -1
      ) {
        return { doc, type, start, end, text, context, confidence };
      }
    }
  }
  return JSON.parse(line) as FindingRecord;
}

/**
 * The integer spelled by line[from, to) in JSON's syntax (optional minus, no leading zero, at most 15 digits so
 * that it is exact), else null: the caller then lets JSON.parse read the line.
 */
function integerAt(line: string, from: number, to: number): number | null {
  const negative = line.charCodeAt(from) === 45; /* - */
  let i = negative ? from + 1 : from;
  if (i === to || to - i > 15 || (line.charCodeAt(i) === 48 /* 0 */ && to - i > 1)) return null;
  let n = 0;
  for (; i < to; i++) {
    const digit = line.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    n = n * 10 + digit;
  }
  if (!negative) return n;
  return n === 0 ? null : -n; // "-0" is left to JSON.parse
}

/** Confidences take few distinct values: each spelling is checked once. */
const confidences = new Map<string, number | null>();

/** The number `s` spells when it is exactly how JSON.stringify prints a finite number, else null. */
function confidenceAt(s: string): number | null {
  let value = confidences.get(s);
  if (value === undefined) {
    const n = Number(s);
    value = Number.isFinite(n) && String(n) === s ? n : null;
    if (confidences.size < 1024) confidences.set(s, value);
  }
  return value;
}
