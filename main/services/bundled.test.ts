// Bundled base models: a new workspace has tiny-bert and tiny-gpt registered (the real folders in
// resources/models, which load as base models); registration is idempotent, follows the application
// when it moves, never touches a user's model of the same name, and is silent without resources/models.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTokenizer } from '../engine/tokenizers/index';
import { readModelConfig } from '../engine/models/registry';
import { resourcesDir } from '../platform/resources';
import { openWorkspaceDb } from '../store/db';
import { findModel, insertModel, listModels } from '../store/queries/models';
import { registerBundledModels } from './bundled';
import { openCore } from './core';

const REAL = resolve(import.meta.dirname, '../../resources');
const dir = mkdtempSync(join(tmpdir(), 'studio-bundled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function workspaceDb() {
  const ws = join(dir, `ws-${++n}`);
  mkdirSync(ws);
  return openWorkspaceDb(join(ws, 'studio.db'));
}

/** A resources folder with the real bundled models copied in. */
function copyResources(name: string): string {
  const root = join(dir, name);
  cpSync(join(REAL, 'models'), join(root, 'models'), { recursive: true });
  return root;
}

describe('registerBundledModels', () => {
  it('the repository resources folder is found from the source tree', () => {
    expect(resourcesDir({})).toBe(REAL);
    expect(resourcesDir({ STUDIO_RESOURCES: join(dir, 'nowhere') })).toBeNull();
  });

  it('a new workspace opened through openCore has tiny-bert and tiny-gpt, which load as base models', async () => {
    const ws = join(dir, 'core-ws');
    const core = openCore({ workspace: ws, mode: 'cli' });
    try {
      const bert = findModel(core.db, 'tiny-bert');
      const gpt = findModel(core.db, 'tiny-gpt');
      expect(bert).toMatchObject({ source: 'bundled', model_type: 'bert', path: join(REAL, 'models', 'tiny-bert') });
      expect(gpt).toMatchObject({ source: 'bundled', model_type: 'gpt2', path: join(REAL, 'models', 'tiny-gpt') });
      expect(bert!.parameters).toBeGreaterThan(100_000);
      expect(bert!.vocab_size).toBeGreaterThan(1000);
      for (const model of [bert!, gpt!]) {
        expect((await readModelConfig(model.path)).arch.modelType).toBe(model.model_type);
        const tokenizer = await loadTokenizer(model.path);
        expect(tokenizer.vocab_size).toBe(model.vocab_size);
        expect(tokenizer.encode('The tenant shall pay the rent.').ids.length).toBeGreaterThan(5);
      }
    } finally {
      await core.close();
    }
    // Opening it again adds nothing.
    const again = openCore({ workspace: ws, mode: 'cli' });
    try {
      expect(listModels(again.db).filter((m) => m.name.startsWith('tiny-'))).toHaveLength(2);
    } finally {
      await again.close();
    }
  });

  it('is idempotent and follows the application when its folder moves', () => {
    const db = workspaceDb();
    const first = copyResources('install-1');
    expect(registerBundledModels(db, first).sort()).toEqual(['tiny-bert', 'tiny-gpt']);
    expect(registerBundledModels(db, first)).toEqual([]);
    const moved = copyResources('install-2');
    expect(registerBundledModels(db, moved)).toEqual([]);
    expect(listModels(db)).toHaveLength(2);
    expect(findModel(db, 'tiny-gpt')!.path).toBe(join(moved, 'models', 'tiny-gpt'));
    expect((findModel(db, 'tiny-gpt')!.config.inspection as { folder: string }).folder).toBe(join(moved, 'models', 'tiny-gpt'));
    db.close();
  });

  it("never touches a user's model of the same name", () => {
    const db = workspaceDb();
    const mine = insertModel(db, { name: 'tiny-bert', model_type: 'roberta', source: 'imported', path: '/data/my-model' });
    expect(registerBundledModels(db, copyResources('install-3'))).toEqual(['tiny-gpt']);
    expect(findModel(db, 'tiny-bert')).toMatchObject({ id: mine.id, source: 'imported', model_type: 'roberta', path: '/data/my-model' });
    db.close();
  });

  it('is silent without resources/models, and skips a damaged folder', () => {
    const db = workspaceDb();
    expect(registerBundledModels(db, null)).toEqual([]);
    expect(registerBundledModels(db, join(dir, 'empty'))).toEqual([]);
    const damaged = copyResources('install-4');
    writeFileSync(join(damaged, 'models', 'tiny-bert', 'inspection.json'), '{ not json');
    expect(registerBundledModels(db, damaged)).toEqual(['tiny-gpt']);
    expect(listModels(db).map((m) => m.name)).toEqual(['tiny-gpt']);
    db.close();
  });
});
