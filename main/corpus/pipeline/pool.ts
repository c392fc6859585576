// Runs the per-document work of both passes on worker threads (see threadsFor) or inline: the pool
// starts with the import, so the threads load while pass 1 begins, and serves both passes.
// Batches are answered asynchronously; the caller keeps several in flight and consumes them in order.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startModuleWorker } from '../../platform/module-worker';
// Types only: the analyzer (and the name lists it loads) is imported by the thread that runs it, so the
// main thread does not hold a copy unless it analyses too. Workers never load the language model
// (≈ 50 MB): texts that need it come back to the main thread (AnalyzeSettings.deferLanguage).
import type { Analysis, AnalyzeSettings, Analyzer, StageMs } from './analyze';
import type { ExtractOptions } from '../extract';
import { BoilerplateDetector } from '../stages/boilerplate';
import type { WorkerCall, WorkerRequest, WorkerStart } from './analyze-worker';
import { prepareJsonlChunk, prepareTexts, type FileResult, type JsonlChunkResult, type PrepareResult } from './prepare';
import { decodeTexts, transferList, type EncodedTexts } from './staging';
import { clockFn } from './timings';

/** A batch's analyses and the texts that may be kept (see AnalyzedBatch), with the time each stage took. */
export interface BatchResult {
  results: Analysis[];
  texts: EncodedTexts;
  ms: StageMs;
}

/**
 * The threads of one import, for both passes: pass 1 prepares (normalizes and counts) extracted texts or whole
 * files, pass 2 analyses the staged documents. Every call is answered asynchronously; callers keep several in
 * flight and consume the answers in order.
 */
