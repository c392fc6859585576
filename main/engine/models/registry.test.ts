// Bad configs and checkpoints are refused with messages that name the problem.
import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../common/errors';
import { readSafetensorsHeader } from '../checkpoint/safetensors';
import { architectureFor, parseModelConfig, readModelConfig, SUPPORTED_MODEL_TYPES } from './registry';
import { FIXTURES } from './testing/golden';
import { checkWeights, parameterCount } from './weights';

async function fixtureConfig(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(FIXTURES, name, 'config.json'), 'utf8')) as Record<string, unknown>;
}

describe('model registry', () => {
  it('knows the five architectures by model_type', () => {
    expect(SUPPORTED_MODEL_TYPES.sort()).toEqual(['bert', 'distilbert', 'gpt2', 'llama', 'roberta']);
    expect(() => architectureFor('t5')).toThrow(/Model type "t5" is not supported \(supported: .*bert/);
    expect(() => architectureFor('constructor')).toThrow(StudioError);
  });

  it('reads each fixture config with its head and sizes', async () => {
    const bert = await readModelConfig(join(FIXTURES, 'bert'));
    expect(bert.config).toMatchObject({ model_type: 'bert', head: 'masked-lm', vocab_size: 1500, hidden_size: 32, num_hidden_layers: 2, pad_token_id: 0 });
    const llama = await readModelConfig(join(FIXTURES, 'llama'));
    expect(llama.config).toMatchObject({ head: 'causal-lm', num_key_value_heads: 2, rope_theta: 500000, tie_word_embeddings: false });
    const gpt2 = await readModelConfig(join(FIXTURES, 'gpt2'));
    expect(gpt2.config).toMatchObject({ head: 'causal-lm', n_inner: 64, activation_function: 'gelu_new' });
  });

  it('refuses rope_scaling, unknown activations and inconsistent head counts by name', async () => {
    const llama = await fixtureConfig('llama');
    expect(() => parseModelConfig({ ...llama, rope_scaling: { type: 'yarn', factor: 4 } })).toThrow(/rope_scaling "yarn" is not supported/);
    expect(() => parseModelConfig({ ...llama, num_key_value_heads: 3 })).toThrow(/num_key_value_heads 3/);
    const bert = await fixtureConfig('bert');
    expect(() => parseModelConfig({ ...bert, hidden_act: 'quick_gelu' })).toThrow(/hidden_act="quick_gelu" is not supported/);
    expect(() => parseModelConfig({ ...bert, position_embedding_type: 'relative_key' })).toThrow(/position_embedding_type/);
    expect(() => parseModelConfig({ ...bert, hidden_size: 'big' })).toThrow(/"hidden_size" must be a positive integer/);
    expect(() => parseModelConfig({ ...bert, model_type: undefined })).toThrow(/no "model_type"/);
    expect(() => parseModelConfig([1, 2])).toThrow(/JSON object/);
  });

  it('refuses a missing or malformed config.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'studio-config-'));
    await expect(readModelConfig(dir)).rejects.toThrow(/has no config.json/);
    await writeFile(join(dir, 'config.json'), '{"model_type": "bert",');
    await expect(readModelConfig(dir)).rejects.toThrow(/not valid JSON/);
  });

  it('names the tensor and both shapes on a config/weights mismatch', async () => {
    const header = await readSafetensorsHeader(join(FIXTURES, 'bert', 'model.safetensors'));
    const shapes = new Map(header.tensors.map((t) => [t.name, t.shape]));
    const { arch, config } = parseModelConfig({ ...(await fixtureConfig('bert')), vocab_size: 1600 });
    expect(() => checkWeights(arch, config, shapes)).toThrow(/"bert\.embeddings\.word_embeddings\.weight" has shape \[1500, 32\] in the checkpoint, but config\.json implies \[1600, 32\]/);
  });

  it('maps legacy and prefix-less names and reports extras', async () => {
    const spec = await readModelConfig(join(FIXTURES, 'bert'));
    const shapes = new Map<string, number[]>([
      ['embeddings.word_embeddings.weight', [1500, 32]],
      ['bert.embeddings.LayerNorm.gamma', [32]],
      ['cls.seq_relationship.weight', [2, 32]],
    ]);
    const check = checkWeights(spec.arch, spec.config, shapes);
    expect(check.found.get('bert.embeddings.word_embeddings.weight')).toBe('embeddings.word_embeddings.weight');
    expect(check.found.get('bert.embeddings.LayerNorm.weight')).toBe('bert.embeddings.LayerNorm.gamma');
    expect(check.unexpected).toEqual(['cls.seq_relationship.weight']);
    expect(check.missing).toContain('cls.predictions.bias');
    expect(check.missing).not.toContain('cls.predictions.decoder.weight'); // tied alias
  });

  it('ties LLaMA\'s head to the embeddings only when tie_word_embeddings is set', async () => {
    const raw = await fixtureConfig('llama');
    const untied = parseModelConfig(raw);
    expect(untied.arch.expectedWeights(untied.config).find((w) => w.name === 'lm_head.weight')?.tied_to).toBeUndefined();
    const tied = parseModelConfig({ ...raw, tie_word_embeddings: true });
    expect(tied.arch.expectedWeights(tied.config).find((w) => w.name === 'lm_head.weight')?.tied_to).toBe('model.embed_tokens.weight');
  });

  it('lists tied weights and counts parameters once', async () => {
    const { arch, config } = await readModelConfig(join(FIXTURES, 'gpt2'));
    const lmHead = arch.expectedWeights(config).find((w) => w.name === 'lm_head.weight');
    expect(lmHead?.tied_to).toBe('transformer.wte.weight');
    const header = await readSafetensorsHeader(join(FIXTURES, 'gpt2', 'model.safetensors'));
    const stored = header.tensors.reduce((n, t) => n + t.shape.reduce((a, b) => a * b, 1), 0);
    expect(parameterCount(arch, config)).toBe(stored);
  });
});
