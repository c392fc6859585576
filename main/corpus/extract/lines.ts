// Reading files line by line, and the records of JSON Lines files: shared by the extractors (records.ts) and the
// import's worker threads, which parse chunks of JSON Lines read by the main thread (pipeline/prepare.ts) — this
// module loads no parsing library (the HTML reader only for a record that holds HTML).
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { FileRejected } from '../types';
import { decodeWindows1252, refuseBinaryHead } from './decode';

export type EmitRecord = (text: string, record: number) => void | Promise<void>;

export interface RecordStats {
  records: number;
  invalid: number;
  /** First few invalid record numbers, for the message. */
  invalidAt: number[];
  /** What the parser said about the first record it could not read (CSV: "Quote Not Closed … at line 3001"). */
  detail?: string;
}

// A record holding HTML (a web page exported as JSON Lines or CSV: "<p>Dear client,</p>…"): one of these tags.
const HTML_TAG_RE = /<\/?(?:p|div|span|br|b|i|u|a|li|ul|ol|table|tr|td|th|h[1-6]|strong|em|blockquote|section|article|body|html)(?:\s[^<>]{0,300})?\/?>/i;
let html: Promise<{ htmlToText: (html: string) => string }> | null = null;

/**
 * A record's text as training should read it: HTML markup read as a page is (tags out, entities decoded, breaks
 * kept) — the parsing library loaded only when a record holds HTML — other text as it is.
 */
export function recordText(text: string): string | Promise<string> {
  if (!text.includes('<') || !HTML_TAG_RE.test(text)) return text;
  return (html ??= import('./html')).then((m) => m.htmlToText(text));
}

export function fieldText(value: unknown, field: string): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = (value as Record<string, unknown>)[field];
  return typeof v === 'string' ? v : null;
}

/**
 * Characters one document may have (16 Mi): the analysis holds a document whole, several times over, with an object
 * per word and per finding — about 45 bytes per character of clinical notes (16 million characters: 740 MB), within
 * the import's 1 GB. Whole-file documents longer than that (a Word file's text can be many times its size) are refused, and records (a
 * JSON line, a CSV row) counted invalid.
 */
export const MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;

/** How many invalid record numbers RecordStats.invalidAt keeps (the first ones). */
const INVALID_AT_KEPT = 5;

export function noteInvalid(stats: RecordStats, at: number): void {
  stats.invalid++;
  if (stats.invalidAt.length < INVALID_AT_KEPT) stats.invalidAt.push(at);
}

/** Whether a record's text is too long to be a document: counted invalid, with the reason (once per file). */
export function tooLongRecord(stats: RecordStats, text: string, at: number): boolean {
  if (text.length <= MAX_DOCUMENT_CHARS) return false;
  noteInvalid(stats, at);
  stats.detail ??= `a record of ${(text.length / 1e6).toFixed(1)} million characters, over the ${MAX_DOCUMENT_CHARS / 1024 / 1024} Mi characters one document may have`;
  return true;
}

/**
 * Adds the counts of `chunk` (records numbered from 1 within a chunk of a file, see jsonLinesOf) to `total`, the
 * file's, whose earlier chunks held `before` lines: its invalid record numbers are noted shifted by that.
 */
export function addChunkStats(total: RecordStats, chunk: RecordStats, before: number): void {
  total.records += chunk.records;
  total.invalid += chunk.invalid;
  for (const at of chunk.invalidAt) if (total.invalidAt.length < INVALID_AT_KEPT) total.invalidAt.push(before + at);
  if (chunk.detail !== undefined) total.detail ??= chunk.detail;
}

/** Bytes read at a time by eachChunkOfLines. */
const CHUNK_BYTES = 1 << 20;

/**
 * Calls `onChunk` with the file's bytes about 1 MiB at a time (one promise per chunk, not per line or per 64 KiB),
 * each chunk made of whole lines (it ends after a line break, or at the end of the file), in order; the buffer is
 * reused once the call (and the promise it returns) is over. eachLineOf then reads the lines of a chunk.
 */
export async function eachChunkOfLines(path: string, onChunk: (bytes: Buffer) => void | Promise<void>): Promise<void> {
  const file = await open(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let have = 0; // bytes in buf: the start of a line not yet complete, then what was read after it
    let first = true;
    for (;;) {
      if (have === buf.length) {
        const grown = Buffer.allocUnsafe(buf.length * 2); // a line longer than the buffer
        buf.copy(grown, 0, 0, have);
        buf = grown;
      }
      const { bytesRead } = await file.read(buf, have, buf.length - have, null);
      if (first) {
        refuseNonText(buf.subarray(0, bytesRead), 'JSON Lines');
        first = false;
      }
      const eof = bytesRead === 0;
      have += bytesRead;
      // Complete lines end at the last line break: a \r read last may be the first half of a \r\n.
      const end = eof ? have : Math.max(buf.lastIndexOf(0x0a, have - 1), have >= 2 ? buf.lastIndexOf(0x0d, have - 2) : -1) + 1;
      if (end > 0) {
        await onChunk(buf.subarray(0, end));
        buf.copy(buf, 0, end, have);
        have -= end;
      }
      if (eof) return;
    }
  } finally {
    await file.close();
  }
}