export interface AnalyzerPool {
  readonly threads: number;
  /**
   * Pass 1: `raws` normalized (in order) and the non-empty ones counted for boilerplate: on a worker thread that
   * has room for more work, else on this thread (while the workers start, or when they fall behind).
   */
  prepare(raws: string[]): Promise<PrepareResult>;
  /**
   * Pass 1: whole files read and prepared (one result per path, in order) on a worker thread that has room — or, when
   * the workers have every core to themselves, on the started worker with the least work queued — or null (the caller
   * reads them: while the workers start, or when this thread has a core of its own).
   */
  prepareFiles(paths: string[], options: ExtractOptions): Promise<FileResult[]> | null;
  /**
   * Pass 1: the records of a chunk of a JSON Lines file (whole lines; `bytes` transferred to a worker thread)
   * parsed, normalized and counted, on a worker picked as for prepareFiles, else on this thread.
   */
  prepareJsonl(bytes: Uint8Array, opensFile: boolean, field: string): Promise<JsonlChunkResult>;
  /**
   * Pass 2: analyses of `texts` (transferred to a worker thread), the documents numbered `first`, `first + 1`, … in this
   * import; `scannedBytes`: see Analyzer.analyzeBatch.
   */
  analyze(texts: EncodedTexts, first: number, scannedBytes?: Int32Array): Promise<BatchResult>;
  /** Resolves once every thread has started (the import does not wait for it: pass-1 work is done here meanwhile). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export async function inlinePool(settings: AnalyzeSettings): Promise<AnalyzerPool> {
  const { Analyzer } = await import('./analyze');
  const analyzer = new Analyzer(settings);
  const boilerplate = BoilerplateDetector.fromShared(settings.boilerplate);
  const now = clockFn(settings.clock);
  return {
    threads: 0,
    prepare: async (raws) => prepareTexts(raws, boilerplate, now),
    prepareFiles: () => null,
    prepareJsonl: (bytes, opensFile, field) => prepareJsonlChunk(bytes, opensFile, field, boilerplate, now),
    analyze: (texts, first, scannedBytes) => analyzeHere(analyzer, texts, first, scannedBytes),
    ready: async () => undefined,
    close: async () => undefined,
  };
}

/**
 * Source bytes from which threads pay (A/B estimated from CPU times, the 2-core machine being shared): with the PII
 * scan, the main thread alone is ≈ 20% faster at 5 MB (the synthetic notes and the bundled legal corpus alike), they
 * are about even at 10 MB, and at 20 MB two workers are ≈ 15% faster; without the scan they are about even at 20 MB.
 */
const THRESHOLDS = { pii: 10e6, noPii: 24e6 };

/**
 * Worker threads worth starting for sources of this many bytes: the walk's total, known before anything is read
 * (the threads start with the import, so their start-up overlaps the reading pass); for text formats it is close
 * to the text analysed, for PDF and Word files an over-estimate. A worker's start-up (its modules, the analyzer and,
 * with the PII scan, its share of the name table) costs a few tenths of a CPU-second, more when run from sources
 * through tsx as the bench and development runs do, and each thread warms up on its own; the analysis costs about
 * 0.3 CPU-s per MB with the PII scan on identifier-dense notes and about 0.1 without, the main thread's own share
 * (reading, staging, duplicate decisions) about 0.05 CPU-s per MB. Below THRESHOLDS one thread finishes sooner,
 * and it uses less CPU either way.
 * One thread per core, up to two. With fewer workers than cores the main thread analyses too (see workerPool):
 * one worker beside the main thread measured the same CPU time as two workers on two cores (20 MB, ±5%), but that
 * worker runs dry whenever the main thread is slow to hand it work (a tenth of the time on a loaded machine),
 * while two workers and the main thread keep both cores busy without any hand-off.
 */
export function threadsFor(sourceBytes: number, requested: number | 'auto', scanPii = true): number {
  if (requested !== 'auto') return Math.max(0, Math.floor(requested));
  const cores = availableParallelism();
  if (cores < 2 || sourceBytes < (scanPii ? THRESHOLDS.pii : THRESHOLDS.noPii)) return 0;
  // Each thread holds its own modules and analyzer (the PII name table is shared): two keep a 1 GB budget.
  return Math.min(2, cores);
}

/** A batch analysed on this thread, answered as a worker answers it. */
async function analyzeHere(analyzer: Analyzer, texts: EncodedTexts, first: number, scannedBytes?: Int32Array): Promise<BatchResult> {
  const { analyses, texts: out } = await analyzer.analyzeBatch(decodeTexts(texts), first, scannedBytes);
  return { results: analyses, texts: out, ms: analyzer.takeMs() };
}

const WORKER_HEAP_MB = 128;
/**
 * Texts (UTF-8 bytes) a worker is given at once, at most: the analysis holds several copies of a text and an object per
 * word and finding, so one document of 16 million characters of clinical notes filled a worker's capped heap and ended
 * the whole import. Larger batches (one long document: batches are otherwise about 1 MB) are worked on this thread.
 */
const WORKER_BATCH_MAX_BYTES = 4 << 20;

interface Pending {
  resolve: (r: unknown) => void;
  reject: (e: Error) => void;
}

/** A worker with this many requests pending (one running, one queued) takes no more pass-1 work. */
const PREPARE_PENDING = 2;
/**
 * …and, when this thread may analyse too, no more analysis batches: this thread hands a worker its next batch only
 * between its own, so a worker keeps a few queued (it ran dry a tenth of the time with two, on a loaded machine).
 */
const ANALYZE_PENDING = 4;

/**
 * Starts `threads` workers now, then hands them the settings built by `settingsFor` (the workers load their modules
 * meanwhile); they build their analyzers while the caller goes on. Pass-1 work goes to the workers
 * that are ready and have room, and is done on this thread otherwise (whole files: see prepareFiles). Analysis batches queue on the workers;
 * when there are fewer workers than cores (`workers: 1` on two cores, two workers on more), this thread analyses the
 * batches that find every worker with enough queued, so that its core is not left to its own lighter share of the
 * work.
 */
export function workerPool(threads: number, settingsFor: () => AnalyzeSettings): AnalyzerPool {
  const steal = threads < availableParallelism();
  let here: Promise<{ analyzer: Analyzer; setupMs: number }> | null = null; // this thread's analyzer, made on first use
  const workers = Array.from({ length: threads }, () => {
    const worker = startModuleWorker(import.meta.url, 'analyze-worker', {
      // The PII scanner reads its word list from beside its module (data/, as the app's build copies it).
      assets: { data: fileURLToPath(new URL('../pii/data', import.meta.url)) },
      // A worker's live heap is ~30 MB (name lists) plus one batch: a cap makes V8 collect garbage before the heap
      // balloons, which keeps a long import's peak memory flat.
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const pending = new Map<number, Pending>();
    let failure: Error | null = null;
    let ready = false;
    let started: () => void = () => undefined;
    let broken: (e: Error) => void = () => undefined;
    const isReady = new Promise<void>((resolve, reject) => {
      started = resolve;
      broken = reject;
    });
    isReady.catch(() => undefined); // raised by ready(), if anyone waits for it
    const fail = (error: Error) => {
      failure = error;
      broken(error);
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    };
    worker.on('message', (m: { id?: number; result?: unknown; error?: string; ready?: boolean }) => {
      if (m.ready) {
        ready = true;
        started();
      }
      if (m.id === undefined) return;
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (!p) return;
      if (m.error !== undefined) p.reject(new Error(`Import worker failed: ${m.error}`));
      else p.resolve(m.result);
    });
    worker.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => {
      if (!ready) broken(new Error(`Import worker exited (code ${code}) before it started.`));
      if (pending.size > 0) fail(new Error(`Import worker exited (code ${code}) with work pending.`));
    });
    return { worker, pending, failed: () => failure, ready: () => ready, started: isReady };
  });
  // The settings are built (the PII name table takes a while) while the workers load their modules.
  let settings: AnalyzeSettings;
  try {
    settings = settingsFor();
  } catch (error) {
    for (const w of workers) void w.worker.terminate();
    throw error;
  }
  for (const w of workers) w.worker.postMessage({ settings } satisfies WorkerStart);
  const boilerplate = BoilerplateDetector.fromShared(settings.boilerplate);
  const now = clockFn(settings.clock);
  type Thread = (typeof workers)[number];
  let nextId = 0;
  const leastBusy = (): Thread => workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  /** The ready worker with the fewest requests pending, if it has fewer than `limit`. */
  const readyLeastBusy = (limit: number): Thread | null => {
    let best: Thread | null = null;
    for (const w of workers) if (w.ready() && w.pending.size < limit && (!best || w.pending.size < best.pending.size)) best = w;
    return best;
  };
  /** The ready worker with the fewest requests pending, if it has room for pass-1 work. */
  const free = (): Thread | null => readyLeastBusy(PREPARE_PENDING);
  /**
   * The worker for a group of small files or a chunk of JSON Lines: one that has room — or, with a worker per core,
   * the ready one with the least work queued, room or not. A group of small files read here takes this thread away
   * from handing out the next groups for as long as it reads them (tens of milliseconds), while the workers run dry;
   * with no core of its own it would also take one from them (pass 1 over 11,000 notes of 20 MB: 2.0 s → 1.2–1.4 s on
   * two cores). Null while no worker has started, or when this thread has a core of its own and no worker has room.
   */
  const readingWorker = (): Thread | null => (steal ? free() : readyLeastBusy(Infinity));
  const call = <T>(w: Thread, request: WorkerCall, transfer: ArrayBuffer[] = []): Promise<T> => {
    const failed = w.failed();
    if (failed) return Promise.reject(failed);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      w.pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
      w.worker.postMessage({ ...request, id } satisfies WorkerRequest, transfer);
    });
  };
  return {
    threads,
    prepare: (raws) => {
      let chars = 0;
      for (let k = 0; k < raws.length; k++) chars += raws[k]!.length;
      const w = chars > WORKER_BATCH_MAX_BYTES / 3 ? null : free(); // a UTF-16 unit takes at most 3 bytes of UTF-8
      if (w) return call<PrepareResult>(w, { kind: 'prepare', raws });
      try {
        return Promise.resolve(prepareTexts(raws, boilerplate, now));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
    prepareJsonl: (bytes, opensFile, field) => {
      const w = readingWorker();
      if (w) return call<JsonlChunkResult>(w, { kind: 'jsonl', bytes, opensFile, field }, [bytes.buffer as ArrayBuffer]);
      return prepareJsonlChunk(bytes, opensFile, field, boilerplate, now);
    },
    prepareFiles: (paths, options) => {
      const w = readingWorker();
      return w ? call<FileResult[]>(w, { kind: 'files', paths, options }) : null;
    },
    analyze: (texts, first, scannedBytes) => {
      const w = leastBusy();
      // A batch too large for a worker's capped heap (one very long document) is analysed here, where the heap is not capped.
      const large = texts.bytes.byteLength > WORKER_BATCH_MAX_BYTES;
      if (!large && (!steal || w.pending.size < ANALYZE_PENDING)) return call<BatchResult>(w, { kind: 'analyze', texts, first, scannedBytes }, transferList(texts));
      here ??= import('./analyze').then(({ Analyzer }) => {
        const t0 = now();
        const analyzer = new Analyzer(settings); // same settings as the workers': languages deferred alike
        return { analyzer, setupMs: now() - t0 };
      });
      return here.then(async (h) => {
        const result = await analyzeHere(h.analyzer, texts, first, scannedBytes);
        if (h.setupMs > 0) {
          result.ms.setup = (result.ms.setup ?? 0) + h.setupMs;
          h.setupMs = 0;
        }
        return result;
      });
    },
    ready: async () => {
      await Promise.all(workers.map((w) => w.started));
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
