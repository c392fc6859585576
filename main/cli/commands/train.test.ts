// `studio train` end to end on the BERT fixture (CLI → services → train job process → engine → store):
// a corpus imported with the default word-level tokenizer (so the job re-tokenizes it for BERT), full
// and LoRA runs with their JSON outcome and stored metrics, the advisor, refusals of bad plans, and the
// exactness of pause/resume and of resume after the job process is killed with SIGKILL at a random step.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgressEvent, RunDetail, TrainPlan, TrainResult } from '../../common/dto';
import { peakLrFor } from '../../engine/train/defaults';
import { openCore, type Core } from '../../services/core';
import { setRunStatus } from '../../store/queries/runs';
import { studioAt, writeNotes } from '../testing';

// Job processes inherit these: every training step takes at least 250 ms, so a pause, cancel or kill sent at
// step N lands while the run is still training, on a fast machine as on a slow one.
process.env.STUDIO_TEST_JOBS = '1';
process.env.STUDIO_TEST_STEP_DELAY_MS = '250';

const BERT = join(import.meta.dirname, '../../../test/fixtures/hf-reference/bert');
const root = mkdtempSync(join(tmpdir(), 'studio-train-cli-'));
const workspace = join(root, 'ws');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const studio = studioAt(workspace);

/** One small, fast run: the same settings for the reference, the paused and the killed runs. */
const RUN = ['--corpus', 'notes', '--base', 'bert', '--max-steps', '12', '--batch', '2', '--seq-len', '32', '--eval-every', '6', '--checkpoint-every', '2', '--seed', '11', '--eval-tokens', '128'];
const RUN_REQUEST = { corpus: 'notes', base: 'bert', method: 'cpt-full' as const, max_steps: 12, batch: 2, seq_len: 32, eval_every: 6, checkpoint_every: 2, seed: 11, eval_tokens: 128 };

let reference: TrainResult;

beforeAll(async () => {
  const src = join(root, 'notes');
  writeNotes(src, 40);
  const imported = await studio('--json', 'corpus', 'import', src, '--name', 'notes', '--pii', 'report');
  expect(imported.code, imported.stderr).toBe(0);
  const model = await studio('--json', 'model', 'import', BERT, '--name', 'bert');
  expect(model.code, model.stderr).toBe(0);
}, 120_000);

