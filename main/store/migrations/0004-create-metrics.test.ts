// Migration 0004: metrics rows belong to a run (deleted with it), one value per (run, name, step), and
// come back as step-sorted series; non-finite values are skipped rather than stored as NULL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceDb, type WritableDb } from '../db';
import { countMetrics, insertMetrics, metricSeries } from '../queries/metrics';

let dir: string;
let db: WritableDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-m0004-'));
  db = openWorkspaceDb(join(dir, 'studio.db')) as WritableDb;
  db.sql.prepare("INSERT INTO models (id, name, model_type, source, path) VALUES (1, 'tiny', 'bert', 'imported', '/m')").run();
  db.sql.prepare("INSERT INTO runs (id, base_model_id, method) VALUES (1, 1, 'cpt-full'), (2, 1, 'cpt-lora')").run();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('0004-create-metrics', () => {
  it('stores series per run, sorted by step, replacing a repeated step', () => {
    insertMetrics(db, 1, [
      { step: 2, name: 'loss', value: 3.5 },
      { step: 1, name: 'loss', value: 4 },
      { step: 0, name: 'domain_perplexity', value: 90 },
    ]);
    insertMetrics(db, 2, [{ step: 1, name: 'loss', value: 9 }]);
    insertMetrics(db, 1, [{ step: 2, name: 'loss', value: 3.25 }]); // a resumed run repeating step 2
    expect(metricSeries(db, 1)).toEqual({ domain_perplexity: [[0, 90]], loss: [[1, 4], [2, 3.25]] });
    expect(metricSeries(db, 1, ['loss'])).toEqual({ loss: [[1, 4], [2, 3.25]] });
    expect(countMetrics(db, 2)).toBe(1);
  });

  it('skips non-finite values and refuses rows of unknown runs or negative steps', () => {
    expect(insertMetrics(db, 1, [{ step: 1, name: 'loss', value: Number.NaN }, { step: 1, name: 'lr', value: Infinity }])).toBe(0);
    expect(() => insertMetrics(db, 99, [{ step: 1, name: 'loss', value: 1 }])).toThrow(/FOREIGN KEY/);
    expect(() => db.sql.prepare("INSERT INTO metrics (run_id, step, name, value) VALUES (1, -1, 'loss', 1)").run()).toThrow(/CHECK/);
    expect(db.sql.prepare("SELECT strict FROM pragma_table_list WHERE name = 'metrics'").pluck().get()).toBe(1);
  });

  it('goes with its run', () => {
    insertMetrics(db, 1, [{ step: 1, name: 'loss', value: 1 }]);
    db.sql.prepare('DELETE FROM runs WHERE id = 1').run();
    expect(countMetrics(db, 1)).toBe(0);
  });
});
