// Hugging Face folders: inspect (summary, bad folders refused with clear messages), load (single and
// sharded, never pickle) and the round trip load → save → identical tensors, config keys, tokenizer.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../common/errors';
import { encodeHeader, readSafetensorsHeader } from '../checkpoint/safetensors';
import { readShardIndex } from '../checkpoint/sharded';
import { loadTokenizer } from '../tokenizers/index';
import { inspectModelFolder, modelContentHash } from './inspect';
import { pythonJson, saveHfFolder } from './save';
import { loadHfWeights } from './weights';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/hf-reference');
const MODELS = ['bert', 'distilbert', 'roberta', 'gpt2', 'llama'] as const;
const dir = mkdtempSync(join(tmpdir(), 'studio-hf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
/** A scratch copy of a fixture's files (all, or the names given), with optional edits. */
function copyOf(model: string, only?: string[], edit?: (folder: string) => void): string {
  const folder = join(dir, `${model}-${counter++}`);
  mkdirSync(folder);
  for (const f of only ?? readdirSync(join(FIXTURES, model))) {
    if (f === 'lora') continue;
    copyFileSync(join(FIXTURES, model, f), join(folder, f));
  }
  edit?.(folder);
  return folder;
}

function editConfig(folder: string, change: (c: Record<string, unknown>) => void): void {
  const config = JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8')) as Record<string, unknown>;
  change(config);
  writeFileSync(join(folder, 'config.json'), JSON.stringify(config));
}

async function refusal(promise: Promise<unknown>): Promise<StudioError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StudioError);
  return error as StudioError;
}

const MODEL_FILES = ['config.json', 'model.safetensors', 'vocab.txt', 'tokenizer_config.json', 'special_tokens_map.json'];