/**
 * One line's text: UTF-8, or — when its bytes are not UTF-8 (a Latin-1 export) — Windows-1252, as text files are
 * decoded (decode.ts), instead of a U+FFFD for each accented letter. Only a line whose UTF-8 decoding holds a U+FFFD
 * is checked (none of a one-byte string can, and the search stops at once).
 */
function decodeLine(bytes: Buffer, start: number, end?: number): string {
  const text = bytes.toString('utf8', start, end);
  if (text.indexOf('\uFFFD') === -1) return text;
  const raw = bytes.subarray(start, end);
  return isUtf8(raw) ? text : decodeWindows1252(raw);
}

/**
 * Refuses, from its first bytes, a file of lines that is not text: UTF-16 (its byte order mark; such lines cannot be read
 * as UTF-8 or Latin-1) or binary data (whose "lines" would all be counted as bad records, with the wrong advice).
 */
export function refuseNonText(head: Uint8Array, what: string): void {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    throw new FileRejected('encoding', `The file is UTF-16 text; ${what} must be UTF-8 (or Latin-1). Save it as UTF-8 and import it again.`);
  }
  refuseBinaryHead(head);
}

/**
 * Calls `onLine` with each line of `bytes`, in order, as node:readline reads them with crlfDelay Infinity: lines end
 * at \n, \r\n or a lone \r, and the last line counts when it is not empty. Each line is decoded on its own: a line
 * break is never inside a UTF-8 sequence, so the text is the same as decoding the file whole, and a line of ASCII
 * text becomes a one-byte string (faster to parse, and to work on after) even when other lines have wider characters.
 */
export async function eachLineOf(bytes: Buffer, onLine: (line: string) => void | Promise<void>): Promise<void> {
  let start = 0;
  if (bytes.indexOf(0x0d) === -1) {
    for (let nl = bytes.indexOf(0x0a); nl !== -1; nl = bytes.indexOf(0x0a, start)) {
      const pending = onLine(decodeLine(bytes, start, nl));
      start = nl + 1;
      if (pending) await pending;
    }
  } else {
    // The next \n and the next \r at or after `start` (-1: none left), each searched again once passed.
    let nl = bytes.indexOf(0x0a);
    let cr = bytes.indexOf(0x0d);
    while (nl !== -1 || cr !== -1) {
      const end = cr === -1 || (nl !== -1 && nl < cr) ? nl : cr;
      const pending = onLine(decodeLine(bytes, start, end));
      start = end === cr && nl === cr + 1 ? cr + 2 : end + 1; // \r\n is one line break
      if (nl !== -1 && nl < start) nl = bytes.indexOf(0x0a, start);
      if (cr !== -1 && cr < start) cr = bytes.indexOf(0x0d, start);
      if (pending) await pending;
    }
  }
  if (start < bytes.length) {
    const pending = onLine(decodeLine(bytes, start));
    if (pending) await pending;
  }
}

export async function readJsonLines(path: string, field: string, emit: EmitRecord): Promise<RecordStats> {
  const stats: RecordStats = { records: 0, invalid: 0, invalidAt: [] };
  let next = 1; // number of the chunk's first line
  await eachChunkOfLines(path, async (bytes) => {
    next += await jsonLinesOf(bytes, next, field, stats, emit);
  });
  return stats;
}

/**
 * The records of `bytes`, whole JSON Lines lines (a chunk of eachChunkOfLines) numbered from `firstLine`: `emit` gets
 * each valid record's text and line number, `stats` counts them and the invalid ones (not valid JSON, or no string
 * `field`). Line `bomLine` (the file's first line: 1 when the chunk opens the file) may open with a byte order mark.
 * Returns how many lines the chunk holds, blank ones included.
 */
export async function jsonLinesOf(
  bytes: Buffer,
  firstLine: number,
  field: string,
  stats: RecordStats,
  emit: EmitRecord,
  bomLine = 1,
): Promise<number> {
  let lineNo = firstLine - 1;
  await eachLineOf(bytes, (raw) => {
    lineNo++;
    const line = lineNo === bomLine ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      noteInvalid(stats, lineNo);
      return;
    }
    const text = fieldText(value, field);
    if (text === null) {
      noteInvalid(stats, lineNo);
      return;
    }
    if (tooLongRecord(stats, text, lineNo)) return;
    stats.records++;
    const read = recordText(text);
    return typeof read === 'string' ? emit(read, lineNo) : read.then((t) => emit(t, lineNo));
  });
  return lineNo - firstLine + 1;
}
