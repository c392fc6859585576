// The corpus.import job kind against a real workspace database: a successful import commits folder and
// rows together; a failed, cancelled or crashed import leaves nothing half-visible and never touches an
// existing corpus.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpusImportSchema } from '../../common/contract';
import { StudioError } from '../../common/errors';
import { openWorkspaceDb, type WritableDb } from '../../store/db';
import { findCorpus, insertCorpus, listCorpora } from '../../store/queries/corpora';
import { finishJob, insertJob, markJobRunning } from '../../store/queries/jobs';
import type { JobContext } from '../context';
import { testJobContext } from '../test-support';
import { corpusImport } from './corpus-import';
import { clearAbandonedImports } from './corpus-leftovers';
import { workspacePaths } from '../../platform/paths';

let dir: string;
let workspace: string;
let db: WritableDb;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-corpus-job-'));
  workspace = join(dir, 'ws');
  db = openWorkspaceDb(join(workspace, 'studio.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function context(onProgress?: (p: number | null, message?: string) => void, controller = new AbortController()): JobContext {
  return testJobContext(db, workspace, 'corpus.import', { ...(onProgress ? { progress: onProgress } : {}), signal: controller.signal });
}

function sourceFolder(name: string, docs: number): string {
  const src = join(dir, name);
  mkdirSync(src, { recursive: true });
  for (let i = 0; i < docs; i++) {
    writeFileSync(
      join(src, `letter-${i}.txt`),
      `Letter ${i} about case ${i * 31}. The tenancy agreement number ${i} was reviewed and the landlord's obligations under section ${i + 3} were explained to Mary Jones at length, with topic ${i * 7919}.`,
    );
  }
  writeFileSync(join(src, 'broken.pdf'), '%PDF-1.4 truncated');
  return src;
}

const params = (paths: string[], name: string, extra: Record<string, unknown> = {}) => corpusImportSchema.parse({ paths, name, ...extra });
const visibleFolders = () => (existsSync(join(workspace, 'corpora')) ? readdirSync(join(workspace, 'corpora')) : []);
const count = (table: string) => db.sql.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('corpus.import job', () => {
  it('commits the corpus folder and every row together', async () => {
    const report = await corpusImport(params([sourceFolder('a', 8)], 'Letters'), context());
    const corpus = findCorpus(db, 'Letters')!;
    expect(corpus.status).toBe('ready');
    expect(corpus.documents).toBe(8);
    expect(report.corpus).toEqual({ id: corpus.id, name: 'Letters', status: 'ready' });
    expect(report.errors.map((e) => e.reason)).toEqual(['corrupt']);
    expect(count('documents')).toBe(8);
    expect(count('file_errors')).toBe(1);
    expect(count('findings')).toBeGreaterThanOrEqual(8); // "Mary Jones" in every letter
    expect(count('corpus_shards')).toBe(1);
    expect(visibleFolders()).toEqual([String(corpus.id)]);
    expect(readdirSync(join(workspace, 'corpora', String(corpus.id))).sort()).toEqual(['docs.jsonl', 'report.json', 'shards']);
    const stored = JSON.parse(readFileSync(join(workspace, 'corpora', String(corpus.id), 'report.json'), 'utf8')) as typeof report;
    expect(stored.documents.kept).toBe(8);
    // The commit's own time is in the report, on file and in the corpus row alike.
    expect(report.timings_ms.commit).toBeGreaterThanOrEqual(0);
    expect(stored.timings_ms.commit).toBe(report.timings_ms.commit);
    expect((corpus.report as typeof report).timings_ms.commit).toBe(report.timings_ms.commit);
    // The rows started while the pipeline tokenized: part of the commit came before the pipeline's end.
    expect(report.timings_ms.commit_after_pipeline).toBeGreaterThanOrEqual(0);
    expect(report.timings_ms.commit_after_pipeline).toBeLessThanOrEqual(report.timings_ms.commit!);
  });

  it('fails cleanly when nothing can be read, leaving the existing corpus untouched', async () => {
    await corpusImport(params([sourceFolder('a', 5)], 'Existing'), context());
    const before = { rows: count('documents'), docs: readFileSync(join(workspace, 'corpora', '1', 'docs.jsonl'), 'utf8'), corpus: findCorpus(db, 'Existing') };
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'x.docx'), 'not a zip');
    writeFileSync(join(bad, 'y.txt'), Buffer.alloc(64, 0));
    const error = await corpusImport(params([bad], 'Broken'), context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('bad_input');
    // Each file and its reason: there is no report to find them in.
    const lines = (error as StudioError).message.split('\n');
    expect(lines[0]).toBe('No documents could be read from the given paths.');
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^  .*x\.docx: .*zip/i), expect.stringMatching(/^  .*y\.txt: Looks like binary data/)]);
    expect(findCorpus(db, 'Broken')).toBeNull();
    expect(count('documents')).toBe(before.rows);
    expect(findCorpus(db, 'Existing')).toEqual(before.corpus);
    expect(readFileSync(join(workspace, 'corpora', '1', 'docs.jsonl'), 'utf8')).toBe(before.docs);
    expect(visibleFolders()).toEqual(['1']);
  });

  it('leaves nothing behind when cancelled mid-import', async () => {
    const controller = new AbortController();
    const ctx = context((p) => {
      if (p !== null && p > 0.3) controller.abort();
    }, controller);
    const error = await corpusImport(params([sourceFolder('a', 40)], 'Cancelled'), ctx).catch((e: unknown) => e);
    expect((error as StudioError).code).toBe('cancelled');
    expect(findCorpus(db, 'Cancelled')).toBeNull();
    expect(count('documents')).toBe(0);
    expect(visibleFolders()).toEqual([]);
  });

  it('leaves nothing behind when cancelled while the rows are being stored beside the tokenization', async () => {
    await corpusImport(params([sourceFolder('a', 5)], 'Existing'), context());
    const before = count('documents');
    const controller = new AbortController();
    const ctx = context((_, message) => {
      if (message?.startsWith('Tokenizing')) controller.abort(); // the rows' thread has started by then
    }, controller);
    const error = await corpusImport(params([sourceFolder('b', 300)], 'Cancelled'), ctx).catch((e: unknown) => e);
    expect((error as StudioError).code).toBe('cancelled');
    expect(findCorpus(db, 'Cancelled')).toBeNull();
    expect(count('documents')).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 200)); // no thread goes on writing afterwards
    expect(count('documents')).toBe(before);
    expect(count('findings')).toBe(db.sql.prepare('SELECT count(*) FROM findings f JOIN documents d ON d.id = f.document_id').pluck().get());
    expect(visibleFolders()).toEqual(['1']);
  });

  it('refuses a name already taken, and clears an import that crashed under the same name', async () => {
    await corpusImport(params([sourceFolder('a', 3)], 'Taken'), context());
    await expect(corpusImport(params([sourceFolder('a', 3)], 'taken'), context())).rejects.toMatchObject({ code: 'conflict' });

    const crashed = insertJob(db, 'corpus.import', {});
    finishJob(db, crashed.id, { status: 'interrupted' });
    const stale = insertCorpus(db, { name: 'Again', job_id: crashed.id });
    mkdirSync(join(workspace, 'corpora', String(stale.id)), { recursive: true });
    writeFileSync(join(workspace, 'corpora', String(stale.id), 'half-written.jsonl'), '{"text":');
    await corpusImport(params([sourceFolder('b', 3)], 'Again'), context());
    const again = findCorpus(db, 'Again')!;
    expect(again.status).toBe('ready');
    expect(again.documents).toBe(3);
    // The freed id is never handed out again (AUTOINCREMENT), and the stale folder's content is gone.
    expect(again.id).toBeGreaterThan(stale.id);
    expect(existsSync(join(workspace, 'corpora', String(stale.id), 'half-written.jsonl'))).toBe(false);
    expect(listCorpora(db).map((c) => c.name).sort()).toEqual(['Again', 'Taken']);
  });

  it('clears leftovers of any crashed import, but not an import still running', async () => {
    const crashed = insertJob(db, 'corpus.import', {});
    finishJob(db, crashed.id, { status: 'interrupted' });
    const stale = insertCorpus(db, { name: 'Crashed', job_id: crashed.id });
    const running = insertJob(db, 'corpus.import', {});
    markJobRunning(db, running.id, process.pid, process.pid);
    const live = insertCorpus(db, { name: 'Running', job_id: running.id });
    for (const folder of [`.import-${stale.id}-${crashed.id}`, `.import-${live.id}-${running.id}`]) mkdirSync(join(workspace, 'corpora', folder), { recursive: true });
    await corpusImport(params([sourceFolder('c', 3)], 'Fresh'), context());
    expect(findCorpus(db, 'Crashed')).toBeNull();
    expect(findCorpus(db, 'Running')?.status).toBe('importing');
    expect(visibleFolders().sort()).toEqual([`.import-${live.id}-${running.id}`, String(findCorpus(db, 'Fresh')!.id)].sort());
  });

  it("removes a ready corpus's intermediate files left by an import stopped after its last transaction", async () => {
    await corpusImport(params([sourceFolder('a', 3)], 'Ready'), context());
    const folder = join(workspace, 'corpora', String(findCorpus(db, 'Ready')!.id));
    const kept = readdirSync(folder).sort();
    expect(kept).not.toContain('findings.bin');
    // As a kill right after the corpus became ready would leave them (the findings file holds the identifiers' text).
    writeFileSync(join(folder, 'findings.bin'), 'Jane Roe 617-555-0134');
    writeFileSync(join(folder, 'documents.jsonl'), '{}\n');
    clearAbandonedImports(db, workspacePaths(workspace));
    expect(readdirSync(folder).sort()).toEqual(kept);
  });
});
