// Checkpoints: save → load → continue gives exactly the losses and weights of a run that never stopped
// (bert fixture, random masking from the run's RNG, warmup schedule); pruning keeps the last K and the
// best; a failed save leaves earlier checkpoints intact; a damaged checkpoint is refused.
import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import type * as TF from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { loadHfWeights } from '../hf/weights';
import { loss } from '../models/forward';
import { readModelConfig } from '../models/registry';
import type { Params } from '../models/types';
import { bestCheckpoint, latestCheckpoint, listCheckpoints, loadCheckpoint, saveCheckpoint, type CheckpointContent } from './checkpoint';
import { AdamW } from './optimizer';
import { assignFromHost, toHost, toVariables } from './params';
import { Rng } from './rng';
import { lrAt } from './schedule';
import { Trainer } from './step';

const FOLDER = resolve(__dirname, '../../../test/fixtures/hf-reference/bert');
const MASK_ID = 4;
const SCHEDULE = { peakLr: 2e-3, warmupSteps: 3, totalSteps: 8, decay: 'cosine' as const, minLrRatio: 0.1 };

let tf: typeof TF;
const temps: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ckpt-test-'));
  temps.push(d);
  return d;
}
beforeAll(async () => {
  ({ tf } = await initBackend('cpu'));
});
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

interface Ref {
  input_ids_unmasked: number[][];
  attention_mask: number[][];
  token_type_ids: number[][];
}

/** A run: each step masks ~15% of the real tokens at random (from the run's RNG) and takes one AdamW step. */
class Run {
  private constructor(
    readonly vars: Map<string, TF.Variable>,
    readonly optimizer: AdamW,
    readonly trainer: Trainer,
    public rng: Rng,
    public step: number,
    private readonly lossOf: (p: Params, ids: number[][], labels: number[][]) => TF.Scalar,
    private readonly ref: Ref,
  ) {}

  static async start(seed: number): Promise<Run> {
    const ref = JSON.parse(readFileSync(join(FOLDER, 'reference.json'), 'utf8')) as Ref;
    const { arch, config } = await readModelConfig(FOLDER);
    const vars = toVariables(await loadHfWeights(FOLDER));
    const optimizer = new AdamW(vars);
    const trainer = new Trainer({ trainable: vars, optimizer, clipNorm: 1 });
    const lossOf = (p: Params, ids: number[][], labels: number[][]): TF.Scalar =>
      loss(arch, p, config, { input_ids: ids, attention_mask: ref.attention_mask, token_type_ids: ref.token_type_ids }, labels);
    return new Run(vars, optimizer, trainer, new Rng(seed), 0, lossOf, ref);
  }

  async next(): Promise<number> {
    const ids = this.ref.input_ids_unmasked.map((row) => [...row]);
    const labels = ids.map((row) => row.map(() => -100));
    ids.forEach((row, i) =>
      row.forEach((id, j) => {
        if (this.ref.attention_mask[i]![j] === 1 && j > 0 && this.rng.bernoulli(0.3)) {
          labels[i]![j] = id;
          row[j] = MASK_ID;
        }
      }),
    );
    if (labels.flat().every((l) => l === -100)) labels[0]![1] = ids[0]![1]!;
    const result = await this.trainer.step((p) => this.lossOf(p, ids, labels), lrAt(this.step, SCHEDULE));
    this.step += 1;
    return result.loss;
  }

  async capture(metric: number | null): Promise<CheckpointContent> {
    return { trainable: await toHost(this.vars), optimizer: await this.optimizer.exportState(), state: { step: this.step, rng: this.rng.getState(), data: { cursor: this.step }, metric } };
  }

  restore(content: CheckpointContent): void {
    assignFromHost(this.vars, content.trainable);
    this.optimizer.importState(content.optimizer);
    this.rng = Rng.fromState(content.state.rng);
    this.step = content.state.step;
  }

  dispose(): void {
    this.optimizer.dispose();
    tf.dispose([...this.vars.values()]);
  }
}

