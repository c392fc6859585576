// ONNX export of the five Hugging Face reference models: the exported graph, run by onnxruntime-node,
// reproduces the fixture's logits (made by transformers) and our engine's, on the fixture's inputs and
// on other batch/sequence shapes; LoRA adapters are merged; a bad export leaves nothing behind; and
// onnx.checker accepts every file where the onnx Python package is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../engine/models/testing/golden';
import { exportOnnx, type OnnxExportResult } from './export';
import { loadHfWeights } from '../../engine/hf/weights';
import { readModelConfig } from '../../engine/models/registry';
import { readOnnxHeader } from './inspect';
import { estimateOnnxBytes } from './size';
import { checkParity, parityBatches } from './verify';
import { openOnnxSession, runOnnx } from './run';

const MODELS = ['bert', 'roberta', 'distilbert', 'gpt2', 'llama'] as const;
const work = await mkdtemp(join(tmpdir(), 'onnx-export-test-'));
afterAll(() => rm(work, { recursive: true, force: true }));

async function floats(file: string): Promise<Float32Array> {
  const b = await readFile(file);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** A Python with the onnx package (Debian's python3-onnx), or null. */
function onnxPython(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import onnx.checker'], { stdio: 'ignore' }).status === 0) return python;
  }
  return null;
}
const python = onnxPython();

function checkModel(file: string): void {
  execFileSync(python!, ['-c', 'import sys, onnx; onnx.checker.check_model(sys.argv[1], full_check=True)', file], { stdio: 'pipe' });
}

describe.each(MODELS)('ONNX export of the %s fixture', (name) => {
  const dir = join(FIXTURES, name);
  const out = join(work, name);
  let result: OnnxExportResult;

  it('exports, and onnxruntime matches our engine within 1e-4 on two batch shapes', async () => {
    result = await exportOnnx({ folder: dir, out });
    expect(result.file).toBe(join(out, 'model.onnx'));
    expect(result.opset).toBe(17);
    expect(result.ir_version).toBe(8);
    expect(result.inputs).toEqual(name === 'bert' ? ['input_ids', 'attention_mask', 'token_type_ids'] : ['input_ids', 'attention_mask']);
    expect(result.outputs).toEqual(['logits']);
    expect(result.parity!.max_abs_error).toBeLessThanOrEqual(1e-4);
    expect(result.parity!.shapes).toEqual([[2, 12], [1, 5]]);
    expect(result.files).toContain('config.json');
    expect(readdirSync(out).filter((f) => f.startsWith('.onnx-export-'))).toEqual([]);
    // the size shown before writing is the size written, within the graph's few kilobytes
    const estimate = await estimateOnnxBytes(dir);
    expect(estimate.external_data).toBe(false);
    expect(Math.abs(estimate.bytes - result.bytes)).toBeLessThan(16 * 1024);
  });

  it("reproduces the fixture's Hugging Face logits on its reference inputs", async () => {
    const reference = JSON.parse(await readFile(join(dir, 'reference.json'), 'utf8'));
    const onnx = await runOnnx(result.file, reference);
    const expected = await floats(join(dir, 'logits.bin'));
    expect(onnx.dims).toEqual(reference.arrays.logits.shape);
    expect(maxAbsDiff(onnx.logits, expected)).toBeLessThanOrEqual(1e-4);
  });

  it('runs at other batch sizes and lengths (dynamic axes), each row as it runs alone', async () => {
    const session = await openOnnxSession(result.file);
    const vocab = Number(session.metadata.vocab_size);
    const row = [5, 17, 3, 9, 11, 2, 8].map((id) => id % vocab);
    const alone = await session.run({ input_ids: [row] });
    const three = await session.run({ input_ids: [row, row, row], attention_mask: [row.map(() => 1), row.map(() => 1), row.map(() => 1)] });
    await session.release();
    expect(alone.dims).toEqual([1, 7, vocab]);
    expect(three.dims).toEqual([3, 7, vocab]);
    expect(maxAbsDiff(three.logits.subarray(2 * 7 * vocab), alone.logits)).toBeLessThanOrEqual(1e-5);
  });

  it('records the model in its metadata', async () => {
    const header = await readOnnxHeader(result.file);
    expect(header).toMatchObject({ ir_version: 8, opset: 17, producer_name: 'domain-studio' });
    expect(header.metadata.model_type).toBe(name);
    expect(header.metadata.head).toBe(name === 'gpt2' || name === 'llama' ? 'causal-lm' : 'masked-lm');
  });

  it.skipIf(python === null)('passes onnx.checker.check_model(full_check=True) (needs python3-onnx)', () => {
    checkModel(result.file);
  });
});

describe('ONNX export options', () => {
  it.each(['bert', 'llama'])('merges the %s fixture LoRA adapter: logits equal the reference merged model', async (name) => {
    const dir = join(FIXTURES, name);
    const result = await exportOnnx({ folder: dir, adapter: join(dir, 'lora'), out: join(work, `${name}-lora`), copyFiles: false });
    expect(result.files).toEqual(['model.onnx']);
    const reference = JSON.parse(await readFile(join(dir, 'reference.json'), 'utf8'));
    const onnx = await runOnnx(result.file, reference);
    expect(maxAbsDiff(onnx.logits, await floats(join(dir, 'lora_logits_merged.bin')))).toBeLessThanOrEqual(1e-4);
    expect(maxAbsDiff(onnx.logits, await floats(join(dir, 'logits.bin')))).toBeGreaterThan(0.01);
  });

  it('stores big weights in model.onnx.data, which onnxruntime and the checker read', async () => {
    const out = join(work, 'gpt2-external');
    const result = await exportOnnx({ folder: join(FIXTURES, 'gpt2'), out, externalDataThreshold: 0 });
    expect(result.files.slice(0, 2)).toEqual(['model.onnx', 'model.onnx.data']);
    expect(result.parity!.max_abs_error).toBeLessThanOrEqual(1e-4);
    if (python) checkModel(result.file);
    // exported again inline over it: the old data file goes
    await exportOnnx({ folder: join(FIXTURES, 'gpt2'), out, overwrite: true, verify: false });
    expect(existsSync(join(out, 'model.onnx.data'))).toBe(false);
    expect((await runOnnx(result.file, { input_ids: [[1, 2, 3]] })).dims).toEqual([1, 3, 1257]);
  });

  it('exports a sequence-classification head', async () => {
    const result = await exportOnnx({ folder: join(FIXTURES, 'distilbert'), out: join(work, 'distil-cls'), head: 'sequence-classification', copyFiles: false }).catch((e: Error) => e);
    // the fixture has no classifier weights: refused by name, nothing written
    expect(result).toMatchObject({ code: 'bad_input' });
    expect((result as Error).message).toMatch(/pre_classifier/);
    expect(existsSync(join(work, 'distil-cls', 'model.onnx'))).toBe(false);
  });

  it('refuses to overwrite an existing model.onnx unless asked', async () => {
    const out = join(work, 'conflict');
    await exportOnnx({ folder: join(FIXTURES, 'gpt2'), out, verify: false, copyFiles: false });
    await expect(exportOnnx({ folder: join(FIXTURES, 'gpt2'), out, verify: false })).rejects.toMatchObject({ code: 'conflict' });
    const again = await exportOnnx({ folder: join(FIXTURES, 'gpt2'), out, verify: false, overwrite: true });
    expect(again.parity).toBeNull();
  });

  it('fails loudly when the logits do not match, and leaves no file', async () => {
    const out = join(work, 'mismatch');
    const error = await exportOnnx({ folder: join(FIXTURES, 'llama'), out, tolerance: -1 }).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'internal' });
    expect((error as Error).message).toMatch(/differ from the engine's by up to/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('the parity check catches a model that computes something else', async () => {
    const dir = join(FIXTURES, 'gpt2');
    const spec = await readModelConfig(dir);
    const weights = await loadHfWeights(dir);
    const file = (await exportOnnx({ folder: dir, out: join(work, 'gpt2-parity'), verify: false })).file;
    const batches = parityBatches(spec, false);
    expect((await checkParity(file, spec, weights, 'causal-lm', batches)).max_abs_error).toBeLessThanOrEqual(1e-4);
    // the engine with one LayerNorm bias nudged by 1e-3: the ONNX file no longer matches
    const bias = weights.get('transformer.h.1.ln_2.bias')!;
    const nudged = new Map(weights).set('transformer.h.1.ln_2.bias', { ...bias, data: bias.data.map((v) => v + 1e-3) });
    await expect(checkParity(file, spec, nudged, 'causal-lm', batches)).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/differ from the engine's/) });
  });

  it('refuses a folder that is not a model, and an opset it does not produce, creating nothing', async () => {
    const out = join(work, 'not-a-model');
    await expect(exportOnnx({ folder: join(work, 'missing-folder'), out })).rejects.toMatchObject({ code: 'bad_input' });
    await expect(exportOnnx({ folder: join(FIXTURES, 'bert'), out, opset: 18 })).rejects.toMatchObject({ code: 'unsupported', field: 'opset' });
    expect(existsSync(out)).toBe(false);
  });

  it('stops when cancelled, leaving no file', async () => {
    const out = join(work, 'cancelled');
    const controller = new AbortController();
    controller.abort();
    await expect(exportOnnx({ folder: join(FIXTURES, 'bert'), out, signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
    expect(existsSync(join(out, 'model.onnx'))).toBe(false);
  });

  it('answers bad input to onnxruntime with clear errors', async () => {
    const quick = async (name: string) => (await exportOnnx({ folder: join(FIXTURES, name), out: join(work, `${name}-bad-input`), verify: false, copyFiles: false })).file;
    const file = await quick('gpt2');
    await expect(runOnnx(file, { input_ids: [[1, 99999]] })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(/outside the vocabulary/) });
    await expect(runOnnx(file, { input_ids: [[1, 2], [3]] })).rejects.toMatchObject({ code: 'bad_input' });
    const junk = join(work, 'junk.onnx');
    writeFileSync(junk, 'not a model');
    await expect(runOnnx(junk, { input_ids: [[1]] })).rejects.toMatchObject({ code: 'bad_input' });
    await expect(readOnnxHeader(junk)).rejects.toMatchObject({ code: 'bad_input' });
    const bytes = await readFile(file);
    const truncated = join(work, 'truncated.onnx');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
    await expect(runOnnx(truncated, { input_ids: [[1]] })).rejects.toMatchObject({ code: 'bad_input' });
    await expect(readOnnxHeader(truncated)).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(/truncated/) });
    // RoBERTa takes max_position_embeddings - pad - 1 tokens: a clear error past that, not a runtime crash
    const roberta = await quick('roberta');
    const limit = Number((await readOnnxHeader(roberta)).metadata.max_sequence_length);
    expect((await runOnnx(roberta, { input_ids: [Array(limit).fill(5)] })).dims[1]).toBe(limit);
    await expect(runOnnx(roberta, { input_ids: [Array(limit + 1).fill(5)] })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(/at most/) });
  });
});
