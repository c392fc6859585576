// Record formats, streamed: CSV (one document per row, from a chosen text column) and JSON Lines
// (one document per line, from a chosen field). Lines that are not valid JSON, or lack the field,
// are counted and reported; the valid ones are kept. A `.json` file may be an array of objects, a
// single object, or JSON Lines under another name.
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { FileRejected } from '../types';

export type EmitRecord = (text: string, record: number) => void | Promise<void>;

export interface RecordStats {
  records: number;
  invalid: number;
  /** First few invalid record numbers, for the message. */
  invalidAt: number[];
}

function fieldText(value: unknown, field: string): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = (value as Record<string, unknown>)[field];
  return typeof v === 'string' ? v : null;
}

function noteInvalid(stats: RecordStats, at: number): void {
  stats.invalid++;
  if (stats.invalidAt.length < 5) stats.invalidAt.push(at);
}

/** Bytes read at a time by eachLine. */
const CHUNK_BYTES = 1 << 20;

/**
 * Calls `onLine` with each line of the file, in order, as node:readline reads them with crlfDelay Infinity: lines
 * end at \n, \r\n or a lone \r, and the last line counts when it is not empty. The file is read in chunks of 1 MiB
 * (one promise per chunk, not per line or per 64 KiB) and each line is decoded on its own: a line break is never
 * inside a UTF-8 sequence, so the text is the same as decoding the file whole, and a line of ASCII text becomes a
 * one-byte string (faster to parse, and to work on after) even when other lines have wider characters.
 */
export async function eachLine(path: string, onLine: (line: string) => void | Promise<void>): Promise<void> {
  const file = await open(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let have = 0; // bytes in buf: the start of a line not yet complete, then what was read after it
    for (;;) {
      if (have === buf.length) {
        const grown = Buffer.allocUnsafe(buf.length * 2); // a line longer than the buffer
        buf.copy(grown, 0, 0, have);
        buf = grown;
      }
      const { bytesRead } = await file.read(buf, have, buf.length - have, null);
      const eof = bytesRead === 0;
      have += bytesRead;
      // Complete lines end at the last line break: a \r read last may be the first half of a \r\n.
      const end = eof ? have : Math.max(buf.lastIndexOf(0x0a, have - 1), have >= 2 ? buf.lastIndexOf(0x0d, have - 2) : -1) + 1;
      if (end > 0) {
        await eachLineOf(buf.subarray(0, end), onLine);
        buf.copy(buf, 0, end, have);
        have -= end;
      }
      if (eof) return;
    }
  } finally {
    await file.close();
  }
}

/** The lines of `bytes` (see eachLine): each ends at a line break, but the last, which counts when not empty. */
async function eachLineOf(bytes: Buffer, onLine: (line: string) => void | Promise<void>): Promise<void> {
  let start = 0;
  if (bytes.indexOf(0x0d) === -1) {
    for (let nl = bytes.indexOf(0x0a); nl !== -1; nl = bytes.indexOf(0x0a, start)) {
      const pending = onLine(bytes.toString('utf8', start, nl));
      start = nl + 1;
      if (pending) await pending;
    }
  } else {
    // The next \n and the next \r at or after `start` (-1: none left), each searched again once passed.
    let nl = bytes.indexOf(0x0a);
    let cr = bytes.indexOf(0x0d);
    while (nl !== -1 || cr !== -1) {
      const end = cr === -1 || (nl !== -1 && nl < cr) ? nl : cr;
      const pending = onLine(bytes.toString('utf8', start, end));
      start = end === cr && nl === cr + 1 ? cr + 2 : end + 1; // \r\n is one line break
      if (nl !== -1 && nl < start) nl = bytes.indexOf(0x0a, start);
      if (cr !== -1 && cr < start) cr = bytes.indexOf(0x0d, start);
      if (pending) await pending;
    }
  }
  if (start < bytes.length) {
    const pending = onLine(bytes.toString('utf8', start));
    if (pending) await pending;
  }
}

export async function readJsonLines(path: string, field: string, emit: EmitRecord): Promise<RecordStats> {
  const stats: RecordStats = { records: 0, invalid: 0, invalidAt: [] };
  let lineNo = 0;
  await eachLine(path, (raw) => {
    lineNo++;
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
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
    stats.records++;
    return emit(text, lineNo);
  });
  return stats;
}

/** Largest `.json` file parsed as one value (parsing holds the whole file several times over in memory). */
export const MAX_WHOLE_JSON_BYTES = 64 * 1024 * 1024;

/** `.json`: a whole-file array or object when it parses as one value, else JSON Lines. */
export async function readJsonFile(path: string, field: string, emit: EmitRecord): Promise<RecordStats> {
  if ((await stat(path)).size > MAX_WHOLE_JSON_BYTES) {
    const stats = await readJsonLines(path, field, emit);
    if (stats.records === 0) {
      throw new FileRejected('too_large', `This .json file is over ${MAX_WHOLE_JSON_BYTES / 1024 / 1024} MiB and is not JSON Lines: convert it to one JSON object per line (.jsonl) and import that.`);
    }
    return stats;
  }
  const whole = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(whole);
  } catch {
    return readJsonLines(path, field, emit);
  }
  const stats: RecordStats = { records: 0, invalid: 0, invalidAt: [] };
  const items = Array.isArray(value) ? value : [value];
  for (let i = 0; i < items.length; i++) {
    const text = fieldText(items[i], field);
    if (text === null) noteInvalid(stats, i + 1);
    else {
      stats.records++;
      await emit(text, i + 1);
    }
  }
  return stats;
}

export async function readCsv(path: string, column: string, emit: EmitRecord): Promise<RecordStats> {
  const stats: RecordStats = { records: 0, invalid: 0, invalidAt: [] };
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim());
        if (!names.includes(column)) {
          throw new FileRejected('missing_column', `No column "${column}" in the header (columns: ${names.slice(0, 12).join(', ')}). Choose the text column with --text-column.`);
        }
        return names;
      },
      relax_column_count: true,
      max_record_size: 64 * 1024 * 1024,
      skip_empty_lines: true,
    }),
  );
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<Record<string, string | undefined>>) {
      row++;
      const text = record[column];
      if (typeof text !== 'string') {
        noteInvalid(stats, row);
        continue;
      }
      stats.records++;
      await emit(text, row);
    }
  } catch (error) {
    if (error instanceof FileRejected) throw error;
    const detail = (error as Error).message;
    if (stats.records === 0) throw new FileRejected('corrupt', `Not a readable CSV file (${detail}).`, { cause: error });
    // Rows before the damage are kept; the rest of the file is counted as one invalid stretch.
    noteInvalid(stats, row + 1);
  }
  return stats;
}
