// Pass 2 of an import: each staged document is analysed (boilerplate removal, quality filters,
// language, hash, MinHash, PII scan — on worker threads for large imports, see analyze.ts), then,
// in document order, exact and near duplicates are decided: the first document of each cluster is
// kept. Every document gets a record with its status; the kept ones are written for pass 3.
import { JsonlWriter, readJsonl } from '../jsonl-io';
import type { BoilerplateDetector } from '../stages/boilerplate';
import { NearDuplicateIndex } from '../stages/near-dup';
import type { Analysis, AnalyzeSettings } from './analyze';
import type { StagedDoc } from './collect';
import { CLEAN_SHARE, READ_SHARE, throwIfAborted, type DocumentRecord, type FindingRecord, type ImportOptions } from './options';
import { inlinePool, threadsFor, workerPool, type BatchResult } from './pool';
import type { Timings } from './timings';

/** One line of the kept-documents file handed to pass 3. */
export interface KeptDoc {
  i: number;
  hash: string;
  language: string;
  source: string;
  t: string;
}

export interface CleanResult {
  kept: number;
  bytesKept: number;
  exactDuplicates: number;
  nearDuplicates: number;
  /** Kept documents that have at least one duplicate. */
  clusters: number;
  /** Their ordinals. */
  clusterHeads: Set<number>;
  boilerplateLinesRemoved: number;
  languages: Record<string, number>;
  filtered: Record<string, number>;
  findingsByType: Record<string, number>;
  documentsWithFindings: number;
  droppedPii: number;
  threads: number;
  /** Content hash and ordinal of each kept document, in order (what the split needs, without re-reading them). */
  keptHashes: string[];
  keptOrdinals: number[];
}

const BATCH = 64;

/**
 * One line of findings.jsonl, exactly as JSON.stringify writes the FindingRecord (same keys, same order), built
 * without the intermediate object: an import writes one per finding, often more findings than documents.
 */
export function findingJson(doc: number, f: Omit<FindingRecord, 'doc'>): string {
  return `{"doc":${JSON.stringify(doc)},"type":${JSON.stringify(f.type)},"start":${JSON.stringify(f.start)},"end":${JSON.stringify(f.end)},` +
    `"text":${JSON.stringify(f.text)},"context":${JSON.stringify(f.context)},"confidence":${JSON.stringify(f.confidence)}}`;
}

export async function clean(
  options: ImportOptions,
  input: { stagingPath: string; files: readonly string[]; documents: number; textBytes: number; boilerplate: BoilerplateDetector },
  output: { keptPath: string; recordsPath: string; findingsPath: string },
  timings: Timings,
): Promise<CleanResult> {
  const threads = threadsFor(input.textBytes, options.workers, options.pii !== null);
  const result: CleanResult = {
    kept: 0, bytesKept: 0, exactDuplicates: 0, nearDuplicates: 0, clusters: 0, clusterHeads: new Set(), boilerplateLinesRemoved: 0,
    languages: {}, filtered: {}, findingsByType: {}, documentsWithFindings: 0, droppedPii: 0, threads, keptHashes: [], keptOrdinals: [],
  };
  const settings: AnalyzeSettings = {
    boilerplate: input.boilerplate.share(),
    quality: options.quality,
    languages: options.languages,
    shingleWords: options.shingleWords,
    pii: options.pii,
    clock: options.clock ?? 'wall',
  };
  // Start-up: loading the analyzer, its language model and name lists (once per thread).
  const setup0 = timings.now();
  const pool = threads > 0 ? workerPool(settings, threads) : await inlinePool(settings);
  timings.add('setup', timings.now() - setup0);
  const kept = new JsonlWriter(output.keptPath);
  const records = new JsonlWriter(output.recordsPath);
  const findings = new JsonlWriter(output.findingsPath);
  const exact = new Map<string, number>();
  const near = new NearDuplicateIndex(options.nearDuplicateThreshold);
  let i = 0;

  const decide = async (staged: StagedDoc, a: Analysis) => {
    const source = input.files[staged.f]!;
    result.boilerplateLinesRemoved += a.boilerplateRemoved;
    const record: DocumentRecord = {
      i, source, record: staged.r, hash: a.hash, bytes: a.bytes, language: a.language, status: 'kept', filter: null, split: null, cluster: null, similarity: null, findings: 0,
    };
    const t0 = timings.now();
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
      exact.set(a.hash, i);
      if (a.signature) near.add(i, a.signature);
    }
    timings.add('near_dedup', timings.now() - t0);
    if (record.status === 'kept') {
      record.findings = a.findings.length;
      if (a.findings.length > 0) result.documentsWithFindings++;
      for (const f of a.findings) {
        result.findingsByType[f.type] = (result.findingsByType[f.type] ?? 0) + 1;
        const drainFinding = findings.writeLine(findingJson(i, f));
        if (drainFinding) await drainFinding;
      }
      if (a.dropPii) {
        record.status = 'dropped_pii';
        result.droppedPii++;
      } else {
        result.kept++;
        result.bytesKept += a.bytes;
        result.languages[a.language] = (result.languages[a.language] ?? 0) + 1;
        result.keptHashes.push(a.hash);
        result.keptOrdinals.push(i);
        const drainKept = kept.write({ i, hash: a.hash, language: a.language, source, t: a.text } satisfies KeptDoc);
        if (drainKept) await drainKept;
      }
    }
    const drainRecord = records.write(record);
    if (drainRecord) await drainRecord;
    i++;
  };

  const queue: { staged: StagedDoc[]; answer: Promise<BatchResult> }[] = [];
  const depth = Math.max(1, threads * 3);
  const consume = async () => {
    const item = queue.shift()!;
    const { results, ms } = await item.answer;
    for (const [stage, v] of Object.entries(ms)) timings.add(stage, v);
    throwIfAborted(options.signal);
    for (let k = 0; k < item.staged.length; k++) await decide(item.staged[k]!, results[k]!);
    options.progress?.({
      phase: 'cleaning',
      fraction: READ_SHARE + CLEAN_SHARE * (i / Math.max(1, input.documents)),
      message: `Cleaning document ${i} of ${input.documents}`,
      counters: { documents_done: i, documents: input.documents, threads },
    });
  };
  const submit = (batch: StagedDoc[]) => {
    const answer = pool.analyze(batch.map((s) => s.t));
    answer.catch(() => undefined); // consumed (and its error raised) in order by `consume`
    queue.push({ staged: batch, answer });
  };

  try {
    let batch: StagedDoc[] = [];
    for await (const staged of readJsonl<StagedDoc>(input.stagingPath)) {
      batch.push(staged);
      if (batch.length === BATCH) {
        submit(batch);
        batch = [];
        if (queue.length >= depth) await consume();
      }
    }
    if (batch.length > 0) submit(batch);
    while (queue.length > 0) await consume();
    await Promise.all([kept.close(), records.close(), findings.close()]);
  } catch (error) {
    kept.destroy();
    records.destroy();
    findings.destroy();
    throw error;
  } finally {
    await pool.close();
  }
  result.clusters = result.clusterHeads.size;
  return result;
}
