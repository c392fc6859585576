// The playground on exported ONNX models: the same input ids, positions, top-k candidates, logits and
// generated tokens as the engine's `try` on the source folder; seeded top-p sampling is repeatable.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelTryResult } from '../../common/dto';
import { tryModel } from '../../engine/infer';
import { FIXTURES } from '../../engine/models/testing/golden';
import { exportOnnx } from './export';
import { releaseSharedOnnxSession, sharedOnnxSession } from './run';
import { tryOnnxModel } from './try';

const work = await mkdtemp(join(tmpdir(), 'onnx-try-test-'));
afterAll(async () => {
  releaseSharedOnnxSession();
  await rm(work, { recursive: true, force: true });
});
const exported: Record<string, string> = {};
for (const name of ['bert', 'gpt2', 'llama']) {
  exported[name] = (await exportOnnx({ folder: join(FIXTURES, name), out: join(work, name), verify: false })).file;
}

function expectSameAnswer(onnx: ModelTryResult, engine: ModelTryResult): void {
  expect(onnx.backend).toBe('onnxruntime');
  expect(onnx.input_ids).toEqual(engine.input_ids);
  expect(onnx.tokens).toEqual(engine.tokens);
  expect(onnx.positions).toEqual(engine.positions);
  expect(onnx.top.map((t) => t.candidates.map((c) => c.id))).toEqual(engine.top.map((t) => t.candidates.map((c) => c.id)));
  onnx.logits!.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - engine.logits![i]![j]!)).toBeLessThanOrEqual(1e-4)));
}

describe('try on an exported ONNX model', () => {
  it('bert: fills the mask as the engine does', async () => {
    const request = { text: 'the [MASK] of this license', top_k: 4, logits: true };
    const onnx = await tryOnnxModel(exported.bert!, null, request);
    expect(onnx.task).toBe('masked-lm');
    expect(onnx.positions).toHaveLength(1);
    expectSameAnswer(onnx, await tryModel(join(FIXTURES, 'bert'), request));
  });

  it.each(['gpt2', 'llama'])('%s: next tokens and greedy generation as the engine', async (name) => {
    const request = { text: 'the licence grants', top_k: 3, logits: true, generate: 6 };
    const onnx = await tryOnnxModel(exported[name]!, null, request);
    const engine = await tryModel(join(FIXTURES, name), request);
    expectSameAnswer(onnx, engine);
    expect(onnx.generated!.ids.length).toBeGreaterThan(0);
    expect(onnx.generated).toEqual(engine.generated);
  });

  it('gpt2: top-p sampling is repeatable with a seed and differs from greedy', async () => {
    const request = { ids: [10, 20, 30], generate: 12, top_p: 0.95, temperature: 1.5 };
    const a = await tryOnnxModel(exported.gpt2!, null, { ...request, seed: 1 });
    const b = await tryOnnxModel(exported.gpt2!, null, { ...request, seed: 1 });
    const greedy = await tryOnnxModel(exported.gpt2!, null, { ids: request.ids, generate: 12 });
    expect(a.generated!.ids).toEqual(b.generated!.ids);
    const others = await Promise.all([2, 3, 4].map((seed) => tryOnnxModel(exported.gpt2!, null, { ...request, seed })));
    const distinct = new Set([a, ...others, greedy].map((r) => r.generated!.ids.join()));
    expect(distinct.size).toBeGreaterThan(2);
    // the engine draws the same tokens with the same seed
    const engine = await tryModel(join(FIXTURES, 'gpt2'), { ...request, seed: 1 });
    expect(engine.generated!.ids).toEqual(a.generated!.ids);
  });

  it('uses the model folder tokenizer when none is beside the ONNX file, else asks for ids', async () => {
    const bare = await exportOnnx({ folder: join(FIXTURES, 'gpt2'), out: join(work, 'bare'), copyFiles: false, verify: false });
    await expect(tryOnnxModel(bare.file, null, { text: 'hello' })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(/pass token ids/) });
    const withFolder = await tryOnnxModel(bare.file, join(FIXTURES, 'gpt2'), { text: 'hello' });
    expect(withFolder.tokens).not.toBeNull();
    const ids = await tryOnnxModel(bare.file, null, { ids: [1, 2, 3] });
    expect(ids.tokens).toBeNull();
    expect(ids.positions).toEqual([0, 1, 2]);
  });

  it('keeps one session open between tries, and reopens it when the file changes', async () => {
    const out = join(work, 'shared');
    const first = await exportOnnx({ folder: join(FIXTURES, 'gpt2'), out, verify: false, copyFiles: false });
    const a = await sharedOnnxSession(first.file);
    await tryOnnxModel(first.file, null, { ids: [1, 2] });
    expect(await sharedOnnxSession(first.file)).toBe(a);
    // another model written over the same path: a fresh session, the new model's answers
    await exportOnnx({ folder: join(FIXTURES, 'llama'), out, verify: false, copyFiles: false, overwrite: true });
    const b = await sharedOnnxSession(first.file);
    expect(b).not.toBe(a);
    expect((await tryOnnxModel(first.file, null, { ids: [1, 2] })).model_type).toBe('llama');
    releaseSharedOnnxSession();
  });

  it('refuses generation on a masked LM and a text without a mask', async () => {
    await expect(tryOnnxModel(exported.bert!, null, { text: 'a [MASK]', generate: 2 })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(tryOnnxModel(exported.bert!, null, { text: 'no mask here' })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(/no mask token/) });
  });
});
