// One entry point for every supported format: picks the extractor by file extension and emits the
// documents a file holds. Per-file failures are FileRejected errors; the caller records and moves on.
// The HTML, PDF and Word extractors load their libraries (≈ 290 ms of module loading together) on the first file
// of their format, so that a thread that only reads text or JSON Lines never pays for them.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { FileRejected } from '../types';
import { decodeText } from './decode';
import { markdownToText } from './markdown';
import { MAX_DOCUMENT_CHARS } from './lines';
import { readCsv, readJsonFile, readJsonLines, type EmitRecord, type RecordStats } from './records';
import type { ZipLimits } from './zip-guard';

export { MAX_DOCUMENT_CHARS };

export const SUPPORTED_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.pdf', '.docx', '.csv', '.jsonl', '.ndjson', '.json'] as const;

export interface ExtractOptions {
  /** CSV column holding the text. */
  textColumn: string;
  /** JSON field holding the text. */
  jsonField: string;
  zipLimits?: ZipLimits;
}

export interface ExtractOutcome {
  /** Documents emitted. */
  records: number;
  /** Records that could not be used (bad JSON lines, rows without the column). */
  invalid: number;
  invalidAt: number[];
  /** What the parser said about the first record it could not read, when it said something. */
  detail?: string;
  /** The file was read, but only in part (a PDF with scanned pages): reported as a warning. */
  warning?: { reason: string; message: string };
}

/** A whole file's text, and a warning when only part of it could be read. */
export interface WholeText {
  text: string;
  warning?: { reason: string; message: string };
}

export function isSupported(path: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

/**
 * Largest file read as ONE document (txt, md, html, pdf, docx): its text is held in memory several
 * times over while it is cleaned. Record formats (csv, jsonl) are streamed and only meet max_file_bytes.
 */
export const MAX_SINGLE_DOCUMENT_BYTES = 64 * 1024 * 1024;

/**
 * The bytes of a whole-document file, read synchronously: a promise-based stat and read cost ≈ 35 µs of CPU per
 * call (thread-pool round trips, several per file), more than reading and decoding a small note itself.
 */
function readWhole(path: string): Buffer {
  // Non-blocking, then checked: the walk saw a regular file, but a pipe put in its place since would block the read forever.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new FileRejected('not_a_file', 'Not a regular file (a device, socket or pipe): skipped.');
    const size = info.size;
    if (size > MAX_SINGLE_DOCUMENT_BYTES) {
      throw new FileRejected('too_large', `The file is ${(size / 1024 / 1024).toFixed(1)} MiB, over the ${MAX_SINGLE_DOCUMENT_BYTES / 1024 / 1024} MiB a single document may have. Split it into smaller files, or convert it to JSON Lines (one document per line).`);
    }
    const bytes = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, bytes, got, size - got, null);
      if (n === 0) break; // shorter than it was a moment ago
      got += n;
    }
    return got === size ? bytes : bytes.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

async function wholeFile(path: string, toText: (bytes: Buffer) => string | WholeText | Promise<string | WholeText>, emit: EmitRecord): Promise<ExtractOutcome> {
  const read = await toText(readWhole(path));
  const { text, warning } = typeof read === 'string' ? { text: read, warning: undefined } : read;
  if (text.length > MAX_DOCUMENT_CHARS) {
    throw new FileRejected(
      'too_large',
      `Its text is ${(text.length / 1e6).toFixed(1)} million characters, over the ${MAX_DOCUMENT_CHARS / 1024 / 1024} Mi characters one document may have. Split it into smaller files, or convert it to JSON Lines (one document per line).`,
    );
  }
  await emit(text, 0);
  return { records: 1, invalid: 0, invalidAt: [], ...(warning ? { warning } : {}) };
}

const fromRecords = (stats: RecordStats): ExtractOutcome => ({
  records: stats.records, invalid: stats.invalid, invalidAt: stats.invalidAt, ...(stats.detail === undefined ? {} : { detail: stats.detail }),
});

/** Emits each document of `path` (record 0 = the whole file). Throws FileRejected for a file that cannot be used. */
export async function extractFile(path: string, options: ExtractOptions, emit: EmitRecord): Promise<ExtractOutcome> {
  const ext = extname(path).toLowerCase();
  switch (ext) {
    case '.txt':
    case '.text':
      return wholeFile(path, (b) => decodeText(b).text, emit);
    case '.md':
    case '.markdown':
      return wholeFile(path, (b) => markdownToText(decodeText(b).text), emit);
    case '.html':
    case '.htm': {
      const { htmlFileToText } = await import('./html');
      return wholeFile(path, (b) => htmlFileToText(b, (bytes) => decodeText(bytes).text), emit);
    }
    case '.pdf': {
      const { pdfToText } = await import('./pdf');
      return wholeFile(path, (b) => pdfToText(b), emit);
    }
    case '.docx': {
      const { docxToText } = await import('./docx');
      return wholeFile(path, (b) => docxToText(b, options.zipLimits), emit); // default limits when none given
    }
    case '.csv':
      return fromRecords(await readCsv(path, options.textColumn, emit));
    case '.jsonl':
    case '.ndjson':
      return fromRecords(await readJsonLines(path, options.jsonField, emit));
    case '.json':
      return fromRecords(await readJsonFile(path, options.jsonField, emit));
    default:
      throw new FileRejected('unsupported', `Unsupported file type "${ext || '(none)'}". Supported: ${SUPPORTED_EXTENSIONS.join(', ')}.`);
  }
}
