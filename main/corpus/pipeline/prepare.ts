// The per-document work of pass 1, shared by the main thread and the worker threads: normalize a
// batch of extracted texts and count their candidate boilerplate lines (into the shared sketch), or
// read a whole file and do the same. What depends on the order of documents (staging, counters,
// per-file problems) stays with the caller (collect.ts), which gets the texts back in order.
import type { ExtractOptions, ExtractOutcome, extractFile as ExtractFile } from '../extract';
import { jsonLinesOf, type RecordStats } from '../extract/lines';
import type { BoilerplateDetector } from '../stages/boilerplate';
import { normalizeText } from '../stages/normalize';
import { FileRejected } from '../types';
import type { StageMs } from './analyze';
import { encodeTexts, type EncodedTexts } from './staging';

export interface PrepareResult {
  /** Normalized texts, one per input, in order (empty for a text with nothing left), encoded for the staging file. */
  texts: EncodedTexts;
  ms: StageMs;
}

/** Why a file read on a worker thread failed: a FileRejected (reason set) or another error (its errno code, if any). */
export interface FileFailure {
  reason?: string;
  code?: string;
  message: string;
}

/** A whole file read, normalized and counted (see prepareFile). */
export interface FileResult extends PrepareResult {
  /** Record number of each text (0 for a whole-file document). */
  records: number[];
  /** null when the file failed (texts then holds what was read before the failure). */
  outcome: ExtractOutcome | null;
  failure: FileFailure | null;
}

/** Normalizes `raws` and adds the non-empty ones to the boilerplate counts. */
export function prepareTexts(raws: readonly string[], boilerplate: BoilerplateDetector, now: () => number, ms: StageMs = {}): PrepareResult {
  const t0 = now();
  // Index loops into a pushed array: an array made by map() deoptimised this function in every thread.
  const texts: string[] = [];
  for (let k = 0; k < raws.length; k++) texts.push(normalizeText(raws[k]!));
  const t1 = now();
  for (let k = 0; k < texts.length; k++) if (texts[k] !== '') boilerplate.add(texts[k]!);
  const t2 = now();
  ms.normalize = (ms.normalize ?? 0) + t1 - t0;
  ms.boilerplate = (ms.boilerplate ?? 0) + t2 - t1;
  return { texts: encodeTexts(texts), ms };
}

/** A chunk of a JSON Lines file read, its records normalized and counted (see prepareJsonlChunk). */
export interface JsonlChunkResult extends PrepareResult {
  /** Line of each text, numbered from 1 within the chunk. */
  records: number[];
  /** Lines in the chunk, blank ones included: the next chunk's lines are numbered on from there. */
  lines: number;
  /** Records and invalid lines of the chunk (invalidAt numbered within the chunk). */
  stats: RecordStats;
}

/**
 * The records of `bytes` (whole lines of a JSON Lines file; `opensFile`: its first chunk, whose first line may
 * open with a byte order mark) parsed, normalized and counted: the JSON parsing of pass 1, moved off the thread that
 * reads the file (which stages the results in order, numbering the lines on).
 */
export async function prepareJsonlChunk(
  bytes: Uint8Array,
  opensFile: boolean,
  field: string,
  boilerplate: BoilerplateDetector,
  now: () => number,
): Promise<JsonlChunkResult> {
  const t0 = now();
  const raws: string[] = [];
  const records: number[] = [];
  const stats: RecordStats = { records: 0, invalid: 0, invalidAt: [] };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lines = await jsonLinesOf(buffer, 1, field, stats, (raw, line) => {
    raws.push(raw);
    records.push(line);
  }, opensFile ? 1 : 0);
  const ms: StageMs = { extract: now() - t0 };
  return { ...prepareTexts(raws, boilerplate, now, ms), records, lines, stats };
}

/** The failure as plain data (structured-clone safe); an abort is not a file's failure and is thrown on. */
export function fileFailure(error: unknown): FileFailure {
  if ((error as Error).name === 'AbortError') throw error;
  if (error instanceof FileRejected) return { reason: error.reason, message: error.message };
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return { ...(typeof code === 'string' ? { code } : {}), message: error instanceof Error ? error.message : String(error) };
}

/**
 * Reads every document of `path` (a file of a whole-document format on a worker thread) and prepares them: the
 * caller treats the result exactly as if it had extracted the file itself.
 */
let extractFileFn: typeof ExtractFile | undefined;

export async function prepareFile(path: string, options: ExtractOptions, boilerplate: BoilerplateDetector, now: () => number): Promise<FileResult> {
  const t0 = now();
  // Loaded on a worker's first file, not at its start-up (the extractors' libraries take a while to load); kept,
  // because each import() call goes through module resolution again (through every loader hook, in development).
  extractFileFn ??= (await import('../extract')).extractFile;
  const extractFile = extractFileFn;
  const raws: string[] = [];
  const records: number[] = [];
  let outcome: ExtractOutcome | null = null;
  let failure: FileFailure | null = null;
  try {
    outcome = await extractFile(path, options, (raw, record) => {
      raws.push(raw);
      records.push(record);
    });
  } catch (error) {
    failure = fileFailure(error);
  }
  const ms: StageMs = { extract: now() - t0 };
  return { ...prepareTexts(raws, boilerplate, now, ms), records, outcome, failure };
}

/**
 * Reads and prepares `paths` one after another (small files sent to a worker thread together: one message each way
 * for the lot instead of one per file); one result per file, in order, each as prepareFile answers it.
 */
export async function prepareFiles(paths: readonly string[], options: ExtractOptions, boilerplate: BoilerplateDetector, now: () => number): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (let k = 0; k < paths.length; k++) results.push(await prepareFile(paths[k]!, options, boilerplate, now));
  return results;
}
