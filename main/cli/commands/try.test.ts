// `studio try` end to end in-process (CLI → dispatch → services → engine) on the reference fixtures:
// the logits it prints equal the logits the real Hugging Face code computed, within 1e-4.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelTryResult } from '../../common/dto';
import { studioAt } from '../testing';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/hf-reference');
const root = mkdtempSync(join(tmpdir(), 'studio-try-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const studio = studioAt(join(root, 'ws'));

function reference(model: string): { input_ids: number[][]; mask_positions?: number[][]; logits: Float32Array; vocab: number } {
  const ref = JSON.parse(readFileSync(join(FIXTURES, model, 'reference.json'), 'utf8')) as { input_ids: number[][]; mask_positions?: number[][] };
  const bytes = readFileSync(join(FIXTURES, model, 'logits.bin'));
  const logits = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const config = JSON.parse(readFileSync(join(FIXTURES, model, 'config.json'), 'utf8')) as { vocab_size: number };
  return { ...ref, logits, vocab: config.vocab_size };
}

function maxDiffAt(result: ModelTryResult, ref: ReturnType<typeof reference>): number {
  let worst = 0;
  result.positions.forEach((p, i) => {
    const want = ref.logits.subarray(p * ref.vocab, (p + 1) * ref.vocab); // row 0 of [2, T, V]
    const got = result.logits![i]!;
    expect(got).toHaveLength(ref.vocab);
    for (let v = 0; v < ref.vocab; v++) worst = Math.max(worst, Math.abs(got[v]! - want[v]!));
  });
  return worst;
}

describe('studio try', () => {
  it('bert: the mask positions, top-k fillers and logits match Hugging Face', async () => {
    const ref = reference('bert');
    const r = await studio('--json', 'try', join(FIXTURES, 'bert'), '--ids', ref.input_ids[0]!.join(','), '--logits', '--top-k', '3');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as ModelTryResult;
    expect(result).toMatchObject({ model_type: 'bert', task: 'masked-lm', input_ids: ref.input_ids[0] });
    expect(result.positions).toEqual(ref.mask_positions![0]);
    expect(maxDiffAt(result, ref)).toBeLessThanOrEqual(1e-4);
    for (const { candidates } of result.top) {
      expect(candidates).toHaveLength(3);
      expect(candidates[0]!.probability).toBeGreaterThanOrEqual(candidates[1]!.probability);
      expect(typeof candidates[0]!.token).toBe('string');
    }
  });

  it('gpt2: every position, logits match Hugging Face, and greedy tokens follow the top-1', async () => {
    const ref = reference('gpt2');
    const r = await studio('--json', 'try', join(FIXTURES, 'gpt2'), '--ids', ref.input_ids[0]!.join(','), '--logits', '--generate', '3');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as ModelTryResult;
    expect(result.positions).toEqual(ref.input_ids[0]!.map((_, i) => i));
    expect(maxDiffAt(result, ref)).toBeLessThanOrEqual(1e-4);
    expect(result.generated!.ids).toHaveLength(3);
    expect(result.generated!.ids[0]).toBe(result.top.at(-1)!.candidates[0]!.id);
  });

  it('runs a registered model by its name', async () => {
    const imported = await studio('model', 'import', join(FIXTURES, 'llama'), '--name', 'tiny llama');
    expect(imported.code, imported.stderr).toBe(0);
    const r = await studio('--json', 'try', 'tiny llama', '--text', 'the license', '--top-k', '2');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as ModelTryResult;
    expect(result).toMatchObject({ model: join(FIXTURES, 'llama'), model_type: 'llama', task: 'causal-lm' });
    expect(result.input_ids[0]).toBe(1); // LLaMA's tokenizer adds BOS
    expect(result.top).toHaveLength(result.input_ids.length);
  });

  it('tokenizes text and explains what is wrong with bad input', async () => {
    const ok = await studio('try', join(FIXTURES, 'bert'), '--text', 'the [MASK] of this license');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/position 2 \(\[MASK\]\)/);
    const noMask = await studio('try', join(FIXTURES, 'bert'), '--text', 'no mask here');
    expect(noMask.code).toBe(1);
    expect(noMask.stderr).toMatch(/put \[MASK\] \(id 4\)/);
    const badId = await studio('try', join(FIXTURES, 'gpt2'), '--ids', '5,99999');
    expect(badId.code).toBe(1);
    expect(badId.stderr).toMatch(/99999 is outside the vocabulary/);
    const both = await studio('try', join(FIXTURES, 'gpt2'));
    expect(both.code).toBe(1);
    const missing = await studio('try', join(root, 'nope'), '--ids', '1');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No model named/);
    const generateMlm = await studio('try', join(FIXTURES, 'bert'), '--text', 'a [MASK]', '--generate', '2');
    expect(generateMlm.stderr).toMatch(/causal language model/);
  });
});
