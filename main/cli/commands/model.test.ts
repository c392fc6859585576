// `studio model import|list` end to end in-process (CLI → dispatch → services → store) on the reference
// fixtures: a good folder is recorded with its inspection; bad folders are refused with exit code 1 and
// a message naming the problem, and nothing is recorded for them.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelImportResult, ModelSummary } from '../../common/dto';
import { resourcesDir } from '../../platform/resources';
import { runStudio, studioAt } from '../testing';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/hf-reference');
const root = mkdtempSync(join(tmpdir(), 'studio-model-cli-'));
const workspace = join(root, 'ws');
/** The bundled base models (resources/models) every workspace has besides the user's. */
const BUNDLED = join(resourcesDir() ?? '/nowhere', 'models');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const studio = studioAt(workspace);
const studioIn = runStudio;

function folderFrom(model: string, files: string[], edit?: (dir: string) => void): string {
  const dir = mkdtempSync(join(root, `${model}-`));
  for (const f of files) copyFileSync(join(FIXTURES, model, f), join(dir, f));
  edit?.(dir);
  return dir;
}

describe('studio model', () => {
  it('imports a fixture folder and lists it, without copying the weights', async () => {
    const r = await studio('--json', 'model', 'import', join(FIXTURES, 'roberta'), '--name', 'roberta tiny');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as ModelImportResult;
    expect(result).toMatchObject({ name: 'roberta tiny', model_type: 'roberta', vocab_size: 1261, path: join(FIXTURES, 'roberta') });
    expect(result.inspection.tokenizer).toEqual({ kind: 'bpe', vocab_size: 1261 });
    expect(result.inspection.content_hash).toMatch(/^[0-9a-f]{64}$/);
    const list = JSON.parse((await studio('--json', 'model', 'list')).stdout) as ModelSummary[];
    expect(list.filter((m) => !m.path.startsWith(BUNDLED)).map((m) => m.name)).toEqual(['roberta tiny']);
    const human = await studio('model', 'list');
    expect(human.stdout).toMatch(/roberta tiny\s+roberta/);
  });

  it('refuses a taken name, a pickle-only folder, a bad config and mismatched shapes — recording nothing', async () => {
    const taken = await studio('model', 'import', join(FIXTURES, 'bert'), '--name', 'ROBERTA TINY');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/already exists/);

    const pickle = await studio('--json', 'model', 'import', folderFrom('gpt2', ['config.json', 'pytorch_model.bin', 'vocab.json', 'merges.txt']), '--name', 'p');
    expect(pickle.code).toBe(1);
    expect(JSON.parse(pickle.stdout).error).toMatchObject({ code: 'unsupported' });
    expect(pickle.stderr).toMatch(/pickle checkpoints are never loaded.*safe_serialization=True/);

    const noConfig = await studio('model', 'import', folderFrom('gpt2', ['model.safetensors', 'vocab.json', 'merges.txt']), '--name', 'c');
    expect(noConfig.stderr).toMatch(/has no config\.json/);
    const unknown = folderFrom('gpt2', ['model.safetensors', 'vocab.json', 'merges.txt'], (d) => writeFileSync(join(d, 'config.json'), '{"model_type":"t5"}'));
    expect((await studio('model', 'import', unknown, '--name', 'u')).stderr).toMatch(/"t5" is not supported \(supported: bert, roberta, distilbert, gpt2, llama\)/);

    const mismatch = folderFrom('gpt2', ['model.safetensors', 'vocab.json', 'merges.txt'], (d) => {
      const config = JSON.parse(readFileSync(join(FIXTURES, 'gpt2', 'config.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(d, 'config.json'), JSON.stringify({ ...config, n_positions: 128 }));
    });
    const m = await studio('model', 'import', mismatch, '--name', 'm');
    expect(m.code).toBe(1);
    expect(m.stderr).toMatch(/"transformer\.wpe\.weight" has shape \[64, 32\] in the checkpoint, but config\.json implies \[128, 32\]/);

    const missing = join(root, 'nope');
    expect((await studio('model', 'import', missing, '--name', 'n')).stderr).toMatch(/Model folder not found/);
    mkdirSync(join(root, 'empty'));
    expect((await studio('model', 'import', join(root, 'empty'), '--name', 'e')).stderr).toMatch(/has no config\.json/);

    const list = JSON.parse((await studio('--json', 'model', 'list')).stdout) as ModelSummary[];
    expect(list.filter((x) => !x.path.startsWith(BUNDLED)).map((x) => x.name)).toEqual(['roberta tiny']);
  });

  it('registering the same weights twice is allowed, with a note', async () => {
    const other = join(root, 'ws-twice');
    expect((await studioIn(other, 'model', 'import', join(FIXTURES, 'gpt2'), '--name', 'first')).code).toBe(0);
    const r = await studioIn(other, '--json', 'model', 'import', join(FIXTURES, 'gpt2'), '--name', 'second');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as ModelImportResult).inspection.warnings).toEqual([expect.stringMatching(/already registered as "first"/)]);
  });

  it('inspect shows the summary without registering anything', async () => {
    const r = await studio('--json', 'model', 'inspect', join(FIXTURES, 'llama'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ model_type: 'llama', head: 'causal-lm', tokenizer: { kind: 'sentencepiece', vocab_size: 1000 } });
    expect((await studio('model', 'inspect', join(FIXTURES, 'llama'))).stdout).toMatch(/2 layers, hidden 32, 4 heads, up to 64 positions/);
    const list = JSON.parse((await studio('--json', 'model', 'list')).stdout) as ModelSummary[];
    expect(list.filter((x) => !x.path.startsWith(BUNDLED)).map((x) => x.name)).toEqual(['roberta tiny']);
  });

  it("fertility: the model's tokenizer on an imported corpus, with the most fragmented words", async () => {
    const docs = join(root, 'docs');
    mkdirSync(docs);
    const text = 'The pharmacokinetics of apixaban were studied. Apixaban pharmacokinetics differ in renal impairment. ';
    writeFileSync(join(docs, 'a.txt'), text.repeat(20));
    writeFileSync(join(docs, 'b.txt'), 'Anticoagulation with apixaban requires monitoring of renal function. '.repeat(20));
    const imported = await studio('--json', 'corpus', 'import', docs, '--name', 'clinical');
    expect(imported.code).toBe(0);
    const r = await studio('--json', 'model', 'fertility', 'roberta tiny', '--corpus', 'clinical');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { tokens_per_word: number; documents: number; tokenizer: { kind: string }; fragmented: { word: string; tokens: string[] }[] };
    expect(result.documents).toBe(2);
    expect(result.tokenizer.kind).toBe('bpe');
    expect(result.tokens_per_word).toBeGreaterThan(1);
    const apixaban = result.fragmented.find((w) => w.word === 'apixaban');
    expect(apixaban?.tokens.join('')).toBe('apixaban');
    const bert = await studio('model', 'fertility', join(FIXTURES, 'bert'), '--corpus', 'clinical');
    expect(bert.stdout).toMatch(/pharmacokinetics \(\d+×\) → /);
    expect((await studio('model', 'fertility', 'no-such-model', '--corpus', 'clinical')).stderr).toMatch(/No model named "no-such-model"/);
    expect((await studio('model', 'fertility', 'roberta tiny', '--corpus', 'nope')).stderr).toMatch(/No corpus "nope"/);
  });

  it('an invalid name is refused before the folder is read', async () => {
    const r = await studio('model', 'import', join(FIXTURES, 'bert'), '--name', '../evil');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/field "name"/);
  });
});
