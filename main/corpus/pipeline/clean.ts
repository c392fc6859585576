// Pass 2 of an import: each staged document is analysed (boilerplate removal, quality filters,
// language, hash, MinHash, PII scan — on worker threads for large imports, see analyze.ts), then,
// in document order, exact and near duplicates are decided: the first document of each cluster is
// kept. Every document gets a record with its status; the kept ones are written for pass 3.
import { createHash } from 'node:crypto';
import { JsonlWriter } from '../jsonl-io';
import { sharedNameTable } from '../pii';
import type { BoilerplateDetector } from '../stages/boilerplate';
import { ExactDuplicateIndex } from '../stages/exact-dup';
import { NearDuplicateIndex } from '../stages/near-dup';
import { loadLanguageModel } from '../stages/language';
import { splitKey } from '../stages/split';
import { resolveDeferredLanguage, type Analysis, type AnalyzeSettings } from './analyze';
import { ByteWriter } from './binary-file';
import { countFindings } from './findings-file';
import { KeptWriter } from './kept-file';
import { BitSet, U32List } from './compact';
import { CLEAN_SHARE, READ_SHARE, throwIfAborted, type DocumentRecord, type ImportOptions } from './options';
import type { AnalyzerPool, BatchResult } from './pool';
import { readStagedBatches, textBytes, type EncodedTexts, type StagedBatch } from './staging';
import type { Timings } from './timings';

// How many texts the registry of scanned texts holds (≈ 100 bytes each: ≈ 10 MB) before it forgets them and starts again.
const MAX_SCANNED_KEYS = 100_000;

/** A key for each text of `e`: the SHA-256 of its staged bytes and how they are stored (identical texts, identical keys). */
function textKeys(e: EncodedTexts): string[] {
  const keys: string[] = [];
  for (let k = 0; k < e.ends.length; k++) keys.push(createHash('sha256').update(textBytes(e, k)).update(e.json[k] ? 'j' : 't').digest('base64'));
  return keys;
}

export interface CleanResult {
  kept: number;
  bytesKept: number;
  exactDuplicates: number;
  nearDuplicates: number;
  /** Kept documents that have at least one duplicate. */
  clusters: number;
  /** Their ordinals. */
  clusterHeads: BitSet;
  boilerplateLinesRemoved: number;
  filtered: Record<string, number>;
  findingsByType: Record<string, number>;
  documentsWithFindings: number;
  droppedPii: number;
  threads: number;
  /**
   * Documents whose language is left for after this pass (written to `languagesPath` as {i, w}: ordinal and text
   * window; their records and kept lines say 'und' until then): see `laterLanguages` in clean().
   */
  deferredLanguages: number;
  /** Split key (splitKey of the content hash) and ordinal of each kept document, in order (what the split needs). */
  keptSplitKeys: U32List;
  keptOrdinals: U32List;
}

const BATCH = 64;
/** …or fewer, once they hold this many bytes of text. */
const BATCH_BYTES = 1 << 20;

/**
 * What every thread's analyzer is built from (plain data, sent once to each worker). `threads` > 0: the workers
 * leave texts that need the language model to the main thread.
 */
export function analyzeSettings(options: ImportOptions, boilerplate: BoilerplateDetector, threads: number): AnalyzeSettings {
  return {
    boilerplate: boilerplate.share(),
    quality: options.quality,
    languages: options.languages,
    shingleWords: options.shingleWords,
    pii: options.pii,
    piiNames: options.pii ? sharedNameTable() : undefined,
    clock: options.clock ?? 'wall',
    deferLanguage: threads > 0,
  };
}

