// Query modules: they return the DTOs of main/common/dto.ts and turn constraint failures into StudioErrors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceDb, type WritableDb } from '../db';
import { deleteCorpus, getCorpus, insertCorpus, listCorpora, readyCorpus, updateCorpus } from './corpora';
import { appendEvent, listEvents, pruneProgressEvents } from './events';
import { finishJob, getJob, insertJob, listJobs, listUnfinishedJobs, markJobRunning, updateJobProgress } from './jobs';
import { getModel, insertModel, listModels } from './models';
import { getRun, insertRun, listRuns, mergeRunMetrics, setRunStatus } from './runs';
import { deleteSetting, getSetting, listSettings, setSetting } from './settings';

let dir: string;
let db: WritableDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-queries-'));
  db = openWorkspaceDb(join(dir, 'studio.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('jobs queries', () => {
  it('walks a job through queued → running → succeeded and keeps the first outcome', () => {
    const job = insertJob(db, 'workspace.check', {});
    expect(job).toMatchObject({ kind: 'workspace.check', status: 'queued', params: {}, result: null, error: null, started_at: null });
    markJobRunning(db, job.id, 1234, process.pid);
    updateJobProgress(db, job.id, 0.5, 'Hashing');
    expect(getJob(db, job.id)).toMatchObject({ status: 'running', progress: 0.5, message: 'Hashing' });
    const done = finishJob(db, job.id, { status: 'succeeded', result: { files: 3 } });
    expect(done).toMatchObject({ status: 'succeeded', progress: 1, result: { files: 3 } });
    expect(done?.finished_at).not.toBeNull();
    expect(finishJob(db, job.id, { status: 'failed', error: { code: 'internal', message: 'late' } })).toBeNull();
    expect(getJob(db, job.id).status).toBe('succeeded');
  });

  it('lists most recent first and reports unfinished jobs with their pids', () => {
    const a = insertJob(db, 'a.b', {});
    const b = insertJob(db, 'a.b', { n: 1 });
    markJobRunning(db, b.id, 42, 41);
    expect(listJobs(db).map((j) => j.id)).toEqual([b.id, a.id]);
    expect(listJobs(db, 1)).toHaveLength(1);
    expect(listUnfinishedJobs(db).map((j) => [j.id, j.pid, j.supervisor_pid])).toEqual([[a.id, null, null], [b.id, 42, 41]]);
  });

  it('reports an unknown job as not_found', () => {
    expect(() => getJob(db, 999)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});

describe('corpora, models and runs queries', () => {
  it('returns CorpusSummary objects and refuses a duplicate name with a conflict on "name"', () => {
    const corpus = insertCorpus(db, { name: 'Discharge notes', options: { pii: 'redact' } });
    updateCorpus(db, corpus.id, { status: 'ready', documents: 10, bytes: 2048, tokens: 900, report: { duplicates: 1 } });
    expect(listCorpora(db)).toEqual([
      { id: corpus.id, name: 'Discharge notes', status: 'ready', documents: 10, bytes: 2048, tokens: 900, created_at: corpus.created_at },
    ]);
    expect(getCorpus(db, 'Discharge notes').report).toEqual({ duplicates: 1 });
    expect(() => insertCorpus(db, { name: 'discharge notes' })).toThrow(expect.objectContaining({ code: 'conflict', field: 'name' }));
  });

  it('returns RunSummary objects with corpus and model names, and protects a used corpus', () => {
    const corpus = insertCorpus(db, { name: 'Contracts' });
    const model = insertModel(db, { name: 'tiny-bert', model_type: 'bert', source: 'bundled', path: '/models/1', parameters: 4_400_000, vocab_size: 30522 });
    expect(listModels(db)[0]).toMatchObject({ name: 'tiny-bert', parameters: 4_400_000, vocab_size: 30522 });
    expect(getModel(db, model.id).source).toBe('bundled');
    const run = insertRun(db, { corpus_id: corpus.id, base_model_id: model.id, method: 'cpt-lora', config: { lr: 1e-4 } });
    setRunStatus(db, run.id, 'running');
    mergeRunMetrics(db, run.id, { loss: 2.5 });
    mergeRunMetrics(db, run.id, { perplexity: 12.2 });
    setRunStatus(db, run.id, 'succeeded');
    const [summary] = listRuns(db);
    expect(summary).toMatchObject({ id: run.id, corpus: 'Contracts', base_model: 'tiny-bert', method: 'cpt-lora', status: 'succeeded', metrics: { loss: 2.5, perplexity: 12.2 } });
    expect(summary?.finished_at).not.toBeNull();
    expect(getRun(db, run.id).started_at).not.toBeNull();
    expect(() => deleteCorpus(db, corpus.id)).toThrow(expect.objectContaining({ code: 'conflict' }));
  });
});

describe('settings and events queries', () => {
  it('stores JSON settings, overwrites and deletes them', () => {
    expect(getSetting(db, 'theme')).toBeUndefined();
    setSetting(db, 'theme', 'dark');
    setSetting(db, 'theme', 'light');
    setSetting(db, 'recent', [1, 2]);
    expect(listSettings(db)).toEqual({ recent: [1, 2], theme: 'light' });
    expect(deleteSetting(db, 'theme')).toBe(true);
    expect(getSetting(db, 'theme')).toBeUndefined();
  });

  it('thins the progress history of long-finished jobs to their last progress event', () => {
    const old = insertJob(db, 'x.y', {});
    const recent = insertJob(db, 'x.y', {});
    for (const job of [old, recent]) {
      for (let i = 1; i <= 5; i += 1) appendEvent(db, job.id, 'job.progress', { progress: i / 5 });
      appendEvent(db, job.id, 'job.finished', {});
    }
    finishJob(db, old.id, { status: 'succeeded' });
    db.sql.prepare("UPDATE jobs SET finished_at = '2020-01-01T00:00:00.000Z' WHERE id = ?").run(old.id);
    finishJob(db, recent.id, { status: 'succeeded' });
    expect(pruneProgressEvents(db, '2025-01-01T00:00:00.000Z')).toBe(4);
    expect(listEvents(db, { jobId: old.id }).map((e) => [e.name, e.payload])).toEqual([
      ['job.progress', { progress: 1 }],
      ['job.finished', {}],
    ]);
    expect(listEvents(db, { jobId: recent.id })).toHaveLength(6);
  });

  it('appends events and pages through them per job', () => {
    const job = insertJob(db, 'x.y', {});
    const first = appendEvent(db, job.id, 'job.progress', { progress: 0.1 });
    appendEvent(db, null, 'app.started', {});
    appendEvent(db, job.id, 'job.finished', { status: 'succeeded' });
    expect(listEvents(db, { jobId: job.id }).map((e) => e.name)).toEqual(['job.progress', 'job.finished']);
    expect(listEvents(db, { afterId: first }).map((e) => e.name)).toEqual(['app.started', 'job.finished']);
  });
});

describe('readyCorpus', () => {
  it('gives a ready corpus by name or id, and says why another is not one', () => {
    const job = insertJob(db, 'corpus.import', {});
    markJobRunning(db, job.id, 1234, process.pid);
    const corpus = insertCorpus(db, { name: 'Notes', job_id: job.id });
    expect(() => readyCorpus(db, 'Notes')).toThrow(/still being imported \(job 1\); wait/);
    finishJob(db, job.id, { status: 'interrupted', error: { code: 'job_failed', message: 'The job process died.' } });
    expect(() => readyCorpus(db, 'Notes')).toThrow(/never completed: its import stopped \(job 1: interrupted\)\. Import the files again/);
    updateCorpus(db, corpus.id, { status: 'ready' });
    expect(readyCorpus(db, String(corpus.id)).name).toBe('Notes');
    expect(() => readyCorpus(db, 'Other')).toThrow(/No corpus "Other"/);
  });
});
