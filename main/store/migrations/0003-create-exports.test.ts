// Migration 0003: the exports table is STRICT, keeps bad rows out, and outlives its run, model and job.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceDb, type WritableDb } from '../db';
import { insertExport, listExports } from '../queries/exports';
import m0001 from './0001-create-core';
import m0002 from './0002-create-documents';
import m0003 from './0003-create-exports';

let dir: string;
let db: WritableDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-m0003-'));
  db = openWorkspaceDb(join(dir, 'studio.db'), { migrations: [m0001, m0002, m0003] }) as WritableDb;
  db.sql.prepare("INSERT INTO models (id, name, model_type, source, path) VALUES (1, 'tiny', 'bert', 'imported', '/m')").run();
  db.sql.prepare("INSERT INTO runs (id, base_model_id, method) VALUES (1, 1, 'cpt-lora')").run();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const H = 'ab'.repeat(32);
const base = { run_id: 1, model_id: 1, source_name: 'tiny', format: 'hf' as const, path: '/out/hf', files: 4, bytes: 1000, sha256: H, verified: true };

describe('0003-create-exports', () => {
  it('creates a STRICT exports table and records exports with their verification', () => {
    expect(db.sql.prepare("SELECT strict FROM pragma_table_list WHERE name = 'exports'").pluck().get()).toBe(1);
    const row = insertExport(db, { ...base, verification: { tensors: 3 } });
    expect(row).toMatchObject({ format: 'hf', verified: true, verification: { tensors: 3 }, run_id: 1 });
    insertExport(db, { ...base, format: 'bundle', path: '/out/x.dsbundle', run_id: null });
    expect(listExports(db, { run_id: 1 }).map((e) => e.format)).toEqual(['hf']);
    expect(listExports(db, { model_id: 1 }).map((e) => e.format)).toEqual(['bundle', 'hf']);
  });

  it('refuses unknown formats, bad hashes and negative sizes', () => {
    expect(() => insertExport(db, { ...base, format: 'pickle' as never })).toThrow(/CHECK/);
    expect(() => insertExport(db, { ...base, sha256: 'XYZ'.repeat(21) + 'a' })).toThrow(/CHECK/);
    expect(() => insertExport(db, { ...base, sha256: 'AB'.repeat(32) })).toThrow(/CHECK/);
    expect(() => insertExport(db, { ...base, bytes: -1 })).toThrow(/CHECK/);
  });

  it('keeps the record (with the name) when its run and model are deleted', () => {
    insertExport(db, base);
    db.sql.prepare('DELETE FROM runs').run();
    db.sql.prepare('DELETE FROM models').run();
    expect(listExports(db)).toEqual([expect.objectContaining({ run_id: null, model_id: null, source_name: 'tiny' })]);
  });
});
