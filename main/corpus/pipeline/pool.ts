// Runs the per-document analysis on worker threads (one per spare core) or inline. Batches are
// answered asynchronously; the caller keeps several in flight and consumes them in order.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
// Types only: the analyzer (and the name lists it loads) is imported by the thread that runs it, so the
// main thread does not hold a copy when workers do the work. Workers never load the language model
// (≈ 200 MB): texts that need it come back to the main thread (AnalyzeSettings.deferLanguage).
import type { Analysis, AnalyzeSettings, StageMs } from './analyze';

export interface BatchResult {
  results: Analysis[];
  ms: StageMs;
}

export interface AnalyzerPool {
  readonly threads: number;
  /** Analyses of `texts`, the documents numbered `first`, `first + 1`, … in this import. */
  analyze(texts: string[], first: number): Promise<BatchResult>;
  close(): Promise<void>;
}

export async function inlinePool(settings: AnalyzeSettings): Promise<AnalyzerPool> {
  const { Analyzer } = await import('./analyze');
  const analyzer = new Analyzer(settings);
  return {
    threads: 0,
    analyze: async (texts, first) => ({ results: await analyzer.analyzeBatch(texts, first), ms: analyzer.takeMs() }),
    close: async () => undefined,
  };
}

/**
 * Worker threads worth starting for this much staged text. A worker's start-up (loading the analyzer, the
 * language model and, with the PII scan, the name lists) costs about one CPU-second; the analysis costs about
 * 0.35 CPU-s per MB with the PII scan and 0.1 without, while the main thread's own share (reading, writing,
 * duplicate decisions) is about 0.25 CPU-s per MB (CPU times from bench/corpus.bench.ts). On two idle cores
 * threads therefore pay from a few MB of text with the scan and from about 16 MB without it; below that one
 * thread finishes sooner, and it uses less CPU either way.
 */
export function threadsFor(textBytes: number, requested: number | 'auto', scanPii = true): number {
  if (requested !== 'auto') return Math.max(0, Math.floor(requested));
  const cores = availableParallelism();
  if (cores < 2 || textBytes < (scanPii ? 4e6 : 16e6)) return 0;
  // Each thread holds its own name lists and scanner (a worker's RSS is ≈ 90 MB): two keep a 1 GB budget.
  return Math.min(2, cores);
}

const WORKER_HEAP_MB = 128;

interface Pending {
  resolve: (r: BatchResult) => void;
  reject: (e: Error) => void;
}

function workerEntry(): string {
  const built = new URL('./analyze-worker.js', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built.href : new URL('./analyze-worker.ts', import.meta.url).href;
}

export function workerPool(settings: AnalyzeSettings, threads: number): AnalyzerPool {
  const entry = workerEntry();
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(new URL('./analyze-worker-boot.mjs', import.meta.url), {
      workerData: { entry, settings },
      // A worker's live heap is ~30 MB (name lists) plus one batch: a cap makes V8 collect garbage before the heap
      // balloons, which keeps a long import's peak memory flat.
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const pending = new Map<number, Pending>();
    let failure: Error | null = null;
    const fail = (error: Error) => {
      failure = error;
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    };
    worker.on('message', (m: { id?: number; results?: Analysis[]; ms?: StageMs; error?: string }) => {
      if (m.id === undefined) return;
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (!p) return;
      if (m.error !== undefined) p.reject(new Error(`Analysis worker failed: ${m.error}`));
      else p.resolve({ results: m.results!, ms: m.ms ?? {} });
    });
    worker.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => {
      if (pending.size > 0) fail(new Error(`Analysis worker exited (code ${code}) with work pending.`));
    });
    return { worker, pending, failed: () => failure };
  });
  let nextId = 0;
  return {
    threads,
    analyze(texts, first) {
      const w = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const failed = w.failed();
      if (failed) return Promise.reject(failed);
      const id = nextId++;
      return new Promise<BatchResult>((resolve, reject) => {
        w.pending.set(id, { resolve, reject });
        w.worker.postMessage({ id, texts, first });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
