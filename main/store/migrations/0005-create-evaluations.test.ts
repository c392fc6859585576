// Migration 0005 and its queries: evaluations belong to a run, the newest counts, its numbers and verdict
// are mirrored into the run's metrics (where the export gate and the model card read them), and only a
// failed, not yet overridden audit can be overridden — with who, why and when recorded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceDb, type WritableDb } from '../db';
import { insertEvaluation, latestEvaluation, listEvaluations, recordOverride } from '../queries/evaluations';
import { getRun } from '../queries/runs';

let dir: string;
let db: WritableDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-m0005-'));
  db = openWorkspaceDb(join(dir, 'studio.db')) as WritableDb;
  db.sql.prepare("INSERT INTO models (id, name, model_type, source, path) VALUES (1, 'tiny', 'gpt2', 'imported', '/m')").run();
  db.sql.prepare("INSERT INTO runs (id, base_model_id, method, metrics) VALUES (1, 1, 'cpt-full', '{\"steps\":12}')").run();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('0005-create-evaluations', () => {
  it('stores an evaluation and mirrors its numbers and verdict into the run; a newer one replaces them', () => {
    const first = insertEvaluation(db, { run_id: 1, kind: 'evaluation', metrics: { audit: { verdict: 'fail' } }, verdict: 'fail', headline: { 'domain perplexity after': 12.5, 'task accuracy': null }, summary: 'Failed: 3 of 10 identifiers reproduced.' });
    expect(first).toMatchObject({ run_id: 1, kind: 'evaluation', verdict: 'fail', override: null, job_id: null });
    expect(first.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    let metrics = getRun(db, 1).metrics;
    expect(metrics).toMatchObject({ steps: 12, evaluation: { 'domain perplexity after': 12.5 }, audit: { verdict: 'fail', summary: 'Failed: 3 of 10 identifiers reproduced.', evaluation_id: first.id } });
    expect(metrics.evaluation).not.toHaveProperty('task accuracy');

    const second = insertEvaluation(db, { run_id: 1, kind: 'evaluation', metrics: {}, verdict: null, headline: { 'general perplexity after': 30 } });
    metrics = getRun(db, 1).metrics;
    expect(metrics.evaluation).toEqual({ 'general perplexity after': 30 });
    expect(metrics).not.toHaveProperty('audit');
    expect(latestEvaluation(db, 1)?.id).toBe(second.id);
    expect(listEvaluations(db, 1).map((e) => e.id)).toEqual([first.id, second.id]);
    expect(latestEvaluation(db, 2)).toBeNull();
  });

  it('overrides only a failed audit, once, with who, why and when', () => {
    expect(() => recordOverride(db, 1, { by: 'dr.lee', reason: 'The reproduced strings are public court numbers.' })).toThrow(/no privacy audit to override/);
    insertEvaluation(db, { run_id: 1, kind: 'evaluation', metrics: {}, verdict: 'pass' });
    expect(() => recordOverride(db, 1, { by: 'dr.lee', reason: 'The reproduced strings are public court numbers.' })).toThrow(/passed; there is nothing to override/);
    insertEvaluation(db, { run_id: 1, kind: 'evaluation', metrics: {}, verdict: 'fail', summary: 'Failed.' });
    expect(() => recordOverride(db, 1, { by: 'dr.lee', reason: 'ok' })).toThrow(/reason/);
    const e = recordOverride(db, 1, { by: 'dr.lee', reason: '  The reproduced strings are public court numbers. ' });
    expect(e.override).toMatchObject({ by: 'dr.lee', reason: 'The reproduced strings are public court numbers.' });
    expect(Date.parse(e.override!.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(getRun(db, 1).metrics.audit).toMatchObject({ verdict: 'fail', override: expect.stringMatching(/^dr\.lee on \d{4}-\d\d-\d\d: The reproduced strings/) });
    expect(() => recordOverride(db, 1, { by: 'someone', reason: 'Second thoughts about this run.' })).toThrow(/already overridden by dr\.lee/);
  });

  it('refuses bad rows and goes with its run', () => {
    expect(() => db.sql.prepare("INSERT INTO evaluations (run_id, kind, verdict) VALUES (1, 'evaluation', 'maybe')").run()).toThrow(/CHECK/);
    expect(() => db.sql.prepare("INSERT INTO evaluations (run_id, kind, verdict, override) VALUES (1, 'evaluation', 'pass', '{}')").run()).toThrow(/CHECK/);
    expect(() => db.sql.prepare("INSERT INTO evaluations (run_id, kind, metrics) VALUES (1, 'evaluation', '[1]')").run()).toThrow(/CHECK/);
    expect(() => insertEvaluation(db, { run_id: 99, kind: 'evaluation', metrics: {}, verdict: null })).toThrow(/FOREIGN KEY/);
    insertEvaluation(db, { run_id: 1, kind: 'audit', metrics: {}, verdict: 'pass' });
    db.sql.prepare('DELETE FROM runs WHERE id = 1').run();
    expect(db.sql.prepare('SELECT count(*) FROM evaluations').pluck().get()).toBe(0);
  });
});