describe('checkpoints', () => {
  test('save → load → continue gives the same losses and weights as never stopping', async () => {
    const straight = await Run.start(42);
    const lossesStraight: number[] = [];
    for (let i = 0; i < 6; i++) lossesStraight.push(await straight.next());

    const dir = tempDir();
    const first = await Run.start(42);
    const losses: number[] = [];
    for (let i = 0; i < 3; i++) losses.push(await first.next());
    await saveCheckpoint(dir, await first.capture(null), { keepLast: 2 });
    first.dispose(); // the process "dies" here

    const resumed = await Run.start(999); // a fresh process: base weights, new optimizer, another seed
    const latest = latestCheckpoint(dir)!;
    expect(latest.step).toBe(3);
    resumed.restore(await loadCheckpoint(latest.path));
    for (let i = 0; i < 3; i++) losses.push(await resumed.next());

    expect(losses).toEqual(lossesStraight);
    expect(losses[5]).toBeLessThan(losses[0]!);
    for (const [name, v] of straight.vars) expect(resumed.vars.get(name)!.dataSync(), name).toEqual(v.dataSync());
    straight.dispose();
    resumed.dispose();
  });

  test('keeps the last K and the best; the same step saved twice is replaced', async () => {
    const dir = tempDir();
    const run = await Run.start(1);
    const metrics = [5, 2, 4, 3, 6];
    for (const m of metrics) {
      await run.next();
      await saveCheckpoint(dir, await run.capture(m), { keepLast: 2 });
    }
    expect(listCheckpoints(dir).map((c) => c.step)).toEqual([2, 4, 5]);
    expect(bestCheckpoint(dir)).toMatchObject({ step: 2, metric: 2 });
    await saveCheckpoint(dir, await run.capture(1), { keepLast: 2 });
    expect(listCheckpoints(dir).map((c) => [c.step, c.metric])).toEqual([[4, 3], [5, 1]]);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    run.dispose();
  });

  test('a save that fails leaves the earlier checkpoints untouched and no partial folder', async () => {
    const dir = tempDir();
    const run = await Run.start(2);
    await run.next();
    const good = await run.capture(1);
    await saveCheckpoint(dir, good, { keepLast: 3 });
    await run.next();
    const broken = await run.capture(0.5);
    const trainable = new Map(broken.trainable);
    trainable.set('bert.embeddings.LayerNorm.weight', { shape: [32], data: new Float32Array(7) });
    await expect(saveCheckpoint(dir, { ...broken, trainable }, { keepLast: 3 })).rejects.toThrow(/does not match/);
    expect(listCheckpoints(dir).map((c) => c.step)).toEqual([1]);
    expect(readdirSync(dir)).toEqual(['step-00000001']);
    const loaded = await loadCheckpoint(join(dir, 'step-00000001'));
    expect(loaded.trainable.get('bert.embeddings.LayerNorm.weight')!.data).toEqual(good.trainable.get('bert.embeddings.LayerNorm.weight')!.data);
    run.dispose();
  });

  test('a damaged checkpoint is refused with a message naming the file', async () => {
    const dir = tempDir();
    const run = await Run.start(3);
    await run.next();
    const info = await saveCheckpoint(dir, await run.capture(null), { keepLast: 1 });
    truncateSync(join(info.path, 'optimizer.safetensors'), 100);
    await expect(loadCheckpoint(info.path)).rejects.toThrow(/optimizer\.safetensors has 100 bytes/);
    writeFileSync(join(info.path, 'state.json'), '{"format": 1');
    await expect(loadCheckpoint(info.path)).rejects.toThrow(/damaged/);
    expect(listCheckpoints(dir)).toEqual([]);
    const vars = new Map([['a', tf.variable(tf.zeros([2]))]]);
    expect(() => assignFromHost(vars, new Map([['b', { shape: [2], data: new Float32Array(2) }]]))).toThrow(/missing a; unexpected b/);
    tf.dispose([...vars.values()]);
    run.dispose();
  });
});