/** `pool` was started with analyzeSettings(…, pool.threads) and served pass 1; the caller closes it. */
export async function clean(
  options: ImportOptions,
  input: { stagingPath: string; files: readonly string[]; documents: number; pool: AnalyzerPool },
  output: { keptPath: string; recordsPath: string; findingsPath: string; languagesPath: string },
  timings: Timings,
): Promise<CleanResult> {
  const { pool } = input;
  const threads = pool.threads;
  const result: CleanResult = {
    kept: 0, bytesKept: 0, exactDuplicates: 0, nearDuplicates: 0, clusters: 0, clusterHeads: new BitSet(), boilerplateLinesRemoved: 0,
    filtered: {}, findingsByType: {}, documentsWithFindings: 0, droppedPii: 0, threads, deferredLanguages: 0, keptSplitKeys: new U32List(), keptOrdinals: new U32List(),
  };
  const kept = new KeptWriter(output.keptPath);
  const records = new JsonlWriter(output.recordsPath, false);
  const findings = new ByteWriter(output.findingsPath);
  // Worker threads leave texts that are not clearly English (rare in English corpora) to this thread, so that the
  // language model (≈ 50 MB) is loaded once. Without a language allow-list the language decides nothing here, so
  // those documents are detected after this pass; the model is loaded while the workers run the last batches (see
  // below), not while the whole corpus streams through.
  const laterLanguages = threads > 0 && options.languages.length === 0;
  const languageWindows = laterLanguages ? new JsonlWriter(output.languagesPath, false) : null;
  const exact = new ExactDuplicateIndex(input.documents);
  const near = new NearDuplicateIndex(options.nearDuplicateThreshold, input.documents);
  let i = 0;

  /** Exact and near duplicates, in document order: the record of document `ordinal` with its status. */
  const classify = (staged: StagedBatch, k: number, a: Analysis, ordinal: number): DocumentRecord => {
    const r = staged.records[k]!;
    const record: DocumentRecord = {
      i: ordinal, source: input.files[staged.files[k]!]!, record: r === 0 ? null : r, hash: a.hash, bytes: a.bytes, language: a.language, status: 'kept', filter: null, split: null, cluster: null, similarity: null, findings: 0,
    };
    const original = a.filter === null ? exact.get(a.hash) : undefined;
    const match = a.filter === null && original === undefined && a.signature ? near.query(a.signature) : null;
    if (a.filter !== null) {
      record.status = 'filtered';
      record.filter = a.filter;
      result.filtered[a.filter] = (result.filtered[a.filter] ?? 0) + 1;
    } else if (original !== undefined) {
      Object.assign(record, { status: 'duplicate', cluster: original, similarity: 1 });
      result.clusterHeads.add(original);
      result.exactDuplicates++;
    } else if (match !== null) {
      Object.assign(record, { status: 'near_duplicate', cluster: match.of, similarity: match.similarity });
      result.clusterHeads.add(match.of);
      result.nearDuplicates++;
    } else {
      // A copy of a text scanned before is never the first of its kind (see Analyzer.analyzeBatch): kept, it would be
      // kept unscanned.
      if (a.duplicateOfScanned === true) throw new Error(`Document ${ordinal} was taken for a copy of a document scanned before, but no earlier document has its text.`);
      exact.add(a.hash, ordinal);
      if (a.signature) near.add(ordinal, a.signature);
    }
    return record;
  };

  /** Writes the document's findings, kept text (text `k` of its batch's `texts`) and record. */
  const emit = async (record: DocumentRecord, a: Analysis, file: number, texts: EncodedTexts, k: number) => {
    result.boilerplateLinesRemoved += a.boilerplateRemoved;
    if (record.status === 'kept') {
      if (a.findings) {
        record.findings = countFindings(a.findings, result.findingsByType);
        result.documentsWithFindings++;
        findings.bytes(a.findings);
      }
      if (a.dropPii) {
        record.status = 'dropped_pii';
        result.droppedPii++;
      } else {
        result.kept++;
        result.bytesKept += a.bytes;
        result.keptSplitKeys.push(splitKey(a.hash));
        result.keptOrdinals.push(record.i);
        kept.write(record.i, file, a.language, texts, k);
      }
    }
    const drainRecord = records.write(record);
    if (drainRecord) await drainRecord;
  };

  /** Starts loading the language model (once; a failure is raised where the model is awaited after this pass). */
  const preloadLanguageModel = () => void loadLanguageModel().catch(() => undefined);
  const queue: { staged: StagedBatch; answer: Promise<BatchResult>; keys: string[] | null }[] = [];
  // The texts scanned for PII so far (by a key of their staged bytes), with their UTF-8 bytes after the scan: a later
  // exact copy is sent with that size and is not scanned again, whichever thread scanned the first (each analyzer also
  // remembers what it scanned itself: copies that follow closely, before their first's answer is in).
  const scanned = new Map<string, number>();
  // Batches in flight: enough for every thread, the main thread included (it analyses what finds the workers busy).
  const depth = threads > 0 ? (threads + 1) * 4 : 1;
  const consume = async () => {
    const item = queue.shift()!;
    const { results, texts, ms } = await item.answer;
    if (item.keys !== null) {
      if (scanned.size > MAX_SCANNED_KEYS) scanned.clear();
      for (let k = 0; k < results.length; k++) {
        const a = results[k]!;
        if (a.filter === null && a.duplicateOfScanned !== true) scanned.set(item.keys[k]!, a.bytes);
      }
    }
    for (const [stage, v] of Object.entries(ms)) timings.add(stage, v);
    throwIfAborted(options.signal);
    const tl = timings.now();
    for (let k = 0; k < results.length; k++) {
      const a = results[k]!;
      if (a.languageWindow === undefined) continue;
      if (languageWindows) {
        result.deferredLanguages++;
        if (allSubmitted) preloadLanguageModel();
        const drain = languageWindows.write({ i: i + k, w: a.languageWindow });
        if (drain) await drain;
      } else {
        await resolveDeferredLanguage(a, options.languages);
      }
    }
    timings.add('language', timings.now() - tl);
    const t0 = timings.now();
    const decided: DocumentRecord[] = []; // by push, not map: see Analyzer.analyzeBatch
    for (let k = 0; k < results.length; k++) decided.push(classify(item.staged, k, results[k]!, i + k));
    timings.add('near_dedup', timings.now() - t0);
    for (let k = 0; k < decided.length; k++) await emit(decided[k]!, results[k]!, item.staged.files[k]!, texts, k);
    i += decided.length;
    options.progress?.({
      phase: 'cleaning',
      fraction: READ_SHARE + CLEAN_SHARE * (i / Math.max(1, input.documents)),
      message: `Cleaning: ${i.toLocaleString('en-US')} of ${input.documents.toLocaleString('en-US')} documents done`,
      counters: { documents_done: i, documents: input.documents, threads },
    });
  };
  let submitted = 0;
  let allSubmitted = false;
  try {
    // The texts go to the analysis still encoded (and are transferred, not copied, to a worker thread).
    for (const batch of readStagedBatches(input.stagingPath, BATCH, BATCH_BYTES)) {
      // Keys of the texts before they are transferred: copies of texts scanned already are marked for the analysis.
      const keys = options.pii !== null ? textKeys(batch.texts) : null;
      let scannedBytes: Int32Array | undefined;
      for (let k = 0; keys !== null && k < keys.length; k++) {
        const bytes = scanned.get(keys[k]!);
        if (bytes === undefined) continue;
        scannedBytes ??= new Int32Array(keys.length).fill(-1);
        scannedBytes[k] = bytes;
      }
      const answer = pool.analyze(batch.texts, submitted, scannedBytes);
      submitted += batch.files.length;
      answer.catch(() => undefined); // consumed (and its error raised) in order by `consume`
      queue.push({ staged: batch, answer, keys });
      if (queue.length >= depth) await consume();
      // One turn of the event loop: the workers' answers are taken in, so that the pool sends the next batch to a
      // worker that has finished one rather than to this thread (which analyses what finds the workers busy).
      else if (threads > 0) await new Promise((resolve) => setImmediate(resolve));
    }
    // Every batch is out: the workers' last batches run while this thread, otherwise idle until their answers, loads
    // the language model that the documents left for later need, instead of after this pass with both cores idle but
    // one (≈ 0.2 s off an import of 20 MB with one such document; the 100 MB memory bench's peak rose by ≈ 25 MB).
    allSubmitted = true;
    if (result.deferredLanguages > 0) preloadLanguageModel();
    while (queue.length > 0) await consume();
    findings.close();
    kept.close();
    await Promise.all([records.close(), languageWindows?.close()]);
  } catch (error) {
    kept.destroy();
    records.destroy();
    findings.destroy();
    languageWindows?.destroy();
    throw error;
  }
  result.clusters = result.clusterHeads.size;
  return result;
}