describe('inspectModelFolder', () => {
  it.each(MODELS)('%s: summary from config, headers and tokenizer', async (model) => {
    const summary = await inspectModelFolder(join(FIXTURES, model));
    const config = JSON.parse(readFileSync(join(FIXTURES, model, 'config.json'), 'utf8')) as Record<string, number>;
    expect(summary.model_type).toBe(model);
    expect(summary.vocab_size).toBe(config.vocab_size);
    expect(summary.tokenizer.vocab_size).toBe(config.vocab_size);
    expect(summary.layers).toBe(config.num_hidden_layers ?? config.n_layer ?? config.n_layers);
    expect(summary.hidden_size).toBe(32);
    expect(summary.max_positions).toBe(config.max_position_embeddings ?? config.n_positions);
    expect(summary.bytes).toBe(readFileSync(join(FIXTURES, model, 'model.safetensors')).length);
    // Every weight is float32: parameters × 4 is the data section of the file.
    const header = await readSafetensorsHeader(join(FIXTURES, model, 'model.safetensors'));
    expect(summary.parameters * 4).toBe(header.fileSize - header.dataStart);
    expect(summary.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.warnings).toEqual([]);
  });

  it('the content hash changes with the weights and not with unrelated files', async () => {
    const a = await inspectModelFolder(copyOf('gpt2'));
    const b = await inspectModelFolder(copyOf('gpt2', undefined, (f) => writeFileSync(join(f, 'notes.txt'), 'hello')));
    expect(b.content_hash).toBe(a.content_hash);
    const bytes = readFileSync(join(FIXTURES, 'gpt2', 'model.safetensors'));
    bytes[bytes.length - 1]! ^= 1;
    const c = await inspectModelFolder(copyOf('gpt2', undefined, (f) => writeFileSync(join(f, 'model.safetensors'), bytes)));
    expect(c.content_hash).not.toBe(a.content_hash);
    expect(await modelContentHash(join(FIXTURES, 'gpt2'))).toBe(a.content_hash);
  });

  it('a pickle-only folder is refused with the reason and how to convert', async () => {
    const folder = copyOf('bert', ['config.json', 'pytorch_model.bin', 'vocab.txt']);
    const error = await refusal(inspectModelFolder(folder));
    expect(error.code).toBe('unsupported');
    expect(error.message).toMatch(/pytorch_model\.bin.*arbitrary code.*save_pretrained\(out, safe_serialization=True\)/s);
    await refusal(loadHfWeights(folder));
    const tf = copyOf('bert', ['config.json', 'vocab.txt'], (f) => writeFileSync(join(f, 'tf_model.h5'), 'x'));
    expect((await refusal(inspectModelFolder(tf))).message).toMatch(/TensorFlow\/Flax weights.*from_tf=True/);
  });

  it('safetensors are preferred when pickle files sit beside them', async () => {
    const weights = await loadHfWeights(join(FIXTURES, 'bert'));
    expect(weights.get('bert.embeddings.word_embeddings.weight')!.shape).toEqual([1500, 32]);
  });

  it('bad config.json: missing, malformed, missing keys, unknown model_type, unsupported option', async () => {
    expect((await refusal(inspectModelFolder(copyOf('bert', ['model.safetensors', 'vocab.txt'])))).message).toMatch(/has no config\.json/);
    expect((await refusal(inspectModelFolder(join(FIXTURES, 'bert', 'lora')))).message).toMatch(/holds a LoRA adapter/);
    const malformed = copyOf('bert', MODEL_FILES, (f) => writeFileSync(join(f, 'config.json'), '{"model_type": "bert",'));
    expect((await refusal(inspectModelFolder(malformed))).message).toMatch(/config\.json is not valid JSON/);
    const noSize = copyOf('bert', MODEL_FILES, (f) => editConfig(f, (c) => delete c.hidden_size));
    expect((await refusal(inspectModelFolder(noSize))).message).toMatch(/lacks hidden_size/);
    const unknown = copyOf('bert', MODEL_FILES, (f) => editConfig(f, (c) => (c.model_type = 'xlnet')));
    const e = await refusal(inspectModelFolder(unknown));
    expect(e.code).toBe('unsupported');
    expect(e.message).toMatch(/"xlnet" is not supported \(supported: bert, roberta, distilbert, gpt2, llama\)/);
    const scaled = copyOf('llama', undefined, (f) => editConfig(f, (c) => (c.rope_scaling = { type: 'yarn', factor: 4 })));
    expect((await refusal(inspectModelFolder(scaled))).message).toMatch(/rope_scaling "yarn" is not supported/);
  });

  it('a config/weights shape mismatch names the tensor and both shapes', async () => {
    const folder = copyOf('bert', MODEL_FILES, (f) => editConfig(f, (c) => (c.vocab_size = 1400)));
    const error = await refusal(inspectModelFolder(folder));
    expect(error.message).toMatch(/"bert\.embeddings\.word_embeddings\.weight" has shape \[1500, 32\].*\[1400, 32\]/);
  });

  it('a missing tokenizer, or one larger than the vocabulary, is refused', async () => {
    expect((await refusal(inspectModelFolder(copyOf('bert', ['config.json', 'model.safetensors'])))).message).toMatch(/has no tokenizer/);
    const bigger = copyOf('bert', MODEL_FILES, (f) => {
      const extra = Array.from({ length: 20 }, (_, i) => `extra${i}`).join('\n');
      writeFileSync(join(f, 'vocab.txt'), `${readFileSync(join(FIXTURES, 'bert', 'vocab.txt'), 'utf8')}${extra}\n`);
    });
    expect((await refusal(inspectModelFolder(bigger))).message).toMatch(/tokenizer has 1520 tokens but config\.json's vocab_size is 1500/);
  });

  it('special token ids that disagree between config.json and the tokenizer are noted', async () => {
    const folder = copyOf('roberta', undefined, (f) => editConfig(f, (c) => (c.pad_token_id = 3)));
    expect((await inspectModelFolder(folder)).warnings).toEqual([expect.stringMatching(/pad_token_id is 3 but the tokenizer's is 1/)]);
  });

  it('a truncated weights file is refused', async () => {
    const bytes = readFileSync(join(FIXTURES, 'gpt2', 'model.safetensors'));
    const folder = copyOf('gpt2', undefined, (f) => writeFileSync(join(f, 'model.safetensors'), bytes.subarray(0, bytes.length - 1000)));
    expect((await refusal(inspectModelFolder(folder))).message).toMatch(/model\.safetensors is not a valid safetensors file.*truncated/);
  });
});

describe('checkpoints as they come', () => {
  it('16-bit weights: imported (computed in float32, noted) and saved back bit for bit', async () => {
    const source = join(FIXTURES, 'bert');
    const weights = await loadHfWeights(source);
    const half = new Map([...weights].map(([name, t]) => [name, { ...t, dtype: 'F16' as const }]));
    const folder = copyOf('bert', MODEL_FILES.filter((f) => f !== 'model.safetensors'));
    const config = JSON.parse(readFileSync(join(source, 'config.json'), 'utf8')) as Record<string, unknown>;
    await saveHfFolder(folder, { config, tensors: half, overwrite: true });
    const summary = await inspectModelFolder(folder);
    expect(summary.dtypes).toEqual(['F16']);
    expect(summary.warnings.join(' ')).toMatch(/stored as F16 are computed in float32/);
    const loaded = await loadHfWeights(folder);
    const original = weights.get('bert.embeddings.word_embeddings.weight')!.data;
    const widened = loaded.get('bert.embeddings.word_embeddings.weight')!.data;
    expect(widened).toBeInstanceOf(Float32Array);
    expect(Math.max(...widened.map((v, i) => Math.abs(v - original[i]!)))).toBeLessThan(1e-3);
    const again = join(dir, 'f16-again');
    await saveHfFolder(again, { config, tensors: loaded });
    expect(readFileSync(join(again, 'model.safetensors')).equals(readFileSync(join(folder, 'model.safetensors')))).toBe(true);
  });

  it('an old checkpoint with an integer position_ids buffer loads; the buffer is ignored with a note', async () => {
    const source = join(FIXTURES, 'bert');
    const weights = await loadHfWeights(source);
    const folder = copyOf('bert', MODEL_FILES.filter((f) => f !== 'model.safetensors'));
    // Write the file by hand: the writer only produces float tensors.
    const names = [...weights.keys()].sort();
    const entries: { name: string; dtype: 'F32' | 'I64'; shape: number[]; begin: number; end: number }[] = [{ name: 'bert.embeddings.position_ids', dtype: 'I64', shape: [1, 64], begin: 0, end: 512 }];
    let offset = 512;
    for (const n of names) {
      const t = weights.get(n)!;
      entries.push({ name: n, dtype: 'F32', shape: t.shape, begin: offset, end: offset + t.data.byteLength });
      offset += t.data.byteLength;
    }
    const ids = new BigInt64Array(64).map((_, i) => BigInt(i));
    const parts = [encodeHeader(entries, { format: 'pt' }), new Uint8Array(ids.buffer), ...names.map((n) => new Uint8Array(weights.get(n)!.data.buffer))];
    writeFileSync(join(folder, 'model.safetensors'), Buffer.concat(parts));
    const summary = await inspectModelFolder(folder);
    expect(summary.warnings.join(' ')).toMatch(/Integer buffers ignored.*bert\.embeddings\.position_ids/);
    const loaded = await loadHfWeights(folder);
    expect(loaded.has('bert.embeddings.position_ids')).toBe(false);
    expect(loaded.size).toBe(weights.size);
  });
});

describe('round trip: load → save', () => {
  it.each(MODELS)('%s: same tensors (names, shapes, bytes), config keys, tokenizer', async (model) => {
    const source = join(FIXTURES, model);
    const config = JSON.parse(readFileSync(join(source, 'config.json'), 'utf8')) as Record<string, unknown>;
    const tensors = await loadHfWeights(source);
    const out = join(dir, `saved-${model}`);
    const saved = await saveHfFolder(out, { config, tensors, tokenizerFrom: source });
    expect(saved.files).toContain('model.safetensors');

    const before = await readSafetensorsHeader(join(source, 'model.safetensors'));
    const after = await readSafetensorsHeader(join(out, 'model.safetensors'));
    expect(after.tensors.map((t) => [t.name, t.dtype, t.shape])).toEqual(before.tensors.map((t) => [t.name, t.dtype, t.shape]));
    expect(after.metadata).toEqual({ format: 'pt' });
    const a = readFileSync(join(source, 'model.safetensors'));
    const b = readFileSync(join(out, 'model.safetensors'));
    for (const [i, t] of before.tensors.entries()) {
      const u = after.tensors[i]!;
      expect(b.subarray(after.dataStart + u.begin, after.dataStart + u.end).equals(a.subarray(before.dataStart + t.begin, before.dataStart + t.end))).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'))).toEqual(config);
    const ref = JSON.parse(readFileSync(join(source, 'reference.json'), 'utf8')) as { texts: (string | string[])[] };
    const [t0, t1] = [await loadTokenizer(source), await loadTokenizer(out)];
    for (const text of ref.texts) {
      const input = typeof text === 'string' ? text : ([text[0]!, text[1]!] as [string, string]);
      expect(t1.encode(input).ids).toEqual(t0.encode(input).ids);
    }
    if (model === 'gpt2' || model === 'llama') expect(saved.files).toContain('generation_config.json');
    expect((await inspectModelFolder(out)).parameters).toBe((await inspectModelFolder(source)).parameters);
  });

  it('config.json is written as transformers writes it (sorted keys, indent 2, Python floats)', () => {
    expect(pythonJson({ b: 1e-5, a: [1, 'é'], c: { z: null, y: 0.1 } })).toBe(
      '{\n  "a": [\n    1,\n    "\\u00e9"\n  ],\n  "b": 1e-05,\n  "c": {\n    "y": 0.1,\n    "z": null\n  }\n}',
    );
    const original = readFileSync(join(FIXTURES, 'gpt2', 'config.json'), 'utf8');
    const rewritten = `${pythonJson(JSON.parse(original))}\n`;
    // Only floats with an integral value (0.0) lose their ".0".
    expect(rewritten.replace(/(\d)\.0([,\n])/g, '$1$2')).toBe(original.replace(/(\d)\.0([,\n])/g, '$1$2'));
  });

  it('tokenizer files can be named one by one', async () => {
    const source = join(FIXTURES, 'roberta');
    const out = join(dir, 'named-files');
    const config = JSON.parse(readFileSync(join(source, 'config.json'), 'utf8')) as Record<string, unknown>;
    const saved = await saveHfFolder(out, { config, tensors: await loadHfWeights(source), tokenizerFiles: ['vocab.json', 'merges.txt', 'tokenizer_config.json'].map((f) => join(source, f)) });
    expect(saved.files.sort()).toEqual(['config.json', 'merges.txt', 'model.safetensors', 'tokenizer_config.json', 'vocab.json']);
    expect((await inspectModelFolder(out)).tokenizer).toEqual({ kind: 'bpe', vocab_size: 1261 });
  });

  it('refuses to write over a non-empty folder unless asked, and leaves no partial folder behind', async () => {
    const out = join(dir, 'taken');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'x');
    const tensors = await loadHfWeights(join(FIXTURES, 'gpt2'));
    const config = { model_type: 'gpt2' };
    expect((await refusal(saveHfFolder(out, { config, tensors }))).code).toBe('conflict');
    await expect(saveHfFolder(join(dir, 'bad'), { config, tensors: new Map([['x', { shape: [2], data: new Float32Array(1) }]]) })).rejects.toThrow();
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('sharded save: index + shards that load back to the same tensors; a bad index is refused', async () => {
    const source = join(FIXTURES, 'llama');
    const tensors = await loadHfWeights(source);
    const config = JSON.parse(readFileSync(join(source, 'config.json'), 'utf8')) as Record<string, unknown>;
    const out = join(dir, 'sharded');
    const saved = await saveHfFolder(out, { config, tensors, tokenizerFrom: source, maxShardBytes: 100_000 });
    expect(saved.files).toContain('model.safetensors.index.json');
    const index = await readShardIndex(out);
    expect(index.shards.length).toBeGreaterThan(2);
    expect(index.weightMap.size).toBe(tensors.size);
    const back = await loadHfWeights(out);
    for (const [name, t] of tensors) expect(back.get(name)!.data).toEqual(t.data);
    expect((await inspectModelFolder(out)).weight_files).toContain('model.safetensors.index.json');

    const indexFile = join(out, 'model.safetensors.index.json');
    const good = readFileSync(indexFile, 'utf8');
    writeFileSync(indexFile, good.replace('"model-00001-of', '"../model-00001-of'));
    expect((await refusal(loadHfWeights(out))).message).toMatch(/plain \.safetensors file names/);
    writeFileSync(indexFile, good.replace('"lm_head.weight"', '"lm_head.weight.missing"'));
    expect((await refusal(loadHfWeights(out))).message).toMatch(/maps "lm_head\.weight\.missing" to .* has no such tensor/);
  });
});
