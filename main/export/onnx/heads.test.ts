// Classification heads through ONNX: each fixture's body with a new sequence- or token-classification
// head (seeded random weights, saved as a Hugging Face folder) exports with logits matching our
// engine's within 1e-4, [batch, labels] or [batch, sequence, labels], on two batch shapes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadHfWeights } from '../../engine/hf/weights';
import { saveHfFolder } from '../../engine/hf/save';
import { FIXTURES } from '../../engine/models/testing/golden';
import { parseModelConfig, readModelConfig } from '../../engine/models/registry';
import type { HeadKind } from '../../engine/models/types';
import { exportOnnx } from './export';
import { runOnnx } from './run';
import { tryOnnxModel } from './try';

const work = await mkdtemp(join(tmpdir(), 'onnx-heads-test-'));
afterAll(() => rm(work, { recursive: true, force: true }));

const CASES: Array<[string, HeadKind]> = [];
for (const name of ['bert', 'roberta', 'distilbert', 'gpt2', 'llama']) {
  const { arch } = await readModelConfig(join(FIXTURES, name));
  for (const head of arch.heads) if (head === 'sequence-classification' || head === 'token-classification') CASES.push([name, head]);
}

/** The fixture's weights plus a new head, written as an HF folder whose architectures names the head. */
async function withHead(name: string, head: HeadKind): Promise<string> {
  const dir = join(FIXTURES, name);
  const { arch, config } = await readModelConfig(dir);
  const className = Object.entries(arch.classes).find(([, h]) => h === head)![0];
  const raw = { ...config.raw, architectures: [className], num_labels: 3, id2label: { 0: 'A', 1: 'B', 2: 'C' }, label2id: { A: 0, B: 1, C: 2 } };
  const headConfig = parseModelConfig(raw).config;
  const tensors = new Map(await loadHfWeights(dir));
  let seed = 7;
  const random = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return (seed / 2 ** 32 - 0.5) * 0.4;
  };
  for (const spec of arch.expectedWeights(headConfig, head)) {
    if (spec.tied_to !== undefined || tensors.has(spec.name)) continue;
    const size = spec.shape.reduce((a, b) => a * b, 1);
    tensors.set(spec.name, { shape: spec.shape, data: Float32Array.from({ length: size }, random), dtype: 'F32' });
  }
  const folder = join(work, `${name}-${head}`);
  await saveHfFolder(folder, { config: raw, tensors, tokenizerFrom: dir });
  return folder;
}

describe('ONNX export of classification heads', () => {
  it.each(CASES)('%s with a %s head matches the engine', async (name, head) => {
    const folder = await withHead(name, head);
    const result = await exportOnnx({ folder, out: join(folder, 'onnx') });
    expect(result.head).toBe(head);
    expect(result.parity!.max_abs_error).toBeLessThanOrEqual(1e-4);
    const ids = [[3, 4, 5, 6], [7, 8, 0, 0]];
    const out = await runOnnx(result.file, { input_ids: ids, attention_mask: [[1, 1, 1, 1], [1, 1, 0, 0]] });
    expect(out.dims).toEqual(head === 'sequence-classification' ? [2, 3] : [2, 4, 3]);
    expect(result.logits_dims).toEqual(head === 'sequence-classification' ? ['batch', 3] : ['batch', 'sequence', 3]);

    // the playground: label names and probabilities (softmax of the logits), most probable first
    const tried = await tryOnnxModel(result.file, null, { text: 'the licence grants rights', top_k: 3, logits: true });
    expect(tried.task).toBe(head);
    expect(tried.positions).toEqual(head === 'sequence-classification' ? [0] : tried.input_ids.map((_, i) => i));
    tried.top.forEach(({ candidates }, i) => {
      expect(candidates.map((c) => c.token).sort()).toEqual(['A', 'B', 'C']);
      const row = tried.logits![i]!;
      const z = row.reduce((s, v) => s + Math.exp(v), 0);
      for (const c of candidates) expect(c.probability).toBeCloseTo(Math.exp(row[c.id]!) / z, 6);
      expect(candidates[0]!.probability).toBeGreaterThanOrEqual(candidates[1]!.probability);
    });
    await expect(tryOnnxModel(result.file, null, { ids: [1, 2], generate: 2 })).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
