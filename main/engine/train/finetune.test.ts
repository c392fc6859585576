// LoRA task fine-tuning on synthetic labelled data over the BERT fixture: sequence and token
// classification beat the majority-class baseline by a wide margin, the class balance is reported,
// the adapter carries the new head, and malformed examples are refused naming the example.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { readSafetensors } from '../checkpoint/safetensors';
import { runTaskTraining, type TaskExample, type TaskSpec } from './finetune';
import { Rng } from './rng';
import { alignTags, classBalance, classificationScores, majorityBaseline } from './task-metrics';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/hf-reference');
const CLS = 2;
const SEP = 3;
const temps: string[] = [];
beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'finetune-test-'));
  temps.push(d);
  return d;
}

/** Texts of filler ids with one marker id that decides the class; class 0 is half of the data. */
function sequenceExamples(seed: number, n: number): TaskExample[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const label = rng.next() < 0.5 ? 0 : 1 + rng.int(2);
    const body = Array.from({ length: 6 + rng.int(5) }, () => 100 + rng.int(100));
    body[rng.int(body.length)] = [500, 600, 700][label] as number;
    return { ids: [CLS, ...body, SEP], token_type_ids: new Array(body.length + 2).fill(0), label };
  });
}

/** Entity tokens (ids 500–519) tagged 1, others 0; [CLS]/[SEP] unlabelled. */
function tokenExamples(seed: number, n: number): TaskExample[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const body = Array.from({ length: 8 + rng.int(5) }, () => (rng.next() < 0.2 ? 500 + rng.int(20) : 100 + rng.int(100)));
    return { ids: [CLS, ...body, SEP], tags: [-100, ...body.map((id) => (id >= 500 ? 1 : 0)), -100] };
  });
}

function spec(overrides: Partial<TaskSpec>): TaskSpec {
  return {
    modelFolder: join(FIXTURES, 'bert'),
    method: 'lora',
    lora: { r: 4, alpha: 8, targetModules: ['query', 'key', 'value', 'dense'] },
    task: 'sequence-classification',
    labels: ['routine', 'urgent', 'legal'],
    train: sequenceExamples(1, 48),
    validation: sequenceExamples(2, 24),
    padId: 0,
    batch: 8,
    steps: 60,
    peakLr: 2e-2,
    warmupSteps: 4,
    decay: 'linear',
    minLrRatio: 0,
    weightDecay: 0.01,
    clipNorm: 1,
    evalEvery: 20,
    patience: null,
    checkpointEvery: 20,
    keepLast: 1,
    seed: 3,
    outDir: tempDir(),
    resume: false,
    ...overrides,
  };
}

describe('runTaskTraining', () => {
  test('sequence classification with LoRA beats the majority baseline; the adapter holds the head', async () => {
    const result = await runTaskTraining(spec({}));
    expect(result.status).toBe('completed');
    const m = result.metrics;
    expect(m.majority_baseline.label).toBe('routine');
    expect(m.class_balance.train.routine).toBeGreaterThan(m.class_balance.train.urgent!);
    expect(m.macro_f1).toBeGreaterThan(m.majority_baseline.macro_f1 + 0.3);
    expect(m.accuracy).toBeGreaterThan(m.majority_baseline.accuracy);
    const keys = [...(await readSafetensors(join(result.outputs.adapter!, 'adapter_model.safetensors'))).keys()];
    expect(keys).toContain('base_model.model.classifier.weight');
    expect(JSON.parse(readFileSync(join(result.outputs.adapter!, 'adapter_config.json'), 'utf8')).task_type).toBe('SEQ_CLS');
  });

  test('token classification with LoRA beats the majority baseline', async () => {
    const result = await runTaskTraining(spec({ task: 'token-classification', labels: ['O', 'B-DRUG'], train: tokenExamples(3, 48), validation: tokenExamples(4, 24) }));
    expect(result.status).toBe('completed');
    expect(result.metrics.majority_baseline.label).toBe('O');
    expect(result.metrics.macro_f1).toBeGreaterThan(result.metrics.majority_baseline.macro_f1 + 0.2);
  });

  test('malformed examples and impossible plans are refused', async () => {
    const bad = sequenceExamples(5, 10);
    await expect(runTaskTraining(spec({ train: [...bad, { ids: [CLS, 5, SEP], label: 7 }] }))).rejects.toThrow(/train example 11 has label 7/);
    await expect(runTaskTraining(spec({ task: 'token-classification', labels: ['O', 'B'], train: [{ ids: [CLS, 5, SEP], tags: [0] }], validation: tokenExamples(1, 2), batch: 1 }))).rejects.toThrow(/one tag per token/);
    await expect(runTaskTraining(spec({ batch: 100 }))).rejects.toMatchObject({ code: 'invalid_request', field: 'batch' });
    await expect(runTaskTraining(spec({ validation: [] }))).rejects.toThrow(/validation split of the task has no examples/);
  });
});

describe('task metrics', () => {
  test('accuracy, macro-F1, balance, baseline and tag alignment', () => {
    const labels = ['a', 'b', 'c'];
    const s = classificationScores([0, 0, 1, 2, -100], [0, 1, 1, 1, 2], labels);
    expect(s.accuracy).toBeCloseTo(2 / 4, 12);
    // a: tp1 fn1 → 2/3; b: tp1 fp2 → 2/4; c: fn1 → 0
    expect(s.macro_f1).toBeCloseTo((2 / 3 + 0.5 + 0) / 3, 12);
    expect(classBalance([0, 0, 2, -100], labels)).toEqual({ a: 2, b: 0, c: 1 });
    const base = majorityBaseline([1, 1, 0], [0, 1, 1, 2], labels);
    expect(base).toMatchObject({ label: 'b', accuracy: 0.5 });
    expect(alignTags([1, 3, 2], [4, 5, 6])).toEqual([4, 5, -100, -100, 6, -100]);
    expect(() => alignTags([1], [1, 2])).toThrow(/2 tags for 1 words/);
  });
});