describe('studio train', () => {
  it('trains cpt-full, prints { run, status, metrics } and stores every metric with its step', async () => {
    const r = await studio('--json', 'train', ...RUN, '--method', 'cpt-full');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Step \d+\/12/);
    const out = JSON.parse(r.stdout) as TrainResult;
    expect(Object.keys(out).sort()).toEqual(['metrics', 'run', 'status']);
    expect(out.status).toBe('succeeded');
    for (const pair of [out.metrics.domain_perplexity!, out.metrics.general_perplexity!]) {
      expect(Number.isFinite(pair.before) && Number.isFinite(pair.after)).toBe(true);
      expect(pair.before).toBeGreaterThan(1);
    }
    expect(out.metrics.domain_perplexity!.after).toBeLessThan(out.metrics.domain_perplexity!.before);
    expect(out.metrics.steps).toBe(12);
    reference = out;

    const shown = JSON.parse((await studio('--json', 'runs', 'show', String(out.run))).stdout) as RunDetail;
    expect(shown).toMatchObject({ status: 'succeeded', method: 'cpt-full', base_model: 'bert', corpus: 'notes', resumable: false });
    expect(shown.series.loss!.map(([step]) => step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(shown.series.loss!.at(-1)![1]).toBeCloseTo(out.metrics.train_loss!, 10);
    expect(shown.series.domain_perplexity!.map(([step]) => step)).toEqual([0, 6, 12]);
    expect(shown.series.general_perplexity!.length).toBe(3);
    expect(shown.outputs.model).not.toBeNull();
    expect(existsSync(join(shown.outputs.model!, 'model.safetensors'))).toBe(true);
    expect(shown.checkpoints.length).toBeGreaterThanOrEqual(2);
    // The run recorded its thread count (automatic: this fixture's steps are too small to split) and planted
    // its 4 canaries (the default) for the privacy audit.
    expect(shown.config).toMatchObject({ workers: 1, canaries: 4 });
    const canaries = JSON.parse(readFileSync(join(workspace, 'runs', String(out.run), 'canaries.json'), 'utf8')) as { canaries: unknown[] };
    expect(canaries.canaries).toHaveLength(4);
    // The corpus was imported with the word-level tokenizer: the run tokenized it for BERT beside it.
    const shards = readdirSync(join(workspace, 'corpora', '1', 'shards'));
    expect(shards).toHaveLength(2);
    expect(shards.some((k) => k.includes('1500'))).toBe(true);
  }, 120_000);

  it('trains cpt-lora and saves a PEFT adapter; runs list shows both runs', async () => {
    const r = await studio('--json', 'train', ...RUN, '--method', 'cpt-lora', '--max-steps', '4', '--eval-every', '0', '--canaries', '0');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as TrainResult;
    expect(existsSync(join(workspace, 'runs', String(out.run), 'canaries.json'))).toBe(false); // --canaries 0: none planted
    expect(out.status).toBe('succeeded');
    expect(out.metrics.parameters.trainable).toBeLessThan(out.metrics.parameters.total / 5);
    expect(Number.isFinite(out.metrics.domain_perplexity!.after)).toBe(true);
    const shown = JSON.parse((await studio('--json', 'runs', 'show', String(out.run))).stdout) as RunDetail;
    expect(existsSync(join(shown.outputs.adapter!, 'adapter_config.json'))).toBe(true);
    // Defaults that depend on the base model: the MLM head trained beside the adapter (recorded in the run, so a
    // resume trains the same tensors) and the peak rate for the model's size.
    expect(shown.config).toMatchObject({ lora: { modules_to_save: ['cls.predictions'] } });
    expect(JSON.parse(readFileSync(join(shown.outputs.adapter!, 'adapter_config.json'), 'utf8')).modules_to_save).toEqual(['cls.predictions']);
    expect(shown.series.lr![0]![1]).toBeCloseTo(peakLrFor('cpt-lora', out.metrics.parameters.total), 8);
    const listed = await studio('runs', 'list');
    expect(listed.stdout).toMatch(/cpt-lora\s+bert\s+notes\s+succeeded/);
    expect(listed.stdout).toMatch(/cpt-full\s+bert\s+notes\s+succeeded/);
  }, 120_000);

  it('plans: parameters, memory against free memory, measured speed and three recommendations', async () => {
    const r = await studio('--json', 'train', ...RUN, '--method', 'cpt-lora', '--plan');
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as TrainPlan;
    expect(plan.refusal).toBeNull();
    expect(plan.parameters.trainable).toBeLessThan(plan.parameters.total);
    expect(plan.memory.total).toBeLessThan(plan.memory.free);
    expect(plan.calibration.tokens_per_second).toBeGreaterThan(0);
    expect(plan.estimate.seconds).toBeGreaterThan(0);
    expect(plan.recommendations.map((x) => x.name)).toEqual(['method', 'lr', 'replay_ratio']);
    expect(plan.recommendations.every((x) => x.reason.length > 10)).toBe(true);
    expect(plan.calibration).toMatchObject({ workers: 1, workers_reason: expect.stringMatching(/small/) });
    // The trainable count includes the MLM head cpt-lora trains by default (transform 32×32+3×32, bias 1500); --lora-save none drops it.
    const alone = JSON.parse((await studio('--json', 'train', ...RUN, '--method', 'cpt-lora', '--plan', '--lora-save', 'none')).stdout) as TrainPlan;
    expect(plan.parameters.trainable - alone.parameters.trainable).toBe(32 * 32 + 3 * 32 + 1500);

    // Two threads, as asked: measured on both, and the memory counts the second copy of the model.
    const two = JSON.parse((await studio('--json', 'train', ...RUN, '--method', 'cpt-lora', '--plan', '--workers', '2')).stdout) as TrainPlan;
    expect(two.calibration.workers).toBe(2);
    expect(two.memory.weights).toBeGreaterThan(plan.memory.weights * 1.9);
    const text = await studio('train', ...RUN, '--method', 'cpt-lora', '--plan', '--workers', '2');
    expect(text.stdout).toMatch(/tokens\/s measured \(\d+ ms a step\) on 2 threads/);
    const bad = await studio('--json', 'train', ...RUN, '--method', 'cpt-lora', '--plan', '--workers', '0');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error.message).toMatch(/workers must be at least 1/);
  }, 120_000);

  it('refuses bad plans before starting, naming what to change', async () => {
    const runsBefore = (JSON.parse((await studio('--json', 'runs', 'list')).stdout) as unknown[]).length;
    const refused = async (args: string[], pattern: RegExp) => {
      const r = await studio('--json', 'train', ...RUN, ...args);
      expect(r.code, r.stdout).toBe(1);
      expect(JSON.parse(r.stdout).error.message).toMatch(pattern);
    };
    await refused(['--method', 'cpt-full', '--lr', '0'], /learning rate must be greater than 0/);
    await refused(['--method', 'cpt-full', '--lr', '-0.1'], /learning rate must be greater than 0/);
    await refused(['--method', 'cpt-full', '--replay-ratio', '-1'], /replay_ratio/);
    await refused(['--method', 'cpt-full', '--batch', '1000'], /fewer than the batch of 1000: lower --batch or --seq-len/);
    await refused(['--method', 'cpt-full', '--seq-len', '128'], /longer than base model "bert" can read \(64 positions\)/);
    await refused(['--method', 'cpt-full', '--base', 'missing-model'], /No base model "missing-model"/);
    await refused(['--method', 'scratch'], /scratch makes its own model: leave out --base/);
    await refused(['--method', 'lora-task'], /lora-task needs a labelled file/);
    await refused(['--method', 'cpt-full', '--warmup', '12'], /warmup/);
    await refused(['--method', 'cpt-lora', '--lora-targets', 'query,dense'], /"cls\.predictions\.transform\.dense" lies inside "cls\.predictions"/);
    await refused(['--method', 'cpt-lora', '--lora-save', 'lm_head'], /modules_to_save \["lm_head"\] names no module/);
    const runs = JSON.parse((await studio('--json', 'runs', 'list')).stdout) as unknown[];
    expect(runs).toHaveLength(runsBefore); // nothing was recorded for the refused plans
  }, 120_000);

  it('fine-tunes lora-task on a labelled file: class balance, macro-F1 beside the majority baseline', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => JSON.stringify({ text: i % 3 === 0 ? `the wound healed well on day ${i}` : `the fracture got worse on day ${i}`, label: i % 3 === 0 ? 'better' : 'worse' }));
    const task = join(root, 'outcome.jsonl');
    writeFileSync(task, `${rows.join('\n')}\n`);
    const bad = join(root, 'bad.jsonl');
    writeFileSync(bad, `${rows.slice(0, 5).join('\n')}\n{"text": "no label here"}\n`);
    const base = ['--json', 'train', '--base', 'bert', '--method', 'lora-task', '--max-steps', '4', '--batch', '4', '--seq-len', '32', '--eval-every', '0'];
    const malformed = await studio(...base, '--task', bad);
    expect(malformed.code).toBe(1);
    expect(JSON.parse(malformed.stdout).error.message).toMatch(/line 6 .* has no label/);
    const unknown = await studio(...base, '--task', task, '--labels', 'better,same');
    expect(JSON.parse(unknown.stdout).error.message).toMatch(/label "worse", which is not one of the allowed labels/);

    const planned = await studio(...base, '--task', task, '--plan');
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout) as TrainPlan;
    expect(plan).toMatchObject({ refusal: null, task: { kind: 'sequence-classification', labels: ['better', 'worse'] } });

    const r = await studio(...base, '--task', task);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as TrainResult;
    expect(out.status).toBe('succeeded');
    expect(out.metrics.domain_perplexity).toBeNull();
    const t = out.metrics.task!;
    expect(t).toMatchObject({ kind: 'sequence-classification', labels: ['better', 'worse'], examples: { train: 36, validation: 4 } });
    expect(t.class_balance.train.better! + t.class_balance.train.worse!).toBe(36);
    expect(plan.task!.class_balance).toEqual(t.class_balance); // the plan reported the split the run used
    expect(t.majority_baseline.label).toBe('worse');
    expect(t.macro_f1).toBeGreaterThanOrEqual(0);
    expect(t.macro_f1).toBeLessThanOrEqual(1);
    const shown = JSON.parse((await studio('--json', 'runs', 'show', String(out.run))).stdout) as RunDetail;
    expect(shown.metrics.class_balance).toEqual(t.class_balance);
    expect(existsSync(join(shown.outputs.adapter!, 'adapter_config.json'))).toBe(true);
  }, 120_000);
});

