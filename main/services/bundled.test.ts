// Bundled base models: a workspace opened with resources/models/<name>/ (config, weights, inspection.json)
// lists each as a 'bundled' model once, without loading weights; a folder without its inspection or with
// a damaged one is skipped, and a workspace that already has the name keeps its own model.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectModelFolder } from '../engine/hf';
import { findModel } from '../store/queries/models';
import { registerBundledModels } from './bundled';
import { openCore } from './core';

const BERT = resolve(import.meta.dirname, '../../test/fixtures/hf-reference/bert');
const root = mkdtempSync(join(tmpdir(), 'studio-bundled-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('registerBundledModels', () => {
  it('registers each bundled model once, from its inspection.json', async () => {
    const resources = join(root, 'resources');
    const tiny = join(resources, 'models', 'tiny-bert');
    mkdirSync(tiny, { recursive: true });
    for (const f of ['config.json', 'model.safetensors', 'vocab.txt', 'tokenizer_config.json', 'special_tokens_map.json']) cpSync(join(BERT, f), join(tiny, f));
    writeFileSync(join(tiny, 'inspection.json'), JSON.stringify(await inspectModelFolder(tiny)));
    mkdirSync(join(resources, 'models', 'no-inspection'));
    cpSync(join(BERT, 'config.json'), join(resources, 'models', 'no-inspection', 'config.json'));
    mkdirSync(join(resources, 'models', 'damaged'));
    cpSync(join(BERT, 'config.json'), join(resources, 'models', 'damaged', 'config.json'));
    writeFileSync(join(resources, 'models', 'damaged', 'inspection.json'), '{ not json');

    const previous = process.env.STUDIO_RESOURCES;
    process.env.STUDIO_RESOURCES = resources;
    try {
      const core = openCore({ workspace: join(root, 'ws'), mode: 'cli' });
      try {
        const models = await core.services['model.list']({});
        expect(models.map((m) => m.name)).toEqual(['tiny-bert']);
        expect(findModel(core.db, 'tiny-bert')).toMatchObject({ source: 'bundled', model_type: 'bert', path: tiny, vocab_size: 1500 });
        expect(registerBundledModels(core.db, resources)).toEqual([]); // already there
      } finally {
        await core.close();
      }
    } finally {
      if (previous === undefined) delete process.env.STUDIO_RESOURCES;
      else process.env.STUDIO_RESOURCES = previous;
    }
  });
});
