// runTaskTraining (LoRA + a new head) with `workers: 2` on the BERT fixture: sequence classification (one
// label per row, odd batch) and token classification follow the one-thread loss curve step for step; a
// 2-thread run is reproducible exactly, and stopped mid-way and resumed it ends exactly like an
// uninterrupted 2-thread run (the threads are closed each time: no worker is left running).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { initBackend } from '../../../../native/tfjs-backend';
import { runTaskTraining, type TaskExample, type TaskSpec } from '../finetune';
import { Rng } from '../rng';

const FIXTURES = resolve(__dirname, '../../../../test/fixtures/hf-reference');
const temps: string[] = [];
beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function sequenceExamples(seed: number, n: number): TaskExample[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const label = rng.int(2);
    const body = Array.from({ length: 5 + rng.int(6) }, () => 100 + rng.int(100));
    body[rng.int(body.length)] = label === 0 ? 500 : 600;
    return { ids: [2, ...body, 3], token_type_ids: new Array(body.length + 2).fill(0), label };
  });
}

function tokenExamples(seed: number, n: number): TaskExample[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const body = Array.from({ length: 6 + rng.int(5) }, () => (rng.next() < 0.2 ? 500 + rng.int(20) : 100 + rng.int(100)));
    return { ids: [2, ...body, 3], tags: [-100, ...body.map((id) => (id >= 500 ? 1 : 0)), -100] };
  });
}

function spec(overrides: Partial<TaskSpec>): TaskSpec {
  const outDir = mkdtempSync(join(tmpdir(), 'parallel-finetune-'));
  temps.push(outDir);
  return {
    modelFolder: join(FIXTURES, 'bert'),
    method: 'lora',
    lora: { r: 4, alpha: 8 },
    task: 'sequence-classification',
    labels: ['a', 'b'],
    train: sequenceExamples(1, 30),
    validation: sequenceExamples(2, 8),
    padId: 0,
    batch: 5,
    steps: 6,
    peakLr: 1e-2,
    warmupSteps: 1,
    decay: 'linear',
    minLrRatio: 0,
    weightDecay: 0.01,
    clipNorm: 1,
    evalEvery: 3,
    patience: null,
    checkpointEvery: 2,
    keepLast: 1,
    seed: 9,
    outDir,
    resume: false,
    ...overrides,
  };
}

async function curve(s: TaskSpec): Promise<number[]> {
  const losses: number[] = [];
  const result = await runTaskTraining(s, { onStep: (e) => losses.push(e.loss) });
  expect(result.status).toBe('completed');
  return losses;
}

test('sequence and token classification on 2 threads give the 1-thread loss curve', { timeout: 180_000 }, async () => {
  for (const overrides of [{}, { task: 'token-classification' as const, labels: ['O', 'ENT'], train: tokenExamples(3, 30), validation: tokenExamples(4, 8) }]) {
    const one = await curve(spec({ ...overrides, workers: 1 }));
    const two = await curve(spec({ ...overrides, workers: 2 }));
    expect(two).toHaveLength(6);
    two.forEach((l, i) => expect(Math.abs(l - one[i]!) / one[i]!).toBeLessThan(1e-5));
  }
});

test('a 2-thread run is reproducible, and stopped at step 3 then resumed ends exactly like an uninterrupted one', { timeout: 180_000 }, async () => {
  const straight = await runTaskTraining(spec({ workers: 2 }));
  const again = await curve(spec({ workers: 2 }));
  expect(again.at(-1)).toBe(straight.metrics.train_loss);

  const s = spec({ workers: 2 });
  const stop = new AbortController();
  const first = await runTaskTraining({ ...s, signal: stop.signal }, { onStep: (e) => e.step === 3 && stop.abort() });
  expect(first.status).toBe('stopped');
  expect(first.steps).toBe(3);
  const resumed = await runTaskTraining({ ...s, resume: true });
  expect(resumed.status).toBe('completed');
  expect(resumed.metrics).toEqual(straight.metrics);
});
