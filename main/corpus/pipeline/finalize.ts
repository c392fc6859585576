// Pass 3 of an import: the seeded train/validation split over the kept documents, the final
// per-document records with split and cluster filled in, then the cleaned documents file (docs.jsonl,
// exactly what training reads), the token shards with their index, and the fertility report.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { JsonlWriter, readJsonl } from '../jsonl-io';
import { detectLanguage, loadLanguageModel } from '../stages/language';
import { assignSplitFlags } from '../stages/split';
import { FertilityCounter, type FertilityReport } from '../tokenize/fertility';
import { ShardSetWriter, type ShardIndex } from '../tokenize/shards';
import type { Split } from '../types';
import { indexOfSorted, type BitSet, type U32List } from './compact';
import { readKept } from './kept-file';
import { CLEAN_SHARE, FILES, READ_SHARE, throwIfAborted, type CleanDocument, type DocumentRecord, type ImportOptions } from './options';
import type { Timings } from './timings';

export interface FinalizeResult {
  /** Kept documents by language. */
  languages: Record<string, number>;
  train: number;
  validation: number;
  shards: ShardIndex;
  fertility: FertilityReport;
}

/** Languages of the documents pass 2 left for later (lines {i, w} of its languages file), by ordinal. */
export async function detectLaterLanguages(path: string, count: number): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (count === 0) return out;
  await loadLanguageModel();
  for await (const { i, w } of readJsonl<{ i: number; w: string }>(path)) out.set(i, detectLanguage(w).language);
  return out;
}

export async function finalize(
  options: ImportOptions,
  input: {
    keptPath: string;
    /** The import's source files (the kept documents file names each document's by its index). */
    files: readonly string[];
    recordsPath: string;
    kept: number;
    clusterHeads: BitSet;
    splitKeys: U32List;
    ordinals: U32List;
    /** Languages detected after pass 2 (detectLaterLanguages), by ordinal: they replace the 'und' it wrote. */
    laterLanguages: ReadonlyMap<number, string>;
  },
  timings: Timings,
): Promise<FinalizeResult> {
  // Kept ordinals ascend: the split of a kept document is found by binary search, with no per-document map.
  const ordinals = input.ordinals.view();
  const flags = timings.time('split', () => assignSplitFlags(input.splitKeys.view(), options.validationFraction, options.seed));
  const splitOf = (ordinal: number): Split | null => {
    const k = indexOfSorted(ordinals, ordinal);
    return k < 0 ? null : flags[k] === 1 ? 'validation' : 'train';
  };

  const later = input.laterLanguages;
  // Final records first: the split of a duplicate is the split of the document it duplicates. With the findings
  // (final since pass 2) they are all the rows the caller stores, which it may start on while the documents are
  // tokenized (options.rowsReady). Read by the job's commit and deleted then: no fsync.
  const records = new JsonlWriter(join(options.outDir, FILES.documents), false);
  try {
    for await (const record of readJsonl<DocumentRecord>(input.recordsPath)) {
      if (later.size > 0) record.language = later.get(record.i) ?? record.language;
      if (record.status === 'kept') {
        record.split = splitOf(record.i);
        if (input.clusterHeads.has(record.i)) record.cluster = record.i;
      } else if (record.cluster !== null) {
        record.split = splitOf(record.cluster);
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
  options.rowsReady?.();

  const shards = new ShardSetWriter(join(options.outDir, FILES.shards, options.tokenizer.key), options.tokenizer);
  const fertility = new FertilityCounter();
  const docs = new JsonlWriter(join(options.outDir, FILES.docs));
  let done = 0;
  const languages: Record<string, number> = {};
  // Documents are tokenized and counted a batch at a time: two clock readings per batch rather than per document.
  const batch: Array<{ text: string; split: Split }> = [];
  const encodeBatch = () => {
    const tokens = timings.time('tokenize', () => batch.map((d) => shards.add(d.text, d.split)));
    timings.time('fertility', () => {
      for (let k = 0; k < batch.length; k++) fertility.add(batch[k]!.text, tokens[k]!);
    });
    batch.length = 0;
  };
  try {
    for (const doc of readKept(input.keptPath)) {
      if (later.size > 0) doc.language = later.get(doc.i) ?? doc.language;
      languages[doc.language] = (languages[doc.language] ?? 0) + 1;
      if ((done & 255) === 0) {
        throwIfAborted(options.signal);
        options.progress?.({
          phase: 'tokenizing',
          fraction: READ_SHARE + CLEAN_SHARE + (1 - READ_SHARE - CLEAN_SHARE) * (done / Math.max(1, input.kept)),
          message: `Tokenizing: ${done.toLocaleString('en-US')} of ${input.kept.toLocaleString('en-US')} documents done`,
          counters: { documents_done: done, documents: input.kept },
        });
      }
      const split = splitOf(doc.i)!;
      const drainDoc = docs.write({ id: doc.i, split, language: doc.language, source: input.files[doc.file]!, text: doc.text } satisfies CleanDocument);
      if (drainDoc) await drainDoc;
      batch.push({ text: doc.text, split });
      if (batch.length === 64) encodeBatch();
      done++;
    }
    encodeBatch();
    await docs.close();
  } catch (error) {
    docs.destroy();
    throw error;
  }
  const index = timings.time('tokenize', () => shards.finish());
  const fertilityReport = timings.time('fertility', () => fertility.report(options.tokenizer));

  let validation = 0;
  for (const f of flags) validation += f;
  return { languages, train: flags.length - validation, validation, shards: index, fertility: fertilityReport };
}
