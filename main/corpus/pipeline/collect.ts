// Pass 1 of an import: walk the sources, extract and normalize every document, count candidate
// boilerplate lines, and stage the normalized documents in a temporary file (staging.ts). Every
// per-file failure is recorded and the pass goes on with the next file.
// With worker threads, this thread extracts record files (CSV, JSON Lines) and large documents and
// hands their texts over in batches, while small whole-document files are read on the workers, in
// groups — each piece of work going to a worker that has room, or done here when none has (while
// they start, or when they fall behind). The answers are taken in order, and everything that depends on the
// order (staging, counters, problems, progress) is done here, exactly as when this thread does it all.
import { extname } from 'node:path';
import { extractFile, type ExtractOptions, type ExtractOutcome } from '../extract';
import { addChunkStats, eachChunkOfLines } from '../extract/lines';
import { FileRejected, type FileProblem } from '../types';
import { walkSources, type FoundFile } from '../walk';
import type { StageMs } from './analyze';
import { READ_SHARE, throwIfAborted, type ImportOptions } from './options';
import type { AnalyzerPool } from './pool';
import type { FileResult, JsonlChunkResult, PrepareResult } from './prepare';
import { StagingWriter, storedLength } from './staging';
import type { Timings } from './timings';

export interface CollectResult {
  files: string[];
  filesFound: number;
  filesImported: number;
  documents: number;
  bytesIn: number;
  invalidRecords: number;
  problems: FileProblem[];
}

/** What the walk found: the files to read (in order), their total size, and the paths it skipped. */
export interface Sources {
  found: FoundFile[];
  bytes: number;
  problems: FileProblem[];
}

function describeUnexpected(error: unknown): { reason: string; message: string } {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return { reason: 'unreadable', message: 'Permission denied: the file cannot be read by this user.' };
  if (code === 'ENOENT') return { reason: 'missing', message: 'The file disappeared while the import was running.' };
  if (code === 'EISDIR') return { reason: 'unreadable', message: 'Is a folder, not a file.' };
  return { reason: 'unreadable', message: `Could not be read (${error instanceof Error ? error.message : String(error)}).` };
}

export async function findSources(options: ImportOptions): Promise<Sources> {
  const problems: FileProblem[] = [];
  const found: FoundFile[] = [];
  for await (const file of walkSources(options.paths, { maxFileBytes: options.maxFileBytes }, (p) => problems.push(p))) {
    throwIfAborted(options.signal);
    found.push(file);
  }
  return { found, bytes: found.reduce((a, f) => a + f.bytes, 0), problems };
}

/** Whole-document formats small enough to be read on a worker thread (whose heap is capped: see pool.ts). */
const WORKER_FORMATS = new Set(['.txt', '.text', '.md', '.markdown', '.html', '.htm']);
const WORKER_FILE_MAX_BYTES = 1 << 20;
/**
 * Small whole files handed over together (one message each way for the lot: a round trip per file cost more CPU than
 * reading a small file).
 */
const GROUP_FILES = 64;
const GROUP_BYTES = 1 << 20;
/** Extracted texts handed over together. */
const BATCH_RECORDS = 64;
const BATCH_CHARS = 1 << 20;
/** Bound on the work in flight (characters of texts, bytes of files) on top of a bound on the number of requests. */
const MAX_IN_FLIGHT = 16 << 20;

interface FileState {
  index: number;
  file: FoundFile;
  emitted: number;
  emptyRecords: number;
}

/** One answer to wait for, in order: texts prepared, whole files read (one result each), or the end of a file read here. */
type Step =
  | { file: FileState; weight: number; batch: Promise<PrepareResult>; records: number[] }
  | { file: FileState; weight: number; chunk: Promise<JsonlChunkResult>; lines: JsonlLines }
  | { files: FileState[]; weight: number; wholes: Promise<FileResult[]> }
  | { file: FileState; weight: number; end: { outcome: ExtractOutcome } | { error: unknown } };

