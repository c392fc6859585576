// Record formats, streamed: CSV (one document per row, from a chosen text column) and JSON Lines
// (one document per line, from a chosen field). Lines that are not valid JSON, or lack the field,
// are counted and reported; the valid ones are kept. A `.json` file may be an array of objects, a
// single object, or JSON Lines under another name.
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { FileRejected } from '../types';
import { decodeText, refuseBinaryHead, windows1252FromLatin1 } from './decode';
import { fieldText, noteInvalid, readJsonLines, recordText, tooLongRecord, type EmitRecord, type RecordStats } from './lines';

export { readJsonLines, type EmitRecord, type RecordStats } from './lines';

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
  const whole = decodeText(await readFile(path)).text.replace(/^\uFEFF/, ''); // UTF-8, UTF-16 or Windows-1252, as text files
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
    else if (tooLongRecord(stats, text, i + 1)) continue;
    else {
      stats.records++;
      await emit(await recordText(text), i + 1);
    }
  }
  return stats;
}

/** Bytes of a CSV file looked at to tell UTF-8 from a legacy single-byte encoding. */
const SNIFF_BYTES = 1 << 20;

/** Field separators a CSV export uses: the comma, the semicolon of European spreadsheets, tab and pipe. */
const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The separator the header line uses most often outside quotes (a comma when it holds none: a single column). */
export function sniffDelimiter(header: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * How to read a CSV, from its first MiB (binary data refused): whether it is UTF-8 (or UTF-16 with a byte order mark,
 * which the parser reads itself) — otherwise it is read as Windows-1252 ("Latin-1", what spreadsheet exports without
 * UTF-8 usually are), as text files are — and its field separator, from the header line.
 */
async function sniffCsv(path: string): Promise<{ utf8: boolean; delimiter: string }> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    const headerOf = (text: string) => sniffDelimiter(text.slice(0, Math.max(0, text.indexOf('\n')) || text.length));
    if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { utf8: true, delimiter: headerOf(head.subarray(2, 1 << 16).toString('utf16le')) };
    refuseBinaryHead(head); // not a table: its "columns" would be noise
    let utf8 = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true }); // a sequence cut at the end is no error
    } catch {
      utf8 = false;
    }
    return { utf8, delimiter: headerOf(head.subarray(0, 1 << 16).toString('latin1')) };
  } finally {
    await file.close();
  }
}

export async function readCsv(path: string, column: string, emit: EmitRecord): Promise<RecordStats> {
  const stats: RecordStats = { records: 0, invalid: 0, invalidAt: [] };
  const { utf8, delimiter } = await sniffCsv(path);
  const parser = createReadStream(path).pipe(
    parse({
      ...(utf8 ? {} : { encoding: 'latin1' as const }),
      delimiter,
      bom: true,
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim());
        if (!names.includes(column)) {
          throw new FileRejected('missing_column', `No column "${column}" in the header (columns: ${names.slice(0, 12).join(', ')}). Choose the text column: "Text column" in the reading options, --text-column on the command line.`);
        }
        return names;
      },
      relax_column_count: true,
      max_record_size: 64 * 1024 * 1024,
      skip_empty_lines: true,
      // A record the parser cannot read is skipped (and counted), not the end of the file: an error thrown out of
      // the stream also dropped the rows already parsed but not yet read here.
      skip_records_with_error: true,
    }),
  );
  let row = 0;
  // Counted without a record number (the parser's message gives the line of the first one).
  parser.on('skip', (error: Error) => {
    stats.invalid++;
    stats.detail ??= error.message;
  });
  try {
    for await (const record of parser as AsyncIterable<Record<string, string | undefined>>) {
      row++;
      const text = record[column];
      if (typeof text !== 'string') {
        noteInvalid(stats, row);
        continue;
      }
      if (tooLongRecord(stats, text, row)) continue;
      stats.records++;
      await emit(await recordText(utf8 ? text : windows1252FromLatin1(text)), row);
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
