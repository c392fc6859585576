// `studio try <model> --onnx FILE` end to end in-process: the exported model answers through the CLI
// with the same JSON shape and the same logits as the engine's `studio try` on the source folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelTryResult } from '../../common/dto';
import { exportOnnx } from '../../export/onnx';
import { studioAt } from '../testing';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/hf-reference');
const root = mkdtempSync(join(tmpdir(), 'studio-try-onnx-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const studio = studioAt(join(root, 'ws'));

describe('studio try --onnx', () => {
  it('llama: same JSON shape and logits as the engine, sampled generation with a seed', async () => {
    const folder = join(FIXTURES, 'llama');
    const { file } = await exportOnnx({ folder, out: join(root, 'llama-onnx'), verify: false });
    const args = ['--json', 'try', folder, '--ids', '1,5,9,14', '--logits', '--top-k', '2', '--generate', '3', '--top-p', '0.9', '--seed', '7'];
    const onnx = await studio(...args, '--onnx', file);
    const engine = await studio(...args);
    expect(onnx.code, onnx.stderr).toBe(0);
    expect(engine.code, engine.stderr).toBe(0);
    const a = JSON.parse(onnx.stdout) as ModelTryResult;
    const b = JSON.parse(engine.stdout) as ModelTryResult;
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(a).toMatchObject({ backend: 'onnxruntime', model: file, task: 'causal-lm', input_ids: [1, 5, 9, 14], positions: [0, 1, 2, 3] });
    expect(a.generated!.ids).toEqual(b.generated!.ids);
    a.logits!.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - b.logits![i]![j]!)).toBeLessThanOrEqual(1e-4)));
  });

  it('names a missing ONNX file and a bad --top-p', async () => {
    const missing = await studio('try', join(FIXTURES, 'gpt2'), '--ids', '1,2', '--onnx', join(root, 'nope.onnx'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No ONNX file/);
    const bad = await studio('try', join(FIXTURES, 'gpt2'), '--ids', '1,2', '--top-p', '1.5');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/top-p/);
  });
});
