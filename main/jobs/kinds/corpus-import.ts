// Job kind `corpus.import`: runs the corpus pipeline into a hidden folder of the workspace, then
// commits: the rows (documents, findings) are written in short transactions (corpus-commit.ts) while
// the corpus is still 'importing' — hidden from every corpus API — on a thread of their own that starts
// as soon as the pipeline has them final, while it still tokenizes (row-commit.ts); then the folder is
// renamed to corpora/<id>/ and one last small transaction adds skipped files and shard set and marks it
// ready with its report (timings_ms.commit: from the rows' start to ready; commit_after_pipeline: the
// part of it after the pipeline ended). A failure or a cancellation stops the rows' thread and removes
// the folder, the rows and the corpus row: nothing half-imported stays visible, and other corpora are
// never touched. A crash leaves an 'importing' row that the next import (or the next start) clears: corpus-leftovers.ts.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { JobParams } from '../../common/contract';
import type { CorpusReport } from '../../common/dto';
import { StudioError } from '../../common/errors';
import { fsyncDirSync, writeFileAtomicSync } from '../../platform/atomic';
import { FILES, importOptions, runImport } from '../../corpus/pipeline';
import { wordTokenizer } from '../../corpus/tokenize/word-tokenizer';
import type { CorpusTokenizer } from '../../corpus/tokenize/types';
import { loadCorpusTokenizer } from '../../corpus/tokenize/engine-tokenizer';
import type { AllowEntry, PiiType } from '../../corpus/pii';
import type { WritableDb } from '../../store/db';
import { DELETING, deleteCorpus, findCorpus, insertCorpus, updateCorpus } from '../../store/queries/corpora';
import { deleteCorpusContent, insertFileErrors, listAllowList, upsertShardSet } from '../../store/queries/documents';
import type { JobContext } from '../context';
import { throwIfCancelled } from './corpus-commit';
import { clearAbandonedImports, ownedByLiveJob } from './corpus-leftovers';
import { RowCommit } from './row-commit';

export type CorpusImportParams = JobParams<'corpus.import'>;

/**
 * Refuses a name already taken, then clears every import that never finished and whose job is gone (see
 * clearAbandonedImports), so that leftovers do not accumulate in the workspace.
 */
function clearStale(ctx: JobContext, name: string): void {
  const existing = findCorpus(ctx.db, name);
  if (existing?.status === 'ready') {
    throw new StudioError('conflict', `A corpus named "${existing.name}" already exists; choose another name.`, { field: 'name' });
  }
  const busy = existing ? ownedByLiveJob(ctx.db, existing.job_id, ctx.job_id) : null;
  if (existing && busy !== null) {
    const doing = existing.status === DELETING ? 'deleted' : 'imported';
    throw new StudioError('conflict', `Corpus "${existing.name}" is being ${doing} by job ${busy}; wait for it or cancel it.`, { field: 'name' });
  }
  clearAbandonedImports(ctx.db, ctx.paths, ctx.job_id);
}

/** The workspace allow-list in the scanner's terms. */
function allowList(db: WritableDb): AllowEntry[] {
  return listAllowList(db).map((e) => (e.type === null ? e.text : { type: e.type as PiiType, text: e.text }));
}

async function tokenizerFor(folder: string | undefined): Promise<CorpusTokenizer> {
  return folder === undefined ? wordTokenizer() : loadCorpusTokenizer(folder);
}

/**
 * The last, small transaction: skipped files, the shard set, and the corpus row marked ready with its report —
 * the moment the corpus becomes visible.
 */
function markReady(db: WritableDb, corpusId: number, report: CorpusReport): void {
  // On disk before the job says it succeeded: in WAL mode with synchronous=NORMAL a power cut may undo the last
  // transactions, and the next start would then clear this complete corpus as an import that never finished.
  db.sql.pragma('synchronous = FULL');
  db.transaction(() => {
    insertFileErrors(db, corpusId, report.errors);
    upsertShardSet(db, corpusId, {
      tokenizer: report.tokenizer.key,
      vocab_size: report.tokenizer.vocab_size,
      dtype: report.tokenizer.dtype,
      tokens_train: report.tokens.train,
      tokens_validation: report.tokens.validation,
      tokens_per_word: report.fertility.tokens_per_word,
    });
    updateCorpus(db, corpusId, { status: 'ready', documents: report.documents.kept, bytes: report.bytes.kept, tokens: report.tokens.total, report });
  });
}

