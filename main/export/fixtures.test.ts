// Every reference fixture (bert, roberta, distilbert, gpt2, llama) exported as hf and as a bundle: the
// hf folder's config keys and tensors read back exactly, its files are the ones from_pretrained reads,
// and the bundle imports into a colleague's workspace as a model that inspects cleanly. The two LoRA
// fixtures (bert, llama) export as peft with PEFT's keys, shapes and values unchanged.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSafetensors } from '../engine/checkpoint/safetensors';
import { inspectModelFolder } from '../engine/hf/inspect';
import { loadHfWeights } from '../engine/hf/weights';
import { openWorkspaceDb, type WritableDb } from '../store/db';
import { insertModel } from '../store/queries/models';
import { insertRun, setRunStatus } from '../store/queries/runs';
import { importBundle } from './bundle/import';
import { runExport } from './run-export';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/hf-reference');
const MODELS = ['bert', 'roberta', 'distilbert', 'gpt2', 'llama'] as const;

let root: string;
let workspace: string;
let colleague: string;
let db: WritableDb;
let colleagueDb: WritableDb;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'studio-export-fixtures-'));
  workspace = join(root, 'ws');
  colleague = join(root, 'colleague');
  mkdirSync(workspace);
  mkdirSync(colleague);
  db = openWorkspaceDb(join(workspace, 'studio.db')) as WritableDb;
  colleagueDb = openWorkspaceDb(join(colleague, 'studio.db')) as WritableDb;
  for (const model of MODELS) insertModel(db, { name: model, model_type: model, source: 'imported', path: join(FIXTURES, model) });
});

afterAll(() => {
  db.close();
  colleagueDb.close();
  rmSync(root, { recursive: true, force: true });
});

describe.each(MODELS)('%s', (model) => {
  it('exports hf and a bundle that read back exactly and import on the other side', async () => {
    const out = join(root, `out-${model}`);
    const result = await runExport({ model, formats: ['hf', 'bundle'], out }, { workspace, db });
    expect(result.exports.every((e) => e.verified)).toBe(true);

    const hf = join(out, 'hf');
    const source = JSON.parse(readFileSync(join(FIXTURES, model, 'config.json'), 'utf8')) as Record<string, unknown>;
    const written = JSON.parse(readFileSync(join(hf, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(written).toEqual(source);
    const files = readdirSync(hf);
    expect(files).toContain('model.safetensors');
    expect(files.some((f) => /^(pytorch_model\.bin|train_step_.*|logits\.bin|reference\.json)$/.test(f))).toBe(false);
    const original = await loadHfWeights(join(FIXTURES, model));
    const back = await loadHfWeights(hf);
    expect([...back.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [name, t] of original) {
      expect(back.get(name)!.dtype).toBe(t.dtype);
      expect(back.get(name)!.data).toEqual(t.data);
    }

    const imported = await importBundle(result.exports[1]!.path, colleague, colleagueDb, { trust: true, name: `${model} from colleague` });
    const inspection = await inspectModelFolder(imported.model.path);
    expect(inspection).toMatchObject({ model_type: model, parameters: imported.model.parameters });
  });
});

describe.each(['bert', 'llama'] as const)('%s LoRA run', (model) => {
  it('exports peft with the fixture adapter keys, shapes and values unchanged', async () => {
    const base = insertModel(db, { name: `${model} base`, model_type: model, source: 'imported', path: join(FIXTURES, model) });
    const run = insertRun(db, { corpus_id: null, base_model_id: base.id, method: 'cpt-lora' });
    setRunStatus(db, run.id, 'succeeded');
    cpSync(join(FIXTURES, model, 'lora'), join(workspace, 'runs', String(run.id), 'adapter'), { recursive: true });
    const out = join(root, `out-${model}-lora`);
    await runExport({ run: run.id, formats: ['peft'], out }, { workspace, db });
    const exported = await readSafetensors(join(out, 'peft', 'adapter_model.safetensors'));
    const original = await readSafetensors(join(FIXTURES, model, 'lora', 'adapter_model.safetensors'));
    expect([...exported.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [key, t] of original) {
      expect(exported.get(key)!.shape).toEqual(t.shape);
      expect(exported.get(key)!.data).toEqual(t.data);
    }
    const config = JSON.parse(readFileSync(join(out, 'peft', 'adapter_config.json'), 'utf8')) as Record<string, unknown>;
    const fixtureConfig = JSON.parse(readFileSync(join(FIXTURES, model, 'lora', 'adapter_config.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['peft_type', 'r', 'lora_alpha', 'target_modules', 'lora_dropout', 'bias', 'fan_in_fan_out']) expect(config[field]).toEqual(fixtureConfig[field]);
  });
});
