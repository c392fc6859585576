// Config variants the fixtures do not cover, each exported and checked against our engine (the parity
// check inside exportOnnx, ≤ 1e-4): other activations, tied/untied decoders, GPT-2's per-layer attention
// scaling, LLaMA attention biases and multi-query attention, RoBERTa with another padding id.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadHfWeights } from '../../engine/hf/weights';
import { saveHfFolder } from '../../engine/hf/save';
import { FIXTURES } from '../../engine/models/testing/golden';
import { parseModelConfig } from '../../engine/models/registry';
import { exportOnnx } from './export';

const work = await mkdtemp(join(tmpdir(), 'onnx-variants-test-'));
afterAll(() => rm(work, { recursive: true, force: true }));

type Tensors = Map<string, { shape: readonly number[]; data: Float32Array }>;

let seed = 99;
function random(size: number): Float32Array {
  return Float32Array.from({ length: size }, () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return (seed / 2 ** 32 - 0.5) * 0.2;
  });
}

/** The fixture with config changes; weights the new config needs and the fixture lacks are random, extra ones dropped. */
async function variant(name: string, label: string, changes: Record<string, unknown>): Promise<string> {
  const dir = join(FIXTURES, name);
  const raw = { ...JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')), ...changes };
  const { arch, config } = parseModelConfig(raw);
  const source = await loadHfWeights(dir);
  const tensors: Tensors = new Map();
  for (const spec of arch.expectedWeights(config)) {
    if (spec.tied_to !== undefined) continue;
    const have = source.get(spec.name);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    tensors.set(spec.name, have && have.data.length === size ? { shape: spec.shape, data: have.data } : { shape: spec.shape, data: random(size) });
  }
  const folder = join(work, `${name}-${label}`);
  await saveHfFolder(folder, { config: raw, tensors: new Map([...tensors].map(([k, t]) => [k, { shape: [...t.shape], data: t.data }])), tokenizerFrom: dir });
  return folder;
}

const CASES: Array<[string, string, Record<string, unknown>]> = [
  ['bert', 'relu-untied', { hidden_act: 'relu', tie_word_embeddings: false }],
  ['bert', 'gelu-new', { hidden_act: 'gelu_new' }],
  ['roberta', 'pad-0', { pad_token_id: 0, hidden_act: 'silu' }],
  ['distilbert', 'relu', { activation: 'relu' }],
  ['gpt2', 'inverse-layer-scale', { scale_attn_by_inverse_layer_idx: true, activation_function: 'gelu' }],
  ['gpt2', 'unscaled-untied', { scale_attn_weights: false, tie_word_embeddings: false }],
  ['llama', 'tied-bias-mqa', { tie_word_embeddings: true, attention_bias: true, num_key_value_heads: 1, rope_theta: 500000 }],
];

describe('ONNX export of config variants', () => {
  it.each(CASES)('%s %s matches the engine', async (name, label, changes) => {
    const folder = await variant(name, label, changes);
    const result = await exportOnnx({ folder, out: join(folder, 'onnx'), copyFiles: false });
    expect(result.parity!.max_abs_error).toBeLessThanOrEqual(1e-4);
    expect(result.parity!.inputs_checked).toBe(3);
  });
});
