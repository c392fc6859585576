// Task metrics of a classifier run: a LoRA sequence classifier and a BIO tagger trained for a few steps
// on the BERT fixture are scored on their validation examples; accuracy and macro-F1 agree with what the
// training loop itself measured on the same examples, and the entity report is well-formed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../native/tfjs-backend';
import { runTaskTraining, type TaskExample, type TaskSpec } from '../engine/train/finetune';
import { evaluateTask } from './task';

const BERT = resolve(import.meta.dirname, '../../test/fixtures/hf-reference/bert');
const temp = mkdtempSync(join(tmpdir(), 'task-eval-test-'));

/** [CLS] ids [SEP]: label 1 when the sentence uses ids ≥ 300, else 0 (learnable from the tokens). */
function sequences(count: number, offset: number): TaskExample[] {
  return Array.from({ length: count }, (_, i) => {
    const high = (i + offset) % 2 === 1;
    return { ids: [2, ...Array.from({ length: 6 }, (_, k) => (high ? 300 : 100) + ((i * 7 + k * 3) % 50)), 3], label: high ? 1 : 0 };
  });
}

const common = { modelFolder: BERT, method: 'lora', padId: 0, batch: 8, peakLr: 5e-3, warmupSteps: 0, decay: 'constant', minLrRatio: 0, weightDecay: 0, clipNorm: 1, evalEvery: 0, patience: null, checkpointEvery: 100, keepLast: 1, seed: 3, resume: false } as const;

beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('task metrics of a classifier run', () => {
  test('sequence classification: the same accuracy and macro-F1 as training measured', async () => {
    const validation = sequences(12, 1);
    const spec: TaskSpec = { ...common, task: 'sequence-classification', labels: ['low', 'high'], train: sequences(32, 0), validation, steps: 12, outDir: join(temp, 'seq') };
    const run = await runTaskTraining(spec, {});
    const report = await evaluateTask({ folder: BERT, adapter: run.outputs.adapter, kind: 'sequence-classification', labels: ['low', 'high'], examples: validation, backend: 'wasm' });
    if (report.kind !== 'sequence-classification') throw new Error('wrong kind');
    expect(report.examples).toBe(12);
    expect(report.accuracy).toBeCloseTo(run.metrics.accuracy, 10);
    expect(report.macro_f1).toBeCloseTo(run.metrics.macro_f1, 10);
    expect(report.majority_baseline).toMatchObject({ accuracy: 0.5 });
  }, 120_000);

  test('token classification: entity-level report over first pieces', async () => {
    const tagged = (n: number): TaskExample[] => Array.from({ length: n }, (_, i) => ({ ids: [2, 100 + (i % 5), 400, 401, 120, 3], tags: [-100, 0, 1, 2, 0, -100] }));
    const labels = ['O', 'B-DRUG', 'I-DRUG'];
    const spec: TaskSpec = { ...common, task: 'token-classification', labels, train: tagged(24), validation: tagged(6), steps: 30, outDir: join(temp, 'tok') };
    const run = await runTaskTraining(spec, {});
    const report = await evaluateTask({ folder: BERT, adapter: run.outputs.adapter, kind: 'token-classification', labels, examples: tagged(6), backend: 'wasm' });
    if (report.kind !== 'token-classification') throw new Error('wrong kind');
    expect(report.sentences).toBe(6);
    expect(report.majority_baseline).toEqual({ label: 'O', token_accuracy: 0.5, f1: 0 });
    // A pattern this regular is learnt: every DRUG span found exactly.
    expect(report.f1).toBe(1);
    expect(report.per_type.DRUG).toEqual({ precision: 1, recall: 1, f1: 1, support: 6 });
  }, 120_000);

  test('refuses an empty file and an untrained head', async () => {
    await expect(evaluateTask({ folder: BERT, kind: 'sequence-classification', labels: ['a', 'b'], examples: [], backend: 'wasm' })).rejects.toMatchObject({ code: 'bad_input' });
    // The base model has no classifier weights: scoring a random head would mean nothing.
    await expect(evaluateTask({ folder: BERT, kind: 'sequence-classification', labels: ['a', 'b'], examples: sequences(2, 0), backend: 'wasm' })).rejects.toThrow(/no trained sequence-classification head/);
  });
});
