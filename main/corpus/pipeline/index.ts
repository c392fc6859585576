// The corpus import pipeline, pure of the database: sources in, a folder of results out
// (docs.jsonl, documents.jsonl, the findings file, shards/<tokenizer>/) plus the report.
// The caller gives an empty folder and decides what to do with it (the job commits it atomically
// together with the database rows, or removes it on failure and cancellation).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusReport } from '../../common/dto';
import { readInPart } from '../../common/file-problems';
import { BoilerplateDetector } from '../stages/boilerplate';
import { collect, findSources } from './collect';
import { analyzeSettings, clean } from './clean';
import { loadLanguageModel } from '../stages/language';
import { detectLaterLanguages, finalize } from './finalize';
import { FILES, IMPORT_DEFAULTS, type ImportOptions } from './options';
import { inlinePool, threadsFor, workerPool } from './pool';
import { Timings } from './timings';

export type PipelineReport = Omit<CorpusReport, 'corpus' | 'created_at'>;

export { IMPORT_DEFAULTS, FILES } from './options';
export type { ImportOptions, ImportProgress, DocumentRecord, FindingRecord, CleanDocument } from './options';

/** Options with defaults filled in; `paths`, `outDir` and `tokenizer` are required. */
export function importOptions(partial: Partial<ImportOptions> & Pick<ImportOptions, 'paths' | 'outDir' | 'tokenizer'>): ImportOptions {
  return { ...IMPORT_DEFAULTS, ...partial } as ImportOptions;
}

/** Adds an overall ETA (from the elapsed time and the fraction done) to every progress report. */
function withEta(options: ImportOptions): ImportOptions {
  const report = options.progress;
  if (!report) return options;
  const started = performance.now();
  return {
    ...options,
    progress: (p) => {
      const elapsed = (performance.now() - started) / 1000;
      const eta = p.fraction > 0.02 ? Math.round((elapsed * (1 - p.fraction)) / p.fraction) : 0;
      report({ ...p, counters: { ...p.counters, eta_s: eta } });
    },
  };
}

export async function runImport(given: ImportOptions): Promise<PipelineReport> {
  const options = withEta(given);
  mkdirSync(options.outDir, { recursive: true });
  const timings = new Timings(options.clock);
  const stagingPath = join(options.outDir, '.staging.jsonl');
  const keptPath = join(options.outDir, '.kept.bin');
  const recordsPath = join(options.outDir, '.records.jsonl');
  const languagesPath = join(options.outDir, '.languages.jsonl');
  const started = timings.now();
  try {
    const sources = await findSources(options);
    // The threads start now, for both passes: their start-up overlaps the reading.
    const threads = threadsFor(sources.bytes, options.workers, options.pii !== null);
    const setup0 = timings.now(); // the analyzer's settings (with the shared PII name table) and the threads' start
    // Without worker threads, this thread alone counts boilerplate lines: no atomic updates needed.
    const settings = () => analyzeSettings(options, new BoilerplateDetector(options.boilerplate, undefined, threads > 0), threads);
    const pool = threads > 0 ? workerPool(threads, settings) : await inlinePool(settings());
    timings.add('setup', timings.now() - setup0);
    let collected: Awaited<ReturnType<typeof collect>>;
    let cleaned: Awaited<ReturnType<typeof clean>>;
    try {
      collected = await collect(options, sources, pool, stagingPath, timings);
      cleaned = await clean(
        options,
        { stagingPath, files: collected.files, documents: collected.documents, pool },
        { keptPath, recordsPath, findingsPath: join(options.outDir, FILES.findings), languagesPath },
        timings,
      );
    } finally {
      await pool.close();
    }
    rmSync(stagingPath, { force: true });
    if (cleaned.deferredLanguages > 0) await timings.timeAsync('setup', loadLanguageModel);
    const t0 = timings.now();
    const laterLanguages = await detectLaterLanguages(languagesPath, cleaned.deferredLanguages);
    timings.add('language', timings.now() - t0);
    const beforeTokenize = timings.now();
    const final = await finalize(options, { keptPath, files: collected.files, recordsPath, kept: cleaned.kept, clusterHeads: cleaned.clusterHeads, splitKeys: cleaned.keptSplitKeys, ordinals: cleaned.keptOrdinals, laterLanguages }, timings);
    const finished = timings.now();
    timings.add('before_tokenize_total', beforeTokenize - started);
    timings.add('total', finished - started);
    // Skipped = files given or found that contributed nothing (a warning about bad records still imported the file).
    // Files read in part were imported, not skipped.
    const skipped = new Set(collected.problems.filter((p) => p.reason !== 'symlink_loop' && !readInPart(p)).map((p) => p.path)).size;
    return {
      files: { found: collected.filesFound, imported: collected.filesImported, skipped },
      documents: { in: collected.documents, kept: cleaned.kept, train: final.train, validation: final.validation },
      bytes: { in: collected.bytesIn, kept: cleaned.bytesKept },
      tokens: { total: final.shards.tokens.train + final.shards.tokens.validation, train: final.shards.tokens.train, validation: final.shards.tokens.validation },
      tokenizer: { key: options.tokenizer.key, vocab_size: options.tokenizer.vocab_size, dtype: final.shards.dtype },
      duplicates: { exact: cleaned.exactDuplicates, near: cleaned.nearDuplicates, clusters: cleaned.clusters },
      boilerplate_lines_removed: cleaned.boilerplateLinesRemoved,
      languages: final.languages,
      pii: { mode: options.pii?.mode ?? 'report', scanned: options.pii !== null, documents_with_findings: cleaned.documentsWithFindings, dropped: cleaned.droppedPii },
      findings: cleaned.findingsByType,
      filtered: { min_length: 0, symbol_ratio: 0, repeated_lines: 0, language: 0, ...cleaned.filtered },
      invalid_records: collected.invalidRecords,
      split: { seed: options.seed, validation_fraction: options.validationFraction },
      fertility: { words: final.fertility.words, tokens_per_word: final.fertility.tokens_per_word, fragmented: final.fertility.fragmented },
      errors: collected.problems,
      timings_ms: { ...timings.toJSON(), worker_threads: cleaned.threads },
    };
  } finally {
    for (const p of [stagingPath, keptPath, recordsPath, languagesPath]) rmSync(p, { force: true });
  }
}
