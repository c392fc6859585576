// Models from scratch: configs for each preset parse and have the expected sizes, weights are initialised
// as transformers does (statistics, zero biases, unit norms, zero padding row, GPT-2's scaled c_proj),
// seeded, and the written folder is an ordinary base model: it loads, tokenizes, and a fresh model's
// loss is close to ln(vocabulary) — it knows nothing yet.
import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { loadHfWeights } from '../hf/weights';
import { loadTokenizer } from '../tokenizers/index';
import { trainTokenizer, writeTrainedTokenizer } from '../tokenizers/train/index';
import { loss } from './forward';
import { createScratchModel, initWeights, MODEL_SIZE_PRESETS, scratchConfig } from './init';
import { createScratchBase } from './scratch';
import { parameterCount, paramsFromCheckpoint } from './weights';
import { architectureFor, readModelConfig } from './registry';

const dir = mkdtempSync(join(tmpdir(), 'studio-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function stats(data: Float32Array): { mean: number; std: number } {
  let sum = 0;
  let sq = 0;
  for (const v of data) {
    sum += v;
    sq += v * v;
  }
  const mean = sum / data.length;
  return { mean, std: Math.sqrt(sq / data.length - mean * mean) };
}

const TEXT = Array.from({ length: 400 }, (_, i) => `The ${['court', 'patient', 'tenant', 'doctor'][i % 4]} filed ${i % 7} notes about the ${['appeal', 'lease', 'dose', 'claim'][i % 3]} on day ${i}.`);

describe('scratch configs', () => {
  it('every preset parses for bert and gpt2 with the chosen dimensions, and the parameter count follows', () => {
    for (const modelType of ['bert', 'gpt2'] as const) {
      for (const [name, size] of Object.entries(MODEL_SIZE_PRESETS)) {
        const raw = scratchConfig({ modelType, size: name as keyof typeof MODEL_SIZE_PRESETS, vocabSize: 8000, special: { pad: 0, bos: 0, eos: 0 } });
        const arch = architectureFor(modelType);
        const config = arch.parseConfig(raw);
        expect(config).toMatchObject({ vocab_size: 8000, hidden_size: size.hidden, num_hidden_layers: size.layers, num_attention_heads: size.heads, max_position_embeddings: size.maxPositions });
        const weights = initWeights(raw, 1);
        expect([...weights.values()].reduce((n, t) => n + t.data.length, 0)).toBe(parameterCount(arch, config));
      }
    }
  });

  it('refuses sizes that cannot work, naming the field', () => {
    expect(() => scratchConfig({ modelType: 'bert', size: { layers: 2, hidden: 100, heads: 3, ffn: 64, maxPositions: 64 }, vocabSize: 100, special: {} })).toThrow(expect.objectContaining({ code: 'invalid_request', field: 'size.heads' }));
    expect(() => scratchConfig({ modelType: 'bert', size: { layers: 0, hidden: 64, heads: 2, ffn: 64, maxPositions: 64 }, vocabSize: 100, special: {} })).toThrow(expect.objectContaining({ field: 'size.layers' }));
    expect(() => scratchConfig({ modelType: 'bert', size: 'huge' as never, vocabSize: 100, special: {} })).toThrow(/Unknown model size huge/);
    expect(() => scratchConfig({ modelType: 'llama' as never, size: 'tiny', vocabSize: 100, special: {} })).toThrow(expect.objectContaining({ code: 'unsupported' }));
  });
});

const size = { layers: 2, hidden: 64, heads: 2, ffn: 128, maxPositions: 64 };

describe('initWeights', () => {

  it('BERT: normal(0, 0.02) matrices and embeddings, zero biases, LayerNorm 1/0, the padding row zero', () => {
    const w = initWeights(scratchConfig({ modelType: 'bert', size, vocabSize: 500, special: { pad: 0 } }), 7);
    const query = stats(w.get('bert.encoder.layer.0.attention.self.query.weight')!.data);
    expect(Math.abs(query.mean)).toBeLessThan(0.002);
    expect(query.std).toBeCloseTo(0.02, 3);
    const words = w.get('bert.embeddings.word_embeddings.weight')!;
    expect(words.shape).toEqual([500, 64]);
    expect(words.data.subarray(0, 64).every((v) => v === 0)).toBe(true);
    expect(stats(words.data.subarray(64)).std).toBeCloseTo(0.02, 3);
    expect(w.get('bert.encoder.layer.1.output.dense.bias')!.data.every((v) => v === 0)).toBe(true);
    expect(w.get('cls.predictions.bias')!.data.every((v) => v === 0)).toBe(true);
    expect(w.get('bert.embeddings.LayerNorm.weight')!.data.every((v) => v === 1)).toBe(true);
    expect(w.get('cls.predictions.transform.LayerNorm.bias')!.data.every((v) => v === 0)).toBe(true);
    expect(w.has('cls.predictions.decoder.weight')).toBe(false); // tied to the word embeddings
  });

  it('GPT-2: ln_* weights 1, c_proj scaled by 1/sqrt(2·layers), lm_head tied', () => {
    const w = initWeights(scratchConfig({ modelType: 'gpt2', size, vocabSize: 500, special: { bos: 0, eos: 0 } }), 7);
    expect(w.get('transformer.h.0.ln_1.weight')!.data.every((v) => v === 1)).toBe(true);
    expect(w.get('transformer.ln_f.bias')!.data.every((v) => v === 0)).toBe(true);
    expect(stats(w.get('transformer.h.0.attn.c_attn.weight')!.data).std).toBeCloseTo(0.02, 3);
    expect(stats(w.get('transformer.h.1.mlp.c_proj.weight')!.data).std).toBeCloseTo(0.02 / Math.sqrt(4), 3);
    expect(stats(w.get('transformer.wte.weight')!.data).std).toBeCloseTo(0.02, 3);
    expect(w.has('lm_head.weight')).toBe(false);
  });

  it('is deterministic per seed', () => {
    const raw = scratchConfig({ modelType: 'gpt2', size, vocabSize: 300, special: {} });
    const a = initWeights(raw, 42);
    const b = initWeights(raw, 42);
    const c = initWeights(raw, 43);
    for (const [name, t] of a) expect(b.get(name)!.data).toEqual(t.data);
    expect(c.get('transformer.wte.weight')!.data).not.toEqual(a.get('transformer.wte.weight')!.data);
  });
});

describe('createScratchModel', () => {
  for (const modelType of ['bert', 'gpt2'] as const) {
    it(`${modelType}: writes a folder that loads as a base model and starts near ln(vocabulary) loss`, async () => {
      await initBackend('cpu');
      const tokDir = join(dir, `${modelType}-tok`);
      writeTrainedTokenizer(tokDir, trainTokenizer(modelType === 'gpt2' ? 'bpe' : 'wordpiece', TEXT, { vocabSize: 300 }), { modelMaxLength: 64 });
      const tokenizer = await loadTokenizer(tokDir);
      const folder = join(dir, `${modelType}-model`);
      const created = await createScratchModel(folder, { modelType, size, vocabSize: tokenizer.vocab_size, special: { pad: tokenizer.special.pad, bos: tokenizer.special.bos, eos: tokenizer.special.eos }, tokenizerFolder: tokDir, seed: 3 });
      expect(created.files).toEqual(expect.arrayContaining(['config.json', 'model.safetensors', 'tokenizer_config.json']));
      const spec = await readModelConfig(folder);
      expect(spec.config.head).toBe(modelType === 'gpt2' ? 'causal-lm' : 'masked-lm');
      const reloaded = await loadTokenizer(folder);
      const ids = reloaded.encode('The court filed 3 notes about the lease on day 12.').ids;
      const { params } = paramsFromCheckpoint(spec.arch, spec.config, await loadHfWeights(folder));
      const labels = modelType === 'gpt2' ? ids : ids.map((id, i) => (i % 3 === 1 ? id : -100));
      const value = loss(spec.arch, params, spec.config, { input_ids: [ids] }, [labels]);
      const l = (await value.data())[0]!;
      tf.dispose([value, ...Object.values(params)]);
      expect(Math.abs(l - Math.log(tokenizer.vocab_size))).toBeLessThan(0.3);
    });
  }
});

describe('createScratchBase', () => {
  it('trains the tokenizer the architecture uses and initialises the model with it, the same for the same seed', async () => {
    const a = await createScratchBase(join(dir, 'base-a'), { modelType: 'gpt2', size, vocabSize: 340, texts: TEXT, seed: 5 });
    const b = await createScratchBase(join(dir, 'base-b'), { modelType: 'gpt2', size, vocabSize: 340, texts: TEXT, seed: 5 });
    expect(a.tokenizer).toBe('bpe');
    expect(a.vocabSize).toBe(340);
    expect(a.config).toMatchObject({ model_type: 'gpt2', vocab_size: 340, n_embd: 64 });
    expect((await loadTokenizer(a.folder)).kind).toBe('bpe');
    const wa = await loadHfWeights(a.folder);
    const wb = await loadHfWeights(b.folder);
    expect(wb.get('transformer.wte.weight')!.data).toEqual(wa.get('transformer.wte.weight')!.data);
    const bert = await createScratchBase(join(dir, 'base-bert'), { modelType: 'bert', size: 'tiny', vocabSize: 300, texts: TEXT, seed: 5 });
    expect(bert.tokenizer).toBe('wordpiece');
    expect((await loadTokenizer(bert.folder)).special).toMatchObject({ pad: 0, unk: 1, cls: 2, sep: 3, mask: 4 });
  });
});