/**
 * A JSON Lines file read in chunks (readJsonlChunks): the lines of the chunks staged so far (the next chunk's lines
 * are numbered on from there) and the file's outcome, summed chunk by chunk as they are staged.
 */
interface JsonlLines {
  before: number;
  outcome: ExtractOutcome;
}

/** Record formats whose chunks are parsed on the workers (readJsonlChunks). */
const CHUNKED_FORMATS = new Set(['.jsonl', '.ndjson']);

/** The error a file's failure on a worker thread stands for. */
function failureError(f: NonNullable<FileResult['failure']>): Error {
  if (f.reason !== undefined) return new FileRejected(f.reason, f.message);
  return Object.assign(new Error(f.message), f.code === undefined ? {} : { code: f.code });
}

export async function collect(options: ImportOptions, sources: Sources, pool: AnalyzerPool, stagingPath: string, timings: Timings): Promise<CollectResult> {
  const { found, problems, bytes: bytesTotal } = sources;
  const writer = new StagingWriter(stagingPath);
  const result: CollectResult = {
    files: found.map((f) => f.path),
    // Files the walk skipped count as found (a loop is a folder, not a file).
    filesFound: found.length + problems.filter((p) => p.reason !== 'symlink_loop').length,
    filesImported: 0,
    documents: 0,
    bytesIn: 0,
    invalidRecords: 0,
    problems,
  };
  const extractOptions: ExtractOptions = { textColumn: options.textColumn, jsonField: options.jsonField, zipLimits: options.zipLimits };
  const started = performance.now();
  let bytesDone = 0;
  const addMs = (ms: StageMs) => {
    for (const [stage, v] of Object.entries(ms)) timings.add(stage, v);
  };

  /** Stages the prepared texts of a file, in order (only non-empty texts are documents). */
  const stage = (state: FileState, prepared: PrepareResult, records: readonly number[]) => {
    addMs(prepared.ms);
    const { texts } = prepared;
    for (let k = 0; k < texts.ends.length; k++) {
      const record = records[k]!;
      if (storedLength(texts, k) === 0) {
        if (record !== 0) state.emptyRecords++;
        continue;
      }
      state.emitted++;
      writer.write(state.index, record, texts, k);
    }
  };

  /** The file is done: its counters, its problem if any, and the progress. */
  const finish = (state: FileState, end: { outcome: ExtractOutcome } | { error: unknown }) => {
    const { file, emitted } = state;
    if ('outcome' in end) {
      const invalid = end.outcome.invalid + state.emptyRecords;
      if (emitted > 0) {
        result.filesImported++;
        result.bytesIn += file.bytes;
      } else if (invalid === 0) {
        problems.push({ path: file.path, severity: 'error', reason: 'no_text', message: noTextMessage(file.path) });
      }
      if (end.outcome.warning && emitted > 0) problems.push({ path: file.path, severity: 'warning', ...end.outcome.warning });
      if (invalid > 0) {
        result.invalidRecords += invalid;
        const at = end.outcome.invalidAt.length > 0 ? ` (first at record ${end.outcome.invalidAt.join(', ')})` : '';
        const csv = file.path.toLowerCase().endsWith('.csv');
        const field = csv ? `column "${options.textColumn}"` : `field "${options.jsonField}"`;
        problems.push({
          path: file.path,
          severity: emitted > 0 ? 'warning' : 'error',
          reason: 'invalid_records',
          message:
            `${invalid} of ${emitted + invalid} records were skipped: ${csv ? 'not valid CSV' : 'not valid JSON'}, empty, or without the text ${field}${at}.` +
            `${end.outcome.detail ? ` First problem: ${end.outcome.detail}.` : ''} ${emitted > 0 ? 'The valid records were kept.' : 'Nothing was kept: check the field or column name.'}`,
        });
      }
      result.documents += emitted;
    } else {
      // Records staged before a mid-file failure stay staged.
      if (emitted > 0) result.documents += emitted;
      const { error } = end;
      if (error instanceof FileRejected) problems.push({ path: file.path, severity: 'error', reason: error.reason, message: error.message });
      else problems.push({ path: file.path, severity: 'error', ...describeUnexpected(error) });
    }
    bytesDone += file.bytes;
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? bytesDone / seconds : 0;
    options.progress?.({
      phase: 'reading',
      fraction: bytesTotal === 0 ? READ_SHARE : READ_SHARE * (bytesDone / bytesTotal),
      message: `Reading ${file.path}`,
      counters: {
        files_done: state.index + 1,
        files: found.length,
        mb_per_s: Math.round((rate / 1e6) * 10) / 10,
        bytes_done: bytesDone,
        bytes: bytesTotal,
        documents_found: result.documents,
      },
    });
  };

  // Answers awaited in order. Inline, each is consumed as soon as it is asked for (the work is done by then).
  const steps: Step[] = [];
  const maxSteps = pool.threads > 0 ? (pool.threads + 1) * 4 : 0;
  let inFlight = 0;
  let broken = false; // staging failed: the import fails, not the file being read
  const consumeOne = async () => {
    const step = steps.shift()!;
    inFlight -= step.weight;
    try {
      if ('batch' in step) stage(step.file, await step.batch, step.records);
      else if ('chunk' in step) {
        const read = await step.chunk;
        const { lines } = step;
        const records: number[] = [];
        for (let k = 0; k < read.records.length; k++) records.push(lines.before + read.records[k]!);
        stage(step.file, read, records);
        addChunkStats(lines.outcome, read.stats, lines.before);
        lines.before += read.lines;
      } else if ('wholes' in step) {
        const reads = await step.wholes;
        for (let k = 0; k < step.files.length; k++) {
          const read = reads[k]!;
          stage(step.files[k]!, read, read.records);
          finish(step.files[k]!, read.failure ? { error: failureError(read.failure) } : { outcome: read.outcome! });
        }
      } else finish(step.file, step.end);
    } catch (error) {
      broken = true;
      throw error;
    }
  };
  const push = async (step: Step) => {
    if ('batch' in step) step.batch.catch(() => undefined); // raised in order by consumeOne
    if ('chunk' in step) step.chunk.catch(() => undefined);
    if ('wholes' in step) step.wholes.catch(() => undefined);
    steps.push(step);
    inFlight += step.weight;
    while (steps.length > maxSteps || (steps.length > 1 && inFlight > MAX_IN_FLIGHT)) await consumeOne();
  };

  /** Reads the file here; its texts are prepared in batches (one clock reading per stage and batch). */
  const readHere = async (state: FileState) => {
    const { file } = state;
    let raws: string[] = [];
    let records: number[] = [];
    let chars = 0;
    let inner = 0; // time spent handing batches over (and, inline, preparing them), inside the extraction's callbacks
    const send = async () => {
      if (raws.length === 0) return;
      const t0 = timings.now();
      // Records are read a MiB at a time, several batches without a turn of the event loop: the workers' answers
      // are taken in first, so that the batch goes to a worker that has finished one rather than to this thread.
      if (pool.threads > 0) await new Promise((resolve) => setImmediate(resolve));
      const batch = raws; // taken first: a failure here is not retried
      const step: Step = { file: state, weight: chars, batch: pool.prepare(batch), records };
      raws = [];
      records = [];
      chars = 0;
      await push(step);
      inner += timings.now() - t0;
    };
    try {
      const t0 = timings.now();
      // Not an async function: a promise (to wait for) only when a batch is handed over.
      const outcome = await extractFile(file.path, extractOptions, (raw, record) => {
        raws.push(raw);
        records.push(record);
        chars += raw.length;
        if (raws.length >= BATCH_RECORDS || chars >= BATCH_CHARS) return send();
      });
      await send();
      timings.add('extract', timings.now() - t0 - inner);
      await push({ file: state, weight: 0, end: { outcome } });
    } catch (error) {
      if ((error as Error).name === 'AbortError' || broken) throw error;
      await send(); // records before a mid-file failure stay staged
      await push({ file: state, weight: 0, end: { error } });
    }
    // A small file is read here without a turn of the event loop (synchronous reads): the workers' answers are
    // taken in now, so that the next file goes to a worker that has finished one rather than to this thread.
    if (pool.threads > 0) await new Promise((resolve) => setImmediate(resolve));
  };

  /**
   * A JSON Lines file read here in chunks of whole lines, each parsed, normalized and counted on a worker
   * (prepareJsonl): this thread reads and stages, in order, while the workers parse (reading the records here as well
   * kept this thread busy 94% of pass 1 while the workers waited for its batches).
   */
  const readJsonlChunks = async (state: FileState) => {
    const lines: JsonlLines = { before: 0, outcome: { records: 0, invalid: 0, invalidAt: [] } };
    let opensFile = true;
    try {
      await eachChunkOfLines(state.file.path, async (bytes) => {
        throwIfAborted(options.signal);
        const own = new Uint8Array(bytes.length); // a buffer of its own, transferred to the worker
        own.set(bytes);
        const chunk = pool.prepareJsonl(own, opensFile, options.jsonField);
        opensFile = false;
        await push({ file: state, weight: bytes.length, chunk, lines });
      });
      await push({ file: state, weight: 0, end: { outcome: lines.outcome } });
    } catch (error) {
      if ((error as Error).name === 'AbortError' || broken) throw error;
      await push({ file: state, weight: 0, end: { error } }); // the chunks before a failure stay staged
    }
  };

  // Small whole-document files waiting to be handed to a worker together, in order.
  let group: FileState[] = [];
  let groupBytes = 0;
  const sendGroup = async () => {
    if (group.length === 0) return;
    const files = group;
    const weight = groupBytes;
    group = [];
    groupBytes = 0;
    const wholes = pool.prepareFiles(files.map((f) => f.file.path), extractOptions);
    if (wholes) return push({ files, weight, wholes });
    for (const state of files) {
      throwIfAborted(options.signal);
      await readHere(state);
    }
  };

  try {
    for (let index = 0; index < found.length; index++) {
      throwIfAborted(options.signal);
      const file = found[index]!;
      const state: FileState = { index, file, emitted: 0, emptyRecords: 0 };
      if (file.bytes <= WORKER_FILE_MAX_BYTES && WORKER_FORMATS.has(extname(file.path).toLowerCase())) {
        group.push(state);
        groupBytes += file.bytes;
        if (group.length >= GROUP_FILES || groupBytes >= GROUP_BYTES) await sendGroup();
        continue;
      }
      await sendGroup(); // the files before this one, first
      if (pool.threads > 0 && CHUNKED_FORMATS.has(extname(file.path).toLowerCase())) await readJsonlChunks(state);
      else await readHere(state);
    }
    await sendGroup();
    while (steps.length > 0) await consumeOne();
    writer.close();
  } catch (error) {
    writer.destroy();
    throw error;
  }
  return result;
}

/** Why a file gave no text, in the words of its format, and what to do about it. */
export function noTextMessage(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'pdf') return 'No text found: a scanned PDF without a text layer, or only images. Run OCR on it, or export it as text, first.';
  if (ext === 'docx') return 'No text found: the document is empty or holds only pictures. Export its text, or run OCR on its images, first.';
  if (ext === 'html' || ext === 'htm') return 'No text found: the page holds only markup, scripts or styles.';
  if (ext === 'csv' || ext === 'jsonl' || ext === 'json') return 'No text found: the file holds no records.';
  return 'No text found: the file is empty or holds only whitespace.';
}
