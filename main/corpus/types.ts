// Shapes shared by the corpus pipeline: what an extractor yields, what a stage decides about a
// document, and the per-file problems the import reports. Plain data; no I/O here.

/** One logical document found in a source file (a file, a CSV row, a JSON line…). */
export interface ExtractedDoc {
  /** Absolute path of the source file. */
  source: string;
  /** Position inside the file for multi-record formats (CSV row, JSONL line, 1-based); null for whole files. */
  record: number | null;
  text: string;
}

/** A file that was skipped or only partly read. `severity: 'warning'` means some content was kept. */
export interface FileProblem {
  path: string;
  severity: 'error' | 'warning';
  /** Short machine-readable reason: too_large, empty, binary, unreadable, corrupt, bomb, symlink_loop, invalid_lines, unsupported, … */
  reason: string;
  message: string;
}

export type DocStatus = 'kept' | 'duplicate' | 'near_duplicate' | 'filtered' | 'dropped_pii';
export type Split = 'train' | 'validation';

/** A PII finding, as produced by the scanner and stored with the document. */
export interface PiiFinding {
  type: string;
  start: number;
  end: number;
  text: string;
  confidence: number;
}

/** The scanner the pipeline calls; the PII module provides the real one. */
export interface PiiScanner {
  scan(text: string): PiiFinding[];
  /** scan() of each text, done as one batch (faster than a scan() per text). */
  scanBatch(texts: readonly string[]): PiiFinding[][];
  redact(text: string, findings: readonly PiiFinding[]): string;
}

export type PiiMode = 'report' | 'redact' | 'drop';

/** Thrown by extractors for a per-file failure: the import records it and moves on. */
export class FileRejected extends Error {
  readonly reason: string;
  constructor(reason: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FileRejected';
    this.reason = reason;
  }
}
