// The corpus.delete job against a real workspace: the corpus's folder and rows go, other corpora stay as they were;
// runs trained on it keep it as a renamed record with counts only; a job using it blocks the deletion; a deletion
// cut short is finished when the workspace next opens.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpusImportSchema } from '../../common/contract';
import type { CorpusReport } from '../../common/dto';
import { openWorkspaceDb, type WritableDb } from '../../store/db';
import { DELETING, findCorpus, listCorpora, readyCorpus } from '../../store/queries/corpora';
import { insertJob, finishJob } from '../../store/queries/jobs';
import { insertRun } from '../../store/queries/runs';
import type { JobContext } from '../context';
import { testJobContext } from '../test-support';
import { corpusDelete } from './corpus-delete';
import { corpusImport } from './corpus-import';
import { clearAbandonedImports } from './corpus-leftovers';
import { workspacePaths } from '../../platform/paths';

let dir: string;
let workspace: string;
let db: WritableDb;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-corpus-delete-'));
  workspace = join(dir, 'ws');
  db = openWorkspaceDb(join(workspace, 'studio.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A job context whose job ends (succeeded) when `run` does, as the supervisor records it. */
async function asJob<T>(kind: string, run: (ctx: JobContext) => Promise<T>): Promise<T> {
  const ctx = testJobContext(db, workspace, kind);
  try {
    return await run(ctx);
  } finally {
    finishJob(db, ctx.job_id, { status: 'succeeded' });
  }
}

async function importNotes(name: string): Promise<CorpusReport> {
  const src = join(dir, `src-${name}`);
  mkdirSync(src, { recursive: true });
  for (let i = 0; i < 8; i++) {
    writeFileSync(join(src, `note-${i}.txt`), `Note ${i}: Mary Jones (MRN 44${i}91832) was seen for asthma on topic ${i * 7919}; follow-up in ${i + 2} weeks.`);
  }
  return asJob('corpus.import', (ctx) => corpusImport(corpusImportSchema.parse({ paths: [src], name, pii: 'report' }), ctx));
}

const folder = (id: number) => join(workspace, 'corpora', String(id));
const rows = (table: string, id: number) =>
  db.sql.prepare(`SELECT count(*) FROM ${table} WHERE ${table === 'findings' ? 'document_id IN (SELECT id FROM documents WHERE corpus_id = ?)' : 'corpus_id = ?'}`).pluck().get(id) as number;

describe('corpus.delete job', () => {
  it('removes the folder and every row of the corpus, and leaves the other corpora as they were', async () => {
    const keep = await importNotes('keep');
    const gone = await importNotes('gone');
    const keptDocs = readFileSync(join(folder(keep.corpus.id), 'docs.jsonl'), 'utf8');
    expect(rows('findings', gone.corpus.id)).toBeGreaterThan(0);

    const result = await asJob('corpus.delete', (ctx) => corpusDelete({ corpus: 'GONE' }, ctx));
    expect(result).toMatchObject({ corpus: gone.corpus.id, name: 'gone', documents: 8, runs: [], kept_as_record: false });
    expect(result.bytes_freed).toBeGreaterThan(1000);
    expect(existsSync(folder(gone.corpus.id))).toBe(false);
    expect(findCorpus(db, gone.corpus.id)).toBeNull();
    for (const table of ['documents', 'findings', 'file_errors', 'corpus_shards', 'finding_counts']) expect(rows(table, gone.corpus.id)).toBe(0);
    expect(listCorpora(db).map((c) => c.name)).toEqual(['keep']);
    expect(readFileSync(join(folder(keep.corpus.id), 'docs.jsonl'), 'utf8')).toBe(keptDocs);
    expect(rows('findings', keep.corpus.id)).toBeGreaterThan(0);
    // Its name is free again.
    expect((await importNotes('gone')).documents.kept).toBe(8);
  });

  it('keeps a corpus that runs were trained on as their record: renamed, counts only, unusable', async () => {
    const report = await importNotes('notes');
    const id = report.corpus.id;
    const run = insertRun(db, { corpus_id: id, base_model_id: null, method: 'scratch' });
    const result = await asJob('corpus.delete', (ctx) => corpusDelete({ corpus: id }, ctx));
    expect(result).toMatchObject({ runs: [run.id], kept_as_record: true });
    expect(existsSync(folder(id))).toBe(false);
    expect(rows('documents', id)).toBe(0);
    const record = findCorpus(db, id)!;
    expect(record).toMatchObject({ name: `notes (deleted #${id})`, status: 'deleted' });
    const kept = record.report as CorpusReport;
    expect(kept.documents.kept).toBe(8);
    expect(kept.errors).toEqual([]);
    expect(kept.fertility.fragmented).toEqual([]);
    expect(listCorpora(db)).toEqual([]);
    expect(() => readyCorpus(db, id)).toThrow(/was deleted/);
    await expect(asJob('corpus.delete', (ctx) => corpusDelete({ corpus: id }, ctx))).rejects.toThrow(/was deleted/);
    expect((await importNotes('notes')).corpus.name).toBe('notes');
  });

  it('refuses while a job uses the corpus, changing nothing', async () => {
    const report = await importNotes('notes');
    const id = report.corpus.id;
    const training = insertJob(db, 'train', { corpus: 'Notes', base: 'tiny-bert', method: 'cpt-lora' });
    db.sql.prepare("UPDATE jobs SET status = 'running' WHERE id = ?").run(training.id);
    await expect(asJob('corpus.delete', (ctx) => corpusDelete({ corpus: id }, ctx))).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining(`in use by job ${training.id}`),
    });
    expect(readyCorpus(db, id).status).toBe('ready');
    expect(existsSync(join(folder(id), 'docs.jsonl'))).toBe(true);

    // Evaluating a run trained on it counts too.
    finishJob(db, training.id, { status: 'succeeded' });
    const run = insertRun(db, { corpus_id: id, base_model_id: null, method: 'scratch' });
    const evaluating = insertJob(db, 'eval', { run: run.id });
    db.sql.prepare("UPDATE jobs SET status = 'running' WHERE id = ?").run(evaluating.id);
    await expect(asJob('corpus.delete', (ctx) => corpusDelete({ corpus: 'notes' }, ctx))).rejects.toThrow(`in use by job ${evaluating.id}`);
    finishJob(db, evaluating.id, { status: 'succeeded' });
    await expect(asJob('corpus.delete', (ctx) => corpusDelete({ corpus: 'notes' }, ctx))).resolves.toMatchObject({ kept_as_record: true });
  });

  it('a deletion cut short (its job gone) is finished when the workspace next opens', async () => {
    const report = await importNotes('notes');
    const id = report.corpus.id;
    const job = insertJob(db, 'corpus.delete', { corpus: id });
    finishJob(db, job.id, { status: 'failed', error: { code: 'job_failed', message: 'killed' } });
    db.sql.prepare('UPDATE corpora SET status = ?, job_id = ? WHERE id = ?').run(DELETING, job.id, id);
    expect(() => readyCorpus(db, id)).toThrow(/being deleted/);
    expect(listCorpora(db)).toEqual([]);
    clearAbandonedImports(db, workspacePaths(workspace));
    expect(findCorpus(db, id)).toBeNull();
    expect(existsSync(folder(id))).toBe(false);
    expect(rows('documents', id)).toBe(0);
  });
});