export async function corpusImport(params: CorpusImportParams, ctx: JobContext): Promise<CorpusReport> {
  clearStale(ctx, params.name);
  const tokenizer = await tokenizerFor(params.tokenizer);
  const corpus = insertCorpus(ctx.db, { name: params.name, options: { ...params }, job_id: ctx.job_id });
  const finalDir = ctx.paths.corpus(corpus.id);
  const workDir = join(ctx.paths.corpora, `.import-${corpus.id}-${ctx.job_id}`);
  let committedFolder = false;
  let rows: RowCommit | null = null;
  const startRows = (): RowCommit => (rows ??= new RowCommit(ctx.paths.database, corpus.id, workDir));
  try {
    rmSync(workDir, { recursive: true, force: true });
    const pipelineReport = await runImport(
      importOptions({
        paths: params.paths,
        outDir: workDir,
        tokenizer,
        pii: { mode: params.pii, allow: allowList(ctx.db) },
        textColumn: params.text_column,
        jsonField: params.json_field,
        languages: params.languages,
        maxFileBytes: params.max_file_bytes,
        seed: params.seed,
        validationFraction: params.validation_fraction,
        ...(params.workers !== undefined ? { workers: params.workers } : {}),
        signal: ctx.signal,
        progress: (p) => ctx.progress(p.fraction, p.message, p.counters),
        rowsReady: () => void startRows(),
      }),
    );
    const pipelineEnded = performance.now();
    if (pipelineReport.documents.in === 0) {
      // Every file's reason (up to a screenful): the import leaves no report to look them up in.
      const errors = pipelineReport.errors;
      const listed = errors.slice(0, 20).map((e) => `\n  ${e.path}: ${e.message}`).join('');
      const more = errors.length > 20 ? `\n  … and ${errors.length - 20} more` : '';
      throw new StudioError('bad_input', `No documents could be read from the given paths.${errors.length > 0 ? `${listed}${more}` : ''}`, { field: 'paths' });
    }
    const report: CorpusReport = { corpus: { id: corpus.id, name: corpus.name, status: 'ready' }, ...pipelineReport, created_at: corpus.created_at };
    const rowsTotal = report.documents.in + Object.values(report.findings).reduce((a, b) => a + b, 0);
    const commit = startRows(); // already running unless the pipeline never said its rows were ready
    const commitProgress = (done: number) => ctx.progress(0.99, 'Committing the corpus…', { rows_done: done, rows_total: rowsTotal });
    commit.onRows = commitProgress;
    commitProgress(commit.rows);
    // Cancelling stops the thread after its current chunk (the rows it stored are removed below).
    const onAbort = () => void commit.stop();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    if (ctx.signal.aborted) onAbort(); // cancelled before the listener was added
    try {
      await commit.finish();
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
    }
    throwIfCancelled(ctx.signal);
    // The per-document rows now live in the database: their files go before the folder can become a corpus (the
    // findings file holds each finding's text as written — in a redacted corpus, the very identifiers it replaced).
    rmSync(join(workDir, FILES.documents), { force: true });
    rmSync(join(workDir, FILES.findings), { force: true });
    rmSync(finalDir, { recursive: true, force: true });
    renameSync(workDir, finalDir);
    fsyncDirSync(ctx.paths.corpora);
    committedFolder = true;
    // The rows (started while the pipeline tokenized) and the folder's rename; the report file and the last
    // transaction take a few ms.
    const now = performance.now();
    report.timings_ms.commit = Math.round(now - commit.started);
    report.timings_ms.commit_after_pipeline = Math.round(now - pipelineEnded);
    writeFileAtomicSync(join(finalDir, FILES.report), `${JSON.stringify(report, null, 2)}\n`);
    markReady(ctx.db, corpus.id, report);
    return report;
  } catch (error) {
    // The rows' thread is gone before its rows are removed.
    await (rows as RowCommit | null)?.stop();
    rmSync(workDir, { recursive: true, force: true });
    if (committedFolder && existsSync(finalDir)) rmSync(finalDir, { recursive: true, force: true });
    try {
      deleteCorpusContent(ctx.db, corpus.id);
      deleteCorpus(ctx.db, corpus.id);
    } catch (cleanupError) {
      ctx.log.warn('Could not remove the unfinished corpus row', { corpus: corpus.id, error: String(cleanupError) });
    }
    if (ctx.signal.aborted || (error as Error).name === 'AbortError') throw new StudioError('cancelled', 'The import was cancelled; nothing was kept.');
    throw error;
  }
}
