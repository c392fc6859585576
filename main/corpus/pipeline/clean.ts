// Pass 2 of an import: each staged document goes through boilerplate removal, the quality filters,
// language identification, exact and near-duplicate removal and the PII stage, in that order
// (cheap decisions first, so the expensive scan only sees documents that survive). Every document
// gets a record with its status; the kept ones are written, with their text, for pass 3.
import { createHash } from 'node:crypto';
import { JsonlWriter, readJsonl } from '../jsonl-io';
import type { BoilerplateDetector } from '../stages/boilerplate';
import { detectLanguage, rejectedByLanguage } from '../stages/language';
import { minhashSignature } from '../stages/minhash';
import { NearDuplicateIndex } from '../stages/near-dup';
import { applyPii } from '../stages/pii';
import { qualityVerdict } from '../stages/quality';
import type { StagedDoc } from './collect';
import { throwIfAborted, type DocumentRecord, type FindingRecord, type ImportOptions } from './options';
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
}

const CONTEXT_CHARS = 40;

function contextOf(text: string, start: number, end: number): string {
  const from = Math.max(0, start - CONTEXT_CHARS);
  const to = Math.min(text.length, end + CONTEXT_CHARS);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

export async function clean(
  options: ImportOptions,
  input: { stagingPath: string; files: readonly string[]; documents: number; boilerplate: BoilerplateDetector },
  output: { keptPath: string; recordsPath: string; findingsPath: string },
  timings: Timings,
): Promise<CleanResult> {
  const result: CleanResult = {
    kept: 0, bytesKept: 0, exactDuplicates: 0, nearDuplicates: 0, clusters: 0, clusterHeads: new Set(), boilerplateLinesRemoved: 0,
    languages: {}, filtered: {}, findingsByType: {}, documentsWithFindings: 0, droppedPii: 0,
  };
  const kept = new JsonlWriter(output.keptPath);
  const records = new JsonlWriter(output.recordsPath);
  const findings = new JsonlWriter(output.findingsPath);
  const exact = new Map<string, number>();
  const near = new NearDuplicateIndex(options.nearDuplicateThreshold);
  const clustered = result.clusterHeads;
  let i = 0;
  try {
    for await (const staged of readJsonl<StagedDoc>(input.stagingPath)) {
      if ((i & 255) === 0) {
        throwIfAborted(options.signal);
        options.progress?.({
          phase: 'cleaning',
          fraction: 0.6 + 0.25 * (i / Math.max(1, input.documents)),
          message: `Cleaning document ${i + 1} of ${input.documents}`,
          counters: { files_done: input.files.length, files_total: input.files.length, bytes_done: 0, bytes_total: 0, documents: i, mb_per_s: 0, eta_s: 0 },
        });
      }
      const source = input.files[staged.f]!;
      const stripped = timings.time('boilerplate', () => input.boilerplate.strip(staged.t));
      result.boilerplateLinesRemoved += stripped.removed;
      let text = stripped.text;
      const record: DocumentRecord = {
        i, source, record: staged.r, hash: '', bytes: 0, language: 'und', status: 'kept', filter: null, split: null, cluster: null, similarity: null, findings: 0,
      };
      const finish = async () => {
        await records.write(record);
        i++;
      };

      const verdict = timings.time('quality', () => qualityVerdict(text, options.quality));
      record.hash = timings.time('dedup', () => createHash('sha256').update(text, 'utf8').digest('hex'));
      record.bytes = Buffer.byteLength(text, 'utf8');
      if (verdict !== null) {
        record.status = 'filtered';
        record.filter = verdict;
        result.filtered[verdict] = (result.filtered[verdict] ?? 0) + 1;
        await finish();
        continue;
      }
      const guess = timings.time('language', () => detectLanguage(text));
      record.language = guess.language;
      if (rejectedByLanguage(guess, options.languages)) {
        record.status = 'filtered';
        record.filter = 'language';
        result.filtered.language = (result.filtered.language ?? 0) + 1;
        await finish();
        continue;
      }
      const original = exact.get(record.hash);
      if (original !== undefined) {
        record.status = 'duplicate';
        record.cluster = original;
        record.similarity = 1;
        clustered.add(original);
        result.exactDuplicates++;
        await finish();
        continue;
      }
      exact.set(record.hash, i);
      const signature = timings.time('near_dedup', () => minhashSignature(text, options.shingleWords));
      const match = timings.time('near_dedup', () => near.query(signature));
      if (match !== null) {
        record.status = 'near_duplicate';
        record.cluster = match.of;
        record.similarity = match.similarity;
        clustered.add(match.of);
        result.nearDuplicates++;
        await finish();
        continue;
      }
      timings.time('near_dedup', () => near.add(i, signature));
      if (options.scanner) {
        const scanner = options.scanner;
        const pii = timings.time('pii', () => applyPii(text, scanner, options.piiMode));
        record.findings = pii.findings.length;
        if (pii.findings.length > 0) result.documentsWithFindings++;
        for (const f of pii.findings) {
          result.findingsByType[f.type] = (result.findingsByType[f.type] ?? 0) + 1;
          await findings.write({ doc: i, type: f.type, start: f.start, end: f.end, text: f.text, context: contextOf(text, f.start, f.end), confidence: f.confidence } satisfies FindingRecord);
        }
        if (pii.drop) {
          record.status = 'dropped_pii';
          result.droppedPii++;
          await finish();
          continue;
        }
        text = pii.text;
        record.bytes = Buffer.byteLength(text, 'utf8');
      }
      result.kept++;
      result.bytesKept += record.bytes;
      result.languages[record.language] = (result.languages[record.language] ?? 0) + 1;
      await kept.write({ i, hash: record.hash, language: record.language, source, t: text } satisfies KeptDoc);
      await finish();
    }
    await Promise.all([kept.close(), records.close(), findings.close()]);
  } catch (error) {
    kept.destroy();
    records.destroy();
    findings.destroy();
    throw error;
  }
  result.clusters = clustered.size;
  return result;
}
