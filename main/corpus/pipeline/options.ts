// Options of one import, with their defaults, and the progress the pipeline reports.
import { DEFAULT_BOILERPLATE, type BoilerplateOptions } from '../stages/boilerplate';
import { DEFAULT_QUALITY, type QualityOptions } from '../stages/quality';
import type { CorpusTokenizer } from '../tokenize/types';
import type { AllowList } from '../pii';
import type { PiiMode } from '../types';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from '../extract/zip-guard';
import type { StageClock } from './timings';

export interface ImportOptions {
  paths: readonly string[];
  /** Folder the pipeline writes into (created; the caller commits or removes it). */
  outDir: string;
  /** PII scan mode and the allow-list of texts that are not identifiers; null skips the stage (the report says so). */
  pii: { mode: PiiMode; allow: AllowList } | null;
  /** Worker threads for both passes: a number, or 'auto' (none for small imports, else one per core up to 2: see threadsFor). */
  workers: number | 'auto';
  tokenizer: CorpusTokenizer;
  textColumn: string;
  jsonField: string;
  /** ISO 639-1 codes to keep; empty keeps every language. */
  languages: readonly string[];
  maxFileBytes: number;
  seed: number;
  validationFraction: number;
  nearDuplicateThreshold: number;
  shingleWords: number;
  quality: QualityOptions;
  boilerplate: BoilerplateOptions;
  zipLimits: ZipLimits;
  /** Clock of `timings_ms`: wall time (default), or process CPU time for benchmarks (see timings.ts). */
  clock?: StageClock;
  signal?: AbortSignal;
  progress?: (p: ImportProgress) => void;
  /**
   * Called once the per-document rows are final (FILES.documents and FILES.findings in `outDir`), before the
   * documents are tokenized: a caller may start storing them while the tokenization runs. Neither file changes after.
   */
  rowsReady?: () => void;
}

export interface ImportProgress {
  phase: 'reading' | 'cleaning' | 'tokenizing';
  /** 0..1 over the whole import. */
  fraction: number;
  message: string;
  /** Named counters for the UI: files_done, files_total, mb_per_s, eta_s while reading; documents_done, documents_total after. */
  counters: Record<string, number>;
}

export const IMPORT_DEFAULTS = {
  pii: { mode: 'report' as PiiMode, allow: [] as AllowList },
  workers: 'auto' as const,
  textColumn: 'text',
  jsonField: 'text',
  languages: [] as string[],
  maxFileBytes: 256 * 1024 * 1024,
  seed: 1234,
  validationFraction: 0.05,
  nearDuplicateThreshold: 0.8,
  shingleWords: 5,
  quality: DEFAULT_QUALITY,
  boilerplate: DEFAULT_BOILERPLATE,
  zipLimits: DEFAULT_ZIP_LIMITS,
} as const;

/** Per-document record written by the pipeline for the store (one line of documents.jsonl). */
export interface DocumentRecord {
  /** Ordinal of the document in this import (0-based). */
  i: number;
  source: string;
  record: number | null;
  hash: string;
  bytes: number;
  language: string;
  status: 'kept' | 'duplicate' | 'near_duplicate' | 'filtered' | 'dropped_pii';
  /** Which filter removed it (min_length, symbol_ratio, repeated_lines, language). */
  filter: string | null;
  split: 'train' | 'validation' | null;
  /** Ordinal of the kept document of its duplicate cluster (itself for a cluster's kept document), null for singletons. */
  cluster: number | null;
  similarity: number | null;
  findings: number;
}

/** One finding as the store takes it (read from the findings file by readFindingsFile). */
export interface FindingRecord {
  doc: number;
  type: string;
  start: number;
  end: number;
  text: string;
  context: string;
  confidence: number;
}

/** Shares of the progress bar per pass (reading, cleaning; tokenizing takes the rest), as measured roughly on notes. */
export const READ_SHARE = 0.3;
export const CLEAN_SHARE = 0.55;

export { FILES, type CleanDocument } from '../layout';

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const error = new Error('The import was cancelled.');
    error.name = 'AbortError';
    throw error;
  }
}