describe('pause, resume and crash safety', () => {
  let core: Core;
  beforeAll(() => {
    core = openCore({ workspace, mode: 'cli' });
  });
  afterAll(async () => {
    await core.close();
  });

  /** Starts the reference settings and calls `at` once the run has passed `step`. */
  async function startAndAt(step: number, at: (run: number, job: number) => void | Promise<void>, request: Omit<typeof RUN_REQUEST, 'method'> & { method: 'cpt-full' | 'cpt-lora'; workers?: number } = RUN_REQUEST) {
    const { run, job } = await core.services['train.start'](request);
    let fired = false;
    const unsubscribe = core.supervisor.subscribe((frame) => {
      if (frame.event !== 'job.progress') return;
      const p = frame.payload as JobProgressEvent;
      if (fired || p.job_id !== job.id || (p.counters.step ?? 0) < step) return;
      fired = true;
      void at(run.id, job.id);
    });
    const finished = await core.supervisor.waitFor(job.id);
    unsubscribe();
    return { run: run.id, job: job.id, finished };
  }

  it('a paused run resumes from its checkpoint and ends exactly like the uninterrupted run', async () => {
    expect(reference).toBeDefined();
    const first = await startAndAt(4, async (run) => void (await core.services['runs.pause']({ run })));
    expect(first.finished.status).toBe('succeeded');
    expect(first.finished.result).toMatchObject({ status: 'paused' });
    const paused = await core.services['runs.show']({ run: first.run });
    expect(paused).toMatchObject({ status: 'paused', resumable: true });
    expect(paused.checkpoints.length).toBeGreaterThan(0);

    const { job } = await core.services['runs.resume']({ run: first.run });
    const done = await core.supervisor.waitFor(job.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    const result = done.result as TrainResult;
    expect(result.metrics.train_loss).toBe(reference.metrics.train_loss);
    expect(result.metrics.domain_perplexity).toEqual(reference.metrics.domain_perplexity);
    expect((await core.services['runs.show']({ run: first.run })).status).toBe('succeeded');
  }, 120_000);

  it('a paused cpt-lora run (the MLM head trained in full beside the adapter) resumes exactly: same loss, same adapter', async () => {
    const request = { ...RUN_REQUEST, method: 'cpt-lora' as const };
    const straight = await core.services['train.start'](request);
    const straightDone = await core.supervisor.waitFor(straight.job.id);
    expect(straightDone.status, JSON.stringify(straightDone.error)).toBe('succeeded');
    const first = await startAndAt(4, async (run) => void (await core.services['runs.pause']({ run })), request);
    expect(first.finished.result).toMatchObject({ status: 'paused' });
    const { job } = await core.services['runs.resume']({ run: first.run });
    const done = await core.supervisor.waitFor(job.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect((done.result as TrainResult).metrics.train_loss).toBe((straightDone.result as TrainResult).metrics.train_loss);
    const adapterOf = (run: number) => readFileSync(join(workspace, 'runs', String(run), 'adapter', 'adapter_model.safetensors'));
    expect(adapterOf(first.run).equals(adapterOf(straight.run.id))).toBe(true);
    expect(adapterOf(first.run).includes('base_model.model.cls.predictions.transform.dense.weight')).toBe(true);
  }, 120_000);

  it('a job killed with SIGKILL at a random step resumes to the same final loss', async () => {
    const killAt = 2 + Math.floor(Math.random() * 8); // steps 2..9 of 12
    const first = await startAndAt(killAt, (_run, job) => {
      const pid = core.db.sql.prepare('SELECT pid FROM jobs WHERE id = ?').pluck().get(job) as number;
      process.kill(pid, 'SIGKILL');
    });
    expect(first.finished.status, `killed at step ${killAt}`).toBe('failed');
    const interrupted = await core.services['runs.show']({ run: first.run });
    expect(interrupted).toMatchObject({ status: 'interrupted', resumable: true });

    const { job } = await core.services['runs.resume']({ run: first.run });
    const done = await core.supervisor.waitFor(job.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    const result = done.result as TrainResult;
    expect(result.metrics.train_loss, `killed at step ${killAt}`).toBe(reference.metrics.train_loss);
    expect(result.metrics.domain_perplexity).toEqual(reference.metrics.domain_perplexity);
    const shown = await core.services['runs.show']({ run: first.run });
    expect(shown.series.loss!.map(([s]) => s)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  }, 120_000);

  it('on 2 threads: recorded in the run, and killed with SIGKILL at a random step it resumes to the same final loss', async () => {
    const request = { ...RUN_REQUEST, workers: 2 };
    const straight = await core.services['train.start'](request);
    const uninterrupted = await core.supervisor.waitFor(straight.job.id);
    expect(uninterrupted.status, JSON.stringify(uninterrupted.error)).toBe('succeeded');
    const reference2 = uninterrupted.result as TrainResult;
    expect((await core.services['runs.show']({ run: straight.run.id })).config).toMatchObject({ workers: 2 });
    // The same batches split in two: the same run as on one thread up to float rounding.
    expect(Math.abs(reference2.metrics.train_loss! - reference.metrics.train_loss!) / reference.metrics.train_loss!).toBeLessThan(1e-3);

    const killAt = 2 + Math.floor(Math.random() * 8);
    const first = await startAndAt(killAt, (_run, job) => {
      const pid = core.db.sql.prepare('SELECT pid FROM jobs WHERE id = ?').pluck().get(job) as number;
      process.kill(pid, 'SIGKILL');
    }, request);
    expect(first.finished.status, `killed at step ${killAt}`).toBe('failed');
    const { job } = await core.services['runs.resume']({ run: first.run });
    const done = await core.supervisor.waitFor(job.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    const result = done.result as TrainResult;
    expect(result.metrics.train_loss, `killed at step ${killAt}`).toBe(reference2.metrics.train_loss);
    expect(result.metrics.domain_perplexity).toEqual(reference2.metrics.domain_perplexity);
  }, 180_000);

  it('pauses through the store alone (as `studio pause` from another process does), then cancels for good', async () => {
    // Another process cannot signal this process's job: it marks the run paused, and the job reads that between steps.
    const first = await startAndAt(2, (run) => void setRunStatus(core.db, run, 'paused'));
    expect(first.finished.result).toMatchObject({ status: 'paused' });
    expect(await core.services['runs.cancel']({ run: first.run })).toMatchObject({ status: 'cancelled', resumable: false });
    await expect(core.services['runs.resume']({ run: first.run })).rejects.toMatchObject({ code: 'conflict' });
  }, 120_000);
});
