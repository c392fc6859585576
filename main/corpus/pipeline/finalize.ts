// Pass 3 of an import: the seeded train/validation split over the kept documents, the cleaned
// documents file (docs.jsonl, exactly what training reads), the token shards with their index, the
// fertility report, and the final per-document records with split and cluster filled in.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { JsonlWriter, readJsonl } from '../jsonl-io';
import { assignSplits } from '../stages/split';
import { FertilityCounter, type FertilityReport } from '../tokenize/fertility';
import { ShardSetWriter, type ShardIndex } from '../tokenize/shards';
import type { Split } from '../types';
import type { KeptDoc } from './clean';
import { CLEAN_SHARE, FILES, READ_SHARE, throwIfAborted, type CleanDocument, type DocumentRecord, type ImportOptions } from './options';
import type { Timings } from './timings';

export interface FinalizeResult {
  train: number;
  validation: number;
  shards: ShardIndex;
  fertility: FertilityReport;
}

export async function finalize(
  options: ImportOptions,
  input: { keptPath: string; recordsPath: string; kept: number; clusterHeads: ReadonlySet<number>; hashes: readonly string[]; ordinals: readonly number[] },
  timings: Timings,
): Promise<FinalizeResult> {
  const { hashes, ordinals } = input;
  const splits = timings.time('split', () => assignSplits(hashes, options.validationFraction, options.seed));
  const splitOf = new Map<number, Split>();
  ordinals.forEach((ordinal, k) => splitOf.set(ordinal, splits[k]!));

  const shards = new ShardSetWriter(join(options.outDir, FILES.shards, options.tokenizer.key), options.tokenizer);
  const fertility = new FertilityCounter();
  const docs = new JsonlWriter(join(options.outDir, FILES.docs));
  let done = 0;
  try {
    for await (const doc of readJsonl<KeptDoc>(input.keptPath)) {
      if ((done & 255) === 0) {
        throwIfAborted(options.signal);
        options.progress?.({
          phase: 'tokenizing',
          fraction: READ_SHARE + CLEAN_SHARE + (1 - READ_SHARE - CLEAN_SHARE) * (done / Math.max(1, input.kept)),
          message: `Tokenizing document ${done + 1} of ${input.kept}`,
          counters: { documents_done: done, documents: input.kept },
        });
      }
      const split = splitOf.get(doc.i)!;
      const drainDoc = docs.write({ id: doc.i, split, language: doc.language, source: doc.source, text: doc.t } satisfies CleanDocument);
      if (drainDoc) await drainDoc;
      const tokens = timings.time('tokenize', () => shards.add(doc.t, split));
      timings.time('fertility', () => fertility.add(doc.t, tokens));
      done++;
    }
    await docs.close();
  } catch (error) {
    docs.destroy();
    throw error;
  }
  const index = timings.time('tokenize', () => shards.finish());
  const fertilityReport = timings.time('fertility', () => fertility.report(options.tokenizer));

  // Final records: the split of a duplicate is the split of the document it duplicates.
  const records = new JsonlWriter(join(options.outDir, FILES.documents));
  try {
    for await (const record of readJsonl<DocumentRecord>(input.recordsPath)) {
      if (record.status === 'kept') {
        record.split = splitOf.get(record.i) ?? null;
        if (input.clusterHeads.has(record.i)) record.cluster = record.i;
      } else if (record.cluster !== null) {
        record.split = splitOf.get(record.cluster) ?? null;
      }
      const drainRecord = records.write(record);
      if (drainRecord) await drainRecord;
    }
    await records.close();
  } catch (error) {
    records.destroy();
    throw error;
  }
  rmSync(input.recordsPath, { force: true });
  const validation = splits.filter((s) => s === 'validation').length;
  return { train: splits.length - validation, validation, shards: index, fertility: fertilityReport };
}
